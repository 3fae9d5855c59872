/**
 * `uv sync` (and the sync `uv run` does first): the project's pyproject.toml and uv.lock, the
 * project environment (UV_PROJECT_ENVIRONMENT, else `.venv` beside pyproject.toml), and every
 * locked package for the stage's Python installed from the lock's wheels. The lock is the
 * learner's own file: its versions and wheel sizes are known; installed sizes come from pip's data
 * where it has the release, else from the wheel's size (an estimate, said so).
 */

import { parse as parseToml } from 'smol-toml';
import { plainFile } from '../../fs/entry.ts';
import { joinPath, resolveIn } from '../../fs/path.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import { normalizeName, parseRequirement } from '../../packages/pip.ts';
import { consoleScriptSize } from '../../packages/pip-script.ts';
import { estimatedEntries, INSTALLED_PER_WHEEL_BYTE } from '../../packages/uv-install.ts';
import {
  type LockedPackage,
  lockedWheelFor,
  lockSelection,
  parseUvLock,
  selectionOf,
  type UvLock,
} from '../../packages/uv-lock.ts';
import { pythonMinor } from '../../packages/uv-venv.ts';
import { type CommandContext, type CommandResult, fail, noteGap } from '../command.ts';
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
  pythonAt,
  uvOptions,
  venvTarget,
} from './uv-environment.ts';

export interface UvProject {
  /** the folder holding pyproject.toml */
  readonly dir: string;
  /** the project environment, absolute */
  readonly environment: string;
  /** the environment as uv names it in its messages (relative, as given) */
  readonly shown: string;
}

/** pyproject.toml in the working directory or a parent, as uv looks for its project. */
export function findProject(context: CommandContext): UvProject | undefined {
  let dir = context.state.cwd;
  for (;;) {
    if (context.fs.stat(joinPath(dir, 'pyproject.toml'))?.kind === 'file') {
      const shown = context.env.get('UV_PROJECT_ENVIRONMENT') ?? '.venv';
      return { dir, environment: resolveIn(dir, shown), shown };
    }
    if (dir === '/') return undefined;
    dir = joinPath(dir, '..');
  }
}

type Table = Record<string, unknown>;
const table = (value: unknown): Table =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A requirement written the way uv.lock's requires-dist records it, for comparing the two. */
function canonical(requirement: string): string {
  const parsed = parseRequirement(requirement);
  if (!parsed) return requirement.replace(/\s+/g, '');
  const specifier = parsed.specifier.split(',').filter(Boolean).sort().join(',');
  const extras = parsed.extras.length ? `[${[...parsed.extras].sort().join(',')}]` : '';
  return `${parsed.name}${extras}${specifier}${parsed.marker ? `;${parsed.marker.replace(/\s+/g, '')}` : ''}`;
}

/**
 * `--locked`: whether the lock still answers pyproject.toml. uv re-resolves; the simulator
 * compares the project's dependencies with what the lock says it was made from (requires-dist).
 */
function lockMatches(pyproject: Table, lock: UvLock): boolean {
  const project = table(pyproject.project);
  const name = typeof project.name === 'string' ? normalizeName(project.name) : undefined;
  const root = lock.packages.find((p) => p.name === name);
  if (!root) return false;
  const wanted = strings(project.dependencies).map(canonical).sort();
  const locked = (root.requiresDist ?? []).map(canonical).sort();
  const python = typeof project['requires-python'] === 'string' ? project['requires-python'] : undefined;
  const samePython =
    python === undefined ||
    lock.requiresPython === undefined ||
    canonical(`x${python}`) === canonical(`x${lock.requiresPython}`);
  return samePython && wanted.join('\n') === locked.join('\n');
}

/** The installs for the locked packages: pip's data where it has the release, else an estimate from the wheel. */
async function lockedInstalls(
  context: CommandContext,
  packages: PackageCatalog,
  locked: readonly LockedPackage[],
  python: FoundPython,
  site: string,
): Promise<Install[]> {
  const pip = await packages.pip();
  const target = { python: python.version, libc: libcOf(context) };
  const { uid, gid } = context.state.user;
  const items: Install[] = [];
  const estimated: string[] = [];
  for (const pkg of locked) {
    // Only a release with a measured file layout beats the lock: a history release's files are an
    // estimate with pip's .pyc included, while the lock's wheel bytes are the learner's own data.
    const release = pip
      .releases(pkg.name)
      .find((r) => r.version === pkg.version && r.provenance !== 'estimated');
    const choice = release ? pip.wheelFor(release, target) : undefined;
    if (release && choice?.kind === 'wheel') {
      items.push({ kind: 'release', release, wheel: choice.wheel, requested: false });
      continue;
    }
    const wheel = lockedWheelFor(pkg, target);
    if (!wheel) {
      noteGap(
        context.state,
        'no-data',
        `${pkg.name} ${pkg.version}: uv.lock lists no wheel for this Python and C library, so uv would build it from source; that is not simulated and it is not installed here.`,
      );
      continue;
    }
    if (wheel.size === undefined) {
      noteGap(
        context.state,
        'no-data',
        `${pkg.name} ${pkg.version}: uv.lock gives no size for ${wheel.filename}, so its installed size is unknown; it is not installed here.`,
      );
      continue;
    }
    estimated.push(`${pkg.name} ${pkg.version}`);
    items.push({
      kind: 'entries',
      name: pkg.name,
      version: pkg.version,
      entries: estimatedEntries(site, pkg.name, pkg.version, wheel.size, { uid, gid }),
    });
  }
  if (estimated.length)
    noteGap(
      context.state,
      'model',
      `${estimated.join(', ')}: not in pip's data; each is installed as one file sized from its wheel's bytes in uv.lock × ${INSTALLED_PER_WHEEL_BYTE} (the median ratio of installed to wheel bytes over pip's data), its module named after the project: an estimate.`,
      'estimated',
    );
  return items;
}

/** The project itself, editable (`source = { editable = "." }`): a .pth naming its folder and its dist-info. */
/** [project.scripts] of the pyproject.toml in `dir`: name → `module:function`. */
function projectScripts(context: CommandContext, dir: string): [string, string][] {
  try {
    const data = parseToml(context.fs.read(joinPath(dir, 'pyproject.toml')) ?? '') as Table;
    return Object.entries(table(table(data.project).scripts)).flatMap(([name, entry]) =>
      typeof entry === 'string' ? [[name, entry] as [string, string]] : [],
    );
  } catch {
    return [];
  }
}

function editableInstalls(
  context: CommandContext,
  project: UvProject,
  roots: readonly LockedPackage[],
  target: InstallTarget,
): Install[] {
  const site = target.site;
  const { uid, gid } = context.state.user;
  return roots
    .filter((root) => root.source.kind === 'editable')
    .map((root) => {
      const module = root.name.replace(/-/g, '_');
      const dir = joinPath(project.dir, root.source.kind === 'editable' ? root.source.path : '.');
      const src = context.fs.stat(joinPath(dir, 'src'))?.kind === 'dir' ? joinPath(dir, 'src') : dir;
      const file = (path: string, size: number) => plainFile(path, size, { uid, gid }, root.name);
      noteGap(
        context.state,
        'model',
        `${root.name} is installed editable: a _${module}.pth naming ${src} and its dist-info; the build backend's exact files are estimated.`,
        'estimated',
      );
      return {
        kind: 'entries' as const,
        name: root.name,
        version: root.version,
        entries: [
          file(joinPath(site, `_${module}.pth`), src.length + 1),
          file(joinPath(site, `${module}-${root.version}.dist-info`, 'METADATA'), 200),
          // its console scripts, launchers like pip's (their size: pip's template, an estimate for uv's)
          ...projectScripts(context, dir).map(([name, entry]) => ({
            ...file(joinPath(target.scripts, name), consoleScriptSize(entry, target.interpreter)),
            mode: 0o755,
            exec: { kind: 'script' as const, shebang: target.interpreter },
          })),
        ],
      };
    });
}

/** [project] requires-python of pyproject.toml, when there is no lock to say it. */
function projectRequiresPython(context: CommandContext, project: UvProject): string | undefined {
  try {
    const data = parseToml(context.fs.read(joinPath(project.dir, 'pyproject.toml')) ?? '') as Table;
    const value = table(data.project)['requires-python'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

type Synced = CommandResult & { readonly root?: string };

export function readLock(
  context: CommandContext,
  project: UvProject,
  args: readonly string[],
): UvLock | CommandResult | undefined {
  const path = joinPath(project.dir, 'uv.lock');
  const frozen = args.includes('--frozen')
    ? '`--frozen`'
    : envFlag(context, 'UV_FROZEN')
      ? '`UV_FROZEN=1`'
      : undefined;
  const locked = args.includes('--locked')
    ? '`--locked`'
    : envFlag(context, 'UV_LOCKED')
      ? '`UV_LOCKED=1`'
      : undefined;
  if (!context.fs.stat(path)) {
    const flag = frozen ?? locked;
    if (flag)
      return fail(
        `error: Unable to find lockfile at \`uv.lock\`, but ${flag} was provided. To create a lockfile, run \`uv lock\` or \`uv sync\` without the flag.`,
        2,
      );
    noteGap(
      context.state,
      'not-followed',
      'There is no uv.lock: uv would resolve the project from PyPI and write one; the simulator does not resolve for uv, so nothing was installed.',
    );
    return undefined;
  }
  const text = context.fs.read(path);
  if (text === undefined) {
    noteGap(
      context.state,
      'no-data',
      'The content of uv.lock is not known to the simulator; what uv sync installs is unknown.',
    );
    return undefined;
  }
  const read = parseUvLock(text);
  if (read.kind === 'invalid')
    return fail(`error: Failed to parse \`uv.lock\`\n  Caused by: ${read.error}`, 2);
  if (locked && !frozen) {
    const pyproject = context.fs.read(joinPath(project.dir, 'pyproject.toml'));
    let data: Table | undefined;
    try {
      data = pyproject === undefined ? undefined : (parseToml(pyproject) as Table);
    } catch {
      data = undefined;
    }
    if (data && !lockMatches(data, read.lock))
      return fail(`error: The lockfile at \`uv.lock\` needs to be updated, but ${locked} was provided.`, 2);
  }
  return read.lock;
}

/** The project environment: the existing one, or a new venv for the image's Python. */
function environmentOf(
  context: CommandContext,
  project: UvProject,
  requiresPython: string | undefined,
): { python: FoundPython; created: string } | CommandResult {
  const options = uvOptions(context);
  const existing = pythonAt(context, joinPath(project.environment, 'bin', 'python'));
  // an existing environment, a venv or a Python prefix (UV_PROJECT_ENVIRONMENT=/usr/local), is used as it is
  if (existing) return { python: existing, created: '' };
  // without --python, the project's requires-python is the request (uv's lock.rs test: 3.9 for >=3.12)
  const wanted = options.python ?? requiresPython;
  const python = findSystemPython(context, wanted);
  if (!python) return noPython(context, options, wanted);
  let prompt: string | undefined;
  try {
    const data = parseToml(context.fs.read(joinPath(project.dir, 'pyproject.toml')) ?? '') as Table;
    const name = table(data.project).name;
    prompt = typeof name === 'string' ? name : undefined;
  } catch {
    prompt = undefined;
  }
  createVenv(context, project.environment, python, { systemSite: false, ...(prompt ? { prompt } : {}) });
  const made = pythonAt(context, joinPath(project.environment, 'bin', 'python')) ?? python;
  return {
    python: made,
    created: `Using CPython ${python.version} interpreter at: ${python.path}\nCreating virtual environment at: ${project.shown}\n`,
  };
}

export async function syncProject(
  context: CommandContext,
  packages: PackageCatalog,
  project: UvProject,
  args: readonly string[],
): Promise<Synced> {
  const lock = readLock(context, project, args);
  if (lock && 'status' in lock) return lock;
  const env = environmentOf(
    context,
    project,
    lock?.requiresPython ?? projectRequiresPython(context, project),
  );
  if ('status' in env) return env;
  if (!lock) return { status: 0, root: project.environment, stderr: env.created };
  const options = uvOptions(context);
  const chosen = selectionOf(args, envFlag(context, 'UV_NO_DEV'));
  const noDev = chosen.groups !== 'all' && !chosen.groups.includes('dev');
  const selection = lockSelection(lock, env.python.version, chosen);
  for (const name of selection.missing)
    noteGap(
      context.state,
      'no-data',
      `uv.lock names ${name} as a dependency but holds no entry for it; the simulator leaves it out.`,
    );
  const target = venvTarget(project.environment, env.python);
  const items = await lockedInstalls(context, packages, selection.install, env.python, target.site);
  const installProject = !args.includes('--no-install-project') && !args.includes('--no-install-workspace');
  if (installProject) items.push(...editableInstalls(context, project, selection.roots, target));
  const done = await installAll(context, packages, target, items, options);
  context.state.notes.push(
    `uv sync installed ${items.length} package${items.length === 1 ? '' : 's'} from uv.lock (${(done.bytes / 1e6).toFixed(1)} MB) into ${project.environment} for Python ${pythonMinor(env.python.version)}${noDev ? ', without the dev group' : ''}${installProject ? '' : ', without the project itself'}.`,
  );
  return { status: 0, root: project.environment, stderr: `${env.created}${done.stderr}` };
}
