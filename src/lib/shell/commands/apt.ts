/**
 * apt-get and apt on Debian stages, from real apt-get installs: `update` writes the package lists,
 * `install` resolves against what the stage has (its /var/lib/dpkg/info), with or without
 * recommends, unpacks each package's files (honouring the slim images' dpkg path excludes) and
 * grows dpkg's and apt's own files; `clean`, `purge`/`remove` and `autoremove` as far as the data goes.
 */
import type { LayerEntry } from '../../fs/entry.ts';
import { basename } from '../../fs/path.ts';
import type { AptCatalog } from '../../packages/apt.ts';
import { applyDpkgPathRules, parseDpkgPathRules, withoutDanglingAlternatives } from '../../packages/apt.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import { autoInstalled, autoStanza, EXTENDED_STATES, statesText } from '../../packages/extended-states.ts';
import type { AptPackage, DebianSuite } from '../../packages/format.ts';
import type { NameLookup } from '../../packages/project-names.ts';
import { absence, aptNoInstallationCandidate, aptUnableToLocate } from '../../tool-errors.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { alternativeGroups, runMaintainerScripts } from './maintainer-scripts.ts';
import { aptNames } from './package-pins.ts';

function suiteOf(context: CommandContext): DebianSuite | undefined {
  const release = context.fs.read('/etc/os-release') ?? '';
  if (/VERSION_CODENAME=bookworm/.test(release)) return 'bookworm';
  if (/VERSION_CODENAME=trixie/.test(release)) return 'trixie';
  return undefined;
}

/** The packages dpkg has installed in the stage, from its per-package .list files. */
function installedPackages(context: CommandContext): Set<string> {
  const info = context.fs.stat('/var/lib/dpkg/info');
  const names = new Set<string>();
  if (info?.kind !== 'dir') return names;
  for (const name of info.children.keys())
    if (name.endsWith('.list')) names.add(name.slice(0, -5).replace(/:amd64$/, ''));
  return names;
}

/** Whether `apt-get update` has run in this stage: the official images ship empty lists. */
function hasLists(context: CommandContext): boolean {
  const lists = context.fs.stat('/var/lib/apt/lists');
  return (
    lists?.kind === 'dir' &&
    [...lists.children.keys()].some((name) => name !== 'lock' && name !== 'partial' && name !== 'auxfiles')
  );
}

/**
 * extended_states' text where the simulator knows it: the images ship the file empty and the
 * simulated installs write its text; undefined for a file of unknown content. `node` is the file
 * as it was (before an install rewrote its size).
 */
function extendedStatesText(
  context: CommandContext,
  node = context.fs.stat(EXTENDED_STATES),
): string | undefined {
  return statesText(node);
}

/**
 * What apt's autoremove takes: packages marked automatically installed that no package installed
 * by hand (the base's included) needs any more through Depends or Recommends (apt's defaults:
 * APT::AutoRemove::RecommendsImportant), once `removing` is gone.
 */
function autoremovable(
  context: CommandContext,
  apt: AptCatalog,
  removing: ReadonlySet<string>,
): AptPackage[] {
  const text = extendedStatesText(context);
  if (text === undefined) {
    noteGap(
      context.state,
      'not-followed',
      "apt's record of automatically installed packages is not known here: autoremove removes nothing.",
    );
    return [];
  }
  const auto = autoInstalled(text);
  const installed = new Set([...installedPackages(context)].filter((name) => !removing.has(name)));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const pkg = apt.find(name);
    for (const group of pkg ? [...pkg.depends, ...pkg.recommends] : []) {
      const chosen = group.find((n) => installed.has(n));
      if (chosen) visit(chosen);
    }
  };
  for (const name of installed) if (!auto.has(name)) visit(name);
  return [...installed]
    .filter((name) => auto.has(name) && !needed.has(name))
    .flatMap((name) => apt.find(name) ?? []);
}

/** apt forgets the removed packages' automatic marks (recorded: extended_states empty again) */
function dropAutoStates(context: CommandContext, removed: ReadonlySet<string>): void {
  const text = extendedStatesText(context);
  if (text === undefined || text === '') return;
  const kept = text
    .split(/\n\n+/)
    .filter((stanza) => stanza.trim() !== '' && !removed.has(/^Package: (\S+)$/m.exec(stanza)?.[1] ?? ''))
    .map((stanza) => `${stanza}\n\n`)
    .join('');
  context.fs.write(EXTENDED_STATES, kept);
}

/** dpkg's database beyond the base's paths: what the packages installed since the base brought */
function installedPathCount(context: CommandContext, apt: AptCatalog): number {
  return [...installedPackages(context)].reduce(
    (n, name) => n + (apt.data.base.includes(name) ? 0 : (apt.find(name)?.fileCount ?? 0)),
    0,
  );
}

function sizeOf(context: CommandContext, path: string): number | undefined {
  const node = context.fs.stat(path);
  return node?.kind === 'file' ? node.size : undefined;
}

/**
 * Splits the names the data lacks into those Debian's package index does not have (apt's own
 * error, with that evidence) and real packages the simulator has no files for (its own gap).
 */
async function outsideData(
  context: CommandContext,
  lookup: NameLookup,
  suite: DebianSuite,
  unknown: readonly string[],
): Promise<{ absent?: string; real: string[] }> {
  const real: string[] = [];
  for (const name of unknown) {
    const presence = await lookup.debian(suite, name).catch(() => 'unknown' as const);
    if (presence === 'absent') return { absent: name, real };
    real.push(name);
  }
  if (real.length > 0)
    noteGap(
      context.state,
      'no-data',
      `${real.join(', ')}: real Debian ${suite} package${real.length === 1 ? '' : 's'}, but the simulator has no data for ${real.length === 1 ? 'it' : 'them'}: not installed here, so files and size are unknown.`,
    );
  return { real };
}

async function install(
  context: CommandContext,
  apt: AptCatalog,
  names: readonly string[],
  flags: Set<string>,
  lookup: NameLookup,
  suite: DebianSuite,
): Promise<CommandResult> {
  const yes = flags.has('-y') || flags.has('--yes') || flags.has('--assume-yes');
  const recommends = !flags.has('--no-install-recommends');
  if (!hasLists(context)) {
    const noLists = absence('the stage has no package lists: apt-get update has not run in it');
    return fail(`Reading package lists...\n${aptUnableToLocate(names[0] ?? '', noLists)}`, 100);
  }
  let resolution = apt.resolve(names, { installed: installedPackages(context), recommends });
  const [ambiguous] = resolution.ambiguous;
  if (ambiguous) return fail(aptNoInstallationCandidate(ambiguous.name, ambiguous.providers), 100);
  if (resolution.unknown.length > 0 && apt.archive) {
    const [absent = ''] = resolution.unknown;
    return fail(aptUnableToLocate(absent, absence(`Debian ${suite}'s package index (main, amd64)`)), 100);
  }
  if (resolution.unknown.length > 0) {
    const { absent, real } = await outsideData(context, lookup, suite, resolution.unknown);
    if (absent !== undefined)
      return fail(aptUnableToLocate(absent, absence(`Debian ${suite}'s package index`)), 100);
    const known = names.filter((name) => !real.includes(name));
    if (known.length === 0) return { status: 0 };
    resolution = apt.resolve(known, { installed: installedPackages(context), recommends });
  }
  const extra = resolution.install.length - names.length + resolution.alreadyInstalled.length;
  if (!yes && extra > 0) {
    return fail(
      `The following NEW packages will be installed:\n  ${resolution.install.map((pkg) => pkg.name).join(' ')}\nDo you want to continue? [Y/n] Abort.`,
      1,
    );
  }
  // The slim images' dpkg excludes: read the file when its text is known, else the data's copy of it.
  const slim = context.fs.stat(apt.data.slim.path) ? context.fs.read(apt.data.slim.path) : undefined;
  const rules = context.fs.stat(apt.data.slim.path)
    ? slim === undefined
      ? apt.data.slim.rules
      : parseDpkgPathRules(slim)
    : [];
  if (resolution.install.length === 0) {
    context.state.notes.push(`apt-get found ${names.join(', ')} already installed.`);
    return { status: 0, stdout: '0 newly installed\n' };
  }
  const installedPaths = installedPathCount(context, apt);
  const groupsBefore = alternativeGroups(context);
  let bytes = 0;
  const multiArchSame = new Set<string>();
  for (const pkg of resolution.install) {
    const all = await apt.files(pkg);
    if (all.some((e) => e.path.startsWith(`/var/lib/dpkg/info/${pkg.name}:`))) multiArchSame.add(pkg.name);
    const entries = withoutDanglingAlternatives(applyDpkgPathRules(all, rules), rules);
    for (const entry of entries) if (entry.kind === 'file') bytes += entry.size;
    context.fs.putAll(entries);
  }
  const scripts = runMaintainerScripts(context, suite, resolution.install, groupsBefore);
  const previousStates = context.fs.stat(EXTENDED_STATES);
  const templates = sizeOf(context, '/var/cache/debconf/templates.dat');
  const config = sizeOf(context, '/var/cache/debconf/config.dat');
  const previous = {
    status: sizeOf(context, '/var/lib/dpkg/status') ?? 0,
    dpkgLog: sizeOf(context, '/var/log/dpkg.log') ?? 0,
    termLog: sizeOf(context, '/var/log/apt/term.log') ?? 0,
    installedPaths,
    dpkgName: (pkg: AptPackage) => (multiArchSame.has(pkg.name) ? `${pkg.name}:${pkg.arch}` : pkg.name),
    ...(templates === undefined ? {} : { templates }),
    ...(config === undefined ? {} : { config }),
    printed: (pkg: AptPackage) => scripts.output.get(pkg.name) ?? [],
    triggered: scripts.triggered,
  };
  const requested = new Set(names.map((name) => apt.find(name)?.name ?? name));
  context.fs.putAll([
    ...apt.databaseEntries(previous, resolution.install),
    ...apt.overheadEntries(resolution.install.length),
    ...alternativesLog(context, scripts.alternativesLog),
    ...apt.ldconfigEntries(installedPackages(context), resolution.install),
    apt.historyLog(
      sizeOf(context, '/var/log/apt/history.log') ?? 0,
      [context.name, ...context.args].join(' '),
      resolution.install,
      requested,
    ),
    apt.extendedStates(
      sizeOf(context, EXTENDED_STATES) ?? 0,
      resolution.install.filter((pkg) => !requested.has(pkg.name)),
    ),
  ]);
  const states = extendedStatesText(context, previousStates);
  if (states !== undefined) {
    const added = resolution.install.filter((pkg) => !requested.has(pkg.name));
    context.fs.write(EXTENDED_STATES, states + added.map((pkg) => autoStanza(pkg.name, pkg.arch)).join(''));
  }
  const estimated = resolution.install.filter((pkg) => pkg.basis === 'archive');
  const listed = (pkgs: readonly AptPackage[]) =>
    `${pkgs
      .slice(0, 4)
      .map((pkg) => pkg.name)
      .join(', ')}${pkgs.length > 4 ? ', …' : ''}`;
  if (estimated.length > 0)
    // What their postinst scripts make (update-alternatives links such as upx → upx-ucl, users,
    // generated files) is not in the index: a later "not found" may be that gap, not a real failure.
    noteGap(
      context.state,
      'not-followed',
      `the maintainer scripts of ${listed(estimated)} (from Debian's package index) were not run: the links update-alternatives would make, the users and the files they would create are missing here.`,
      'unknown',
    );
  if (estimated.length > 0)
    noteGap(
      context.state,
      'model',
      `${estimated.length} of these package${estimated.length === 1 ? '' : 's'} (${listed(estimated)}) come from Debian's package index: versions, dependencies and Installed-Size are real, paths come from its Contents index, and how each package's bytes split among its files is estimated.`,
      'estimated',
    );
  const unsatisfied = resolution.unsatisfied.map((item) => item.group.join(' | '));
  if (unsatisfied.length > 0) {
    noteGap(
      context.state,
      'no-data',
      `Some dependencies are outside the package data (${unsatisfied.slice(0, 3).join(', ')}): their files are not shown.`,
    );
  }
  context.state.notes.push(
    resolution.install.length === 0
      ? `apt-get found ${names.join(', ')} already installed.`
      : `apt-get installed ${resolution.install.length} package${resolution.install.length === 1 ? '' : 's'} (${(bytes / 1e6).toFixed(1)} MB) for ${names.join(', ')}${recommends ? ', recommends included (add --no-install-recommends to leave them out)' : ''}${rules.length ? "; the slim image's dpkg excludes left out docs and man pages" : ''}.`,
  );
  return { status: 0, stdout: `${resolution.install.length} newly installed\n` };
}

async function remove(
  context: CommandContext,
  apt: AptCatalog,
  names: readonly string[],
  action: 'Remove' | 'Purge',
  autoRemove: boolean,
): Promise<CommandResult> {
  const installed = installedPackages(context);
  await apt.load(names, { installed: new Set(), recommends: false });
  const removing: AptPackage[] = [];
  for (const name of names) {
    const pkg = apt.find(name);
    if (!installed.has(name)) continue;
    if (pkg) removing.push(pkg);
    else
      noteGap(
        context.state,
        'no-data',
        `Removing ${name} is not simulated: the package data does not list its files.`,
      );
  }
  if (autoRemove) removing.push(...autoremovable(context, apt, new Set(removing.map((pkg) => pkg.name))));
  if (removing.length === 0) return { status: 0 };
  if (removing.some((pkg) => (pkg.conffiles ?? 0) > 0))
    noteGap(
      context.state,
      'not-followed',
      `dpkg's handling of the conffiles of ${removing.map((pkg) => pkg.name).join(', ')} is not simulated: its log lines are missing.`,
    );
  // dpkg names Multi-Arch: same packages name:arch; their info files say which (read before removal)
  const multiArchSame = new Set(
    removing
      .filter((pkg) => context.fs.stat(`/var/lib/dpkg/info/${pkg.name}:${pkg.arch}.list`))
      .map((p) => p.name),
  );
  const previous = {
    status: sizeOf(context, '/var/lib/dpkg/status') ?? 0,
    dpkgLog: sizeOf(context, '/var/log/dpkg.log') ?? 0,
    termLog: sizeOf(context, '/var/log/apt/term.log') ?? 0,
    history: sizeOf(context, '/var/log/apt/history.log') ?? 0,
    installedPaths: installedPathCount(context, apt),
    dpkgName: (pkg: AptPackage) => (multiArchSame.has(pkg.name) ? `${pkg.name}:${pkg.arch}` : pkg.name),
  };
  for (const pkg of removing) {
    const entries = await apt.files(pkg);
    for (const entry of entries) if (entry.kind !== 'dir') context.fs.remove(entry.path);
    // dpkg removes the package's folders that are left empty, deepest first
    const dirs = entries.filter((e) => e.kind === 'dir').sort((a, b) => b.path.length - a.path.length);
    for (const dir of dirs) {
      const node = context.fs.lstat(dir.path);
      if (node?.kind === 'dir' && node.children.size === 0) context.fs.remove(dir.path);
    }
  }
  dropAutoStates(context, new Set(removing.map((pkg) => pkg.name)));
  context.fs.putAll([
    ...apt.removalEntries(
      previous,
      removing,
      action,
      [context.name, ...context.args].join(' '),
      // apt-get autoremove ends with one dpkg --configure --pending, remove and purge with two
      names.length === 0 ? 1 : 2,
    ),
    ...apt.ldconfigEntries(installedPackages(context), removing),
  ]);
  return { status: 0 };
}

/** update-alternatives' log, grown by what the maintainer scripts' runs wrote */
function alternativesLog(context: CommandContext, grown: number): LayerEntry[] {
  const path = '/var/log/alternatives.log';
  if (grown === 0) return [];
  return [{ path, kind: 'file', mode: 0o644, uid: 0, gid: 0, size: (sizeOf(context, path) ?? 0) + grown }];
}

/** The folders `apt-get update` leaves, owned by apt's sandbox user _apt (uid 42). */
const APT_FOLDERS: readonly LayerEntry[] = [
  { path: '/var/lib/apt/lists/auxfiles', kind: 'dir', mode: 0o755, uid: 42, gid: 0, size: 0 },
  { path: '/var/lib/apt/lists/partial', kind: 'dir', mode: 0o700, uid: 42, gid: 0, size: 0 },
];

export function aptCommand(packages: PackageCatalog): CommandModule {
  return {
    names: ['apt-get', 'apt'],
    async run(context) {
      const options = context.args.filter((arg) => arg.startsWith('-'));
      const flags = new Set(
        options.flatMap((option) =>
          /^-[a-zA-Z]{2,}$/.test(option) ? [...option.slice(1)].map((letter) => `-${letter}`) : [option],
        ),
      );
      const [sub, ...names] = context.args.filter((arg) => !arg.startsWith('-') && !/^[A-Za-z]+::/.test(arg));
      const suite = suiteOf(context);
      if (!suite) {
        noteGap(
          context.state,
          'no-data',
          `${basename(context.name)} on this Debian release is not in the package data.`,
        );
        return { status: 0 };
      }
      const apt = await packages.apt(suite);
      // apt opens its cache for these, recreating the lists' auxfiles folder after an rm -rf
      if (sub === 'install' || sub === 'remove' || sub === 'purge' || sub === 'autoremove')
        context.fs.putAll([APT_FOLDERS[0] as LayerEntry]);
      switch (sub) {
        case 'update':
          context.fs.putAll([...apt.listsEntries(), ...APT_FOLDERS]);
          context.state.notes.push(
            `apt-get update wrote the package lists to /var/lib/apt/lists (remove them in the same RUN: rm -rf /var/lib/apt/lists/*).`,
          );
          return { status: 0 };
        case 'install': {
          await apt.load(
            names.map((name) => name.split(/[=/]/)[0] ?? name),
            { installed: installedPackages(context), recommends: !flags.has('--no-install-recommends') },
          );
          const wanted = aptNames(context, apt, names, suite);
          if (names.length > 0 && wanted.length === 0) return { status: 0 };
          return install(context, apt, wanted, flags, packages.names(), suite);
        }
        case 'remove':
        case 'purge':
          return remove(
            context,
            apt,
            names,
            sub === 'purge' || flags.has('--purge') ? 'Purge' : 'Remove',
            flags.has('--auto-remove') || flags.has('--autoremove'),
          );
        case 'clean':
        case 'autoclean':
          // apt-get clean empties the archives; its partial folder and lock stay
          return { status: 0 };
        case 'upgrade':
        case 'dist-upgrade':
        case 'full-upgrade':
          context.state.notes.push(
            `apt-get ${sub}: the simulated images are already at the versions in the package data.`,
          );
          return { status: 0 };
        case 'autoremove':
          return remove(context, apt, [], flags.has('--purge') ? 'Purge' : 'Remove', true);
        default:
          noteGap(context.state, 'not-followed', `${context.name} ${sub ?? ''} is not simulated.`);
          return { status: 0 };
      }
    },
  };
}
