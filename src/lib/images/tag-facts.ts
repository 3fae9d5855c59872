/**
 * What the recorded tag histories (public/catalog/tags/) say of a tag, for reference resolution:
 * each repository's history is read once, when a reference of it first misses the catalog. A tag
 * a complete history lacks is `never` only when it could not have been published since the
 * history's date (a later patch release, or a release the history already had candidates for, is
 * `unrecorded` instead), so the registry's own error is printed only with real evidence.
 */
import type { AliasTarget, TagFact } from './reference.ts';
import {
  currentTarget,
  historyFileFor,
  parseTagHistory,
  parseTagHistoryIndex,
  type TagHistory,
  type TagHistoryIndex,
  type TagPlatforms,
  tagStatus,
} from './tag-history.ts';

export const TAG_INDEX_FILE = 'tags/index.json';

/** What the recorded tag histories say of a tag; `prepare` loads a repository's history first. */
export interface TagFacts {
  prepare(repository: string): Promise<void>;
  fact(repository: string, tag: string): TagFact;
  /** The full tag an alias (`golang:1`) points to as of the history's date, once prepared. */
  target(repository: string, tag: string): AliasTarget | undefined;
  /** The platforms the tag's manifest offers, once prepared; undefined when not recorded. */
  platforms(repository: string, tag: string): RecordedPlatforms | undefined;
}

/** A tag's platforms with where they come from and as of when. */
export interface RecordedPlatforms extends TagPlatforms {
  readonly source: string;
  readonly asOf: string;
}

/** No histories: every tag outside the catalog is unrecorded. */
export const NO_TAG_FACTS: TagFacts = {
  prepare: () => Promise.resolve(),
  fact: () => ({ status: 'unrecorded' }),
  target: () => undefined,
  platforms: () => undefined,
};

/** Tag facts read through the catalog's reader; without histories every tag is unrecorded. */
export function createTagFacts(read: (path: string) => Promise<string>): TagFacts {
  let index: Promise<TagHistoryIndex | undefined> | undefined;
  const loading = new Map<string, Promise<void>>();
  const histories = new Map<string, TagHistory>();
  const readIndex = () => {
    index ??= read(TAG_INDEX_FILE)
      .then(parseTagHistoryIndex)
      .catch(() => undefined);
    return index;
  };
  return {
    prepare(repository) {
      let pending = loading.get(repository);
      if (!pending) {
        pending = readIndex().then(async (found) => {
          const file = found && historyFileFor(found, repository);
          if (!file) return;
          try {
            histories.set(repository, parseTagHistory(await read(file)));
          } catch {
            // A history that cannot be read leaves the tags unrecorded: no evidence, no real error.
            loading.delete(repository);
          }
        });
        loading.set(repository, pending);
      }
      return pending;
    },
    fact(repository, tag): TagFact {
      const history = histories.get(repository);
      if (!history) return { status: 'unrecorded' };
      const status = tagStatus(history, tag);
      if (status.status === 'never' && mayHaveAppearedSince(history, tag)) return { status: 'unrecorded' };
      return status;
    },
    target(repository, tag) {
      const history = histories.get(repository);
      return history ? currentTarget(history, tag) : undefined;
    },
    platforms(repository, tag) {
      const history = histories.get(repository);
      const found = history?.platforms.get(tag);
      return history && found ? { ...found, source: history.source, asOf: history.asOf } : undefined;
    },
  };
}

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?/;
const ALPINE = /alpine(\d+)\.(\d+)/;

/**
 * Whether a tag missing from a history could have been published after the history's date: a
 * later patch of a version it has, a final release of a version it has pre-releases of, or a
 * newer Alpine release as the variant.
 */
export function mayHaveAppearedSince(history: TagHistory, tag: string): boolean {
  const want = VERSION.exec(tag);
  const alpine = ALPINE.exec(tag);
  let newestAlpine = -1;
  let maxPatch = -1;
  let sameMinor = false;
  let preRelease = false;
  for (const name of history.tags.keys()) {
    const a = ALPINE.exec(name);
    if (a) newestAlpine = Math.max(newestAlpine, Number(a[1]) * 1000 + Number(a[2]));
    const have = VERSION.exec(name);
    if (!want || !have || have[1] !== want[1] || have[2] !== want[2]) continue;
    const rest = name.slice(have[0].length);
    if (/^(rc|a|b)\d|^-rc/.test(rest)) preRelease = true;
    else sameMinor = true;
    if (have[3] !== undefined) maxPatch = Math.max(maxPatch, Number(have[3]));
  }
  if (alpine && Number(alpine[1]) * 1000 + Number(alpine[2]) > newestAlpine) return true;
  if (!want) return false;
  if (sameMinor) return want[3] !== undefined && Number(want[3]) > maxPatch;
  return preRelease;
}
