/** Image references as `FROM` takes them: parsing, tag lookup, nearest-version answers and suggestions. */

import { type Certainty, estimated, KNOWN, unknown } from '../certainty.ts';
import { editDistance } from '../edit-distance.ts';
import { absence, buildkitNotFound, manifestUnknown, pullManifestUnknown } from '../tool-errors.ts';
import type { CatalogIndex, ImageRecord } from './format.ts';

export interface ParsedReference {
  /** `python`, `gcr.io/distroless/static-debian12` (Docker Hub's `docker.io/library/` prefix removed) */
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

/** The full tag an alias such as `golang:1` points to, and the date the history says so. */
export interface AliasTarget {
  readonly tag: string;
  readonly asOf: string;
}

/** What the registry has for a tag, as far as the recorded tag histories say (see tag-history.ts). */
export type TagFact =
  | { readonly status: 'current'; readonly since: string }
  | { readonly status: 'past'; readonly since: string; readonly until: string }
  /** The repository's history is complete and the tag is not in it: a real pull fails. */
  | { readonly status: 'never' }
  /** Nothing recorded: no history for the repository, or an incomplete one without this tag. */
  | { readonly status: 'unrecorded' };

export type Resolution =
  /** The catalog has the image asked for: known. */
  | {
      readonly ok: true;
      readonly how: 'exact';
      readonly requested: string;
      readonly image: ImageRecord;
      readonly certainty: Certainty;
    }
  /** A tag the catalog lacks, answered by its nearest sibling in the catalog: estimated. */
  | {
      readonly ok: true;
      readonly how: 'stand-in';
      readonly requested: string;
      readonly image: ImageRecord;
      readonly tag: TagFact;
      readonly certainty: Certainty;
    }
  /** No image to build on: known not to exist (Docker's own error), or no data (the simulator's own words). */
  | {
      readonly ok: false;
      readonly requested: string;
      readonly error: ReferenceError;
      readonly certainty: Certainty;
    };

export interface ReferenceError {
  /**
   * invalid-reference and unknown-image are what a real pull says (known); not-in-catalog is the
   * simulator's own: the image may well exist, it just has no data for it.
   */
  readonly code: 'invalid-reference' | 'unknown-image' | 'not-in-catalog';
  /** As `docker pull` words it (known), or the simulator's own sentence (not-in-catalog). */
  readonly message: string;
  /** As BuildKit words it for FROM and COPY --from, when a real build fails. */
  readonly buildMessage: string;
  /** As `docker pull` prints it after "Error response from daemon: ". */
  readonly pullMessage: string;
  readonly suggestion?: string;
  readonly available: readonly string[];
}

const REFERENCE =
  /^(?:([a-z0-9.-]+(?::[0-9]+)?)\/)?([a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

export function parseReference(text: string): ParsedReference | undefined {
  const m = REFERENCE.exec(text.trim());
  if (!m) return undefined;
  let [, registry, path] = m as unknown as [string, string | undefined, string];
  // A first component without a dot, colon or "localhost" is part of a Docker Hub path, not a registry.
  if (registry && !/[.:]/.test(registry) && registry !== 'localhost') {
    path = `${registry}/${path}`;
    registry = undefined;
  }
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === undefined) {
    path = path.replace(/^library\//, '');
    registry = undefined;
  }
  const repository = registry ? `${registry}/${path}` : path;
  return { repository, tag: m[3] ?? 'latest', ...(m[4] ? { digest: m[4] } : {}) };
}

export function formatReference(r: ParsedReference): string {
  return `${r.repository}:${r.tag}${r.digest ? `@${r.digest}` : ''}`;
}

/** The name BuildKit resolves: `docker.io/library/python:3.12` for a Docker Hub official image. */
export function registryName(r: ParsedReference): string {
  const host = r.repository.split('/')[0] ?? '';
  const full =
    /[.:]/.test(host) || host === 'localhost'
      ? r.repository
      : r.repository.includes('/')
        ? `docker.io/${r.repository}`
        : `docker.io/library/${r.repository}`;
  return `${full}:${r.tag}`;
}

/**
 * Resolves a reference against the catalog and what the tag histories say of it: the catalog's
 * image (known), a stand-in for a tag it lacks (estimated), Docker's error for a tag known never
 * to have existed, or the simulator's own "no data" (unknown). Real errors only with real evidence.
 */
export function resolveReference(
  index: CatalogIndex,
  text: string,
  tagFact: (repository: string, tag: string) => TagFact = () => ({ status: 'unrecorded' }),
  aliasTarget: (repository: string, tag: string) => AliasTarget | undefined = () => undefined,
): Resolution {
  const requested = text.trim();
  const available = index.images.flatMap((i) => i.tags).sort();
  if (requested === 'scratch') {
    const scratch = index.images.find((i) => i.ref === 'scratch');
    if (scratch) return { ok: true, how: 'exact', requested, image: scratch, certainty: KNOWN };
  }
  const parsed = parseReference(requested);
  if (!parsed) {
    const message = `invalid reference format: "${requested}" is not an image reference (name[:tag][@digest])`;
    return {
      ok: false,
      requested,
      error: { code: 'invalid-reference', message, buildMessage: message, pullMessage: message, available },
      certainty: KNOWN,
    };
  }
  const full = `${parsed.repository}:${parsed.tag}`;
  const exact = index.images.find((i) => i.tags.includes(full));
  const moved = exact && aliasTarget(parsed.repository, parsed.tag);
  if (exact && moved && isNewer(moved.tag, exact, parsed.repository)) {
    const text = `${full} points to ${parsed.repository}:${moved.tag} today (official library, ${moved.asOf}); the catalog's data is ${exact.ref}, an older release, which stands in for it, so its sizes and files are that image's.`;
    return {
      ok: true,
      how: 'stand-in',
      requested,
      image: exact,
      tag: tagFact(parsed.repository, parsed.tag),
      certainty: estimated('stand-in', text),
    };
  }
  if (exact) return { ok: true, how: 'exact', requested, image: exact, certainty: KNOWN };
  const fact = tagFact(parsed.repository, parsed.tag);
  const suggestion = suggest(full, available);
  if (fact.status === 'never') {
    const absent = absence(`the official library's complete tag history of ${parsed.repository}`);
    const message = manifestUnknown(full, absent);
    return {
      ok: false,
      requested,
      error: {
        code: 'unknown-image',
        message: suggestion ? `${message}. Did you mean ${suggestion}?` : message,
        buildMessage: buildkitNotFound(requested, registryName(parsed), absent),
        pullMessage: pullManifestUnknown(full, absent),
        ...(suggestion ? { suggestion } : {}),
        available,
      },
      certainty: KNOWN,
    };
  }
  const sibling = nearestSibling(index, parsed);
  const said = describeFact(full, fact);
  if (sibling) {
    const text = `Not in this simulator's catalog: ${full}${said}. Built on ${sibling.ref}, ${sibling.why}, so its sizes and files are that image's.`;
    return {
      ok: true,
      how: 'stand-in',
      requested,
      image: sibling.image,
      tag: fact,
      certainty: estimated('stand-in', text),
    };
  }
  const message = `Not in this simulator's catalog: ${full}${said}. The simulator has no data for ${parsed.repository} images, so it cannot build on it; a real build would pull it.${suggestion ? ` Did you mean ${suggestion}?` : ''}`;
  return {
    ok: false,
    requested,
    error: {
      code: 'not-in-catalog',
      message,
      buildMessage: message,
      pullMessage: message,
      ...(suggestion ? { suggestion } : {}),
      available,
    },
    certainty: unknown('no-data', message),
  };
}

function describeFact(full: string, fact: TagFact): string {
  switch (fact.status) {
    case 'current':
      return ` (a real tag, published since ${fact.since})`;
    case 'past':
      return ` (a real tag from ${fact.since} to ${fact.until}, no longer published)`;
    default:
      return full.endsWith(':latest') ? '' : ' (the simulator has no record of this tag)';
  }
}

/**
 * A tag split into a version (`3.12`, `1`, none) and a variant (`slim-bookworm`, `alpine3.22`,
 * none). A pre-release (`3.15.0rc1`, `3.15-rc-slim`) counts as its version: its nearest sibling is
 * the newest final release of the same variant.
 */
const TAG = /^(?:(\d+(?:\.\d+){0,2})(?:(?:a|b|rc)\d+)?(?:-rc)?(?:-|$))?(.*)$/;

interface TagShape {
  readonly version: readonly number[];
  readonly variant: string;
}

function shapeOf(tag: string): TagShape {
  const [, version = '', variant = ''] = TAG.exec(tag) ?? [];
  return {
    version: version ? version.split('.').map(Number) : [],
    variant: variant === 'latest' ? '' : variant,
  };
}

/** The variant family a stand-in must share: Alpine (musl), slim Debian, or full Debian. */
function family(variant: string): string {
  if (variant.includes('alpine')) return 'alpine';
  if (variant.includes('slim')) return 'slim';
  if (variant.includes('windowsservercore') || variant.includes('nanoserver')) return 'windows';
  return variant === '' || /^(bookworm|trixie|bullseye|buster|stretch|forky)$/.test(variant)
    ? 'debian'
    : variant;
}

/** Debian or Alpine release named in a variant (`slim-bookworm` → bookworm, `alpine3.22` → alpine3.22). */
function release(variant: string): string | undefined {
  return /(bookworm|trixie|bullseye|buster|forky|alpine\d+\.\d+)/.exec(variant)?.[1];
}

/**
 * The catalog image closest to a tag it lacks: same repository and variant family (never musl for
 * glibc), the nearest version, the same Debian or Alpine release where there is a choice.
 */
function nearestSibling(
  index: CatalogIndex,
  ref: ParsedReference,
): { image: ImageRecord; ref: string; why: string } | undefined {
  const platformTag = /^(.+)-(arm64|arm|s390x|ppc64le|riscv64|386)$/.exec(ref.tag);
  const multiPlatform =
    platformTag && index.images.find((i) => i.tags.includes(`${ref.repository}:${platformTag[1]}`));
  // distroless's `latest-arm64`: one platform's image of a tag the catalog holds for linux/amd64.
  if (platformTag && multiPlatform)
    return {
      image: multiPlatform,
      ref: multiPlatform.ref,
      why: `its linux/amd64 image (the catalog holds no ${platformTag[2]} files)`,
    };
  const same = siblingInRepository(index, ref);
  if (same) return same;
  // A distroless flavour on a Debian release the catalog lacks: the same flavour on the nearest one.
  for (const repository of otherDebianReleases(index, ref.repository)) {
    const other = siblingInRepository(index, { ...ref, repository });
    if (other) return { ...other, why: `the same distroless image on the nearest Debian release it has` };
  }
  return undefined;
}

/** `gcr.io/distroless/python3-debian11` → the catalog's python3-debianN repositories, nearest N first. */
function otherDebianReleases(index: CatalogIndex, repository: string): string[] {
  const m = /^(gcr\.io\/distroless\/[a-z0-9-]+?)-debian(\d+)$/.exec(repository);
  if (!m) return [];
  const [, flavour, release] = m as unknown as [string, string, string];
  const prefix = `${flavour}-debian`;
  const found = new Set<string>();
  for (const image of index.images) {
    for (const tag of image.tags) {
      const repo = tag.slice(0, tag.lastIndexOf(':'));
      if (repo !== repository && repo.startsWith(prefix) && /^\d+$/.test(repo.slice(prefix.length)))
        found.add(repo);
    }
  }
  const distance = (repo: string) =>
    Math.abs(Number(repo.slice(repo.lastIndexOf('debian') + 6)) - Number(release));
  return [...found].sort((a, b) => distance(a) - distance(b) || (a < b ? -1 : 1));
}

function siblingInRepository(
  index: CatalogIndex,
  ref: ParsedReference,
): { image: ImageRecord; ref: string; why: string } | undefined {
  const want = shapeOf(ref.tag);
  const wantFamily = family(want.variant);
  let best: { image: ImageRecord; score: number } | undefined;
  for (const image of index.images) {
    for (const tag of image.tags) {
      if (!tag.startsWith(`${ref.repository}:`)) continue;
      const have = shapeOf(tag.slice(ref.repository.length + 1));
      if (family(have.variant) !== wantFamily) continue;
      const score =
        versionDistance(want.version, have.version) * 4 +
        (release(want.variant) && release(want.variant) !== release(have.variant) ? 1 : 0);
      if (!best || score < best.score) best = { image, score };
    }
  }
  if (!best) return undefined;
  const why =
    wantFamily === 'debian' ? 'the nearest version it has' : `the nearest ${wantFamily} version it has`;
  return { image: best.image, ref: best.image.ref, why };
}

/**
 * Whether an alias's target today is a newer release than the catalog's image: the catalog may be
 * newer than the tag history (then it stands), or older (then it is only a stand-in).
 */
function isNewer(target: string, image: ImageRecord, repository: string): boolean {
  const a = shapeOf(target).version;
  // The image's most specific version tag: `alpine:3.22.6`, not `alpine:3.22`.
  const b = image.tags
    .filter((tag) => tag.startsWith(`${repository}:`))
    .map((tag) => shapeOf(tag.slice(repository.length + 1)).version)
    .reduce((best, v) => (v.length > best.length ? v : best), [] as readonly number[]);
  // Compared as far as both go: debian:bookworm's data names no point release, so 12.11 is not newer.
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/** How far two versions are apart, minor versions weighing most after the major. */
function versionDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 50;
  const major = Math.abs((a[0] ?? 0) - (b[0] ?? 0));
  // A floating tag (`1`) is a worse match for `1.24` than any minor version named outright.
  const minor =
    a.length > 1 && b.length > 1 ? Math.abs((a[1] ?? 0) - (b[1] ?? 0)) : a.length === b.length ? 0 : 50;
  return major * 100 + minor;
}

/** The closest known reference by edit distance, if it is close enough to be a typo. */
export function suggest(requested: string, available: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of available) {
    const d = editDistance(requested, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate.length < best.length)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(requested.length / 4))
    ? best
    : undefined;
}
