import { describe, expect, it } from 'vitest';
import { buildAndAnalyze } from './build-and-analyze.ts';

const runOf = async (dockerfile: string, files: Record<string, string> = {}) =>
  (await buildAndAnalyze(dockerfile, files)).analysis.run;

describe('would the container start?', () => {
  it('starts a Python script whose imports are all in the image', async () => {
    const run = await runOf(
      'FROM python:3.9-alpine\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      { 'app.py': 'import json, os\nfrom pathlib import Path\nprint(json.dumps({}))\n' },
    );
    expect(run).toMatchObject({ starts: true, argv: ['python', 'app.py'], user: 'root', error: null });
  });

  it.each([
    [
      'no command',
      'FROM scratch\nCOPY a.txt /\n',
      { 'a.txt': 'a' },
      'run/no-command',
      'no command specified',
    ],
    [
      'a shell-form CMD without a shell',
      'FROM scratch\nCOPY a.txt /\nCMD echo hi\n',
      { 'a.txt': 'a' },
      'run/no-shell',
      'exec: "/bin/sh": stat /bin/sh: no such file or directory',
    ],
    [
      'a program not on PATH',
      'FROM alpine:3.22\nCMD ["python"]\n',
      {},
      'run/exec-not-found',
      'exec: "python": executable file not found in $PATH',
    ],
    [
      'a missing relative path',
      'FROM alpine:3.22\nWORKDIR /usr/app\nENTRYPOINT ["./app"]\n',
      {},
      'run/exec-not-found',
      'exec: "./app": stat ./app: no such file or directory',
    ],
    [
      'a file without x bits',
      'FROM alpine:3.22\nCOPY run.txt /run.txt\nENTRYPOINT ["/run.txt"]\n',
      { 'run.txt': 'x' },
      'run/permission-denied',
      'exec: "/run.txt": permission denied',
    ],
    [
      'a musl binary in scratch',
      'FROM scratch\nCOPY --from=alpine:3.22 /bin/busybox /busybox\nENTRYPOINT ["/busybox"]\n',
      {},
      'run/missing-dynamic-linker',
      'exec /busybox: no such file or directory',
    ],
    [
      'a user scratch has no passwd for',
      'FROM scratch\nCOPY --from=busybox /bin/busybox /sh\nUSER app\nENTRYPOINT ["/sh"]\n',
      {},
      'run/user-not-found',
      'unable to find user app: no matching entries in passwd file',
    ],
    [
      'a missing Python script',
      'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD [ "python", "./server.py" ]\n',
      { 'example.py': 'print(1)\n' },
      'run/file-not-found',
      "python: can't open file '/app/./server.py': [Errno 2] No such file or directory",
    ],
    [
      'an import that is not installed',
      'FROM python:3.9-alpine\nCOPY app.py /\nCMD ["python", "/app.py"]\n',
      { 'app.py': 'from flask import Flask\n' },
      'run/module-not-found',
      "ModuleNotFoundError: No module named 'flask'",
    ],
    [
      'a script whose interpreter is missing',
      'FROM alpine:3.22\nCOPY run.sh /\nENTRYPOINT ["/run.sh"]\n',
      { 'run.sh': '#!/bin/bash\necho hi\n' },
      'run/exec-not-found',
      'exec /run.sh: no such file or directory',
    ],
  ])('fails for %s, in Docker’s words', async (_case, dockerfile, files, code, message) => {
    const run = await runOf(dockerfile, files as Record<string, string>);
    expect(run).toMatchObject({ starts: false, error: { code, message } });
  });

  it('points the diagnostic at the CMD or ENTRYPOINT line', async () => {
    const { analysis } = await buildAndAnalyze('FROM alpine:3.22\nRUN true\nCMD ["nope"]\n');
    expect(analysis.diagnostics.find((d) => d.code === 'run/exec-not-found')?.range.start.line).toBe(3);
  });
});

describe("Python's search path: site.py, sys.executable and pyvenv.cfg", () => {
  const runOf = async (dockerfile: string, files: Record<string, string> = {}) =>
    (await buildAndAnalyze(dockerfile, files, true)).analysis.run;
  const base = 'FROM python:3.9-bookworm\nRUN pip install --no-cache-dir requests\n';

  it('follows the imports of a `python -c` string (run-python-system-missing-module)', async () => {
    const missing = await runOf(
      'FROM python:3.9-bookworm\nCMD ["python3", "-c", "import sys; import flask"]\n',
    );
    expect(missing?.error).toMatchObject({
      code: 'run/module-not-found',
      message: "ModuleNotFoundError: No module named 'flask'",
    });
    expect((await runOf(`${base}CMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(true);
  });

  it("a venv's python sees its own site-packages, not the system's", async () => {
    const venv = `${base}RUN python3 -m venv /opt/venv\n`;
    const isolated = await runOf(`${venv}CMD ["/opt/venv/bin/python", "-c", "import requests"]\n`);
    expect(isolated?.error).toMatchObject({ message: "ModuleNotFoundError: No module named 'requests'" });
    expect(isolated?.error?.hint).toContain('/opt/venv/lib/python3.9/site-packages');
    // its own pip is there, through PATH too (run-python-venv-path)
    const onPath = await runOf(`${venv}ENV PATH=/opt/venv/bin:$PATH\nCMD ["python", "-c", "import pip"]\n`);
    expect(onPath?.starts).toBe(true);
    // not on PATH: python3 is the system's, which has requests (run-python-venv-not-on-path)
    expect((await runOf(`${venv}CMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(true);
  });

  it('include-system-site-packages = true adds the system site (run-python-venv-system-site)', async () => {
    const run = await runOf(
      `${base}RUN python3 -m venv --system-site-packages /opt/venv\nCMD ["/opt/venv/bin/python", "-c", "import requests"]\n`,
    );
    expect(run?.starts).toBe(true);
  });

  it('the user site is off inside a venv and follows the running user’s home outside', async () => {
    const user = 'FROM python:3.9-bookworm\nRUN pip install --no-cache-dir --user requests\n';
    expect((await runOf(`${user}CMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(true);
    expect((await runOf(`${user}CMD ["python3", "-s", "-c", "import requests"]\n`))?.starts).toBe(false);
    expect((await runOf(`${user}USER nobody\nCMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(
      false,
    );
    const inVenv = await runOf(
      `${user}RUN python3 -m venv --system-site-packages /v1 && python3 -m venv /v2\nCMD ["/v2/bin/python", "-c", "import requests"]\n`,
    );
    expect(inVenv?.starts).toBe(false);
  });

  it('PYTHONPATH is searched, unless -E or -I', async () => {
    const target = 'FROM python:3.9-bookworm\nRUN pip install --no-cache-dir --target=/deps requests\n';
    expect((await runOf(`${target}CMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(false);
    const withPath = `${target}ENV PYTHONPATH=/deps\n`;
    expect((await runOf(`${withPath}CMD ["python3", "-c", "import requests"]\n`))?.starts).toBe(true);
    expect((await runOf(`${withPath}CMD ["python3", "-E", "-c", "import requests"]\n`))?.starts).toBe(false);
  });

  it('a venv copied into a fresh stage keeps its symlink to the interpreter', async () => {
    const run = await runOf(
      'FROM python:3.9-bookworm AS build\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir requests\n' +
        'FROM python:3.9-slim-bookworm\nCOPY --from=build /opt/venv /opt/venv\nCMD ["/opt/venv/bin/python", "-c", "import requests"]\n',
    );
    expect(run?.starts).toBe(true);
  });

  it('reads the imports of a script run through a Python shebang', async () => {
    const run = await runOf(
      'FROM python:3.9-bookworm\nRUN python3 -m venv /opt/venv\nCOPY --chmod=755 app.py /app.py\nCMD ["/app.py"]\n',
      { 'app.py': '#!/opt/venv/bin/python\nimport requests\n' },
    );
    expect(run?.error).toMatchObject({ message: "ModuleNotFoundError: No module named 'requests'" });
  });
});
