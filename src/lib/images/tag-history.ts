/**
 * Which tags of a repository exist, existed or never did: the tag histories under
 * public/catalog/tags (docs/catalog.md, Tag histories). A complete history (the Docker official
 * images, from their library files' git history) can say "never"; an incomplete one (distroless,
 * Chainguard, uv) only "unrecorded".
 */

import { editDistance } from '../edit-distance.ts';

/** One repository's entry in tags/index.json. */
export interface TagHistoryEntry {
  /** path relative to the catalog root, e.g. `tags/python.json` */
  readonly file: string;
  /** true when every tag the repository ever had is in the file */
  readonly complete: boolean;
  readonly source: string;
  /** the date of the newest source revision read (ISO): "current" means current then */
  readonly asOf: string;
}

export interface TagHistoryIndex {
  /** the day the files were generated (ISO) */
  readonly generated: string;
  readonly repositories: Readonly<Record<string, TagHistoryEntry>>;
}

/**
 * The file format: days are counted from 1970-01-01. Each period groups the tags that came and
 * went on the same days (`until` null: still current), so that a version's dozen variant tags
 * share one pair of numbers.
 */
export interface TagHistoryFile {
  readonly repository: string;
  readonly complete: boolean;
  readonly source: string;
  readonly asOf: string;
  readonly periods: readonly (readonly [since: number, until: number | null, tags: string])[];
  /** current alias → the full version tag listed first beside it today (`1` → `1.27.0`) */
  readonly targets: Readonly<Record<string, string>>;
  /**
   * What each tag is, as of the last revision that listed it: a multi-platform `index` or a
   * single-platform `image`, and its architectures in the official-images notation (`amd64`,
   * `arm64v8`, `windows-amd64`), grouped like periods. Absent: not recorded.
   */
  readonly platforms?: readonly (readonly [kind: PlatformKind, architectures: string, tags: string])[];
}

/** An index lists one image per platform; an image is one platform's, whatever was asked for. */
export type PlatformKind = 'index' | 'image';

/** The platforms a tag's manifest offers, as OCI platform strings (`linux/arm64/v8`). */
export interface TagPlatforms {
  readonly kind: PlatformKind;
  readonly platforms: readonly string[];
}

interface Span {
  readonly since: number;
  readonly until: number | null;
}

export interface TagHistory {
  readonly repository: string;
  readonly complete: boolean;
  readonly source: string;
  readonly asOf: string;
  readonly tags: ReadonlyMap<string, Span>;
  readonly targets: ReadonlyMap<string, string>;
  readonly platforms: ReadonlyMap<string, TagPlatforms>;
}

export type TagStatus =
  | { readonly status: 'current'; readonly since: string }
  | { readonly status: 'past'; readonly since: string; readonly until: string }
  | { readonly status: 'never' }
  | { readonly status: 'unrecorded' };

const DAY = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY);
}

export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function parseTagHistoryIndex(text: string): TagHistoryIndex {
  const data = JSON.parse(text) as Partial<TagHistoryIndex>;
  if (typeof data.generated !== 'string' || typeof data.repositories !== 'object' || !data.repositories) {
    throw new Error('bad tag history index: needs generated and repositories');
  }
  return data as TagHistoryIndex;
}

export function historyFileFor(index: TagHistoryIndex, repository: string): string | undefined {
  return Object.hasOwn(index.repositories, repository) ? index.repositories[repository]?.file : undefined;
}

export function parseTagHistory(text: string): TagHistory {
  const data = JSON.parse(text) as Partial<TagHistoryFile>;
  if (typeof data.repository !== 'string' || !Array.isArray(data.periods)) {
    throw new Error('bad tag history: needs repository and periods');
  }
  const tags = new Map<string, Span>();
  for (const [since, until, names] of data.periods) {
    for (const tag of names.split(' ')) tags.set(tag, { since, until });
  }
  const platforms = new Map<string, TagPlatforms>();
  for (const [kind, architectures, names] of data.platforms ?? []) {
    const entry = { kind, platforms: architectures.split(' ').map(ociPlatform) };
    for (const tag of names.split(' ')) platforms.set(tag, entry);
  }
  return {
    repository: data.repository,
    complete: data.complete === true,
    source: data.source ?? '',
    asOf: data.asOf ?? '',
    tags,
    targets: new Map(Object.entries(data.targets ?? {})),
    platforms,
  };
}

/** bashbrew's architecture names (official-images `Architectures:`) as OCI platforms. */
const BASHBREW: Readonly<Record<string, string>> = {
  amd64: 'linux/amd64',
  arm32v5: 'linux/arm/v5',
  arm32v6: 'linux/arm/v6',
  arm32v7: 'linux/arm/v7',
  arm64v8: 'linux/arm64/v8',
  i386: 'linux/386',
  'windows-amd64': 'windows/amd64',
};

/** `arm64v8` → `linux/arm64/v8`; other names (`s390x`, `riscv64`, `arm64`) are Linux architectures. */
export function ociPlatform(architecture: string): string {
  return BASHBREW[architecture] ?? (architecture.includes('/') ? architecture : `linux/${architecture}`);
}

export function tagStatus(history: TagHistory, tag: string): TagStatus {
  const span = history.tags.get(tag);
  if (!span) return history.complete ? { status: 'never' } : { status: 'unrecorded' };
  if (span.until === null) return { status: 'current', since: isoDate(span.since) };
  return { status: 'past', since: isoDate(span.since), until: isoDate(span.until) };
}

/** The full version tag an alias points to as of the history's date, when the source says. */
export function currentTarget(
  history: TagHistory,
  tag: string,
): { readonly tag: string; readonly asOf: string } | undefined {
  const target = history.targets.get(tag);
  return target === undefined ? undefined : { tag: target, asOf: history.asOf };
}

/**
 * Tags close to `tag` for a "did you mean": the fewest edits first, current tags before past
 * ones, then the newer one.
 */
export function siblingTags(history: TagHistory, tag: string, limit: number): string[] {
  const scored: { tag: string; distance: number; current: boolean; since: number }[] = [];
  const budget = Math.max(2, Math.ceil(tag.length / 3));
  for (const [name, span] of history.tags) {
    if (name === tag || Math.abs(name.length - tag.length) > budget) continue;
    const distance = editDistance(tag, name);
    if (distance <= budget)
      scored.push({ tag: name, distance, current: span.until === null, since: span.since });
  }
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(b.current) - Number(a.current) ||
      b.since - a.since ||
      (a.tag < b.tag ? -1 : 1),
  );
  return scored.slice(0, Math.max(0, limit)).map((s) => s.tag);
}
