/**
 * The whole Debian archive of a suite (main, amd64), from Debian's own Packages and Contents
 * indexes: every package's control facts (version, Installed-Size, Depends, Recommends, Provides,
 * Essential, Priority) in shards a build reads only when it asks for a name in them, and the paths
 * each package installs. Packages measured by real installs keep their own data (apt.ts); these
 * fill the rest. See docs/packages.md, "The whole archive".
 */

import type { LayerEntry } from '../fs/entry.ts';
import type { DebianSuite } from './project-names.ts';

/** One package as the archive's index describes it. */
export interface ArchiveRecord {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  readonly priority: string;
  readonly essential: boolean;
  /** Multi-Arch: same (dpkg names its database files `name:amd64`) */
  readonly multiArchSame: boolean;
  /** Installed-Size, KiB (real) */
  readonly installedKiB: number;
  /** bytes its stanza adds to /var/lib/dpkg/status (estimated from its index stanza) */
  readonly statusBytes: number;
  /** paths the package installs, as Contents lists them (real) */
  readonly fileCount: number;
  /** Pre-Depends and Depends: groups of alternatives, names only (versions are not compared) */
  readonly depends: readonly (readonly string[])[];
  readonly recommends: readonly (readonly string[])[];
  /**
   * its paths (absolute, the image's /usr layout): all of them when `complete`, else its commands,
   * shared libraries and copyright file only
   */
  readonly paths: readonly string[];
  readonly complete: boolean;
}

export interface ArchiveShard {
  readonly packages: ReadonlyMap<string, ArchiveRecord>;
  /** virtual name → the real packages that provide it, in the order apt would pick them */
  readonly virtuals: ReadonlyMap<string, readonly string[]>;
}

/** apt-archive/SUITE/index.json */
export interface ArchiveIndex {
  readonly format: number;
  readonly suite: DebianSuite;
  /** the Packages.xz and Contents-amd64.gz URLs */
  readonly sources: readonly string[];
  /** the Release file's Date */
  readonly date: string;
  readonly packages: number;
  readonly virtuals: number;
  /** how many packages list every path (the rest: commands, libraries, copyright) */
  readonly complete: number;
  /** the shard keys that exist */
  readonly shards: readonly string[];
  /** layer bytes / (Installed-Size × 1024): the median over the packages measured by real installs */
  readonly sizeRatio: number;
}

export const ARCHIVE_FORMAT = 1;

export const archiveIndexOf = (suite: DebianSuite): string => `apt-archive/${suite}/index.json`;

/**
 * The shard holding a name: its first two characters, or five for the many `lib…` names, so that a
 * library and its -dev package share one. Characters a Debian name cannot hold map to `_`.
 */
export function archiveShardKey(name: string): string {
  const key = name.slice(0, name.startsWith('lib') ? 5 : 2).replace(/[^a-z0-9+.-]/g, '_');
  return key || '_';
}

export const archiveShardOf = (suite: DebianSuite, key: string): string => `apt-archive/${suite}/${key}.txt`;

const PRIORITIES = ['required', 'important', 'standard', 'optional', 'extra'];

const groups = (text: string): string[][] =>
  text === '' ? [] : text.split(',').map((group) => group.split('|'));

/**
 * A shard: `P` lines (name, version, arch, priority's first letter, flags `e` essential, `m`
 * Multi-Arch: same and `c` has /usr/share/doc/NAME/copyright (left out of its paths), Installed-Size, status bytes, path count, depends, recommends, `+` when the
 * paths are complete, the paths space-separated without their leading `/`) and `V` lines (a virtual
 * name and the packages whose Provides give it), tab-separated.
 */
export function parseArchiveShard(text: string): ArchiveShard {
  const packages = new Map<string, ArchiveRecord>();
  const virtuals = new Map<string, readonly string[]>();
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'V' && f[1]) virtuals.set(f[1], (f[2] ?? '').split(','));
    if (f[0] !== 'P' || f.length < 13) continue;
    const [, name = '', version = '', arch = '', priority = '', flags = ''] = f;
    packages.set(name, {
      name,
      version,
      arch,
      priority: PRIORITIES.find((p) => p[0] === priority) ?? 'optional',
      essential: flags.includes('e'),
      multiArchSame: flags.includes('m'),
      installedKiB: Number(f[6]),
      statusBytes: Number(f[7]),
      fileCount: Number(f[8]),
      depends: groups(f[9] ?? ''),
      recommends: groups(f[10] ?? ''),
      complete: f[11] === '+',
      paths: [
        ...(flags.includes('c') ? [`/usr/share/doc/${name}/copyright`] : []),
        ...(f[12] ? (f[12] as string).split(' ').map((p) => `/${p}`) : []),
      ],
    });
  }
  return { packages, virtuals };
}

const copyright = (name: string) => `/usr/share/doc/${name}/copyright`;

/** The generator's side of parseArchiveShard. */
export function encodeArchiveShard(shard: ArchiveShard): string {
  const join = (g: readonly (readonly string[])[]) => g.map((alts) => alts.join('|')).join(',');
  const lines = [...shard.packages.values()].map((r) =>
    [
      'P',
      r.name,
      r.version,
      r.arch,
      r.priority[0],
      `${r.essential ? 'e' : ''}${r.multiArchSame ? 'm' : ''}${r.paths.includes(copyright(r.name)) ? 'c' : ''}`,
      r.installedKiB,
      r.statusBytes,
      r.fileCount,
      join(r.depends),
      join(r.recommends),
      r.complete ? '+' : '',
      r.paths
        .filter((p) => p !== copyright(r.name))
        .map((p) => p.slice(1))
        .join(' '),
    ].join('\t'),
  );
  for (const [name, providers] of shard.virtuals) lines.push(`V\t${name}\t${providers.join(',')}`);
  return `${lines.join('\n')}\n`;
}

/** A typical size for each documentation file when the package has other files (estimated). */
const DOC_BYTES = 1024;
const isDoc = (path: string) => path.startsWith('/usr/share/doc/') || path.startsWith('/usr/share/man/');
const isCommand = (path: string) => /^\/(usr\/)?s?bin\/[^/]+$/.test(path);

/**
 * What the package puts on disk: its listed paths as files (commands executable), the folders
 * above them and dpkg's .list and .md5sums for it. The package's bytes are real (Installed-Size,
 * scaled by the measured ratio of layer bytes to it); how they split among its files is estimated:
 * documentation files a kibibyte each, the rest shared equally.
 */
export function archiveEntries(record: ArchiveRecord, sizeRatio: number): LayerEntry[] {
  const total = Math.round(record.installedKiB * 1024 * sizeRatio);
  const docs = record.paths.filter(isDoc);
  const others = record.paths.filter((p) => !isDoc(p));
  // documentation files alone share the bytes when there is nothing else
  const shared = others.length > 0 ? others : docs;
  const docBytes =
    others.length === 0 ? 0 : Math.min(DOC_BYTES, Math.floor(total / 2 / Math.max(1, docs.length)));
  const rest = total - (others.length > 0 ? docBytes * docs.length : 0);
  const position = new Map(shared.map((p, i) => [p, i]));
  const sizeOf = (path: string): number => {
    const i = position.get(path);
    if (i === undefined) return docBytes;
    return Math.floor(rest / shared.length) + (i < rest % shared.length ? 1 : 0);
  };
  const file = (path: string, size: number, mode = 0o644): LayerEntry => ({
    path,
    kind: 'file',
    mode,
    uid: 0,
    gid: 0,
    size,
    pkg: record.name,
  });
  const out = record.paths.map((p) => file(p, sizeOf(p), isCommand(p) ? 0o755 : 0o644));
  const stem = `/var/lib/dpkg/info/${record.name}${record.multiArchSame ? `:${record.arch}` : ''}`;
  // .list: `/.`, every path and folder a line; md5sums: 32 hex digits, two spaces, the path without `/`
  const listBytes = record.paths.reduce((n, p) => n + p.length + 1, 3) + record.fileCount * 12;
  out.push(file(`${stem}.list`, listBytes), file(`${stem}.md5sums`, record.fileCount * 48));
  return [...foldersOf(out.map((e) => e.path)), ...out];
}

function foldersOf(paths: readonly string[]): LayerEntry[] {
  const folders = new Set<string>();
  for (const path of paths)
    for (let at = path.indexOf('/', 1); at > 0; at = path.indexOf('/', at + 1))
      folders.add(path.slice(0, at));
  return [...folders].map((path) => ({ path, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 }));
}

export interface AptArchive {
  readonly suite: DebianSuite;
  index(): Promise<ArchiveIndex>;
  /** the package of that name, or the providers of a virtual name; neither: not in the archive */
  lookup(name: string): Promise<{ record?: ArchiveRecord; providers?: readonly string[] }>;
}

/** Opens a suite's archive behind `read`; each shard is read once, when a name in it is asked for. */
export function openAptArchive(suite: DebianSuite, read: (path: string) => Promise<string>): AptArchive {
  let index: Promise<ArchiveIndex> | undefined;
  const shards = new Map<string, Promise<ArchiveShard>>();
  const loadIndex = () => {
    index ??= read(archiveIndexOf(suite)).then((text) => JSON.parse(text) as ArchiveIndex);
    index.catch(() => {
      index = undefined;
    });
    return index;
  };
  const shard = async (key: string): Promise<ArchiveShard | undefined> => {
    if (!(await loadIndex()).shards.includes(key)) return undefined;
    let p = shards.get(key);
    if (!p) {
      p = read(archiveShardOf(suite, key)).then(parseArchiveShard);
      p.catch(() => shards.delete(key));
      shards.set(key, p);
    }
    return p;
  };
  return {
    suite,
    index: loadIndex,
    async lookup(name) {
      const found = await shard(archiveShardKey(name));
      const record = found?.packages.get(name);
      if (record) return { record };
      const providers = found?.virtuals.get(name);
      return providers ? { providers } : {};
    },
  };
}
