/**
 * Course-style uv Dockerfiles: a uv builder stage, a slim runtime that gets the venv by COPY --from.
 * The run check holds a uv venv to the same Python rules as any venv: bin/python's link must
 * resolve in the runtime image, and pyvenv.cfg decides the search path.
 */
import { describe, expect, it } from 'vitest';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { PYPROJECT, UV_LOCK } from '../shell/uv-fixture.ts';
import { buildAndAnalyze } from './build-and-analyze.ts';

const APP = 'import flask\n\napp = flask.Flask(__name__)\n';
const FILES = { 'pyproject.toml': PYPROJECT, 'uv.lock': UV_LOCK, 'app.py': APP };

/** The pattern of uv's Docker guide: dependencies first from the lock through bind mounts, then the project. */
const LOCKED_BUILDER = `FROM python:3.12-slim AS builder
COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    --mount=type=bind,source=uv.lock,target=uv.lock \\
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\
    uv sync --frozen --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
`;

describe('uv builder → slim runtime', () => {
  it('a venv from uv sync, copied into python:3.12-slim and used through PATH, starts', async () => {
    const { result, analysis } = await buildAndAnalyze(
      `${LOCKED_BUILDER}\nFROM python:3.12-slim\nCOPY --from=builder /app /app\nENV PATH="/app/.venv/bin:$PATH"\nWORKDIR /app\nCMD ["python", "app.py"]\n`,
      FILES,
      true,
    );
    expect(result.ok).toBe(true);
    expect(analysis.run).toMatchObject({ starts: true, error: null });
    const syncs = result.steps.filter((step) => /uv sync/.test(step.narrative ?? ''));
    expect(syncs).toHaveLength(2);
    // the cache mount and UV_LINK_MODE=copy: no cache in the layer, no warning
    expect(syncs.some((step) => /hard link from the cache mount/.test(step.narrative ?? ''))).toBe(false);
    // the second sync finds the dependencies installed and the project virtual: it adds nothing
    expect(syncs[1]?.sizeDelta).toBe(0);
    expect(syncs[0]?.narrative).toContain('.pyc files');
  });

  it('a venv from uv venv + uv pip install, run by its own python in the runtime, starts', async () => {
    const { analysis } = await buildAndAnalyze(
      `FROM python:3.9-slim AS builder
COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv
RUN uv venv /opt/venv
COPY requirements.txt .
RUN VIRTUAL_ENV=/opt/venv uv pip install --no-cache -r requirements.txt

FROM python:3.9-slim
COPY --from=builder /opt/venv /opt/venv
CMD ["/opt/venv/bin/python", "-c", "import requests"]
`,
      { 'requirements.txt': 'requests==2.32.3\n' },
      true,
    );
    expect(analysis.run).toMatchObject({ starts: true, error: null });
  });

  it('the venv does not start where its python link does not resolve (a runtime without /usr/local/bin/python)', async () => {
    const { analysis } = await buildAndAnalyze(
      `${LOCKED_BUILDER}\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nENV PATH="/app/.venv/bin:$PATH"\nWORKDIR /app\nCMD ["python", "app.py"]\n`,
      FILES,
      true,
    );
    // bin/python links to /usr/local/bin/python, which Debian's image lacks: a dangling link is not found on PATH
    expect(analysis.run?.error).toMatchObject({
      code: 'run/exec-not-found',
      message: 'exec: "python": executable file not found in $PATH',
    });
  });

  it('a module the lock does not hold is missing at run time', async () => {
    const { analysis } = await buildAndAnalyze(
      `${LOCKED_BUILDER}\nFROM python:3.12-slim\nCOPY --from=builder /app /app\nENV PATH="/app/.venv/bin:$PATH"\nWORKDIR /app\nCMD ["python", "-c", "import requests"]\n`,
      FILES,
      true,
    );
    expect(analysis.run?.error).toMatchObject({ message: "ModuleNotFoundError: No module named 'requests'" });
    expect(analysis.run?.error?.hint).toContain('/app/.venv/lib/python3.12/site-packages');
  });

  it('a packaged project (editable in uv.lock) gets its console script, which the runtime finds on PATH', async () => {
    const pyproject = PYPROJECT.replace(
      '[dependency-groups]',
      '[project.scripts]\nhello = "hello.main:run"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[dependency-groups]',
    );
    const files = {
      'pyproject.toml': pyproject,
      'uv.lock': UV_LOCK.replace('source = { virtual = "." }', 'source = { editable = "." }'),
      'src/hello/__init__.py': '',
      'src/hello/main.py': 'import flask\n\ndef run():\n    pass\n',
    };
    const { result, analysis } = await buildAndAnalyze(
      `FROM python:3.12-slim-bookworm AS builder
WORKDIR /app
COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
COPY pyproject.toml uv.lock /app/
COPY src /app/src
RUN uv sync --frozen --no-dev

FROM python:3.12-slim-bookworm
WORKDIR /app
ENV PATH="/app/.venv/bin:$PATH"
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/src /app/src
CMD ["hello"]
`,
      files,
      true,
    );
    expect(result.ok).toBe(true);
    expect(analysis.run).toMatchObject({ starts: true, argv: ['hello'] });
    const tree = result.stages.at(-1)?.tree;
    const launcher = tree ? lstat(tree, '/app/.venv/bin/hello') : undefined;
    expect(launcher).toMatchObject({
      kind: 'file',
      exec: { kind: 'script', shebang: '/app/.venv/bin/python' },
    });
    expect(
      tree ? lstat(tree, '/app/.venv/lib/python3.12/site-packages/_hello.pth') : undefined,
    ).toMatchObject({
      kind: 'file',
    });
  });
});
