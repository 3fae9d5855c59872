/**
 * apt's view of the package data for one Debian suite: find a package, resolve what `apt-get install`
 * would add to a stage that already has some packages, and the files each package (and apt itself)
 * writes, including the effect of the slim images' dpkg path excludes.
 */

import type { LayerEntry } from '../fs/entry.ts';
import { type AptArchive, type ArchiveRecord, archiveEntries } from './apt-archive.ts';
import {
  type DpkgName,
  dpkgLogBytes,
  dpkgRemoveLogBytes,
  libcVersion,
  statusOldDelta,
  termLogBytes,
  termRemoveLogBytes,
} from './dpkg-run.ts';
import { autoStanza } from './extended-states.ts';
import type { AptPackage, AptSuiteData, DpkgPathRule, LdconfigData } from './format.ts';
import { MAINTAINER_SCRIPTS } from './maintainer-scripts.ts';

export interface AptResolveOptions {
  /** the packages the stage has (its dpkg database): names */
  readonly installed: ReadonlySet<string>;
  /** apt's default; --no-install-recommends turns it off */
  readonly recommends: boolean;
}

export interface AptResolution {
  /** packages to unpack, dependencies first */
  readonly install: readonly AptPackage[];
  /** requested packages the stage already has ("curl is already the newest version") */
  readonly alreadyInstalled: readonly string[];
  /** requested names apt does not know here ("E: Unable to locate package …") */
  readonly unknown: readonly string[];
  /** dependency groups no known package satisfies (the data's closure stops there) */
  readonly unsatisfied: readonly { readonly package: string; readonly group: readonly string[] }[];
  /** requested virtual names several packages provide: apt asks for one to be named */
  readonly ambiguous: readonly { readonly name: string; readonly providers: readonly string[] }[];
}

export interface AptCatalog {
  readonly data: AptSuiteData;
  /** whether the whole archive backs the data: a name outside it is then absent from Debian */
  readonly archive: boolean;
  /**
   * Reads from the archive what resolving `names` needs (the packages, their dependencies and
   * recommends as apt would pick them); `find` and `resolve` then answer from it.
   */
  load(names: readonly string[], options: AptResolveOptions): Promise<void>;
  find(name: string): AptPackage | undefined;
  resolve(names: readonly string[], options: AptResolveOptions): AptResolution;
  /** a package's files: its own, those its maintainer scripts create, its /var/lib/dpkg/info files */
  files(pkg: AptPackage): Promise<readonly LayerEntry[]>;
  /** what `apt-get update` leaves in /var/lib/apt/lists */
  listsEntries(): LayerEntry[];
  /** apt's and dpkg's bookkeeping after installing `count` packages (logs, caches, locks) */
  overheadEntries(count: number): LayerEntry[];
  /**
   * ldconfig's /etc/ld.so.cache and /var/cache/ldconfig/aux-cache for a stage whose installed
   * packages are `installed`, when any of `packages` activates its trigger; [] without the data
   */
  ldconfigEntries(installed: ReadonlySet<string>, packages: readonly AptPackage[]): LayerEntry[];
  /**
   * apt's /var/log/apt/history.log after an install, grown from `previous` bytes: a blank line,
   * Start-Date, Commandline, Install (each package `name:arch (version[, automatic])`), End-Date
   */
  historyLog(
    previous: number,
    commandLine: string,
    packages: readonly AptPackage[],
    requested: ReadonlySet<string>,
  ): LayerEntry;
  /** apt's record of the automatically installed packages, grown from `previous` bytes */
  extendedStates(previous: number, auto: readonly AptPackage[]): LayerEntry;
  /**
   * dpkg's and debconf's databases after installing `packages`, from their sizes in the stage:
   * /var/lib/dpkg/status (and status-old, dpkg's copy of it), and debconf's templates.dat with its
   * -old copy when a package brings templates
   */
  databaseEntries(previous: DatabaseSizes, packages: readonly AptPackage[]): LayerEntry[];
  /**
   * dpkg's and apt's files after `apt-get remove/purge` of `packages` (none with conffiles): status
   * without their stanzas (status-old the same: apt's last dpkg run opened it after the removal),
   * dpkg.log, term.log and a history.log entry listing them under Remove or Purge
   */
  removalEntries(
    previous: DatabaseSizes & { readonly history: number },
    packages: readonly AptPackage[],
    action: 'Remove' | 'Purge',
    commandLine: string,
    configureRuns: 1 | 2,
  ): LayerEntry[];
}

/** Sizes in the stage before the install (the image's files). */
export interface DatabaseSizes {
  readonly status: number;
  readonly dpkgLog?: number;
  readonly termLog?: number;
  /** paths the packages installed on top of the base image brought (dpkg's database count) */
  readonly installedPaths: number;
  /** how dpkg names each package (name:arch for Multi-Arch: same) */
  readonly dpkgName: DpkgName;
  readonly templates?: number;
  /** debconf's config.dat */
  readonly config?: number;
  /** what each package's maintainer scripts printed (term.log) */
  readonly printed?: (pkg: AptPackage) => readonly string[];
  /** packages that process a trigger of their own last, and what that prints */
  readonly triggered?: readonly { readonly pkg: AptPackage; readonly printed: readonly string[] }[];
}

export function createAptCatalog(
  data: AptSuiteData,
  load: (path: string) => Promise<readonly LayerEntry[]>,
  archive?: AptArchive,
): AptCatalog {
  const byName = new Map(data.packages.map((p) => [p.name, p]));
  const records = new Map<string, ArchiveRecord>();
  const archiveVirtuals = new Map<string, readonly string[]>();
  let sizeRatio = 1;
  const known: Known = {
    byName,
    providers: (name) => data.virtuals[name] ?? archiveVirtuals.get(name) ?? [],
  };
  const fromArchive = async (name: string): Promise<readonly string[]> => {
    if (byName.has(name)) return [name];
    const cached = archiveVirtuals.get(name) ?? data.virtuals[name];
    if (cached || !archive) return cached ?? [];
    const [found, index] = await Promise.all([archive.lookup(name), archive.index()]);
    sizeRatio = index.sizeRatio;
    if (found.record) {
      records.set(name, found.record);
      byName.set(name, archivePackage(found.record, sizeRatio));
      return [name];
    }
    archiveVirtuals.set(name, found.providers ?? []);
    return found.providers ?? [];
  };
  return {
    data,
    archive: archive !== undefined,
    load: (names, options) => loadClosure(known, fromArchive, names, options),
    find: (name) => byName.get(name) ?? byName.get(known.providers(name)[0] ?? ''),
    resolve: (names, options) => resolve(known, names, options),
    files: async (pkg) => {
      const record = pkg.basis === 'archive' ? records.get(pkg.name) : undefined;
      return record ? archiveEntries(record, sizeRatio) : load(pkg.files);
    },
    listsEntries: () =>
      data.lists.files.map((f) =>
        file(`/var/lib/apt/lists/${f.path}`, f.size, f.path === 'lock' ? 0o640 : 0o644),
      ),
    overheadEntries: (count) =>
      data.overhead.files
        .filter((f) => f.path !== EXTENDED_STATES && f.path !== HISTORY_LOG)
        .filter((f) => !data.ldconfig || (f.path !== DPKG_LOG && f.path !== TERM_LOG))
        .filter((f) => !data.ldconfig || (f.path !== LD_SO_CACHE && f.path !== AUX_CACHE))
        .map((f) => {
          const size = Math.max(0, Math.round(f.fixed + f.perPackage * count));
          const owner = OWNERS[f.path];
          return owner
            ? { ...file(f.path, size, owner.mode), uid: owner.uid, gid: owner.gid }
            : file(f.path, size);
        }),
    ldconfigEntries: (installed, packages) =>
      data.ldconfig && packages.some((p) => p.ldconfigTrigger)
        ? ldconfigCaches(
            data.ldconfig,
            [...installed].flatMap((n) => byName.get(n)?.sonames ?? []),
            [...installed].flatMap((n) => byName.get(n)?.ldconfigLinks ?? []),
          )
        : [],
    historyLog: (previous, commandLine, packages, requested) =>
      file(HISTORY_LOG, previous + historyEntry(commandLine, packages, requested)),
    extendedStates: (previous, auto) =>
      file(EXTENDED_STATES, previous + auto.reduce((n, p) => n + stanza(p), 0)),
    databaseEntries: (previous, packages) => databaseEntries(data, previous, packages),
    removalEntries: (previous, packages, action, commandLine, configureRuns) =>
      removalEntries(data, previous, packages, action, commandLine, configureRuns),
  };
}

const EXTENDED_STATES = '/var/lib/apt/extended_states';
const HISTORY_LOG = '/var/log/apt/history.log';
const DPKG_LOG = '/var/log/dpkg.log';
const TERM_LOG = '/var/log/apt/term.log';
const LD_SO_CACHE = '/etc/ld.so.cache';

/** Bytes of one history.log entry; its dates are fixed width (`2026-12-07  19:05:11`). */
function historyEntry(
  commandLine: string,
  packages: readonly AptPackage[],
  requested: ReadonlySet<string>,
): number {
  const date = 'YYYY-MM-DD  HH:MM:SS';
  const install = packages
    .map(
      (p) =>
        `${p.name}:${p.arch === 'all' ? 'amd64' : p.arch} (${p.version}${requested.has(p.name) ? '' : ', automatic'})`,
    )
    .join(', ');
  const text = `\nStart-Date: ${date}\nCommandline: ${commandLine}\nInstall: ${install}\nEnd-Date: ${date}\n`;
  return new TextEncoder().encode(text).length;
}
const AUX_CACHE = '/var/cache/ldconfig/aux-cache';

/**
 * glibc's ldconfig caches, from their formats (elf/cache.c): ld.so.cache is a 48-byte header, a
 * 24-byte entry per soname or cached development link, the strings (each one's path in
 * /lib/x86_64-linux-gnu, the first folder ld.so.conf.d names; the key is its tail, stored once),
 * padding to 4 bytes, and an extension holding the generator string; aux-cache is a 32-byte
 * header, a 48-byte entry per library file and the sonames after an empty string. Checked
 * against the real bases and installs.
 */
function ldconfigCaches(
  data: LdconfigData,
  added: readonly string[],
  links: readonly string[],
): LayerEntry[] {
  const sonames = [...new Set([...data.baseSonames, ...added])];
  const keys = [...new Set([...sonames, ...links])];
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const paths = keys.reduce((n, s) => n + bytes(`/lib/x86_64-linux-gnu/${s}`) + 1, 0);
  const table = 48 + 24 * keys.length + paths;
  const cache = Math.ceil(table / 4) * 4 + 8 + 16 + bytes(data.generator);
  const aux = 32 + 48 * sonames.length + 1 + sonames.reduce((n, s) => n + bytes(s) + 1, 0);
  return [file(LD_SO_CACHE, cache), { ...file(AUX_CACHE, aux, 0o600) }];
}

/** Owners and modes the real files have (dpkg's and ldconfig's umask, apt's term.log for group adm). */
const OWNERS: Readonly<Record<string, { mode: number; uid: number; gid: number }>> = {
  '/var/cache/ldconfig/aux-cache': { mode: 0o600, uid: 0, gid: 0 },
  '/var/log/apt/term.log': { mode: 0o640, uid: 0, gid: 4 },
};

/** apt's stanza for an automatically installed package: Package, Architecture, Auto-Installed: 1, blank line. */
function stanza(pkg: AptPackage): number {
  return autoStanza(pkg.name, pkg.arch).length;
}

function databaseEntries(
  data: AptSuiteData,
  previous: DatabaseSizes,
  packages: readonly AptPackage[],
): LayerEntry[] {
  const status = previous.status + packages.reduce((n, p) => n + p.statusBytes, 0);
  const libc = data.ldconfig ? libcVersion(data.ldconfig.generator) : undefined;
  const out = [
    file('/var/lib/dpkg/status', status),
    file('/var/lib/dpkg/status-old', status + (data.ldconfig ? statusOldDelta(packages, libc) : 0)),
  ];
  const triggered = previous.triggered ?? [];
  if (data.ldconfig) {
    out.push(
      file(
        DPKG_LOG,
        (previous.dpkgLog ?? 0) +
          dpkgLogBytes(
            packages,
            libc,
            triggered.map((t) => t.pkg),
          ),
      ),
    );
    // dpkg's database before the install: the base's paths and those of packages installed since
    const paths = data.ldconfig.dpkgPaths + previous.installedPaths;
    const term = termLogBytes(packages, previous.dpkgName, paths, libc, previous.printed, triggered);
    out.push({ ...file(TERM_LOG, (previous.termLog ?? 0) + term, 0o640), gid: 4 });
  }
  return [...out, ...debconfEntries(data, previous, packages)];
}

function removalEntries(
  data: AptSuiteData,
  previous: DatabaseSizes & { readonly history: number },
  packages: readonly AptPackage[],
  action: 'Remove' | 'Purge',
  commandLine: string,
  configureRuns: 1 | 2,
): LayerEntry[] {
  const status = previous.status - packages.reduce((n, p) => n + p.statusBytes, 0);
  const libc = data.ldconfig ? libcVersion(data.ldconfig.generator) : undefined;
  // with one configure run (autoremove), the last run opened status with libc-bin's trigger pending
  const pending = configureRuns === 1 && libc !== undefined && packages.some((p) => p.ldconfigTrigger);
  const pendingBytes = 'triggers-pending'.length - 'installed'.length + 'Triggers-Pending: ldconfig\n'.length;
  const date = 'YYYY-MM-DD  HH:MM:SS';
  const list = packages
    .map((p) => `${p.name}:${p.arch === 'all' ? 'amd64' : p.arch} (${p.version})`)
    .join(', ');
  const history = `\nStart-Date: ${date}\nCommandline: ${commandLine}\n${action}: ${list}\nEnd-Date: ${date}\n`;
  const out = [
    file('/var/lib/dpkg/status', status),
    file('/var/lib/dpkg/status-old', status + (pending ? pendingBytes : 0)),
    file(HISTORY_LOG, previous.history + new TextEncoder().encode(history).length),
  ];
  if (data.ldconfig) {
    const paths = data.ldconfig.dpkgPaths + previous.installedPaths;
    out.push(file(DPKG_LOG, (previous.dpkgLog ?? 0) + dpkgRemoveLogBytes(packages, libc, configureRuns)));
    const term = termRemoveLogBytes(packages, previous.dpkgName, paths, libc);
    out.push({ ...file(TERM_LOG, (previous.termLog ?? 0) + term, 0o640), gid: 4 });
  }
  return out;
}

/**
 * debconf's templates.dat and config.dat after the install, each with the -old copy debconf keeps
 * of the file it replaced: the measured growth of packages whose scripts ask questions
 * (maintainer-scripts.ts), else templates.dat grown by the packages' template bytes times the
 * fitted ratio.
 */
function debconfEntries(
  data: AptSuiteData,
  previous: DatabaseSizes,
  packages: readonly AptPackage[],
): LayerEntry[] {
  if (previous.templates === undefined) return [];
  const scripts = MAINTAINER_SCRIPTS[data.suite];
  let templates = previous.templates;
  let templatesOld = previous.templates;
  let config = previous.config ?? 0;
  let configOld: number | undefined;
  let fitted = 0;
  for (const p of packages) {
    const debconf = scripts[p.name]?.debconf;
    if (!debconf) {
      fitted += p.debconfTemplatesBytes;
      continue;
    }
    templatesOld = templates;
    templates += debconf.templates;
    if (debconf.templatesSavedTwice) templatesOld = templates;
    configOld = config + (debconf.configOld ?? 0);
    config += debconf.config;
  }
  if (fitted > 0) {
    templatesOld = templates;
    templates = Math.round(templates + fitted * data.overhead.debconfTemplatesRatio);
  }
  const out: LayerEntry[] = [];
  if (templates !== previous.templates)
    out.push(
      file('/var/cache/debconf/templates.dat', templates),
      file('/var/cache/debconf/templates.dat-old', templatesOld),
    );
  if (configOld !== undefined)
    out.push(
      file('/var/cache/debconf/config.dat', config),
      file('/var/cache/debconf/config.dat-old', configOld),
    );
  return out;
}

function file(path: string, size: number, mode = 0o644): LayerEntry {
  return { path, kind: 'file', mode, uid: 0, gid: 0, size };
}

/** What the resolver knows: the packages read so far, and the providers of a virtual name. */
interface Known {
  readonly byName: ReadonlyMap<string, AptPackage>;
  providers(name: string): readonly string[];
}

/** The archive's package as the resolver and the installer use one (basis 'archive'). */
function archivePackage(r: ArchiveRecord, sizeRatio: number): AptPackage {
  const sonames = r.paths
    .filter((p) => /^\/usr\/lib\/x86_64-linux-gnu\/[^/]+\.so\.\d+$/.test(p))
    .map((p) => p.slice(p.lastIndexOf('/') + 1));
  return {
    name: r.name,
    version: r.version,
    arch: r.arch,
    priority: r.priority,
    essential: r.essential,
    installedKiB: r.installedKiB,
    depends: r.depends,
    recommends: r.recommends,
    provides: [],
    size: Math.round(r.installedKiB * 1024 * sizeRatio),
    fileCount: r.fileCount,
    files: `archive:${r.name}`,
    statusBytes: r.statusBytes,
    debconfTemplatesBytes: 0,
    ...(sonames.length > 0 ? { sonames, ldconfigTrigger: true } : {}),
    basis: 'archive',
  };
}

/**
 * Reads from the archive the packages resolving `names` will visit, walking as `resolve` does:
 * a group an installed package satisfies is skipped, otherwise its first alternative that exists
 * (a real package, or a virtual name's first provider).
 */
async function loadClosure(
  known: Known,
  fetch: (name: string) => Promise<readonly string[]>,
  names: readonly string[],
  options: AptResolveOptions,
): Promise<void> {
  const installed = (name: string) =>
    options.installed.has(name) || known.providers(name).some((p) => options.installed.has(p));
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name) || options.installed.has(name)) return;
    seen.add(name);
    const pkg = known.byName.get(name);
    if (!pkg) return;
    const groups = options.recommends ? [...pkg.depends, ...pkg.recommends] : pkg.depends;
    for (const group of groups) {
      if (group.some(installed)) continue;
      for (const alternative of group) {
        const real = await firstReal(alternative);
        if (real === undefined) continue;
        await visit(real);
        break;
      }
    }
  };
  const firstReal = async (name: string): Promise<string | undefined> => {
    for (const candidate of await fetch(name))
      if ((await fetch(candidate)).includes(candidate)) return candidate;
    return undefined;
  };
  for (const name of names) {
    const candidates = await fetch(name);
    // a requested virtual name with several providers is apt's error, not an install
    if (candidates.length === 1 && candidates[0] !== undefined) {
      await fetch(candidates[0]);
      await visit(candidates[0]);
    }
  }
}

/**
 * apt's choice, simplified: walk Pre-Depends and Depends (and Recommends unless turned off) from the
 * requested packages; a group is satisfied by any installed alternative (or a package providing
 * it), otherwise apt takes the first alternative it knows (a virtual name: its first provider).
 * Versions are not compared: a suite's data is one consistent snapshot.
 */
function resolve(known: Known, names: readonly string[], options: AptResolveOptions): AptResolution {
  const { byName } = known;
  const has = (name: string) =>
    options.installed.has(name) ||
    chosen.has(name) ||
    known.providers(name).some((p) => options.installed.has(p) || chosen.has(p));
  const chosen = new Map<string, AptPackage>();
  const order: AptPackage[] = [];
  const unknown: string[] = [];
  const alreadyInstalled: string[] = [];
  const unsatisfied: { package: string; group: readonly string[] }[] = [];
  const ambiguous: { name: string; providers: readonly string[] }[] = [];
  const candidates = (name: string) => (byName.has(name) ? [name] : known.providers(name));

  const visit = (pkg: AptPackage, path: Set<string>) => {
    if (chosen.has(pkg.name) || path.has(pkg.name)) return;
    path.add(pkg.name);
    chosen.set(pkg.name, pkg);
    const groups = options.recommends ? [...pkg.depends, ...pkg.recommends] : pkg.depends;
    for (const group of groups) {
      if (group.some(has)) continue;
      const next = group
        .flatMap(candidates)
        .map((n) => byName.get(n))
        .find((p) => p !== undefined);
      if (next) visit(next, path);
      else if (pkg.depends.includes(group)) unsatisfied.push({ package: pkg.name, group });
    }
    path.delete(pkg.name);
    order.push(pkg);
  };

  for (const requested of names) {
    const real = candidates(requested);
    const name = real[0] ?? requested;
    if (real.length > 1 && !byName.has(requested) && !real.some((n) => options.installed.has(n))) {
      ambiguous.push({ name: requested, providers: real });
      continue;
    }
    if (options.installed.has(name)) {
      alreadyInstalled.push(requested);
      continue;
    }
    const pkg = byName.get(name);
    if (pkg) visit(pkg, new Set());
    else unknown.push(requested);
  }
  return { install: order, alreadyInstalled, unknown, unsatisfied, ambiguous };
}

export function parseDpkgPathRules(cfg: string): DpkgPathRule[] {
  return cfg
    .split('\n')
    .map((line) => /^\s*path-(exclude|include)[=\s]+(\S+)/.exec(line))
    .flatMap((m) => (m ? [{ include: m[1] === 'include', glob: m[2] ?? '' }] : []));
}

/** Whether dpkg unpacks `path` under these rules (fnmatch without FNM_PATHNAME: `*` crosses `/`). */
export function dpkgKeeps(path: string, rules: readonly DpkgPathRule[]): boolean {
  let keep = true;
  for (const rule of rules) if (globMatch(rule.glob, path)) keep = rule.include;
  return keep;
}

/**
 * The entries dpkg writes under path rules. An excluded directory or symlink stays when an include
 * rule's pattern, up to its first wildcard, starts its path (dpkg's filter_should_skip): the slim
 * images' include of each doc folder's copyright keeps every folder and symlink under /usr/share/doc.
 */
export function applyDpkgPathRules(
  entries: readonly LayerEntry[],
  rules: readonly DpkgPathRule[],
): LayerEntry[] {
  if (rules.length === 0) return [...entries];
  const prefixes = rules
    .filter((r) => r.include)
    .map((r) => {
      const wildcard = r.glob.search(/[*?[\\]/);
      return (wildcard < 0 ? r.glob : r.glob.slice(0, wildcard)).replace(/\/+$/, '');
    });
  const kept = (e: LayerEntry) =>
    dpkgKeeps(e.path, rules) ||
    ((e.kind === 'dir' || e.kind === 'symlink') && prefixes.some((p) => e.path.startsWith(p)));
  return entries.filter(kept);
}

/**
 * update-alternatives skips a link whose target file does not exist: in a slim image the manual
 * pages' alternatives (/etc/alternatives/vi.1.gz) are not made, their targets being excluded.
 */
export function withoutDanglingAlternatives(
  entries: readonly LayerEntry[],
  rules: readonly DpkgPathRule[],
): LayerEntry[] {
  return entries.filter(
    (e) =>
      !(e.kind === 'symlink' && e.path.startsWith('/etc/alternatives/') && e.target?.startsWith('/')) ||
      dpkgKeeps(e.target ?? '', rules),
  );
}

function globMatch(glob: string, path: string): boolean {
  let re = '^';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(path);
}
