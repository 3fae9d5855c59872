/**
 * `pip install <folder>`: a local setuptools project, against the layouts pip 23 and setuptools 66
 * wrote in oracle/bookworm-python3 (tests/oracle/cases/run-python-pip-*; the same /pkg project).
 */
import { describe, expect, it } from 'vitest';
import { type LocalProject, readLocalProject } from '../../../src/lib/packages/local-project.ts';
import { planLocalInstall } from '../../../src/lib/packages/local-project-install.ts';
import { build as buildWith, node } from './shell-fixture.ts';

const PKG = {
  'pkg/pyproject.toml':
    '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "hello"\nversion = "1.0"\n',
  'pkg/hello.py': 'GREETING = "hello"\n',
};

const build = (dockerfile: string, files: Record<string, string> = PKG) => buildWith(dockerfile, files);

async function project(files: Record<string, string>): Promise<LocalProject> {
  const result = await build('FROM python:3.9-bookworm\nCOPY pkg /pkg\n', files);
  const dir = node(result, '/pkg');
  if (dir?.kind !== 'dir') throw new Error('no /pkg');
  const found = readLocalProject(dir);
  if (found.kind !== 'project') throw new Error('not a project');
  return found.project;
}

describe("a local project's metadata", () => {
  it('reads pyproject.toml and finds a flat-layout module', async () => {
    expect(await project(PKG)).toMatchObject({
      name: 'hello',
      version: '1.0',
      backend: 'setuptools.build_meta',
      buildRequires: ['setuptools'],
      files: [{ from: 'hello.py', to: 'hello.py' }],
      topLevel: ['hello'],
      gaps: [],
    });
  });

  it('reads setup.cfg with a src layout, dependencies and console scripts', async () => {
    const found = await project({
      'pkg/setup.py': 'from setuptools import setup\nsetup()\n',
      'pkg/setup.cfg':
        '[metadata]\nname = my-app\nversion = 2.0\n\n[options]\npackage_dir =\n    = src\npackages = find:\ninstall_requires =\n    flask>=3\n\n[options.entry_points]\nconsole_scripts =\n    my-app = my_app.cli:main\n',
      'pkg/src/my_app/__init__.py': '',
      'pkg/src/my_app/cli.py': 'def main():\n    pass\n',
      'pkg/tests/test_x.py': '',
    });
    expect(found).toMatchObject({
      name: 'my-app',
      version: '2.0',
      dependencies: ['flask>=3'],
      scripts: [{ name: 'my-app', entry: 'my_app.cli:main' }],
      topLevel: ['my_app'],
    });
    expect(found.files.map((f) => f.to).sort()).toEqual(['my_app/__init__.py', 'my_app/cli.py']);
  });

  it("leaves out the names setuptools' flat-layout discovery excludes, and says when it finds several", async () => {
    const found = await project({
      ...PKG,
      'pkg/setup.py': 'from setuptools import setup\nsetup()\n',
      'pkg/tests/__init__.py': '',
      'pkg/other.py': '',
    });
    expect(found.topLevel).toEqual(['hello', 'other']);
    expect(found.gaps.join(' ')).toContain('several top-level names');
  });

  it('writes a RECORD and dist-info of the sizes pip wrote for Python 3.11 (recorded)', async () => {
    const plan = planLocalInstall(await project(PKG), () => 19, {
      project: '/pkg',
      sitePackages: '/root/.local/lib/python3.11/site-packages',
      scripts: '/root/.local/bin',
      interpreter: '/usr/bin/python3',
      pythonVersion: '3.11',
      compile: true,
    });
    const size = (name: string) => {
      const file = plan.files.find((f) => f.path.endsWith(name));
      return file?.kind === 'text'
        ? new TextEncoder().encode(file.text).length
        : file?.kind === 'sized'
          ? file.size
          : undefined;
    };
    expect(plan.distInfo).toBe('hello-1.0.dist-info');
    // the real dist-info: RECORD 643, METADATA 48, WHEEL 92, INSTALLER 4, direct_url.json 38, top_level.txt 6
    expect(size('dist-info/RECORD')).toBe(643);
    expect(size('dist-info/METADATA')).toBe(48);
    expect(size('dist-info/WHEEL')).toBe(92);
    expect(size('dist-info/INSTALLER')).toBe(4);
    expect(size('dist-info/direct_url.json')).toBe(38);
    expect(size('dist-info/top_level.txt')).toBe(6);
    // the in-tree build: hello.egg-info/PKG-INFO 47, SOURCES.txt 139, dependency_links.txt 1
    expect(size('egg-info/PKG-INFO')).toBe(47);
    expect(size('egg-info/SOURCES.txt')).toBe(139);
    expect(size('egg-info/dependency_links.txt')).toBe(1);
  });
});

describe('pip install <folder>', () => {
  it('--user installs into the running user’s ~/.local, with a .pyc, and says what is modelled', async () => {
    const result = await build(
      'FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install --user --no-index --no-build-isolation /pkg\n',
    );
    const site = '/root/.local/lib/python3.9/site-packages';
    expect(node(result, `${site}/hello.py`)).toMatchObject({ kind: 'file', size: 19 });
    expect(node(result, `${site}/__pycache__/hello.cpython-39.pyc`)).toMatchObject({ kind: 'file' });
    expect(node(result, `${site}/hello-1.0.dist-info/REQUESTED`)).toMatchObject({ size: 0 });
    expect(node(result, '/pkg/build/lib/hello.py')).toMatchObject({ size: 19 });
    expect(result.steps[1]?.certainty).toMatchObject({ level: 'estimated' });
  });

  it('--prefix and --target put it where pip does', async () => {
    const prefix = await build(
      'FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install --prefix=/install --no-build-isolation /pkg\n',
    );
    expect(node(prefix, '/install/lib/python3.9/site-packages/hello.py')).toMatchObject({ kind: 'file' });
    const target = await build(
      'FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install --target=/deps ./pkg\n',
    );
    expect(node(target, '/deps/hello.py')).toMatchObject({ kind: 'file' });
    expect(node(target, '/deps/hello-1.0.dist-info/METADATA')).toMatchObject({ size: 48 });
  });

  it('writes console scripts and resolves dependencies through the package data', async () => {
    const result = await build(
      'FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install --no-cache-dir /pkg\n',
      {
        'pkg/pyproject.toml':
          '[project]\nname = "tool"\nversion = "0.1"\ndependencies = ["flask==3.1.2"]\n\n[project.scripts]\ntool = "tool:main"\n',
        'pkg/tool.py': 'def main():\n    pass\n',
      },
    );
    expect(node(result, '/usr/local/bin/tool')).toMatchObject({ kind: 'file', mode: 0o755 });
    expect(node(result, '/usr/local/lib/python3.9/site-packages/flask')).toMatchObject({ kind: 'dir' });
  });

  it('fails in a fresh venv with --no-build-isolation: no `wheel` for setuptools before 70.1 (run-python-pip-venv-local)', async () => {
    const result = await build(
      'FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-index --no-build-isolation /pkg\n',
    );
    expect(result.error?.message).toBe('error: metadata-generation-failed');
    expect(result.steps[1]?.narrative).toContain("error: invalid command 'bdist_wheel'");
  });

  it('fails with --no-index when the build would need setuptools from the index', async () => {
    const result = await build('FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install --no-index /pkg\n');
    expect(result.steps[1]?.narrative).toContain('No matching distribution found for setuptools\n');
  });

  it('refuses a folder that is not a project, in pip’s words', async () => {
    const result = await build('FROM python:3.9-bookworm\nCOPY pkg /pkg\nRUN pip install /pkg\n', {
      'pkg/readme.txt': 'x',
    });
    expect(result.error?.message).toContain(
      "ERROR: Directory '/pkg' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.",
    );
  });

  it('leaves a local wheel file to a note, not an error', async () => {
    const result = await build(
      'FROM python:3.9-bookworm\nCOPY hello-1.0-py3-none-any.whl /w/\nRUN pip install /w/hello-1.0-py3-none-any.whl\n',
      {
        'hello-1.0-py3-none-any.whl': 'PK',
      },
    );
    expect(result.ok).toBe(true);
    expect(result.steps[1]?.certainty).toMatchObject({ level: 'unknown' });
  });
});
