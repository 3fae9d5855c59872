import { describe, expect, it } from 'vitest';
import { type PipTarget, parseRequirement, parseRequirementLine } from '../../../src/lib/packages/pip.ts';
import { consoleScriptSize } from '../../../src/lib/packages/pip-script.ts';
import { committedPackages, reads } from './packages-fixture.ts';

const glibc: PipTarget = { python: '3.9.25', libc: 'glibc', libcVersion: '2.41' };
const musl: PipTarget = { python: '3.9.25', libc: 'musl', libcVersion: '1.2.5' };

const req = (text: string) => {
  const r = parseRequirement(text);
  if (!r) throw new Error(`bad requirement ${text}`);
  return r;
};

async function closure(text: string, target = glibc) {
  const pip = await committedPackages().pip();
  return pip.resolve([req(text)], target).install.map((r) => `${r.name}==${r.version}`);
}

describe('requirements', () => {
  it('parses names, extras, specifiers and markers', () => {
    expect(parseRequirement('Flask==3.1.2')).toEqual({
      name: 'flask',
      specifier: '==3.1.2',
      extras: [],
      text: 'Flask==3.1.2',
    });
    // packaging's str(Requirement), which pip's messages print: specifiers sorted as strings
    expect(parseRequirement('Flask>=2,<3')?.text).toBe('Flask<3,>=2');
    expect(parseRequirement('uvicorn[standard] >= 0.30')).toMatchObject({
      name: 'uvicorn',
      extras: ['standard'],
      specifier: '>=0.30',
    });
    expect(parseRequirement('importlib_metadata; python_version < "3.10"')).toMatchObject({
      name: 'importlib-metadata',
      marker: 'python_version < "3.10"',
    });
  });

  it('reads requirements-file lines: comments, options, blanks', () => {
    expect(parseRequirementLine('flask==3.1.2  # the web framework')).toMatchObject({ kind: 'requirement' });
    expect(parseRequirementLine('-r base.txt')).toEqual({ kind: 'option', option: '-r', value: 'base.txt' });
    expect(parseRequirementLine('   # nothing')).toEqual({ kind: 'empty' });
    expect(parseRequirementLine('flask===')).toMatchObject({ kind: 'invalid' });
  });
});

describe('resolution', () => {
  it("installs Flask 3.1.2's closure for Python 3.9, dependencies first", async () => {
    const names = await closure('flask==3.1.2');
    expect(names.at(-1)).toBe('flask==3.1.2');
    expect(new Set(names.map((n) => n.split('==')[0]))).toEqual(
      new Set([
        'flask',
        'werkzeug',
        'jinja2',
        'markupsafe',
        'itsdangerous',
        'click',
        'blinker',
        'importlib-metadata',
        'zipp',
      ]),
    );
    const at = (name: string) => names.findIndex((n) => n.startsWith(`${name}==`));
    expect(names).toContain('markupsafe==3.0.3');
    expect(at('markupsafe')).toBeLessThan(at('jinja2'));
    expect(at('zipp')).toBeLessThan(at('importlib-metadata'));
  });

  it('leaves importlib-metadata out on Python 3.10 (a marker)', async () => {
    const names = await closure('flask', { ...glibc, python: '3.10.13' });
    expect(names.some((n) => n.startsWith('importlib-metadata'))).toBe(false);
  });

  it('resolves the other course packages', async () => {
    const names = async (text: string) => (await closure(text)).map((n) => n.split('==')[0]);
    expect(await names('requests')).toEqual(
      expect.arrayContaining(['urllib3', 'idna', 'certifi', 'charset-normalizer']),
    );
    expect(await names('pandas')).toEqual(
      expect.arrayContaining(['numpy', 'python-dateutil', 'six', 'pytz', 'tzdata', 'pandas']),
    );
    expect(await names('fastapi')).toEqual(
      expect.arrayContaining([
        'starlette',
        'pydantic',
        'pydantic-core',
        'typing-extensions',
        'annotated-types',
        'anyio',
        'exceptiongroup',
        'idna',
      ]),
    );
    expect(await names('uvicorn')).toEqual(
      expect.arrayContaining(['click', 'h11', 'typing-extensions', 'uvicorn']),
    );
    expect(await names('gunicorn')).toEqual(['packaging', 'gunicorn']);
  });

  it('pins the last Python 3.9 releases', async () => {
    const pip = await committedPackages().pip();
    expect(pip.find('numpy')?.version).toBe('2.0.2');
    expect(pip.find('click')?.version).toBe('8.1.8');
    expect(pip.find('Flask')?.version).toBe('3.1.3');
    expect(pip.find('flask', '<3.1.3')?.version).toBe('3.1.2');
    // numpy 1.25 raised Requires-Python to >=3.9: on 3.8 pip installs 1.24.4 (from the histories)
    expect(pip.find('numpy', '', '3.8.18')?.version).toBe('1.24.4');
  });

  it('says what it cannot resolve, and skips what the stage already has', async () => {
    const pip = await committedPackages().pip();
    const r = pip.resolve([req('flask==9.9'), req('left-pad')], glibc);
    expect(r.unresolved).toEqual([
      expect.objectContaining({ reason: 'no-matching-version', certain: true, complete: true }),
      expect.objectContaining({ reason: 'not-in-catalog' }),
    ]);
    const flask = r.unresolved[0];
    if (flask?.reason !== 'no-matching-version') throw new Error('expected no-matching-version');
    // every release tag of pallets/flask up to PyPI's newest (3.1.3), oldest first as pip sorts them
    expect(flask.available.slice(0, 3)).toEqual(['0.1', '0.2', '0.3']);
    expect(flask.available.at(-1)).toBe('3.1.3');
    const again = pip.resolve([req('flask')], glibc, { installed: new Map([['flask', '3.1.3']]) });
    expect(again.install).toEqual([]);
    expect(again.satisfied.get('flask')).toBe('3.1.3');
  });
});

/** The release whose files were measured (pip/index.json), not a newer one from the histories. */
async function measured(name: string) {
  const pip = await committedPackages().pip();
  const release = pip.index.releases.find((r) => r.name === name);
  if (!release) throw new Error(`${name} missing`);
  return release;
}

describe('wheels', () => {
  it('MarkupSafe: native wheels for glibc and musl, pure Python only from the sdist without a compiler', async () => {
    const pip = await committedPackages().pip();
    const ms = pip.find('markupsafe');
    if (!ms) throw new Error('markupsafe missing');
    expect(ms.wheels.some((w) => w.libc === 'any')).toBe(false);
    expect(pip.wheelFor(ms, glibc)).toMatchObject({ kind: 'wheel', wheel: { libc: 'glibc' } });
    expect(pip.wheelFor(ms, musl)).toMatchObject({
      kind: 'wheel',
      wheel: { tag: 'cp39-cp39-musllinux_1_2_x86_64' },
    });
    expect(pip.wheelFor(ms, { ...glibc, python: '3.8.18' })).toMatchObject({
      kind: 'sdist',
      needsCompiler: false,
    });
    expect(ms.sdist.build).toBe('optional-native');
    const built = ms.sdist.built;
    if (!built) throw new Error('no fallback build');
    const files = (await pip.files(built)).map((e) => e.path);
    expect(files).toContain('markupsafe/_native.py');
    expect(files.some((p) => p.endsWith('.so'))).toBe(false);
  });

  it('numpy and psycopg2-binary are native only; numpy 2.0.2 publishes a musllinux_1_1 wheel', async () => {
    const pip = await committedPackages().pip();
    for (const name of ['numpy', 'psycopg2-binary', 'pandas', 'pydantic-core']) {
      const r = await measured(name);
      expect(r.wheels.every((w) => w.libc !== 'any')).toBe(true);
      expect(r.sdist.build).toBe('native');
      expect(pip.wheelFor(r, { ...glibc, python: '3.8.18' })).toMatchObject({
        kind: 'sdist',
        needsCompiler: true,
      });
    }
    const numpy = await measured('numpy');
    expect(numpy.wheels.map((w) => w.tag)).toContain('cp39-cp39-musllinux_1_1_x86_64');
    expect((await measured('psycopg2-binary')).sdist.needs).toContain('pg_config');
    const wheel = pip.wheelFor(await measured('psycopg2-binary'), glibc);
    if (wheel.kind !== 'wheel') throw new Error('expected a wheel');
    const files = await pip.files(wheel.wheel);
    expect(files.find((e) => e.path === 'psycopg2/_psycopg.cpython-39-x86_64-linux-gnu.so')?.exec).toEqual({
      kind: 'elf',
      linkage: 'shared',
    });
    expect(files.some((e) => e.path.startsWith('psycopg2_binary.libs/libpq'))).toBe(true);
  });

  it('charset-normalizer prefers its compiled wheel and has a pure one', async () => {
    const pip = await committedPackages().pip();
    const cn = await measured('charset-normalizer');
    expect(pip.wheelFor(cn, glibc)).toMatchObject({ kind: 'wheel', wheel: { libc: 'glibc' } });
    expect(cn.wheels.some((w) => w.tag === 'py3-none-any')).toBe(true);
  });

  it('pandas needs glibc 2.24 or newer', async () => {
    const pip = await committedPackages().pip();
    const pandas = pip.find('pandas');
    if (!pandas) throw new Error('missing');
    expect(pip.wheelFor(pandas, { ...glibc, libcVersion: '2.17' })).toMatchObject({ kind: 'sdist' });
  });
});

describe('installed files', () => {
  it('writes modules, .pyc files as pip compiles them, and a dist-info', async () => {
    const pip = await committedPackages().pip();
    const flask = pip.find('flask', '==3.1.2');
    if (!flask) throw new Error('missing');
    const choice = pip.wheelFor(flask, glibc);
    if (choice.kind !== 'wheel') throw new Error('expected a wheel');
    const files = await pip.files(choice.wheel);
    const paths = files.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'flask/app.py',
        'flask/__pycache__/app.cpython-39.pyc',
        'flask-3.1.2.dist-info/METADATA',
        'flask-3.1.2.dist-info/RECORD',
        'flask-3.1.2.dist-info/INSTALLER',
      ]),
    );
    expect(files.filter((e) => e.kind === 'file')).toHaveLength(choice.wheel.fileCount);
    expect(files.reduce((n, e) => n + e.size, 0)).toBe(choice.wheel.installedSize);
    for (const e of files)
      expect(e.kind === 'dir' || e.size > 0 || /(__init__\.py|py\.typed)$/.test(e.path)).toBe(true);
  });

  it('places files and console scripts where pip --user puts them', async () => {
    const pip = await committedPackages().pip();
    const flask = pip.find('flask');
    if (!flask) throw new Error('missing');
    const choice = pip.wheelFor(flask, glibc);
    if (choice.kind !== 'wheel') throw new Error('expected a wheel');
    const files = await pip.files(choice.wheel);
    const entries = pip.installEntries(flask, files, {
      sitePackages: '/root/.local/lib/python3.9/site-packages',
      scripts: '/root/.local/bin',
      interpreter: '/usr/local/bin/python',
      requested: true,
    });
    const script = entries.find((e) => e.path === '/root/.local/bin/flask');
    expect(script).toMatchObject({ mode: 0o755, exec: { kind: 'script', shebang: '/usr/local/bin/python' } });
    expect(script?.size).toBe(consoleScriptSize('flask.cli:main', '/usr/local/bin/python'));
    expect(
      entries.some(
        (e) => e.path === '/root/.local/lib/python3.9/site-packages/flask-3.1.3.dist-info/REQUESTED',
      ),
    ).toBe(true);
    // a .pyc records its source path: /root/.local/lib/python3.9/site-packages is two bytes longer
    const pyc = files.find((e) => e.path === 'flask/__pycache__/app.cpython-39.pyc');
    const placed = entries.find((e) => e.path.endsWith('/flask/__pycache__/app.cpython-39.pyc'));
    expect(placed?.size).toBe((pyc?.size ?? 0) + 2);
  });

  it('sizes console scripts as pip 23 writes them', () => {
    // pip 23.0.1's own pip3 launcher: 247 bytes for a 45-byte shebang
    expect(
      consoleScriptSize('pip._internal.cli.main:main', '/root/.pyenv/versions/3.9.18/bin/python3.9'),
    ).toBe(247);
  });

  it('names the console scripts the course uses', async () => {
    const pip = await committedPackages().pip();
    const scripts = (name: string) => pip.find(name)?.consoleScripts.map((s) => s.name);
    expect(scripts('flask')).toEqual(['flask']);
    expect(scripts('gunicorn')).toEqual(['gunicorn']);
    expect(scripts('uvicorn')).toEqual(['uvicorn']);
    expect(scripts('charset-normalizer')).toEqual(['normalizer']);
    expect(scripts('numpy')).toEqual(['f2py', 'numpy-config']);
  });
});

describe('sizes and sources', () => {
  it('every wheel has a positive, sourced download size and installed size', async () => {
    const pip = await committedPackages().pip();
    for (const r of pip.index.releases) {
      expect(r.source).not.toBe('');
      for (const w of r.wheels) {
        expect(w.size.value, w.filename).toBeGreaterThan(0);
        expect(w.size.source.length, w.filename).toBeGreaterThan(10);
        expect(w.installedSize, w.filename).toBeGreaterThan(w.size.value * 0.9);
      }
    }
  });

  it('numpy and pandas wheels are tens of MB installed, Flask under a MB', async () => {
    const pip = await committedPackages().pip();
    const installed = (name: string) =>
      pip.find(name)?.wheels.find((w) => w.libc !== 'musl')?.installedSize ?? 0;
    expect(installed('numpy')).toBeGreaterThan(40e6);
    expect(installed('pandas')).toBeGreaterThan(40e6);
    expect(installed('flask')).toBeLessThan(1e6);
  });

  it('leaves the downloaded wheels in the pip cache', async () => {
    const pip = await committedPackages().pip();
    const wheels = pip
      .resolve([req('flask==3.1.2')], glibc)
      .install.map((r) => pip.wheelFor(r, glibc))
      .flatMap((c) => (c.kind === 'wheel' ? [c.wheel] : []));
    const cache = pip.cacheEntries(wheels);
    const total = cache.reduce((n, e) => n + e.size, 0);
    const downloaded = wheels.reduce((n, w) => n + w.size.value, 0);
    expect(total).toBeGreaterThan(downloaded);
    expect(total).toBeLessThan(downloaded * 1.1);
    expect(cache[0]?.path).toMatch(/^\/root\/\.cache\/pip\/http\/[0-9a-f](\/[0-9a-f]){4}\/[0-9a-f]{56}$/);
  });

  it('a Flask build reads only the index and its nine wheels', async () => {
    const pip = await committedPackages().pip();
    const before = reads.length;
    for (const r of pip.resolve([req('flask==3.1.2')], glibc).install) {
      const c = pip.wheelFor(r, glibc);
      if (c.kind === 'wheel') await pip.files(c.wheel);
    }
    const fetched = reads.slice(before);
    expect(fetched.every((p) => p.startsWith('pip/'))).toBe(true);
    expect(fetched.length).toBeLessThanOrEqual(9);
  });
});
