/** pip and python -m venv against real images and the committed package data. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { build, node } from './shell-fixture.ts';

const SITE = '/usr/local/lib/python3.9/site-packages';

describe('pip install', () => {
  it('installs Flask and its dependencies into site-packages, with console scripts and the cache', async () => {
    const result = await build('FROM python:3.9\nRUN pip install flask==3.1.2\n');
    expect(result.ok).toBe(true);
    for (const module of ['flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker']) {
      expect(node(result, `${SITE}/${module}`), module).toMatchObject({ kind: 'dir' });
    }
    expect(node(result, '/usr/local/bin/flask')).toMatchObject({
      kind: 'file',
      exec: { kind: 'script', shebang: '/usr/local/bin/python3.9' },
    });
    expect(node(result, '/root/.cache/pip')).toMatchObject({ kind: 'dir' });
    expect(result.steps[0]?.narrative).toMatch(/pip installed \d+ packages/);
  });

  // pip's own quirk (its _handle_no_cache_dir): any value strtobool accepts turns the cache off, `no` too.
  it.each(['1', 'no', 'n', 'False', 'f', 'y', 't', 'off'])(
    'leaves no cache with PIP_NO_CACHE_DIR=%s',
    async (value) => {
      const result = await build(`FROM python:3.9\nENV PIP_NO_CACHE_DIR=${value}\nRUN pip install flask\n`);
      expect(node(result, '/root/.cache/pip')).toBeUndefined();
    },
  );

  it('leaves no cache with --no-cache-dir, and installs for the user with --user', async () => {
    const result = await build('FROM python:3.9\nRUN pip install --no-cache-dir --user flask\n');
    expect(node(result, '/root/.cache/pip')).toBeUndefined();
    expect(node(result, '/root/.local/lib/python3.9/site-packages/flask')).toMatchObject({ kind: 'dir' });
    expect(node(result, '/root/.local/bin/flask')).toMatchObject({ kind: 'file' });
    expect(node(result, `${SITE}/flask`)).toBeUndefined();
  });

  it('picks wheels for the stage’s C library: musllinux on Alpine, manylinux on Debian', async () => {
    const alpine = await build('FROM python:3.9-alpine\nRUN pip install markupsafe\n');
    const debian = await build('FROM python:3.9-slim\nRUN pip install markupsafe\n');
    const speedups = (result: BuildResult) => {
      const dir = node(result, `${SITE}/markupsafe`);
      const so = dir?.kind === 'dir' ? [...dir.children].find(([name]) => name.endsWith('.so')) : undefined;
      return so?.[1];
    };
    expect(speedups(alpine)).toMatchObject({ exec: { libc: 'musl' } });
    expect(speedups(debian)).toMatchObject({ exec: { libc: 'glibc' } });
  });

  it.each(['flask==2.3.2', 'requests==2.31.0', 'numpy==1.26.4', 'flask==3.0.3'])(
    'installs %s from its release history, with that release’s dependencies, files estimated',
    async (requirement) => {
      const result = await build(`FROM python:3.9\nRUN pip install ${requirement}\n`);
      expect(result.ok).toBe(true);
      const step = result.steps[0];
      expect(step?.status).toBe('done');
      expect(step?.certainty?.level).toBe('estimated');
      const [name, version] = requirement.split('==');
      expect(node(result, `${SITE}/${name}-${version}.dist-info/METADATA`)).toMatchObject({ kind: 'file' });
    },
  );

  it('installs Flask 2.3.2 with the Werkzeug its metadata asks for, and its flask script', async () => {
    const result = await build('FROM python:3.9\nRUN pip install flask==2.3.2\n');
    expect(node(result, '/usr/local/bin/flask')).toMatchObject({ kind: 'file' });
    // Flask 2.3.2 asks for Werkzeug>=2.3.3: pip takes the newest release for Python 3.9
    const site = node(result, SITE);
    const names = site?.kind === 'dir' ? [...site.children.keys()] : [];
    expect(names.some((n) => /^werkzeug-3\.\d+\.\d+\.dist-info$/.test(n))).toBe(true);
  });

  it('says a release outside its data is unknown, never pip’s "No matching distribution"', async () => {
    // requests' history here is incomplete below its newest release: 2.0.99 may not exist, but the data cannot say
    const result = await build('FROM python:3.9\nRUN pip install requests==2.0.99\n');
    expect(result.ok).toBe(true);
    const step = result.steps[0];
    expect(step?.status).toBe('not-simulated');
    expect(step?.certainty).toMatchObject({ level: 'unknown', gaps: [{ kind: 'no-data', line: 2 }] });
    expect(step?.narrative).toContain("requests==2.0.99: the simulator's data holds requests");
    expect(step?.narrative).not.toMatch(/No matching distribution|Could not find a version/);
  });

  // pip's factory.py (_report_single_requirement_conflict): the skipped releases, then the versions it saw
  it('refuses django==5.0 on Python 3.9 as pip does: Requires-Python >=3.10', async () => {
    const result = await build('FROM python:3.9\nRUN pip install django==5.0\n');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe('ERROR: No matching distribution found for django==5.0');
    const message = String(result.steps[0]?.narrative);
    expect(message).toMatch(
      /^ERROR: Ignored the following versions that require a different python version: (\S+ Requires-Python [^;]+; )*5\.0 Requires-Python >=3\.10; 5\.0\.1 Requires-Python >=3\.10;/,
    );
    expect(message).toContain(
      'ERROR: Could not find a version that satisfies the requirement django==5.0 (from versions: 2.2, 2.2.1,',
    );
    expect(message).toMatch(/4\.2\.\d+\)\nERROR: No matching distribution found for django==5\.0\n/);
    const ok = await build('FROM python:3.12-slim\nRUN pip install django==5.0\n');
    expect(ok.ok).toBe(true);
  });

  it('fails for a version no release has, listing every Flask release as pip does', async () => {
    const result = await build('FROM python:3.9\nRUN pip install flask==9.9\n');
    expect(result.ok).toBe(false);
    expect(result.steps[0]?.narrative).toMatch(
      /^ERROR: Could not find a version that satisfies the requirement flask==9\.9 \(from versions: 0\.1, 0\.2, 0\.3, 0\.3\.1, .*, 3\.1\.2, 3\.1\.3\)\nERROR: No matching distribution found for flask==9\.9\n/,
    );
  });

  // pip's factory.py (get_installation_error): two pins that exclude each other
  it('fails with ResolutionImpossible for pins that exclude each other', async () => {
    const result = await build('FROM python:3.9\nRUN pip install flask==3.0.3 Werkzeug==2.3.8\n');
    expect(result.ok).toBe(false);
    expect(
      result.steps[0]?.narrative?.startsWith(
        [
          'ERROR: Cannot install Werkzeug==2.3.8 and flask==3.0.3 because these package versions have conflicting dependencies.',
          '',
          'The conflict is caused by:',
          '    The user requested Werkzeug==2.3.8',
          '    flask 3.0.3 depends on Werkzeug>=3.0.0',
          '',
          'To fix this you could try to:',
          "1. loosen the range of package versions you've specified",
          '2. remove package versions to allow pip to attempt to solve the dependency conflict',
          '',
          'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts\n',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it('fails in pip’s words for a project PyPI does not have', async () => {
    const result = await build('FROM python:3.9\nRUN pip install flask-doesnotexist-7f3a9c\n');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({
      code: 'build/command-failed',
      message: 'ERROR: No matching distribution found for flask-doesnotexist-7f3a9c',
      certainty: { level: 'known' },
    });
  });

  it('installs no placeholder for a real project outside its data, and says it is unknown', async () => {
    // awscli is among PyPI's most downloaded projects, but none of the records has its releases
    const result = await build('FROM python:3.9\nRUN pip install awscli\n');
    expect(result.ok).toBe(true);
    const step = result.steps[0];
    expect(step?.status).toBe('not-simulated');
    expect(step?.sizeDelta).toBe(0);
    expect(step?.narrative).toContain('awscli is a project on PyPI, but the simulator has no data for it');
  });

  it('is not there to run in an image without Python', async () => {
    expect((await build('FROM alpine:3.22\nRUN pip install flask\n')).error).toMatchObject({
      code: 'build/command-not-found',
      message: '/bin/sh: pip: not found',
    });
  });

  it('python -m venv makes an environment whose pip installs into it', async () => {
    const result = await build(
      'FROM python:3.9-slim\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir flask\nENV PATH=/opt/venv/bin:$PATH\n',
    );
    expect(result.ok).toBe(true);
    expect(node(result, '/opt/venv/pyvenv.cfg')).toMatchObject({ kind: 'file' });
    expect(node(result, '/opt/venv/lib/python3.9/site-packages/flask')).toMatchObject({ kind: 'dir' });
    expect(node(result, `${SITE}/flask`)).toBeUndefined();
  });
});

describe('what pip installed, at run time', () => {
  const app = {
    'requirements.txt': 'flask==3.1.2\n',
    'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
  };

  it('a glibc MarkupSafe copied into Alpine still imports: its speedups are optional', async () => {
    const result = await build(
      'FROM python:3.9 AS builder\nCOPY requirements.txt .\nRUN pip install --user -r requirements.txt\nFROM python:3.9-alpine\nCOPY --from=builder /root/.local /root/.local\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      app,
    );
    const run = analyze(result).run;
    expect(run).toMatchObject({ starts: true });
    expect(run?.notes.join(' ')).toMatch(/markupsafe's compiled speedups .* falls back to pure Python/);
  });

  it('a glibc numpy copied into Alpine cannot load', async () => {
    const result = await build(
      'FROM python:3.9 AS builder\nRUN pip install --user numpy\nFROM python:3.9-alpine\nCOPY --from=builder /root/.local /root/.local\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      { 'app.py': 'import numpy\n' },
    );
    expect(analyze(result).run).toMatchObject({ starts: false, error: { code: 'run/native-incompatible' } });
  });
});

describe('pip wheel, local wheels, constraints and hashes', () => {
  it('pip wheel -w /wheels, then pip install /wheels/* in another stage: the same releases', async () => {
    const result = await build(
      'FROM python:3.9 AS build\nRUN pip wheel -w /wheels flask==3.1.2\nFROM python:3.9-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n',
    );
    expect(result.ok).toBe(true);
    expect(node(result, '/wheels/flask-3.1.2-py3-none-any.whl')).toMatchObject({
      kind: 'file',
      size: 103_300,
    });
    expect(node(result, `${SITE}/flask-3.1.2.dist-info`)).toMatchObject({ kind: 'dir' });
    expect(node(result, '/usr/local/bin/flask')).toMatchObject({ kind: 'file' });
  });

  it('--no-index --find-links sees only the folder’s wheels, and fails as pip does for the rest', async () => {
    const ok = await build(
      'FROM python:3.9\nRUN pip wheel -w /wheels flask==3.1.2\nRUN pip install --no-index --find-links /wheels flask\n',
    );
    expect(ok.ok).toBe(true);
    const missing = await build(
      'FROM python:3.9\nRUN pip wheel -w /wheels flask==3.1.2\nRUN pip install --no-index --find-links=/wheels gunicorn\n',
    );
    expect(missing.error?.message).toBe('ERROR: No matching distribution found for gunicorn');
    expect(missing.steps.at(-1)?.narrative).toMatch(
      /^ERROR: Could not find a version that satisfies the requirement gunicorn \(from versions: none\)\n/,
    );
  });

  it('-c constraints.txt holds a dependency to the constrained release', async () => {
    const result = await build(
      'FROM python:3.9\nCOPY constraints.txt .\nRUN pip install -c constraints.txt flask==3.1.2\n',
      { 'constraints.txt': 'werkzeug==3.1.3\n' },
    );
    expect(result.ok).toBe(true);
    expect(node(result, `${SITE}/werkzeug-3.1.3.dist-info`)).toMatchObject({ kind: 'dir' });
  });

  // pip's HashUnpinned (exceptions/hashes.py), with the requirement as str(InstallRequirement) prints it
  it('--require-hashes refuses a requirement not pinned with ==', async () => {
    const result = await build(
      'FROM python:3.9\nCOPY requirements.txt .\nRUN pip install --require-hashes -r requirements.txt\n',
      { 'requirements.txt': 'flask>=3 \\\n    --hash=sha256:0000\n' },
    );
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)?.narrative).toMatch(
      /^ERROR: In --require-hashes mode, all requirements must have their versions pinned with ==\. These do not:\n {4}flask>=3 \(from -r requirements\.txt \(line 1\)\)\n/,
    );
  });

  it('hash lines in a requirements file: dependencies without a hash stop pip, said in the simulator’s words', async () => {
    const result = await build(
      'FROM python:3.9\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      { 'requirements.txt': 'flask==3.1.2 \\\n    --hash=sha256:0000\n' },
    );
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/^pip --require-hashes: .*werkzeug==3\.1\.9.* no --hash/);
  });
});

describe('console scripts of projects beyond the measured ones', () => {
  it.each([
    ['flake8', '/usr/local/bin/flake8'],
    ['gunicorn', '/usr/local/bin/gunicorn'],
  ])('pip install %s puts its script on PATH', async (project, script) => {
    const result = await build(`FROM python:3.12-slim\nRUN pip install ${project}\n`);
    expect(result.ok).toBe(true);
    expect(node(result, script)).toMatchObject({ kind: 'file', exec: { kind: 'script' } });
  });
});
