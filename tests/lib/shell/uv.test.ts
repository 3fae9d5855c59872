/**
 * uv against the catalog's images and pip's data: messages and layouts from uv 0.12.5's source and
 * test snapshots (crates/uv/tests, crates/uv-virtualenv), cited per test.
 */
import { describe, expect, it } from 'vitest';
import { build, node, text } from './shell-fixture.ts';
import { PYPROJECT, UV_LOCK } from './uv-fixture.ts';

const UV = 'COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n';
const PY312 = `FROM python:3.12-slim\n${UV}`;
const PY39 = `FROM python:3.9-slim\n${UV}`;
const PROJECT = { 'pyproject.toml': PYPROJECT, 'uv.lock': UV_LOCK };

describe('uv venv', () => {
  it('writes pyvenv.cfg with uv’s keys, python links to the image’s interpreter, and no pip', async () => {
    const result = await build(`${PY312}WORKDIR /app\nRUN uv venv\n`);
    expect(result.ok).toBe(true);
    // virtualenv.rs: home, implementation, uv, version_info, include-system-site-packages; no prompt without --prompt
    expect(text(result, '/app/.venv/pyvenv.cfg')).toMatch(
      /^home = \/usr\/local\/bin\nimplementation = CPython\nuv = 0\.12\.5\nversion_info = 3\.12\.\d+\ninclude-system-site-packages = false\n$/,
    );
    // discovery.rs: `python` before `python3` in each PATH folder
    expect(node(result, '/app/.venv/bin/python')).toMatchObject({
      kind: 'symlink',
      target: '/usr/local/bin/python',
    });
    expect(node(result, '/app/.venv/bin/python3')).toMatchObject({ kind: 'symlink', target: 'python' });
    expect(node(result, '/app/.venv/bin/python3.12')).toMatchObject({ kind: 'symlink', target: 'python' });
    expect(node(result, '/app/.venv/lib64')).toMatchObject({ kind: 'symlink', target: 'lib' });
    expect(text(result, '/app/.venv/.gitignore')).toBe('*');
    expect(node(result, '/app/.venv/bin/activate')).toMatchObject({ kind: 'file' });
    expect(node(result, '/app/.venv/bin/pip')).toBeUndefined();
    const site = node(result, '/app/.venv/lib/python3.12/site-packages');
    expect(site?.kind === 'dir' ? [...site.children.keys()].sort() : []).toEqual([
      '_virtualenv.pth',
      '_virtualenv.py',
    ]);
  });

  it('creates UV_PROJECT_ENVIRONMENT in a project, and a named folder with --prompt', async () => {
    const env = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml .\nENV UV_PROJECT_ENVIRONMENT=/opt/venv\nRUN uv venv\n`,
      PROJECT,
    );
    expect(node(env, '/opt/venv/pyvenv.cfg')).toMatchObject({ kind: 'file' });
    expect(node(env, '/app/.venv')).toBeUndefined();
    const named = await build(`${PY312}RUN uv venv --prompt app /srv/env\n`);
    expect(text(named, '/srv/env/pyvenv.cfg')).toContain('prompt = app\n');
  });

  it('refuses an existing venv without --clear, as uv does with no terminal to ask on (virtualenv.rs)', async () => {
    const again = await build(`${PY312}WORKDIR /app\nRUN uv venv\nRUN uv venv\n`);
    expect(again.error?.message).toBe('error: A virtual environment already exists at: .venv');
    expect(again.steps.at(-1)?.narrative).toContain(
      'hint: Use the `--clear` flag or set `UV_VENV_CLEAR=1` to replace the existing virtual environment',
    );
    expect((await build(`${PY312}WORKDIR /app\nRUN uv venv\nRUN uv venv --clear\n`)).ok).toBe(true);
    // an empty folder (WORKDIR made it) is used as it is
    expect((await build(`${PY312}WORKDIR /opt/venv\nRUN uv venv /opt/venv\n`)).ok).toBe(true);
  });

  it('fails in uv’s words when the image has no Python and downloads are off', async () => {
    const result = await build(
      `FROM debian:bookworm-slim\n${UV}ENV UV_PYTHON_DOWNLOADS=never\nRUN uv venv\n`,
    );
    expect(result.ok).toBe(false);
    // venv.rs: EnvironmentPreference::OnlySystem; discovery.rs: sources of the default preference
    expect(result.error?.message).toBe('error: No interpreter found in managed installations or search path');
  });

  it('says a managed-Python download is not simulated, rather than inventing one', async () => {
    const result = await build(`FROM debian:bookworm-slim\n${UV}RUN uv venv\n`);
    expect(result.ok).toBe(true);
    expect(result.steps.at(-1)?.status).toBe('not-simulated');
    expect(result.steps.at(-1)?.narrative).toContain('uv would download a managed CPython');
  });
});

describe('uv pip install', () => {
  it('refuses without a venv or --system, in uv’s words (pip_sync.rs)', async () => {
    const result = await build(`${PY39}RUN uv pip install flask\n`);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe(
      'error: No virtual environment found; run `uv venv` to create an environment, or pass `--system` to install into a non-virtual environment',
    );
  });

  it('installs into the active venv (VIRTUAL_ENV), without .pyc files, with the cache as hard links', async () => {
    const result = await build(
      `${PY39}RUN uv venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv\nRUN uv pip install flask==3.1.2\n`,
    );
    expect(result.ok).toBe(true);
    const site = '/opt/venv/lib/python3.9/site-packages';
    expect(node(result, `${site}/flask/app.py`)).toMatchObject({ kind: 'file' });
    expect(node(result, `${site}/flask/__pycache__`)).toBeUndefined();
    expect(node(result, '/opt/venv/bin/flask')).toMatchObject({ kind: 'file', exec: { kind: 'script' } });
    expect(node(result, '/root/.cache/uv/CACHEDIR.TAG')).toMatchObject({ kind: 'file', size: 43 });
    expect(node(result, '/root/.cache/uv/archive-v0/flask/flask/app.py')).toMatchObject({
      kind: 'hardlink',
      target: `${site}/flask/app.py`,
    });
    // the cache's hard links add no bytes: the step is the installed files' size
    const step = result.steps.at(-1);
    const noCache = await build(
      `${PY39}RUN uv venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv\nRUN uv pip install --no-cache flask==3.1.2\n`,
    );
    expect(node(noCache, '/root/.cache/uv')).toBeUndefined();
    expect(Math.abs((step?.sizeDelta ?? 0) - (noCache.steps.at(-1)?.sizeDelta ?? 0))).toBeLessThan(200);
  });

  it('finds .venv in the working directory without VIRTUAL_ENV, and a venv named by --python', async () => {
    const here = await build(`${PY39}WORKDIR /app\nRUN uv venv && uv pip install requests==2.32.3\n`);
    expect(node(here, '/app/.venv/lib/python3.9/site-packages/requests')).toMatchObject({ kind: 'dir' });
    const named = await build(
      `${PY39}RUN uv venv /opt/v && uv pip install --python /opt/v/bin/python requests==2.32.3\n`,
    );
    expect(node(named, '/opt/v/lib/python3.9/site-packages/requests')).toMatchObject({ kind: 'dir' });
    expect(node(named, '/usr/local/lib/python3.9/site-packages/requests')).toBeUndefined();
  });

  it('refuses Debian’s externally managed python3 with --system, unless --break-system-packages', async () => {
    const debian = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\n';
    const refused = await build(`${debian}${UV}RUN uv pip install --system requests==2.32.3\n`);
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toBe(
      'error: The interpreter at /usr is externally managed, and indicates the following:',
    );
    expect(refused.steps.at(-1)?.narrative).toContain(
      'hint: Virtual environments were not considered due to the `--system` flag',
    );
    const broken = await build(
      `${debian}${UV}RUN uv pip install --system --break-system-packages requests==2.32.3\n`,
    );
    expect(node(broken, '/usr/local/lib/python3.11/dist-packages/requests')).toMatchObject({ kind: 'dir' });
  });

  it('compiles bytecode with UV_COMPILE_BYTECODE=1', async () => {
    const result = await build(
      `${PY39}ENV UV_COMPILE_BYTECODE=1 UV_NO_CACHE=1\nRUN uv pip install --system flask==3.1.2\n`,
    );
    expect(
      node(result, '/usr/local/lib/python3.9/site-packages/flask/__pycache__/app.cpython-39.pyc'),
    ).toMatchObject({
      kind: 'file',
    });
    expect(node(result, '/root/.cache/uv')).toBeUndefined();
  });

  it('installs into the system with --system, a folder with --target, reading -r files', async () => {
    const system = await build(
      `${PY39}COPY requirements.txt .\nRUN uv pip install --system -r requirements.txt\n`,
      {
        'requirements.txt': 'requests==2.32.3\n',
      },
    );
    expect(node(system, '/usr/local/lib/python3.9/site-packages/requests')).toMatchObject({ kind: 'dir' });
    const target = await build(`${PY39}RUN uv pip install --target /deps requests\n`);
    expect(node(target, '/deps/requests')).toMatchObject({ kind: 'dir' });
    expect(node(target, '/usr/local/lib/python3.9/site-packages/requests')).toBeUndefined();
  });

  it('fails as uv does for a project PyPI does not have, and says unknown for one outside the data', async () => {
    const absent = await build(`${PY39}RUN uv pip install --system flask-doesnotexist-7f3a9c\n`);
    expect(absent.error?.message).toContain(
      'Because flask-doesnotexist-7f3a9c was not found in the package registry and you require flask-doesnotexist-7f3a9c, we can conclude that your requirements are unsatisfiable.',
    );
    // awscli is on PyPI (its list of names) but outside the release data
    const outside = await build(`${PY39}RUN uv pip install --system awscli==1.40.0\n`);
    expect(outside.ok).toBe(true);
    expect(outside.steps.at(-1)?.status).toBe('not-simulated');
    expect(outside.steps.at(-1)?.narrative).toContain('the simulator has no data for this project');
    expect(outside.steps.at(-1)?.narrative).not.toMatch(
      /No solution found|not found in the package registry/,
    );
  });

  it('warns that it cannot hard link from a cache mount, unless UV_LINK_MODE=copy; the mount leaves nothing', async () => {
    const mount = 'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system flask==3.1.2\n';
    const warned = await build(`${PY39}${mount}`);
    expect(warned.ok).toBe(true);
    expect(warned.steps.at(-1)?.narrative).toContain(
      'could not hard link from the cache mount /root/.cache/uv',
    );
    expect(node(warned, '/root/.cache/uv/archive-v0')).toBeUndefined();
    const copied = await build(`${PY39}ENV UV_LINK_MODE=copy\n${mount}`);
    expect(copied.steps.at(-1)?.narrative).not.toContain('hard link from the cache mount');
  });
});

describe('uv sync', () => {
  it('fails in uv’s words without uv.lock under --frozen or --locked (project/mod.rs)', async () => {
    for (const flag of ['--frozen', '--locked']) {
      const result = await build(
        `${PY312}WORKDIR /app\nCOPY pyproject.toml .\nRUN uv sync ${flag}\n`,
        PROJECT,
      );
      expect(result.error?.message).toBe(
        `error: Unable to find lockfile at \`uv.lock\`, but \`${flag}\` was provided. To create a lockfile, run \`uv lock\` or \`uv sync\` without the flag.`,
      );
    }
  });

  it('asks for a Python the project allows: fails on python:3.9 for >=3.12 with downloads off (lock.rs)', async () => {
    const dockerfile = `${PY39}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-python-downloads\n`;
    const result = await build(dockerfile, PROJECT);
    expect(result.error?.message).toBe(
      'error: No interpreter found for Python >=3.12 in managed installations or search path',
    );
    expect(result.steps.at(-1)?.narrative).toContain(
      "hint: A managed Python download is available for Python >=3.12, but Python downloads are set to 'never'",
    );
    const download = await build(dockerfile.replace(' --no-python-downloads', ''), PROJECT);
    expect(download.steps.at(-1)?.status).toBe('not-simulated');
    expect(download.steps.at(-1)?.narrative).toContain(
      'uv would download a managed CPython for Python >=3.12',
    );
  });

  it('fails without pyproject.toml (workspace.rs)', async () => {
    const result = await build(`${PY312}WORKDIR /app\nRUN uv sync --frozen\n`);
    expect(result.error?.message).toBe(
      'error: No `pyproject.toml` found in current directory or any parent directory',
    );
  });

  it('with --locked, fails when pyproject.toml no longer matches the lock', async () => {
    const changed = PYPROJECT.replace('"flask>=3.1",', '"flask>=3.1",\n    "requests",');
    const result = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked\n`,
      {
        ...PROJECT,
        'pyproject.toml': changed,
      },
    );
    expect(result.error?.message).toBe(
      'error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.',
    );
    const same = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n`,
      PROJECT,
    );
    expect(same.ok).toBe(true);
  });

  it('installs what uv.lock says into .venv: known files from pip’s data, estimates from the wheel sizes', async () => {
    const result = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n`,
      PROJECT,
    );
    expect(result.ok).toBe(true);
    const site = '/app/.venv/lib/python3.12/site-packages';
    expect(text(result, '/app/.venv/pyvenv.cfg')).toContain('prompt = hello\n');
    // flask 3.1.2 is in pip's data: its real file layout
    expect(node(result, `${site}/flask/app.py`)).toMatchObject({ kind: 'file' });
    // jinja2 3.1.4 is not: one file sized from its wheel (133,271 B × 3.27)
    expect(node(result, `${site}/jinja2/__init__.py`)).toMatchObject({ size: Math.round(133271 * 3.27) });
    expect(node(result, `${site}/markupsafe/__init__.py`)).toMatchObject({ size: Math.round(23118 * 3.27) });
    // colorama is only for Windows; pytest is in the dev group
    expect(node(result, `${site}/colorama`)).toBeUndefined();
    expect(node(result, `${site}/pytest`)).toBeUndefined();
    const step = result.steps.at(-1);
    expect(step?.certainty.level).toBe('estimated');
    expect(step?.narrative).toContain('jinja2 3.1.4, markupsafe 3.0.2: not in pip');
  });

  it('with the dev group, says pytest’s size is unknown (its wheel has no size in the lock)', async () => {
    const result = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\n`,
      PROJECT,
    );
    expect(result.steps.at(-1)?.status).toBe('not-simulated');
    expect(result.steps.at(-1)?.narrative).toContain('pytest 8.3.4: uv.lock gives no size');
  });

  it('uv run syncs, then runs the command with the project environment first on PATH', async () => {
    const result = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv run --frozen --no-dev which python > /where.txt\n`,
      PROJECT,
    );
    expect(result.ok).toBe(true);
    expect(text(result, '/where.txt')).toBe('/app/.venv/bin/python\n');
    expect(node(result, '/app/.venv/lib/python3.12/site-packages/flask')).toMatchObject({ kind: 'dir' });
  });

  it('syncs into UV_PROJECT_ENVIRONMENT: a new venv at /opt/venv, or the image’s own /usr/local', async () => {
    const steps = `WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n`;
    const venv = await build(`${PY312}ENV UV_PROJECT_ENVIRONMENT=/opt/venv\n${steps}`, PROJECT);
    expect(node(venv, '/opt/venv/lib/python3.12/site-packages/flask')).toMatchObject({ kind: 'dir' });
    expect(node(venv, '/app/.venv')).toBeUndefined();
    const system = await build(`${PY312}ENV UV_PROJECT_ENVIRONMENT=/usr/local\n${steps}`, PROJECT);
    expect(node(system, '/usr/local/lib/python3.12/site-packages/flask')).toMatchObject({ kind: 'dir' });
    expect(node(system, '/usr/local/pyvenv.cfg')).toBeUndefined();
  });

  it('uv export writes the lock as a requirements file that uv pip install --system reads', async () => {
    const result = await build(
      `${PY312}WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv export --frozen --no-dev --no-hashes -o /tmp/requirements.txt && uv pip install --system --no-cache -r /tmp/requirements.txt\n`,
      PROJECT,
    );
    expect(result.ok).toBe(true);
    const exported = text(result, '/tmp/requirements.txt') ?? '';
    expect(exported.split('\n').slice(0, 2)).toEqual([
      '# This file was autogenerated by uv via the following command:',
      '#    uv export --frozen --no-dev --no-hashes -o /tmp/requirements.txt',
    ]);
    expect(exported).toContain('flask==3.1.2\n');
    expect(exported).not.toMatch(/pytest|colorama|hello/);
    expect(node(result, '/usr/local/lib/python3.12/site-packages/flask')).toMatchObject({ kind: 'dir' });
  });
});

describe('uv pip install of what the simulator does not follow', () => {
  it('says a local project, a wheel file or -e is not simulated, never a parse error', async () => {
    for (const what of ['.', '-e .', 'dist/app-1.0-py3-none-any.whl']) {
      const result = await build(`${PY39}WORKDIR /app\nRUN uv pip install --system ${what}\n`);
      expect(result.ok, what).toBe(true);
      expect(result.steps.at(-1)?.status, what).toBe('not-simulated');
      expect(result.steps.at(-1)?.narrative, what).toContain('is not simulated');
    }
  });

  it('reads -r pyproject.toml as its [project].dependencies', async () => {
    const result = await build(
      `${PY39}COPY pyproject.toml .\nRUN uv pip install --system -r pyproject.toml\n`,
      {
        'pyproject.toml': '[project]\nname = "x"\nversion = "1"\ndependencies = ["requests==2.32.3"]\n',
      },
    );
    expect(node(result, '/usr/local/lib/python3.9/site-packages/requests')).toMatchObject({ kind: 'dir' });
  });

  it('takes global options before the subcommand: uv --no-cache pip install, uv --directory /app sync', async () => {
    const noCache = await build(`${PY39}RUN uv --no-cache pip install --system requests==2.32.3\n`);
    expect(node(noCache, '/usr/local/lib/python3.9/site-packages/requests')).toMatchObject({ kind: 'dir' });
    expect(node(noCache, '/root/.cache/uv')).toBeUndefined();
    const elsewhere = await build(
      `${PY312}COPY pyproject.toml uv.lock /app/\nRUN uv --directory /app sync --frozen --no-dev\n`,
      PROJECT,
    );
    expect(node(elsewhere, '/app/.venv/lib/python3.12/site-packages/flask')).toMatchObject({ kind: 'dir' });
  });
});
