/**
 * Whether a package name exists at all: every PyPI project and every Debian package (bullseye,
 * bookworm, trixie main), from the name lists under public/packages/names (docs/packages.md, Names).
 * This answers "known absent" apart from "not in the modelled data": the simulator may say a
 * project does not exist only when these lists say so.
 */

/** PEP 503 normalisation: lower case, every run of `-`, `_` and `.` becomes one `-`. */
export function normaliseProjectName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/**
 * The PyPI shard holding a normalised name, relative to the package data root: its first two
 * characters pick it (`flask` → `names/pypi/fl.txt`). Characters a project name cannot hold map to
 * `_`, so that any input gives a safe path (and a shard without it).
 */
export function shardOf(normalisedName: string): string {
  const key = normalisedName.slice(0, 2).replace(/[^a-z0-9-]/g, '_') || '_';
  return `names/pypi/${key}.txt`;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
/** The longest prefix one line can share with the line before it (one base-36 digit). */
export const MAX_SHARED_PREFIX = DIGITS.length - 1;

/**
 * The name lists' text: sorted entries, one a line, each line starting with one base-36 digit that
 * says how many leading characters it shares with the entry before it (front coding: the lists
 * take about half the bytes this way). Lines starting with `#` are a header, kept out of the coding.
 */
export function encodeFrontCoded(sortedEntries: readonly string[]): string {
  let previous = '';
  const lines = sortedEntries.map((entry) => {
    const limit = Math.min(MAX_SHARED_PREFIX, entry.length, previous.length);
    let shared = 0;
    while (shared < limit && entry[shared] === previous[shared]) shared++;
    previous = entry;
    return `${DIGITS[shared]}${entry.slice(shared)}`;
  });
  return `${lines.join('\n')}\n`;
}

export function decodeFrontCoded(text: string): string[] {
  const entries: string[] = [];
  let previous = '';
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const shared = DIGITS.indexOf(line[0] ?? '');
    if (shared < 0 || shared > previous.length) throw new Error(`bad name list line: ${line.slice(0, 40)}`);
    previous = previous.slice(0, shared) + line.slice(1);
    entries.push(previous);
  }
  return entries;
}

/** One PyPI shard: its normalised names. */
export function parseNameShard(text: string): ReadonlySet<string> {
  return new Set(decodeFrontCoded(text));
}

export const DEBIAN_SUITES = ['bullseye', 'bookworm', 'trixie'] as const;
export type DebianSuite = (typeof DEBIAN_SUITES)[number];

/** The Debian list for a suite, relative to the package data root. */
export function debianListOf(suite: DebianSuite): string {
  return `names/debian-${suite}.txt`;
}

/** Real package names, and the names only a `Provides:` field gives (virtual packages). */
export interface DebianNames {
  readonly packages: ReadonlySet<string>;
  readonly virtual: ReadonlySet<string>;
}

/**
 * A Debian list: `#` lines are its header (source and date), then the sorted names, front-coded
 * as the PyPI shards are; a trailing `*` marks a name that only `Provides:` gives.
 */
export function parseDebianNames(text: string): DebianNames {
  const packages = new Set<string>();
  const virtual = new Set<string>();
  for (const entry of decodeFrontCoded(text)) {
    if (entry.endsWith('*')) virtual.add(entry.slice(0, -1));
    else packages.add(entry);
  }
  return { packages, virtual };
}

/** names/pypi/index.json: where the list comes from and which shards exist. */
export interface PypiNamesIndex {
  readonly source: string;
  /** the newest month the list covers: a project made after it is not in it */
  readonly date: string;
  readonly count: number;
  readonly sharding: string;
  /** shard paths relative to the package data root; a name whose shard is not here is absent */
  readonly shards: readonly string[];
}

export const PYPI_NAMES_INDEX = 'names/pypi/index.json';

export function parsePypiNamesIndex(text: string): PypiNamesIndex {
  const data = JSON.parse(text) as Partial<PypiNamesIndex>;
  if (typeof data.date !== 'string' || !Array.isArray(data.shards)) throw new Error('bad PyPI names index');
  return data as PypiNamesIndex;
}

export type PypiPresence = 'exists' | 'absent';
export type DebianPresence = 'exists' | 'virtual' | 'absent';

export interface NameLookup {
  pypi(name: string): Promise<PypiPresence>;
  debian(suite: DebianSuite, name: string): Promise<DebianPresence>;
}

/**
 * Looks names up through `read` (a path relative to the package data root → its text), reading
 * each shard or list once, on first use. A failed read is not cached, so a later lookup retries.
 */
export function createNameLookup(read: (path: string) => Promise<string>): NameLookup {
  const shards = new Map<string, Promise<ReadonlySet<string>>>();
  const indexes = new Map<'pypi', Promise<ReadonlySet<string>>>();
  const lists = new Map<DebianSuite, Promise<DebianNames>>();
  const once = <K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
  return {
    async pypi(name) {
      const normalised = normaliseProjectName(name);
      if (!/^[a-z0-9-]+$/.test(normalised)) return 'absent';
      const path = shardOf(normalised);
      const known = await once(indexes, 'pypi', async () => {
        return new Set(parsePypiNamesIndex(await read(PYPI_NAMES_INDEX)).shards);
      });
      if (!known.has(path)) return 'absent';
      const names = await once(shards, path, async () => parseNameShard(await read(path)));
      return names.has(normalised) ? 'exists' : 'absent';
    },
    async debian(suite, name) {
      const list = await once(lists, suite, async () => parseDebianNames(await read(debianListOf(suite))));
      if (list.packages.has(name)) return 'exists';
      return list.virtual.has(name) ? 'virtual' : 'absent';
    },
  };
}
