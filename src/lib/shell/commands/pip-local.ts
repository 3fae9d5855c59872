/**
 * `pip install <folder>` (and `pip install .`): a local project, built as pip builds it (a PEP 517
 * backend, setuptools by default) and installed like a wheel. Whether the build can run is decided
 * from the image: with --no-build-isolation the backend (and, for setuptools before 70.1, `wheel`)
 * must be importable by the interpreter running pip; without it pip installs the backend from the
 * index first, which --no-index forbids.
 */
import { dirname, joinPath } from '../../fs/path.ts';
import type { DirNode } from '../../fs/tree.ts';
import { type LocalProject, readLocalProject } from '../../packages/local-project.ts';
import { type LocalInstallWhere, planLocalInstall } from '../../packages/local-project-install.ts';
import { absence, pipNoMatchingDistribution } from '../../tool-errors.ts';
import { type CommandContext, noteGap } from '../command.ts';

export interface LocalProjectFound {
  /** the folder, absolute */
  readonly dir: string;
  readonly project: LocalProject;
}

/** Does pip read this argument as a path? A folder that exists, or anything that looks like a path. */
export function isLocalPath(context: CommandContext, arg: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|~)/.test(arg) || (arg.includes('/') && context.fs.stat(arg)?.kind === 'dir');
}

/** The project in a folder, or pip's own error for a folder that is not one. */
export function localProject(context: CommandContext, arg: string): LocalProjectFound | { error: string } {
  const dir = context.fs.resolve(arg);
  const node = context.fs.stat(dir);
  if (node?.kind !== 'dir')
    return {
      error: `ERROR: Invalid requirement: '${arg}'\nHint: It looks like a path. File '${arg}' does not exist.`,
    };
  const found = readLocalProject(node as DirNode);
  if (found.kind === 'not-a-project')
    return {
      error: `ERROR: Directory '${arg}' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.`,
    };
  return { dir, project: found.project };
}

/** The folders the interpreter imports from: a venv's own (and the system's if its pyvenv.cfg says so), else the system's. */
export function importDirs(context: CommandContext, prefix: string, lib: string): string[] {
  const own = joinPath(prefix, 'lib', lib, 'site-packages');
  const debian =
    prefix === '/usr' ? [`/usr/local/lib/${lib}/dist-packages`, '/usr/lib/python3/dist-packages'] : [];
  const config = joinPath(prefix, 'pyvenv.cfg');
  if (!context.fs.stat(config)) return [own, ...debian];
  const text = context.fs.read(config) ?? '';
  const home = /^home\s*=\s*(.+)$/m.exec(text)?.[1]?.trim();
  const systemSite = /^include-system-site-packages\s*=\s*true\s*$/im.test(text);
  return [own, ...(systemSite && home ? importDirs(context, dirname(home), lib) : [])];
}

/** The version of an installed distribution, from its dist-info folder's name, in the first folder that has it. */
function installedVersion(
  context: CommandContext,
  dirs: readonly string[],
  name: string,
): string | undefined {
  for (const dir of dirs) {
    const node = context.fs.stat(dir);
    if (node?.kind !== 'dir') continue;
    if (!node.children.has(name)) continue;
    for (const child of node.children.keys()) {
      const version = new RegExp(`^${name}-([^-]+)\\.dist-info$`).exec(child)?.[1];
      if (version) return version;
    }
    return '';
  }
  return undefined;
}

const older = (version: string, major: number, minor: number) => {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a < major || (a === major && b < minor);
};

/** pip's report of a failed build subprocess, in the layout pip 23 prints (the step's output shortened). */
function subprocessError(step: string, what: string, output: readonly string[], last: string): string {
  return [
    `  ${step}: started`,
    `  ${step}: finished with status 'error'`,
    '  error: subprocess-exited-with-error',
    '',
    `  × ${what} did not run successfully.`,
    '  │ exit code: 1',
    '  ╰─> [output]',
    ...output.map((line) => `      ${line}`),
    '      [end of output]',
    '',
    '  note: This error originates from a subprocess, and is likely not a problem with pip.',
    last,
  ].join('\n');
}

export interface BuildSettings {
  readonly isolation: boolean;
  readonly index: boolean;
  readonly dirs: readonly string[];
}

/** Why the build cannot run in this image, in pip's words, or undefined when it can. */
export function buildFailure(
  context: CommandContext,
  { project }: LocalProjectFound,
  settings: BuildSettings,
): string | undefined {
  const backendModule = project.backend.split(/[.:]/)[0] ?? 'setuptools';
  if (settings.isolation) {
    if (settings.index) return undefined;
    const wanted = project.buildRequires[0] ?? 'setuptools>=40.8.0';
    return subprocessError(
      'Installing build dependencies',
      'pip subprocess to install build dependencies',
      pipNoMatchingDistribution(
        wanted,
        [],
        absence('--no-index: pip may read no index, so the isolated build cannot install its backend'),
      ).split('\n'),
      'error: subprocess-exited-with-error',
    );
  }
  const backend = installedVersion(context, settings.dirs, backendModule);
  if (backend === undefined)
    return `pip._vendor.pyproject_hooks._impl.BackendUnavailable: Cannot import '${project.backend.split(':')[0]}'`;
  // setuptools before 70.1 builds wheels through the `wheel` package's bdist_wheel (recorded:
  // run-python-pip-venv-local, a venv whose ensurepip installed pip and setuptools 66 only)
  if (
    backendModule === 'setuptools' &&
    (backend === '' || older(backend, 70, 1)) &&
    installedVersion(context, settings.dirs, 'wheel') === undefined
  )
    return subprocessError(
      'Preparing metadata (pyproject.toml)',
      'Preparing metadata (pyproject.toml)',
      ['running dist_info', "error: invalid command 'bdist_wheel'"],
      'error: metadata-generation-failed\n\n× Encountered error while generating package metadata.\n╰─> See above for output.',
    );
  return undefined;
}

/** Writes the project's files where pip installs them; returns the bytes written. */
export function installLocalProject(
  context: CommandContext,
  found: LocalProjectFound,
  where: Omit<LocalInstallWhere, 'project'>,
): number {
  const { fs, state } = context;
  const { uid, gid } = state.user;
  const sizeOf = (path: string) => {
    const node = fs.stat(path);
    return node?.kind === 'file' ? node.size : 0;
  };
  const plan = planLocalInstall(found.project, sizeOf, { ...where, project: found.dir });
  let bytes = 0;
  for (const file of plan.files) {
    if (file.kind === 'copy') {
      const node = fs.stat(file.from);
      if (node?.kind !== 'file') continue;
      fs.put(file.path, { ...node, uid, gid });
      bytes += node.size;
    } else if (file.kind === 'text') {
      fs.write(file.path, file.text);
      bytes += new TextEncoder().encode(file.text).length;
    } else {
      fs.put(file.path, {
        kind: 'file',
        mode: file.mode ?? 0o644,
        uid,
        gid,
        size: file.size,
        contentId: `pip-local:${file.path}:${file.size}`,
        ...(file.shebang ? { exec: { kind: 'script', shebang: file.shebang } as const } : {}),
      });
      bytes += file.size;
    }
  }
  for (const dir of plan.dirs) fs.mkdir(dir);
  for (const gap of found.project.gaps) noteGap(state, 'no-data', `${found.dir}: ${gap}`, 'estimated');
  noteGap(
    state,
    'model',
    `pip built ${found.project.name} ${found.project.version} from ${found.dir}: the modules are the project's own files; the .pyc sizes, RECORD and the build/ and egg-info folders are modelled on pip 23 and setuptools 66${found.project.backend.startsWith('setuptools') ? '' : ` (the project names ${found.project.backend}, laid out here by setuptools' rules)`}.`,
    'estimated',
  );
  return bytes;
}
