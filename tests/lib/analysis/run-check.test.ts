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
