/**
 * uv (astral-sh/uv 0.12.5, the catalog's ghcr.io/astral-sh/uv): `uv pip install` into a venv, the
 * system (--system) or a folder (--target), resolved with pip's data; `uv venv`; `uv sync` (in
 * uv-sync.ts); `uv run`. Its messages are uv's own, from its source and test snapshots.
 */
import { parse as parseToml } from 'smol-toml';
import { joinPath } from '../../fs/path.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import { parseRequirementLine, type Requirement, type Unresolved } from '../../packages/pip.ts';
import { pythonMinor } from '../../packages/uv-venv.ts';
import { absence, uvNotInRegistry } from '../../tool-errors.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import {
  createVenv,
  envFlag,
  type FoundPython,
  findSystemPython,
  type Install,
  type InstallTarget,
  installAll,
  libcOf,
  noPython,
  optionValue,
  pythonAt,
  type UvOptions,
  uvOptions,
  venvTarget,
} from './uv-environment.ts';
import { uvExport } from './uv-export.ts';
import { findProject, syncProject } from './uv-sync.ts';

const NO_VENV =
  'error: No virtual environment found; run `uv venv` to create an environment, or pass `--system` to install into a non-virtual environment';

/** Options that take a value, so that value is not read as a package or a path. */
const VALUED = new Set([
  '-r',
  '--requirement',
  '--requirements',
  '-e',
  '--editable',
  '-o',
  '--output-file',
  '--format',
  '-c',
  '--constraint',
  '--python',
  '-p',
  '--target',
  '--prefix',
  '--cache-dir',
  '--link-mode',
  '--index-url',
  '-i',
  '--extra-index-url',
  '--find-links',
  '-f',
  '--prompt',
  '--directory',
  '--project',
  '--group',
  '--extra',
  '--package',
  '--python-platform',
  '--with',
  '--with-requirements',
  '--env-file',
  '--index',
  '--default-index',
  '--no-binary-package',
]);

function operands(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (VALUED.has(arg)) i++;
    else if (!arg.startsWith('-')) out.push(arg);
  }
  return out;
}

/** The venv `uv pip` uses without --system: VIRTUAL_ENV, else `.venv` here or in a parent folder. */
function activeVenv(context: CommandContext): string | undefined {
  const active = context.env.get('VIRTUAL_ENV');
  if (active) return context.fs.resolve(active);
  let dir = context.state.cwd;
  for (;;) {
    const candidate = joinPath(dir, '.venv');
    if (context.fs.stat(joinPath(candidate, 'pyvenv.cfg'))?.kind === 'file') return candidate;
    if (dir === '/') return undefined;
    dir = joinPath(dir, '..');
  }
}

function pipTarget(context: CommandContext, options: UvOptions): InstallTarget | CommandResult {
  const { args } = context;
  const system = args.includes('--system') || envFlag(context, 'UV_SYSTEM_PYTHON');
  const folder = optionValue(args, '--target');
  let python: FoundPython | undefined;
  if (options.python) python = options.python.includes('/') ? pythonAt(context, options.python) : undefined;
  if (!python && (system || folder || options.python)) python = findSystemPython(context, options.python);
  if (!python && !system && !folder && !options.python) {
    const venv = activeVenv(context);
    if (!venv) return fail(NO_VENV, 2);
    python = pythonAt(context, joinPath(venv, 'bin', 'python'));
    if (!python)
      return fail(
        `error: Failed to inspect Python interpreter from active virtual environment at \`${venv}/bin/python3\``,
        2,
      );
  }
  if (!python) return fail(system ? 'error: No system Python installation found' : NO_VENV, 2);
  if (folder) {
    const site = context.fs.resolve(folder);
    return {
      site,
      scripts: joinPath(site, 'bin'),
      interpreter: python.path,
      python,
      description: `--target ${folder}`,
    };
  }
  if (python.venv) return venvTarget(python.venv, python);
  const managed = externallyManaged(context, python, system);
  if (managed) return managed;
  const lib = `python${python.version.split('.').slice(0, 2).join('.')}`;
  const site =
    python.prefix === '/usr'
      ? `/usr/local/lib/${lib}/dist-packages`
      : joinPath(python.prefix, 'lib', lib, 'site-packages');
  return {
    site,
    scripts: joinPath(python.prefix, 'bin'),
    interpreter: python.path,
    python,
    description: `the system Python at ${python.prefix}`,
  };
}

/**
 * PEP 668: uv will not install into an interpreter whose standard library has EXTERNALLY-MANAGED
 * (Debian's python3), quoting its Error text (crates/uv-python/src/interpreter.rs, pip/install.rs).
 */
function externallyManaged(
  context: CommandContext,
  python: FoundPython,
  system: boolean,
): CommandResult | undefined {
  if (context.args.includes('--break-system-packages') || envFlag(context, 'UV_BREAK_SYSTEM_PACKAGES'))
    return undefined;
  const file = joinPath(python.prefix, 'lib', `python${pythonMinor(python.version)}`, 'EXTERNALLY-MANAGED');
  if (context.fs.stat(file)?.kind !== 'file') return undefined;
  const content = context.fs.read(file);
  const error = content === undefined ? undefined : /^Error\s*=\s*(.*(?:\n[ \t]+.*)*)/m.exec(content)?.[1];
  const text =
    content === undefined
      ? `  [the simulator does not have the text of ${file}]`
      : error
        ? error
            .split('\n')
            .map((line) => `  ${line.trim()}`)
            .join('\n')
        : undefined;
  const hint = system
    ? 'hint: Virtual environments were not considered due to the `--system` flag'
    : 'hint: Consider creating a virtual environment, e.g., with `uv venv`';
  return fail(
    text === undefined
      ? `error: The interpreter at ${python.prefix} is externally managed and cannot be modified.\n\n${hint}`
      : `error: The interpreter at ${python.prefix} is externally managed, and indicates the following:\n\n${text}\n\n${hint}`,
    2,
  );
}

/** [project].dependencies of a pyproject.toml, which `-r pyproject.toml` installs. */
function pyprojectDependencies(text: string): string[] {
  try {
    const project = (parseToml(text) as { project?: { dependencies?: unknown } }).project;
    return Array.isArray(project?.dependencies)
      ? project.dependencies.filter((d): d is string => typeof d === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Local projects, archives and `-e` folders: `.`, `./pkg`, `/src`, `dist/app-1.0-py3-none-any.whl`. */
function localArguments(context: CommandContext): string[] {
  const { args } = context;
  const editable = args.flatMap((arg, i) =>
    arg === '-e' || arg === '--editable' ? [args[i + 1] ?? ''] : [],
  );
  const paths = operands(args.slice(2)).filter(
    (operand) =>
      /^[./~]/.test(operand) ||
      /\.(whl|tar\.gz|zip)$/.test(operand) ||
      context.fs.stat(operand) !== undefined,
  );
  return [...editable, ...paths];
}

async function requirementsOf(context: CommandContext): Promise<Requirement[] | CommandResult> {
  const { args } = context;
  const lines: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    // clap's `--requirements`, with its alias `--requirement`, and `-r`
    const inline = /^--requirements?=(.*)$/.exec(arg)?.[1];
    const file = ['-r', '--requirement', '--requirements'].includes(arg) ? args[++i] : inline;
    if (file === undefined) continue;
    const text = context.fs.read(file);
    if (text !== undefined && file.endsWith('pyproject.toml')) {
      lines.push(...pyprojectDependencies(text));
      continue;
    }
    if (text === undefined) {
      if (!context.fs.stat(file)) return fail(`error: File not found: \`${file}\``, 2);
      noteGap(
        context.state,
        'no-data',
        `The content of ${file} is not known to the simulator; its requirements were not installed.`,
      );
      continue;
    }
    lines.push(...text.split('\n'));
  }
  const local = localArguments(context);
  lines.push(...operands(args.slice(2)).filter((operand) => !local.includes(operand)));
  for (const path of local)
    noteGap(
      context.state,
      'not-followed',
      `uv pip install ${path} (a local project, archive or editable install) is not simulated.`,
    );
  const out: Requirement[] = [];
  for (const line of lines) {
    const parsed = parseRequirementLine(line);
    if (parsed.kind === 'requirement') out.push(parsed.requirement);
    else if (parsed.kind === 'invalid') return fail(`error: Failed to parse: \`${parsed.text}\``, 2);
  }
  return out;
}

/** What the simulator could not install, in its own words (the release or project is outside pip's data). */
function outsideData(item: Unresolved): string {
  const spec = `${item.requirement.name}${item.requirement.specifier}`;
  return item.reason === 'not-in-catalog'
    ? `${item.requirement.name}: the simulator has no data for this project, so uv's result (files, size, dependencies) is unknown; it is not installed here.`
    : `${spec}: the simulator's data lacks the release uv would pick, so it is not installed here; what uv does with it is unknown.`;
}

async function pipInstall(context: CommandContext, packages: PackageCatalog): Promise<CommandResult> {
  const options = uvOptions(context);
  const target = pipTarget(context, options);
  if ('status' in target) return target;
  const requirements = await requirementsOf(context);
  if (!Array.isArray(requirements)) return requirements;
  if (
    requirements.length === 0 &&
    localArguments(context).length === 0 &&
    !context.args.some((a) => a === '-r' || a.startsWith('--requirement'))
  )
    return fail(
      'error: the following required arguments were not provided:\n  <PACKAGE|--requirements <REQUIREMENTS>|--editable <EDITABLE>|--group <GROUP>>',
      2,
    );
  const pip = await packages.pip();
  const pipTargetOf = { python: target.python.version, libc: libcOf(context) };
  const resolution = pip.resolve(requirements, pipTargetOf);
  for (const item of resolution.unresolved) {
    if (item.reason !== 'not-in-catalog') continue;
    const presence = await packages
      .names()
      .pypi(item.requirement.name)
      .catch(() => 'unknown' as const);
    if (presence === 'absent')
      return fail(uvNotInRegistry(item.requirement.name, absence("PyPI's list of every project name")), 1);
  }
  const items: Install[] = [];
  for (const release of resolution.install) {
    const choice = pip.wheelFor(release, pipTargetOf);
    if (choice.kind !== 'wheel') {
      noteGap(
        context.state,
        'no-data',
        `${release.display} ${release.version}: the simulator's data has no wheel of it for Python ${target.python.version} and this C library, so which file uv would install is unknown; it is not installed here.`,
      );
      continue;
    }
    items.push({
      kind: 'release',
      release,
      wheel: choice.wheel,
      requested: requirements.some((r) => r.name === release.name),
    });
  }
  for (const item of resolution.unresolved) noteGap(context.state, 'no-data', outsideData(item));
  const using = target.python.venv
    ? ''
    : `Using Python ${target.python.version} environment at: ${target.description.startsWith('--target') ? optionValue(context.args, '--target') : target.python.prefix}\n`;
  const done = await installAll(context, packages, target, items, options);
  context.state.notes.push(
    `uv installed ${items.length} package${items.length === 1 ? '' : 's'} (${(done.bytes / 1e6).toFixed(1)} MB) into ${target.description}${options.compile ? ', compiling bytecode' : ', without .pyc files (uv compiles none unless UV_COMPILE_BYTECODE=1)'}.`,
  );
  return { status: 0, stderr: `${using}${done.stderr}` };
}

function venv(context: CommandContext): CommandResult {
  const options = uvOptions(context);
  const python = findSystemPython(context, options.python);
  if (!python) return noPython(context, options);
  const [dir] = operands(context.args.slice(1));
  const project = dir === undefined ? findProject(context) : undefined;
  const fromEnv = project ? context.env.get('UV_PROJECT_ENVIRONMENT') : undefined;
  const path = dir ?? fromEnv ?? '.venv';
  const root = project && !dir ? project.environment : context.fs.resolve(path);
  const prompt = optionValue(context.args, '--prompt');
  const cwdName = context.state.cwd.split('/').filter(Boolean).at(-1) ?? '/';
  const shown = dir ?? fromEnv ?? '.venv';
  const existing = existingLocation(context, root);
  if (existing) return existing;
  createVenv(context, root, python, {
    systemSite: context.args.includes('--system-site-packages'),
    ...(prompt ? { prompt: prompt === '.' ? cwdName : prompt } : {}),
  });
  context.state.notes.push(`uv venv created ${root} (no pip in it: uv does not seed one without --seed).`);
  if (context.args.includes('--seed'))
    noteGap(
      context.state,
      'not-followed',
      'uv venv --seed would also install pip (and setuptools/wheel before Python 3.12); they are not added here.',
    );
  return {
    status: 0,
    stderr: `Using CPython ${python.version} interpreter at: ${python.path}\nCreating virtual environment at: ${shown}\nActivate with: source ${shown}/bin/activate\n`,
  };
}

/** A path as uv shows it (user_display): relative to the working directory when inside it. */
function userDisplay(context: CommandContext, path: string): string {
  const cwd = context.state.cwd.replace(/\/+$/, '');
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/**
 * What uv venv does with something already at the location (virtualenv.rs): an empty folder is
 * used; a non-empty one is replaced with --clear (UV_VENV_CLEAR), kept with --allow-existing, and
 * otherwise, with no terminal to ask on, an error.
 */
function existingLocation(context: CommandContext, root: string): CommandResult | undefined {
  const node = context.fs.stat(root);
  if (!node || (node.kind === 'dir' && node.children.size === 0)) return undefined;
  if (node.kind !== 'dir') return fail(`error: File exists at \`${userDisplay(context, root)}\``, 2);
  if (context.args.includes('--allow-existing')) return undefined;
  if (context.args.includes('--clear') || envFlag(context, 'UV_VENV_CLEAR')) {
    context.fs.remove(root);
    return undefined;
  }
  const name = context.fs.stat(joinPath(root, 'pyvenv.cfg')) ? 'virtual environment' : 'directory';
  return fail(
    `error: A ${name} already exists at: ${userDisplay(context, root)}\n\nhint: Use the \`--clear\` flag or set \`UV_VENV_CLEAR=1\` to replace the existing ${name}`,
    2,
  );
}

/** `uv run CMD …`: syncs the project first (unless --no-sync), then runs CMD with the venv's bin first on PATH. */
async function run(context: CommandContext, packages: PackageCatalog): Promise<CommandResult> {
  const args = context.args.slice(1);
  let at = 0;
  while (at < args.length && (args[at] as string).startsWith('-'))
    at += VALUED.has(args[at] as string) ? 2 : 1;
  const command = args.slice(at);
  if (command.length === 0) return { status: 0 };
  const project = findProject(context);
  let root: string | undefined;
  let stderr = '';
  if (project) {
    const synced =
      args.slice(0, at).includes('--no-sync') || context.env.get('UV_NO_SYNC') === '1'
        ? { status: 0, root: project.environment }
        : await syncProject(context, packages, project, args.slice(0, at));
    if (synced.status !== 0) return synced;
    root = synced.root;
    stderr = synced.stderr ?? '';
  } else root = context.env.get('VIRTUAL_ENV') ?? undefined;
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const words = (command[0] as string).endsWith('.py') ? ['python', ...command] : command;
  const prefix = root
    ? `VIRTUAL_ENV=${quote(root)}; export VIRTUAL_ENV; PATH=${quote(`${root}/bin`)}:"$PATH"; export PATH; `
    : '';
  const result = await context.script(`${prefix}${words.map(quote).join(' ')}`, context.stdin);
  return { ...result, stderr: `${stderr}${result.stderr ?? ''}` };
}

/**
 * uv's global options may come before the subcommand (`uv --no-cache pip install …`, `uv
 * --directory /app sync`): moved after it, so each subcommand reads one argument order.
 */
function subcommandFirst(args: readonly string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith('-')) {
    leading.push(args[i] as string);
    if (VALUED.has(args[i] as string)) leading.push(args[++i] ?? '');
    i++;
  }
  const words = args[i] === 'pip' ? 2 : 1;
  return [...args.slice(i, i + words), ...leading, ...args.slice(i + words)];
}

export function uvCommand(packages: PackageCatalog): CommandModule {
  const dispatch = async (context: CommandContext): Promise<CommandResult> => {
    const args = context.args;
    const [sub, second] = args;
    if (sub === 'pip' && (second === 'install' || second === 'sync')) return pipInstall(context, packages);
    if (sub === 'venv') return venv(context);
    if (sub === 'sync') {
      const project = findProject(context);
      if (!project)
        return fail('error: No `pyproject.toml` found in current directory or any parent directory', 2);
      return syncProject(context, packages, project, context.args.slice(1));
    }
    if (sub === 'run') return run(context, packages);
    if (sub === 'export') return uvExport(context, packages);
    if (sub === '--version' || sub === '-V' || sub === 'version')
      noteGap(
        context.state,
        'not-followed',
        'uv --version prints the release of the binary, which the simulator does not know.',
      );
    else
      noteGap(
        context.state,
        'not-followed',
        `uv ${args.slice(0, 2).join(' ')} is not simulated: whatever it changes is not shown.`,
      );
    return { status: 0 };
  };
  return {
    names: ['uv'],
    async run(context) {
      const args = subcommandFirst(context.args);
      const directory = optionValue(args, '--directory', '--project');
      if (!directory) return dispatch({ ...context, args });
      // --directory: uv runs as if started there
      const cwd = context.state.cwd;
      context.state.cwd = context.fs.resolve(directory);
      try {
        return await dispatch({ ...context, args });
      } finally {
        context.state.cwd = cwd;
      }
    },
  };
}
