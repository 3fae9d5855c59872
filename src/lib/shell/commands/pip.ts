/**
 * pip install / uninstall, and `python -m venv`: the packages come from the package data (real
 * module layouts, sizes calibrated to the published wheels), resolved for the stage's own
 * interpreter and C library, installed where pip would put them (site-packages, ~/.local with
 * --user, --target, --prefix, a venv), with console scripts, and pip's cache unless disabled.
 */
import type { LayerEntry } from '../../fs/entry.ts';
import { basename, dirname, joinPath } from '../../fs/path.ts';
import { realpath, stat } from '../../fs/tree.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import type { PipRelease } from '../../packages/format.ts';
import {
  normalizeName,
  type PipCatalog,
  type PipTarget,
  type Requirement,
  type Resolution,
  type Unresolved,
  type WheelChoice,
} from '../../packages/pip.ts';
import { NO_DEPENDENCIES } from '../../packages/pip-history.ts';
import { absence, pipNoMatchingDistribution, pipResolutionImpossible } from '../../tool-errors.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import {
  buildFailure,
  importDirs,
  installLocalProject,
  isLocalPath,
  type LocalProjectFound,
  localProject,
} from './pip-local.ts';
import {
  findLinksReleases,
  hashUnpinned,
  pinned,
  type ReadRequirement,
  requirementsOf,
  wheelFileRelease,
} from './pip-requirements.ts';

// Python's strtobool: the values pip accepts for a boolean option.
const TRUTH_VALUES: ReadonlySet<string> = new Set([
  'y',
  'yes',
  't',
  'true',
  'on',
  '1',
  'n',
  'no',
  'f',
  'false',
  'off',
  '0',
]);

/**
 * Whether PIP_NO_CACHE_DIR turns pip's cache off. pip keeps an old quirk: any value strtobool
 * accepts does, `false` and `no` included; other values are an option error.
 */
export function disablesPipCache(value: string | undefined): boolean {
  return value !== undefined && TRUTH_VALUES.has(value.toLowerCase());
}

interface Interpreter {
  /** e.g. /usr/local/bin/python3.9 */
  readonly path: string;
  /** e.g. 3.9.25 */
  readonly version: string;
  /** e.g. python3.9 */
  readonly lib: string;
  readonly prefix: string;
}

/** The interpreter a pip or python command runs under, found from its script's shebang or itself. */
function interpreterOf(context: CommandContext, invoked: string): Interpreter | undefined {
  const { fs, env } = context;
  const found = invoked.includes('/') ? fs.resolve(invoked) : findCommand(context, invoked);
  if (!found) return undefined;
  const node = fs.stat(found);
  const shebang =
    node?.kind === 'file' && node.exec?.kind === 'script' ? node.exec.shebang.split(/\s+/)[0] : undefined;
  const python = shebang && /python/.test(shebang) ? shebang : found;
  const real = realpath(fs.tree, python) ?? python;
  const minor = /python(\d+\.\d+)/.exec(basename(real))?.[1] ?? /python(\d+\.\d+)/.exec(real)?.[1] ?? '3.9';
  const full = env.get('PYTHON_VERSION')?.startsWith(minor)
    ? (env.get('PYTHON_VERSION') as string)
    : `${minor}.0`;
  return { path: python, version: full, lib: `python${minor}`, prefix: dirname(dirname(python)) };
}

function findCommand(context: CommandContext, name: string): string | undefined {
  for (const dir of (context.env.get('PATH') ?? '').split(':')) {
    if (dir && context.fs.stat(joinPath(dir, name))) return joinPath(dir, name);
  }
  return undefined;
}

/** The C library the stage's programs link against, with the version pip compares wheel tags to. */
function targetOf(context: CommandContext, version: string): PipTarget {
  const tree = context.fs.tree;
  if (stat(tree, '/lib/ld-musl-x86_64.so.1')) return { python: version, libc: 'musl', libcVersion: '1.2.5' };
  const release = context.fs.read('/etc/os-release') ?? '';
  const libcVersion = /VERSION_CODENAME=bookworm/.test(release)
    ? '2.36'
    : /VERSION_CODENAME=trixie/.test(release)
      ? '2.41'
      : undefined;
  return { python: version, libc: 'glibc', ...(libcVersion ? { libcVersion } : {}) };
}

/** name → version of what a site-packages directory already has, from its *.dist-info names. */
function installedIn(context: CommandContext, site: string): Map<string, string> {
  const installed = new Map<string, string>();
  const dir = context.fs.stat(site);
  if (dir?.kind !== 'dir') return installed;
  for (const name of dir.children.keys()) {
    const match = /^(.+)-([^-]+)\.dist-info$/.exec(name);
    if (match) installed.set(normalizeName(match[1] as string), match[2] as string);
  }
  return installed;
}

interface Location {
  readonly site: string;
  readonly scripts: string;
  readonly description: string;
}

/** Where pip installs: a venv's own site-packages, --target, --prefix, --user, or the system's. */
function locationOf(context: CommandContext, interpreter: Interpreter, options: InstallOptions): Location {
  const home = context.env.get('HOME') ?? context.state.user.home;
  if (options.target)
    return {
      site: context.fs.resolve(options.target),
      scripts: joinPath(context.fs.resolve(options.target), 'bin'),
      description: `--target ${options.target}`,
    };
  if (options.prefix) {
    const prefix = context.fs.resolve(options.prefix);
    return {
      site: joinPath(prefix, 'lib', interpreter.lib, 'site-packages'),
      scripts: joinPath(prefix, 'bin'),
      description: `--prefix ${options.prefix}`,
    };
  }
  const venv = context.fs.stat(joinPath(interpreter.prefix, 'pyvenv.cfg')) !== undefined;
  const system = {
    site: joinPath(interpreter.prefix, 'lib', interpreter.lib, 'site-packages'),
    scripts: joinPath(interpreter.prefix, 'bin'),
  };
  const systemWritable =
    context.state.user.uid === 0 || context.fs.stat(system.site)?.uid === context.state.user.uid;
  if (options.user || (!venv && !systemWritable)) {
    const base = context.env.get('PYTHONUSERBASE') ?? joinPath(home, '.local');
    return {
      site: joinPath(base, 'lib', interpreter.lib, 'site-packages'),
      scripts: joinPath(base, 'bin'),
      description: options.user ? '--user' : 'the user site (site-packages is not writable)',
    };
  }
  return { ...system, description: venv ? `the virtual environment ${interpreter.prefix}` : 'site-packages' };
}

interface InstallOptions {
  readonly requirements: string[];
  readonly files: string[];
  readonly user: boolean;
  readonly noCache: boolean;
  readonly upgrade: boolean;
  readonly noDeps: boolean;
  readonly buildIsolation: boolean;
  readonly index: boolean;
  readonly compile: boolean;
  readonly editable: string[];
  readonly constraints: string[];
  readonly findLinks: string[];
  readonly requireHashes: boolean;
  readonly target?: string;
  readonly prefix?: string;
  /** `pip wheel -w DIR` */
  readonly wheelDir?: string;
}

function parseInstall(args: readonly string[]): InstallOptions {
  const options: { -readonly [K in keyof InstallOptions]: InstallOptions[K] } = {
    requirements: [],
    files: [],
    user: false,
    noCache: false,
    upgrade: false,
    noDeps: false,
    buildIsolation: true,
    index: true,
    compile: true,
    editable: [],
    constraints: [],
    findLinks: [],
    requireHashes: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '-r' || flag === '--requirement') options.files.push(value());
    else if (/^-r./.test(arg)) options.files.push(arg.slice(2));
    else if (flag === '--user') options.user = true;
    else if (flag === '--no-cache-dir') options.noCache = true;
    else if (flag === '-U' || flag === '--upgrade') options.upgrade = true;
    else if (flag === '--no-deps') options.noDeps = true;
    else if (flag === '--no-build-isolation') options.buildIsolation = false;
    else if (flag === '--no-index') options.index = false;
    else if (flag === '--no-compile') options.compile = false;
    else if (flag === '-e' || flag === '--editable') options.editable.push(value());
    else if (flag === '-t' || flag === '--target') options.target = value();
    else if (flag === '--prefix') options.prefix = value();
    else if (flag === '-c' || flag === '--constraint') options.constraints.push(value());
    else if (flag === '-f' || flag === '--find-links') options.findLinks.push(value());
    else if (flag === '--require-hashes') options.requireHashes = true;
    else if (flag === '-w' || flag === '--wheel-dir') options.wheelDir = value();
    else if (
      ['-i', '--index-url', '--extra-index-url', '--root-user-action', '--progress-bar'].includes(flag)
    )
      value();
    else if (!arg.startsWith('-')) options.requirements.push(arg);
  }
  return options;
}

function putEntries(
  context: CommandContext,
  entries: readonly LayerEntry[],
  libc: PipTarget['libc'] | 'any',
): number {
  let bytes = 0;
  const marked = entries.map((entry) => {
    if (entry.kind === 'file') bytes += entry.size;
    return entry.kind === 'file' && entry.path.endsWith('.so') && libc !== 'any'
      ? { ...entry, exec: { kind: 'elf', linkage: 'shared', libc } as const }
      : entry;
  });
  context.fs.putAll(marked);
  return bytes;
}

async function readRequirements(
  context: CommandContext,
  options: InstallOptions,
  files: readonly string[] = options.files,
): Promise<ReadRequirement[] | CommandResult> {
  const read = requirementsOf(options.requirements.join('\n'));
  if (!read.ok) return fail(read.error);
  const requirements = [...read.requirements];
  for (const file of files) {
    const text = context.fs.read(file);
    if (text === undefined) {
      if (!context.fs.stat(file))
        return fail(
          `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'`,
        );
      noteGap(
        context.state,
        'no-data',
        `The content of ${file} is not known to the simulator; its requirements were not installed.`,
      );
      continue;
    }
    const fromFile = requirementsOf(text, file);
    if (!fromFile.ok) return fail(fromFile.error);
    requirements.push(...fromFile.requirements);
  }
  return requirements;
}

/**
 * pip's own failure, only where the data proves it: a project PyPI's list of names lacks, a
 * version no release can be (see `certainlyAbsent`), or requirements that exclude each other
 * whatever releases exist. A release or a project the data lacks is the simulator's gap instead.
 */
async function refusal(
  context: CommandContext,
  packages: PackageCatalog,
  unresolved: readonly Unresolved[],
): Promise<string | undefined> {
  for (const item of unresolved) {
    if (item.reason === 'not-in-catalog') {
      const presence = await packages
        .names()
        .pypi(item.requirement.name)
        .catch(() => 'unknown' as const);
      if (presence !== 'absent') continue;
      return pipNoMatchingDistribution(
        shown(item.requirement),
        [],
        absence("PyPI's list of every project name"),
      );
    }
    if (item.reason === 'no-matching-version' && item.certain) {
      if (item.pythonEstimated)
        noteGap(
          context.state,
          'model',
          `The Requires-Python of some ${item.requirement.name} releases is estimated (release histories), so which releases pip skips for this Python is an estimate.`,
          'estimated',
        );
      if (!item.complete)
        noteGap(
          context.state,
          'no-data',
          `pip's list of ${item.requirement.name} versions holds every release PyPI has; the simulator's data has ${item.available.length + item.skipped.length} of them, so the versions printed are those only.`,
          'estimated',
        );
      const spec = item.parent ? `${shown(item.requirement)} (from ${item.parent})` : shown(item.requirement);
      return pipNoMatchingDistribution(
        spec,
        item.available,
        absence("the project's release history and PyPI's newest version"),
        item.skipped,
      );
    }
    if (item.reason === 'conflict' && item.certain) {
      const triggers = item.causes.map((c) =>
        c.parent ? `${c.parent.name}==${c.parent.version}` : forError(shown(c.requirement)),
      );
      return pipResolutionImpossible(
        triggers,
        item.causes.map((c) => ({
          ...(c.parent ? { parent: `${c.parent.name} ${c.parent.version}` } : {}),
          requirement: forError(shown(c.requirement)),
        })),
        absence('requirements that pin versions the others exclude'),
      );
    }
  }
  return undefined;
}

/** The requirement as pip's messages print it (packaging's `str(Requirement)`). */
function shown(requirement: Requirement): string {
  const marker = requirement.marker ? `; ${requirement.marker.replace(/'/g, '"')}` : '';
  return `${requirement.text ?? `${requirement.name}${requirement.specifier}`}${marker}`;
}

/** pip's `format_for_error`: `flask<3,>=2` → `flask<3 and >=2`. */
function forError(text: string): string {
  const parts = text.split(',').map((p) => p.trim());
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What the simulator could not install, in its own words. */
function outsideData(item: Unresolved): string {
  const spec = `${item.requirement.name}${item.requirement.specifier}`;
  switch (item.reason) {
    case 'not-in-catalog':
      return `${item.requirement.name} is a project on PyPI, but the simulator has no data for it: it is not installed here, so its files, size and dependencies are unknown.`;
    case 'no-matching-version':
      return `${spec}: the simulator's data holds ${item.requirement.name} ${item.available.join(', ') || '(no release)'} only, so it cannot tell which release a real pip would install; none is installed here.`;
    case 'conflict':
      return `${spec}: with the releases in the simulator's data this conflicts with ${item.requirement.name} ${item.chosen}; a real pip, with every release, may resolve it. Not installed here.`;
  }
}

async function install(
  context: CommandContext,
  packages: PackageCatalog,
  interpreter: Interpreter,
): Promise<CommandResult> {
  const parsed = parseInstall(context.args.slice(1));
  const paths = parsed.requirements.filter((arg) => isLocalPath(context, arg));
  const projects: LocalProjectFound[] = [];
  const localWheels: { name: string; version: string }[] = [];
  for (const path of paths) {
    if (context.fs.stat(path)?.kind === 'file') {
      const wheel = wheelFileRelease(path);
      // A wheel of a release the data has installs as that release; any other is the simulator's gap.
      const known =
        wheel && (await packages.pip()).releases(wheel.name).some((r) => r.version === wheel.version);
      if (wheel && known) localWheels.push(wheel);
      else
        noteGap(
          context.state,
          'not-followed',
          `pip install ${path} (a local archive, not a wheel) is not simulated.`,
        );
      continue;
    }
    const found = localProject(context, path);
    if ('error' in found) return fail(found.error);
    projects.push(found);
  }
  for (const path of parsed.editable)
    noteGap(context.state, 'not-followed', `pip install -e ${path} (an editable install) is not simulated.`);
  const options = {
    ...parsed,
    requirements: [
      ...parsed.requirements.filter((arg) => !paths.includes(arg)),
      ...projects.flatMap((found) => found.project.dependencies),
      ...localWheels.map((w) => `${w.name}==${w.version}`),
    ],
  };
  const requirements = await readRequirements(context, options);
  if (!Array.isArray(requirements)) return requirements;
  const constraints = await readRequirements(context, { ...options, requirements: [] }, options.constraints);
  if (!Array.isArray(constraints)) return constraints;
  const hashMode = options.requireHashes || requirements.some((r) => r.hashes.length > 0);
  const unpinned = hashMode ? hashUnpinned(requirements) : undefined;
  if (unpinned) return fail(unpinned);
  if (requirements.length === 0 && options.files.length === 0 && projects.length === 0)
    return paths.length + parsed.editable.length > 0
      ? { status: 0 }
      : fail('ERROR: You must give at least one requirement to install (see "pip help install")');
  const build = {
    isolation: options.buildIsolation,
    index: options.index,
    dirs: importDirs(context, interpreter.prefix, interpreter.lib),
  };
  for (const found of projects) {
    const failure = buildFailure(context, found, build);
    if (failure) return fail(`Processing ${found.dir}\n${failure}`);
  }
  const pip = await packages.pip();
  const target = targetOf(context, interpreter.version);
  const where = locationOf(context, interpreter, options);
  const resolution = pip.resolve(requirements, target, {
    installed: options.wheelDir ? new Map() : installedIn(context, where.site),
    upgrade: options.upgrade,
    constraints,
    ...(options.index ? {} : { only: localIndex(context, options, localWheels) }),
  });
  const refused = await refusal(context, packages, resolution.unresolved);
  if (refused) return fail(refused);
  if (hashMode) {
    const missing = hashesMissing(requirements, resolution.install);
    if (missing) return fail(missing);
  }
  if (options.wheelDir !== undefined) return saveWheels(context, pip, resolution, target, options.wheelDir);
  const { uid, gid } = context.state.user;
  const installed: string[] = [];
  const wheels = [];
  let bytes = 0;
  const releases = options.noDeps
    ? resolution.install.filter((release) => requirements.some((r) => r.name === release.name))
    : resolution.install;
  for (const release of releases) {
    const choice = pip.wheelFor(release, target);
    let files: readonly LayerEntry[];
    let libc: PipTarget['libc'] | 'any' = 'any';
    if (choice.kind === 'wheel') {
      files = await pip.files(choice.wheel);
      libc = choice.wheel.libc;
      wheels.push(choice.wheel);
    } else {
      const tools = release.sdist.needs.filter((tool) => !findCommand(context, tool));
      if (choice.needsCompiler && tools.length > 0) {
        return fail(
          `error: command '${tools[0]}' failed: No such file or directory\nERROR: Failed building wheel for ${release.display}\nERROR: Could not build wheels for ${release.display}, which is required to install pyproject.toml-based projects`,
        );
      }
      if (!release.sdist.built) {
        noteGap(
          context.state,
          'no-data',
          `${release.display} would be built from source here; its files are not in the package data.`,
        );
        continue;
      }
      files = await pip.files(release.sdist.built);
      libc = target.libc;
    }
    if (release.provenance === 'estimated') estimatedRelease(context, release, choice);
    const requested = requirements.some((r) => r.name === release.name);
    if (installed.length === 0) {
      // Created as the running user, as pip does; the batch below would make missing parents root's.
      context.fs.mkdir(where.site);
      context.fs.mkdir(where.scripts);
    }
    bytes += putEntries(
      context,
      pip.installEntries(release, files, {
        sitePackages: where.site,
        scripts: where.scripts,
        interpreter: interpreter.path,
        uid,
        gid,
        requested,
      }),
      libc,
    );
    installed.push(`${release.display}-${release.version}`);
  }
  if (projects.length > 0) {
    context.fs.mkdir(where.site);
    context.fs.mkdir(where.scripts);
  }
  for (const found of projects) {
    bytes += installLocalProject(context, found, {
      sitePackages: where.site,
      scripts: where.scripts,
      interpreter: interpreter.path,
      pythonVersion: interpreter.lib.slice(6),
      compile: options.compile,
    });
    installed.push(`${found.project.name}-${found.project.version}`);
  }
  for (const missing of resolution.unresolved) noteGap(context.state, 'no-data', outsideData(missing));
  const cacheDisabled = options.noCache || disablesPipCache(context.env.get('PIP_NO_CACHE_DIR'));
  if (!cacheDisabled && wheels.length > 0) {
    const cache = joinPath(context.env.get('HOME') ?? context.state.user.home, '.cache/pip');
    const entries = pip.cacheEntries(wheels, cache).map((entry) => ({ ...entry, uid, gid }));
    const cacheBytes = putEntries(context, entries, 'any');
    context.state.notes.push(
      `pip kept ${(cacheBytes / 1e6).toFixed(1)} MB of downloads in ${cache} (use --no-cache-dir).`,
    );
  }
  const already = [...resolution.satisfied].map(
    ([name, version]) => `Requirement already satisfied: ${name} (${version})`,
  );
  context.state.notes.push(
    installed.length > 0
      ? `pip installed ${installed.length} package${installed.length === 1 ? '' : 's'} (${(bytes / 1e6).toFixed(1)} MB) into ${where.site} (${where.description}) for ${context.state.user.name}${libc(target)}.`
      : 'pip found every requirement already installed.',
  );
  return {
    status: 0,
    stdout: `${[...already, ...(installed.length ? [`Successfully installed ${installed.join(' ')}`] : [])].join('\n')}\n`,
  };
}

/** `--no-index`: the releases pip can see are the wheels in `--find-links` folders and on the command line. */
function localIndex(
  context: CommandContext,
  options: InstallOptions,
  wheels: readonly { name: string; version: string }[],
): Map<string, Set<string>> {
  const only = findLinksReleases(context, options.findLinks);
  for (const w of wheels) only.set(w.name, (only.get(w.name) ?? new Set()).add(w.version));
  return only;
}

/**
 * In hash-checking mode every distribution pip installs, dependencies included, needs a hash in the
 * requirements. pip names each missing one with the sha256 of the file it downloaded; the package
 * data keeps no file hashes, so this failure is said in the simulator's words.
 */
function hashesMissing(
  requirements: readonly ReadRequirement[],
  install: readonly PipRelease[],
): string | undefined {
  const hashed = new Set(requirements.filter((r) => r.hashes.length > 0 && pinned(r)).map((r) => r.name));
  const missing = install.filter((r) => !hashed.has(r.name)).map((r) => `${r.name}==${r.version}`);
  if (missing.length === 0) return undefined;
  return `pip --require-hashes: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no --hash in the requirements, so real pip stops here ("Hashes are required in --require-hashes mode, but they are missing from some requirements"), printing each file's sha256, which the simulator's data does not hold.`;
}

/** `pip wheel -w DIR`: the wheel of every release in the closure, saved under DIR (built from source where none fits). */
function saveWheels(
  context: CommandContext,
  pip: PipCatalog,
  resolution: Resolution,
  target: PipTarget,
  dir: string,
): CommandResult {
  const root = context.fs.resolve(dir || '.');
  context.fs.mkdir(root);
  const saved: string[] = [];
  for (const release of resolution.install) {
    const choice = pip.wheelFor(release, target);
    if (choice.kind === 'sdist' && choice.needsCompiler) {
      const tools = release.sdist.needs.filter((tool) => !findCommand(context, tool));
      if (tools.length > 0)
        return fail(
          `error: command '${tools[0]}' failed: No such file or directory\nERROR: Failed building wheel for ${release.display}\nERROR: Failed to build one or more wheels`,
        );
    }
    const underscored = release.name.replace(/-/g, '_');
    const filename =
      choice.kind === 'wheel'
        ? choice.wheel.filename
        : `${underscored}-${release.version}-${choice.needsCompiler ? `cp${target.python.split('.').slice(0, 2).join('')}-cp${target.python.split('.').slice(0, 2).join('')}-linux_x86_64` : 'py3-none-any'}.whl`;
    const size = choice.kind === 'wheel' ? choice.wheel.size.value : (release.wheels[0]?.size.value ?? 0);
    if (choice.kind === 'sdist' || release.provenance === 'estimated')
      noteGap(context.state, 'model', `${filename}: its size is estimated.`, 'estimated');
    context.fs.putAll([
      {
        path: joinPath(root, filename),
        kind: 'file',
        mode: 0o644,
        uid: context.state.user.uid,
        gid: context.state.user.gid,
        size,
      },
    ]);
    saved.push(`Saved ${joinPath(dir || '.', filename)}`);
  }
  context.state.notes.push(
    `pip wheel saved ${saved.length} wheel${saved.length === 1 ? '' : 's'} in ${root}.`,
  );
  return { status: 0, stdout: `${saved.join('\n')}\n` };
}

/** What of a release from the histories is real and what is estimated, said once per release. */
function estimatedRelease(context: CommandContext, release: PipRelease, choice: WheelChoice): void {
  const wheel = choice.kind === 'wheel' ? `the ${choice.wheel.tag} wheel` : 'a build from source';
  const deps = release.note?.includes(NO_DEPENDENCIES)
    ? 'its dependencies are not in the records, so none were installed with it; '
    : '';
  noteGap(
    context.state,
    'model',
    `${release.display} ${release.version}: ${deps}the release, its dependencies and its Requires-Python are from its release history (${release.source.split('; ')[0]}); pip would install ${wheel}, whose files are estimated (one module per top-level name, sized from the download).`,
    'estimated',
  );
}

function libc(target: PipTarget): string {
  return target.libc === 'musl'
    ? ', choosing musllinux wheels for Alpine'
    : ', choosing manylinux (glibc) wheels';
}

function uninstall(context: CommandContext, interpreter: Interpreter): CommandResult {
  const names = context.args
    .slice(1)
    .filter((arg) => !arg.startsWith('-'))
    .map(normalizeName);
  const site = joinPath(interpreter.prefix, 'lib', interpreter.lib, 'site-packages');
  const dir = context.fs.stat(site);
  if (dir?.kind !== 'dir') return { status: 0 };
  for (const name of names) {
    for (const entry of [...dir.children.keys()]) {
      const match = /^(.+)-[^-]+\.dist-info$/.exec(entry);
      if (match && normalizeName(match[1] as string) === name) {
        context.fs.remove(joinPath(site, entry));
        context.fs.remove(joinPath(site, (match[1] as string).replace(/-/g, '_').toLowerCase()));
      }
    }
  }
  return { status: 0, stdout: names.map((name) => `Successfully uninstalled ${name}`).join('\n') };
}

/**
 * The setuptools release CPython's ensurepip bundles (Lib/ensurepip/__init__.py, _SETUPTOOLS_VERSION,
 * in the last release of each line): a venv gets it, with pip, and no `wheel`. From 3.12 on
 * ensurepip installs pip alone. Every one of them is older than setuptools 70.1, so a venv cannot
 * build a wheel without installing `wheel` (recorded on Debian's 3.11 with its setuptools 66.1.1).
 */
const ENSUREPIP_SETUPTOOLS: Readonly<Record<string, string>> = {
  '3.8': '56.0.0',
  '3.9': '58.1.0',
  '3.10': '65.5.0',
  '3.11': '65.5.0',
};

/** `python -m venv DIR`: pyvenv.cfg, links to the interpreter, and pip and setuptools copied in. */
function venv(
  context: CommandContext,
  interpreter: Interpreter,
  dir: string,
  systemSite: boolean,
): CommandResult {
  const root = context.fs.resolve(dir);
  const { uid, gid } = context.state.user;
  const home = dirname(interpreter.path);
  context.fs.write(
    joinPath(root, 'pyvenv.cfg'),
    `home = ${home}\ninclude-system-site-packages = ${systemSite}\nversion = ${interpreter.version}\n`,
  );
  for (const name of ['python', 'python3', interpreter.lib]) {
    context.fs.put(joinPath(root, 'bin', name), {
      kind: 'symlink',
      mode: 0o777,
      uid,
      gid,
      target: name === 'python' ? interpreter.path : 'python',
    });
  }
  const site = joinPath(root, 'lib', interpreter.lib, 'site-packages');
  context.fs.mkdir(site);
  const system = context.fs.stat(joinPath(interpreter.prefix, 'lib', interpreter.lib, 'site-packages'));
  const setuptools = ENSUREPIP_SETUPTOOLS[interpreter.lib.slice(6)];
  const bundled = setuptools
    ? /^(pip|setuptools|_distutils_hack|pkg_resources|distutils-precedence\.pth)([-.].*)?$/
    : /^pip([-.].*)?$/;
  if (system?.kind === 'dir') {
    for (const [name, node] of system.children) {
      if (!bundled.test(name)) continue;
      // ensurepip installs its own setuptools, whatever release the image's site-packages has
      const renamed = setuptools
        ? name.replace(/^setuptools-.+\.dist-info$/, `setuptools-${setuptools}.dist-info`)
        : name;
      context.fs.put(joinPath(site, renamed), node);
    }
  }
  if (setuptools)
    noteGap(
      context.state,
      'model',
      `ensurepip puts its bundled setuptools ${setuptools} in the venv; the simulator copies the image's own setuptools files in its place, so their sizes are estimates.`,
      'estimated',
    );
  for (const script of ['pip', 'pip3', `pip${interpreter.lib.slice(6)}`]) {
    context.fs.write(
      joinPath(root, 'bin', script),
      `#!${joinPath(root, 'bin', 'python')}\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n`,
      0o755,
    );
  }
  context.fs.write(
    joinPath(root, 'bin', 'activate'),
    `# This file must be used with "source bin/activate"\nVIRTUAL_ENV="${root}"\nexport VIRTUAL_ENV\nPATH="$VIRTUAL_ENV/bin:$PATH"\nexport PATH\n`,
  );
  context.state.notes.push(
    `python -m venv created ${root}, with pip and setuptools copied into its site-packages; activate it with ENV PATH="${root}/bin:$PATH".`,
  );
  return { status: 0 };
}

export function pythonCommands(packages: PackageCatalog): CommandModule[] {
  const pip: CommandModule = {
    names: ['pip', 'pip3'],
    async run(context) {
      const interpreter = interpreterOf(context, context.path);
      if (!interpreter) return fail(`${context.name}: no Python interpreter found`, 127);
      const [sub] = context.args;
      if (sub === 'install') return install(context, packages, interpreter);
      if (sub === 'wheel')
        return install(
          {
            ...context,
            args: [
              ...context.args,
              ...(context.args.some((a) => /^(-w|--wheel-dir)/.test(a)) ? [] : ['-w', '.']),
            ],
          },
          packages,
          interpreter,
        );
      if (sub === 'uninstall') return uninstall(context, interpreter);
      if (
        sub === 'freeze' ||
        sub === 'list' ||
        sub === 'show' ||
        sub === '--version' ||
        sub === 'check' ||
        sub === 'config'
      )
        return { status: 0 };
      noteGap(context.state, 'not-followed', `pip ${sub ?? ''} is not simulated.`);
      return { status: 0 };
    },
  };
  const python: CommandModule = {
    names: ['python', 'python3'],
    async run(context) {
      const interpreter = interpreterOf(context, context.path);
      if (!interpreter) return fail(`${context.name}: not found`, 127);
      const m = context.args.indexOf('-m');
      const module = m === -1 ? undefined : context.args[m + 1];
      if (module === 'pip') return pip.run({ ...context, args: context.args.slice(m + 2) });
      if (module === 'venv') {
        const rest = context.args.slice(m + 2);
        const dir = rest.find((arg) => !arg.startsWith('-')) ?? 'venv';
        return venv(context, interpreter, dir, rest.includes('--system-site-packages'));
      }
      if (context.args[0] === '--version' || context.args[0] === '-V')
        return { status: 0, stdout: `Python ${interpreter.version}\n` };
      noteGap(
        context.state,
        'not-followed',
        `${context.name} ${context.args.join(' ')} runs Python code the simulator does not follow.`,
      );
      return { status: 0 };
    },
  };
  return [pip, python];
}
