/**
 * apk on Alpine stages, from the (modelled) Alpine 3.22 package data (other releases use the
 * nearest release's data, said to be an estimate): `add` resolves against what
 * the stage already has, unpacks each package's files, grows apk's database and, without
 * `--no-cache`, leaves the package index in /var/cache/apk; `--virtual` groups packages so that
 * `apk del` of the group removes them again; `update`, `del`, `info`, `cache clean`.
 */
import { type ApkCatalog, apkDataRelease } from '../../packages/apk.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import type { ApkPackage } from '../../packages/format.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { apkNames } from './package-pins.ts';

const MEMORY = 'apk';

interface ApkMemory {
  /** Packages apk added in this RUN, so a later `add` does not add them twice. */
  readonly added: Set<string>;
  /** `--virtual` groups added in this RUN: name → the packages installed for it. */
  readonly virtual: Map<string, readonly ApkPackage[]>;
}

function memoryOf(context: CommandContext): ApkMemory {
  let memory = context.state.memory.get(MEMORY) as ApkMemory | undefined;
  if (!memory) {
    memory = { added: new Set(), virtual: new Map() };
    context.state.memory.set(MEMORY, memory);
  }
  return memory;
}

/** The Alpine release of the stage, `3.22`, from /etc/alpine-release. */
function releaseOf(context: CommandContext): string | undefined {
  const text = context.fs.read('/etc/alpine-release');
  return text?.trim().match(/^(\d+\.\d+)/)?.[1];
}

function sizeOf(context: CommandContext, path: string): number {
  const node = context.fs.stat(path);
  return node?.kind === 'file' ? node.size : 0;
}

/**
 * Whether the stage already has a package: alpine's own packages, those added earlier in this
 * RUN, and those whose files are all present (the image's extras, such as python:3.9-alpine's
 * libraries, or an `apk add` in an earlier step).
 */
async function alreadyHas(context: CommandContext, apk: ApkCatalog, pkg: ApkPackage): Promise<boolean> {
  if (apk.data.base.includes(pkg.name) || memoryOf(context).added.has(pkg.name)) return true;
  const files = (await apk.files(pkg)).filter((entry) => entry.kind !== 'dir');
  return files.length > 0 && files.every((entry) => context.fs.lstat(entry.path) !== undefined);
}

async function installed(
  context: CommandContext,
  apk: ApkCatalog,
  names: readonly string[],
): Promise<Set<string>> {
  const has = new Set([...apk.data.base, ...memoryOf(context).added]);
  // Only the packages this request could pull in need a look at the filesystem.
  const candidates = apk.resolve(names, has).install;
  for (const pkg of candidates) if (await alreadyHas(context, apk, pkg)) has.add(pkg.name);
  return has;
}

async function add(
  context: CommandContext,
  apk: ApkCatalog,
  args: readonly string[],
): Promise<CommandResult> {
  const noCache = args.includes('--no-cache');
  const virtualAt = args.findIndex((arg) => arg === '--virtual' || arg === '-t');
  const virtual =
    virtualAt >= 0 ? args[virtualAt + 1] : args.find((arg) => arg.startsWith('--virtual='))?.slice(10);
  const requests = args.filter((arg, i) => !arg.startsWith('-') && (virtualAt < 0 || i !== virtualAt + 1));
  if (requests.length === 0 && !virtual) return fail('ERROR: no packages specified', 1);
  const names = apkNames(context, apk, requests, apk.data.release);
  if (names.length === 0 && !virtual) return { status: 0 };
  let resolution = apk.resolve(names, await installed(context, apk, names));
  if (resolution.unknown.length > 0) {
    // No list of every Alpine package is at hand: a name outside the data may well exist.
    const unknown = resolution.unknown;
    noteGap(
      context.state,
      'no-data',
      `${unknown.join(', ')}: not in the simulator's Alpine package data, which cannot tell whether ${unknown.length === 1 ? 'it exists' : 'they exist'}; not installed here.`,
    );
    const known = names.filter((name) => !unknown.includes(name));
    if (known.length === 0 && !virtual) return { status: 0 };
    resolution = apk.resolve(known, await installed(context, apk, known));
  }
  let bytes = 0;
  for (const pkg of resolution.install) {
    const entries = await apk.files(pkg);
    context.fs.putAll(entries);
    for (const entry of entries) if (entry.kind === 'file') bytes += entry.size;
    memoryOf(context).added.add(pkg.name);
  }
  const world = virtual ? [virtual] : names;
  context.fs.putAll([
    ...apk.databaseEntries(
      { installed: sizeOf(context, '/lib/apk/db/installed'), world: sizeOf(context, '/etc/apk/world') },
      resolution.install,
      world,
    ),
    ...(noCache ? [] : apk.indexEntries()),
  ]);
  if (virtual) memoryOf(context).virtual.set(virtual, resolution.install);
  if (resolution.unsatisfied.length > 0) {
    const missing = resolution.unsatisfied.slice(0, 3).map((item) => item.dependency);
    noteGap(
      context.state,
      'no-data',
      `Some dependencies are outside the package data (${missing.join(', ')}): their files are not shown.`,
    );
  }
  context.state.notes.push(
    `apk installed ${resolution.install.length} package${resolution.install.length === 1 ? '' : 's'} (${(bytes / 1e6).toFixed(1)} MB, sizes modelled from Alpine ${apk.data.release} data) for ${names.join(', ') || virtual}${noCache ? '' : '; without --no-cache the package index stays in /var/cache/apk'}.`,
  );
  const lines = resolution.install.map(
    (pkg, i) => `(${i + 1}/${resolution.install.length}) Installing ${pkg.name} (${pkg.version})`,
  );
  return { status: 0, stdout: `${lines.join('\n')}${lines.length ? '\n' : ''}OK\n` };
}

async function del(
  context: CommandContext,
  apk: ApkCatalog,
  names: readonly string[],
): Promise<CommandResult> {
  const memory = memoryOf(context);
  for (const name of names) {
    const group = memory.virtual.get(name);
    const packages = group ?? [apk.find(name)].filter((pkg): pkg is ApkPackage => pkg !== undefined);
    if (packages.length === 0) {
      noteGap(
        context.state,
        'no-data',
        name.startsWith('.')
          ? `apk del ${name}: the virtual package was added in an earlier step, which the simulator does not track; its files are not removed.`
          : `apk del ${name} is not simulated: the package data does not list its files.`,
      );
      continue;
    }
    for (const pkg of packages) {
      if (apk.data.base.includes(pkg.name)) continue;
      for (const entry of await apk.files(pkg)) {
        if (entry.kind !== 'dir' && context.fs.lstat(entry.path)) context.fs.remove(entry.path);
      }
      memory.added.delete(pkg.name);
    }
    memory.virtual.delete(name);
  }
  return { status: 0, stdout: 'OK\n' };
}

export function apkCommand(packages: PackageCatalog): CommandModule {
  return {
    names: ['apk'],
    async run(context) {
      const [sub, ...rest] = context.args;
      const release = releaseOf(context);
      const dataRelease = release === undefined ? undefined : apkDataRelease(release);
      if (dataRelease === undefined) {
        noteGap(
          context.state,
          'no-data',
          `apk on Alpine ${release ?? '(unknown release)'} is not in the package data.`,
        );
        return { status: 0 };
      }
      if (dataRelease !== release && (sub === 'add' || sub === 'update'))
        noteGap(
          context.state,
          'stand-in',
          `Alpine ${release}'s package index is not in the simulator's data: Alpine ${dataRelease}'s packages stand in for it (names, dependencies and sizes estimated from that release).`,
          'estimated',
        );
      const apk = await packages.apk(dataRelease);
      switch (sub) {
        case 'add':
          return add(context, apk, rest);
        case 'del':
          return del(
            context,
            apk,
            rest.filter((arg) => !arg.startsWith('-')),
          );
        case 'update':
          context.fs.putAll(apk.indexEntries());
          return { status: 0, stdout: `OK: ${apk.data.packages.length} distinct packages available\n` };
        case 'cache':
          if (rest[0] === 'clean' || rest[0] === 'purge') {
            for (const entry of apk.indexEntries())
              if (context.fs.lstat(entry.path)) context.fs.remove(entry.path);
          }
          return { status: 0 };
        case 'info':
        case 'version':
        case 'search':
          return { status: 0 };
        case 'upgrade':
          context.state.notes.push(
            'apk upgrade: the simulated images are already at the versions in the package data.',
          );
          return { status: 0 };
        default:
          noteGap(context.state, 'not-followed', `apk ${sub ?? ''} is not simulated.`);
          return { status: 0 };
      }
    },
  };
}
