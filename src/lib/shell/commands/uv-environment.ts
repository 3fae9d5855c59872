/**
 * What uv's commands share: finding a Python as uv does (the image's interpreters on PATH, no
 * virtual environments), creating a venv, installing releases into an environment with its
 * cache and link mode, and the options every subcommand reads from the environment.
 */
import type { LayerEntry } from '../../fs/entry.ts';
import { basename, dirname, joinPath } from '../../fs/path.ts';
import { realpath, stat } from '../../fs/tree.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import type { PipRelease, PipWheel } from '../../packages/format.ts';
import { satisfies } from '../../packages/pep440.ts';
import { normalizeName, type PipTarget } from '../../packages/pip.ts';
import { bytecodeFor, cacheEntries, withoutBytecode } from '../../packages/uv-install.ts';
import { pythonMinor, type UvPython, uvVenvFiles } from '../../packages/uv-venv.ts';
import { type CommandContext, type CommandResult, fail, noteGap } from '../command.ts';

/** uv's boolean environment variables: `1`, `true`, `yes`, `on` and the like turn them on. */
export function envFlag(context: CommandContext, name: string): boolean {
  return /^(1|true|t|yes|y|on)$/i.test(context.env.get(name) ?? '');
}

/** The options of uv's own, before or after the subcommand, that change what it writes. */
export interface UvOptions {
  readonly noCache: boolean;
  readonly cacheDir: string;
  /** `copy`, `hardlink` (uv's default on Linux), `symlink`, `clone` */
  readonly linkMode: string;
  readonly compile: boolean;
  readonly pythonDownloads: boolean;
  /** `--python`, `UV_PYTHON` */
  readonly python?: string;
}

/** The value of `--name VALUE` or `--name=VALUE` in args. */
export function optionValue(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    for (const name of names) {
      if (arg === name) return args[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

export function uvOptions(context: CommandContext): UvOptions {
  const { args, env } = context;
  const home = env.get('HOME') ?? context.state.user.home;
  const cacheDir =
    optionValue(args, '--cache-dir') ??
    env.get('UV_CACHE_DIR') ??
    joinPath(env.get('XDG_CACHE_HOME') ?? joinPath(home, '.cache'), 'uv');
  const python = optionValue(args, '--python', '-p') ?? env.get('UV_PYTHON');
  return {
    noCache: args.includes('--no-cache') || args.includes('-n') || envFlag(context, 'UV_NO_CACHE'),
    cacheDir: context.fs.resolve(cacheDir),
    linkMode: optionValue(args, '--link-mode') ?? env.get('UV_LINK_MODE') ?? 'hardlink',
    compile:
      args.includes('--compile-bytecode') ||
      args.includes('--compile') ||
      envFlag(context, 'UV_COMPILE_BYTECODE'),
    pythonDownloads:
      !args.includes('--no-python-downloads') &&
      env.get('UV_PYTHON_DOWNLOADS') !== 'never' &&
      env.get('UV_PYTHON_PREFERENCE') !== 'only-system',
    ...(python ? { python } : {}),
  };
}

/** An interpreter as uv found it: `path` as found, `prefix` its installation's, `venv` when it is one's. */
export interface FoundPython extends UvPython {
  readonly prefix: string;
  readonly venv?: string;
}

/** The version of the interpreter at `path`: the image's PYTHON_VERSION when it is that line, else X.Y.0. */
function versionOf(context: CommandContext, path: string): string {
  const real = realpath(context.fs.tree, path) ?? path;
  const minor = /python(\d+\.\d+)/.exec(basename(real))?.[1] ?? /python(\d+\.\d+)/.exec(real)?.[1] ?? '3';
  const declared = context.env.get('PYTHON_VERSION');
  return declared?.startsWith(`${minor}.`) ? declared : `${minor}.0`;
}

function venvRootOf(context: CommandContext, executable: string): string | undefined {
  const root = dirname(dirname(executable));
  return context.fs.stat(joinPath(root, 'pyvenv.cfg'))?.kind === 'file' ? root : undefined;
}

export function pythonAt(context: CommandContext, path: string): FoundPython | undefined {
  const found = context.fs.resolve(path);
  if (!context.fs.stat(found)) return undefined;
  const venv = venvRootOf(context, found);
  const real = realpath(context.fs.tree, found) ?? found;
  return {
    path: found,
    version: versionOf(context, found),
    prefix: dirname(dirname(venv ? real : found)),
    ...(venv ? { venv } : {}),
  };
}

/**
 * uv's search of PATH for a system interpreter (crates/uv-python/src/discovery.rs): in each
 * directory `python` then `python3` (or `python3.X` when a version is asked for), skipping
 * virtual environments' interpreters.
 */
export function findSystemPython(context: CommandContext, request?: string): FoundPython | undefined {
  if (request?.includes('/')) return pythonAt(context, request);
  // a specifier (`>=3.12`, from requires-python) or a version (`3.12`)
  const range = request && /^[<>=!~]/.test(request) ? request : undefined;
  const minor = !range && request ? /^\d+\.\d+/.exec(request.replace(/^python/, ''))?.[0] : undefined;
  const names = minor ? ['python', 'python3', `python${minor}`] : ['python', 'python3'];
  const fits = (found: FoundPython) =>
    range ? satisfies(found.version, range) : !minor || pythonMinor(found.version) === minor;
  for (const dir of (context.env.get('PATH') ?? '').split(':')) {
    if (!dir) continue;
    for (const name of names) {
      const path = joinPath(dir, name);
      if (!stat(context.fs.tree, path) || venvRootOf(context, path)) continue;
      const found = pythonAt(context, path);
      if (found && fits(found)) return found;
    }
  }
  return undefined;
}

/**
 * uv's answer when it finds no interpreter for a new environment (uv venv, uv sync: system
 * interpreters only): its error when downloads are off, else a note that it would download one.
 */
export function noPython(
  context: CommandContext,
  options: UvOptions,
  wanted = options.python,
): CommandResult {
  const onlySystem = context.env.get('UV_PYTHON_PREFERENCE') === 'only-system';
  const sources = onlySystem ? 'search path' : 'managed installations or search path';
  const request = wanted && !wanted.includes('/') ? ` for Python ${wanted}` : '';
  if (wanted?.includes('/')) return fail(`error: No interpreter found at path \`${wanted}\``, 2);
  if (!options.pythonDownloads) {
    const reason = onlySystem
      ? "the Python preference is set to 'only system'"
      : "Python downloads are set to 'never'";
    return fail(
      `error: No interpreter found${request} in ${sources}\n\nhint: A managed Python download is available${request}, but ${reason}`,
      2,
    );
  }
  noteGap(
    context.state,
    'not-followed',
    `The image has no Python on PATH, so uv would download a managed CPython${request} into ~/.local/share/uv/python; the simulator does not model that download, so nothing was installed.`,
  );
  return { status: 0 };
}

/** Writes a new venv at `root` (absolute) for `python`. */
export function createVenv(
  context: CommandContext,
  root: string,
  python: FoundPython,
  options: { systemSite: boolean; prompt?: string },
): void {
  const { uid, gid } = context.state.user;
  for (const file of uvVenvFiles(root, python, options)) {
    if (file.kind === 'dir') context.fs.mkdir(file.path);
    else if (file.kind === 'text') context.fs.write(file.path, file.content, file.mode);
    else if (file.kind === 'symlink')
      context.fs.put(file.path, { kind: 'symlink', mode: 0o777, uid, gid, target: file.target });
    else context.fs.put(file.path, { kind: 'file', mode: file.mode, uid, gid, size: file.size });
  }
}

/** Where packages go: a venv's site-packages, the system's, or a --target folder. */
export interface InstallTarget {
  readonly site: string;
  readonly scripts: string;
  /** the interpreter the scripts' shebangs name */
  readonly interpreter: string;
  readonly python: FoundPython;
  readonly description: string;
}

export function venvTarget(root: string, python: FoundPython): InstallTarget {
  return {
    site: joinPath(root, 'lib', `python${pythonMinor(python.version)}`, 'site-packages'),
    scripts: joinPath(root, 'bin'),
    interpreter: joinPath(root, 'bin', 'python'),
    python,
    description: `the virtual environment ${root}`,
  };
}

/** The C library the stage's wheels must be built for. */
export function libcOf(context: CommandContext): PipTarget['libc'] {
  return stat(context.fs.tree, '/lib/ld-musl-x86_64.so.1') ? 'musl' : 'glibc';
}

/** One thing to install: a release of pip's data (its files known) or files estimated from a lock. */
export type Install =
  | {
      readonly kind: 'release';
      readonly release: PipRelease;
      readonly wheel: PipWheel;
      readonly requested: boolean;
    }
  | {
      readonly kind: 'entries';
      readonly name: string;
      readonly version: string;
      readonly entries: readonly LayerEntry[];
    };

const nameOf = (item: Install) => normalizeName(item.kind === 'release' ? item.release.name : item.name);
const releaseOf = (item: Install) => (item.kind === 'release' ? item.release.version : item.version);

/** name → version of what a site-packages folder holds, from its *.dist-info folders. */
function installedIn(context: CommandContext, site: string): Map<string, string> {
  const dir = context.fs.stat(site);
  const found = new Map<string, string>();
  if (dir?.kind !== 'dir') return found;
  for (const name of dir.children.keys()) {
    const match = /^(.+)-([^-]+)\.dist-info$/.exec(name);
    if (match) found.set(normalizeName(match[1] as string), match[2] as string);
  }
  return found;
}

/** Installs into `target` as uv does, then leaves its cache (or warns of its link mode); returns what it printed. */
export async function installAll(
  context: CommandContext,
  packages: PackageCatalog,
  target: InstallTarget,
  items: readonly Install[],
  options: UvOptions,
): Promise<{ stderr: string; bytes: number }> {
  const pip = await packages.pip();
  const minor = pythonMinor(target.python.version);
  const { uid, gid } = context.state.user;
  const written: LayerEntry[] = [];
  const present = installedIn(context, target.site);
  const fresh = items.filter((item) => present.get(nameOf(item)) !== releaseOf(item));
  if (fresh.length < items.length)
    context.state.notes.push(
      `uv found ${items.length - fresh.length} of the packages already installed at the same version and left them as they were.`,
    );
  for (const item of fresh) {
    if (item.kind === 'entries') {
      written.push(...item.entries);
      continue;
    }
    const files = await pip.files(item.wheel);
    const entries = pip.installEntries(item.release, files, {
      sitePackages: target.site,
      scripts: target.scripts,
      interpreter: target.interpreter,
      uid,
      gid,
      requested: item.requested,
    });
    const libc = item.wheel.libc;
    written.push(
      ...(options.compile ? bytecodeFor(entries, minor) : withoutBytecode(entries)).map((entry) =>
        entry.kind === 'file' && entry.path.endsWith('.so') && libc !== 'any'
          ? { ...entry, exec: { kind: 'elf', linkage: 'shared', libc } as const }
          : entry,
      ),
    );
  }
  if (written.length > 0) {
    context.fs.mkdir(target.site);
    context.fs.putAll(written);
  }
  if (options.compile && minor !== '3.9' && fresh.some((item) => item.kind === 'release'))
    noteGap(
      context.state,
      'model',
      `UV_COMPILE_BYTECODE: the .pyc files are CPython 3.9's from pip's data, renamed for ${minor}; their sizes are estimates.`,
      'estimated',
    );
  const bytes = written.reduce((sum, entry) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
  const stderr = written.length > 0 ? cache(context, options, target, written) : '';
  const lines = fresh.map((item) =>
    item.kind === 'release'
      ? ` + ${item.release.name}==${item.release.version}`
      : ` + ${item.name}==${item.version}`,
  );
  return { stderr: `${stderr}${lines.length ? `${lines.join('\n')}\n` : ''}`, bytes };
}

/**
 * uv's cache: none with --no-cache (a temporary one, removed); hard links to the installed files
 * when the cache is on the layer's filesystem; on a cache mount uv cannot hard link across, copies,
 * and warns unless the link mode is `copy` (crates/uv-fs/src/link.rs).
 */
function cache(
  context: CommandContext,
  options: UvOptions,
  target: InstallTarget,
  written: readonly LayerEntry[],
): string {
  if (options.noCache) return '';
  const mountOf = (path: string) =>
    context.state.mounts.find((mount) => path === mount || path.startsWith(`${mount.replace(/\/+$/, '')}/`));
  const cacheMount = mountOf(options.cacheDir);
  const { uid, gid } = context.state.user;
  context.fs.putAll(cacheEntries(options.cacheDir, written, { uid, gid }));
  if (cacheMount === undefined) {
    context.state.notes.push(
      `uv kept its cache in ${options.cacheDir}: hard links to the installed files, so the layer holds their bytes once (use --no-cache or a cache mount to leave none).`,
    );
    return '';
  }
  if (mountOf(target.site) === cacheMount || options.linkMode !== 'hardlink') return '';
  const warning =
    'warning: Failed to hardlink files; falling back to full copy. This may lead to degraded performance.\n         If the cache and target directories are on different filesystems, hardlinking may not be supported.\n         If this is intentional, set `export UV_LINK_MODE=copy` or use `--link-mode=copy` to suppress this warning.\n';
  context.state.notes.push(
    `uv warned that it could not hard link from the cache mount ${cacheMount} and copied the files (set UV_LINK_MODE=copy to say that is intended).`,
  );
  return warning;
}
