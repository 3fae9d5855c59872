/** Image references as `FROM` takes them: parsing, tag lookup, nearest-version answers and suggestions. */

import { editDistance } from '../edit-distance.ts';
import type { CatalogIndex, ImageRecord } from './format.ts';

export interface ParsedReference {
  /** `python`, `gcr.io/distroless/static-debian12` (Docker Hub's `docker.io/library/` prefix removed) */
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

export type Resolution =
  | { readonly ok: true; readonly how: 'exact'; readonly requested: string; readonly image: ImageRecord }
  | {
      readonly ok: true;
      readonly how: 'nearest';
      readonly requested: string;
      readonly image: ImageRecord;
      /** says which tag was asked for and which modelled image answers it */
      readonly note: string;
    }
  | { readonly ok: false; readonly requested: string; readonly error: ReferenceError };

export interface ReferenceError {
  readonly code: 'invalid-reference' | 'unknown-image';
  readonly message: string;
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

export function resolveReference(index: CatalogIndex, text: string): Resolution {
  const requested = text.trim();
  const available = index.images.flatMap((i) => i.tags).sort();
  if (requested === 'scratch') {
    const scratch = index.images.find((i) => i.ref === 'scratch');
    if (scratch) return { ok: true, how: 'exact', requested, image: scratch };
  }
  const parsed = parseReference(requested);
  if (!parsed) {
    return {
      ok: false,
      requested,
      error: {
        code: 'invalid-reference',
        message: `invalid reference format: "${requested}" is not an image reference (name[:tag][@digest])`,
        available,
      },
    };
  }
  const full = `${parsed.repository}:${parsed.tag}`;
  const exact = index.images.find((i) => i.tags.includes(full));
  if (exact) return { ok: true, how: 'exact', requested, image: exact };
  const near = nearestVersion(index, parsed);
  if (near) return { ok: true, how: 'nearest', requested, image: near.image, note: near.note };
  const suggestion = suggest(full, available);
  const known = index.images.some((i) => i.tags.some((t) => t.startsWith(`${parsed.repository}:`)));
  const message = known
    ? `manifest for ${full} not found: manifest unknown`
    : `pull access denied for ${parsed.repository}, repository does not exist in the simulator's catalog`;
  return {
    ok: false,
    requested,
    error: {
      code: 'unknown-image',
      message: suggestion ? `${message}. Did you mean ${suggestion}?` : message,
      ...(suggestion ? { suggestion } : {}),
      available,
    },
  };
}

const VERSIONED = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-(.+))?$/;

/** Family of a tag variant: `alpine3.21` → `alpine`; no variant means the Debian default. */
function family(variant: string | undefined): string {
  if (!variant) return 'debian';
  if (variant.startsWith('alpine')) return 'alpine';
  return variant;
}

/**
 * `golang:1.24-alpine` is not modelled, but the closest modelled minor version on the same
 * distribution is a faithful stand-in for what a lesson looks at (tools, shell, size class).
 */
function nearestVersion(
  index: CatalogIndex,
  ref: ParsedReference,
): { image: ImageRecord; note: string } | undefined {
  const rule = index.nearest.find((n) => n.repository === ref.repository);
  const want = VERSIONED.exec(ref.tag);
  if (!rule || !want) return undefined;
  const wantMinor = Number(want[1]) * 1000 + Number(want[2]);
  const wantVariant = want[4];
  const wantFamily = family(wantVariant);
  let best: { image: ImageRecord; distance: number; minor: number } | undefined;
  for (const tag of rule.modelled) {
    const have = VERSIONED.exec(tag);
    const image = index.images.find((i) => i.tags.includes(`${ref.repository}:${tag}`));
    if (!have || !image) continue;
    const haveFamily = family(have[4]);
    const sameVariant = wantVariant === undefined || wantVariant === have[4] || wantFamily === haveFamily;
    if (!sameVariant || (wantFamily === 'debian' && haveFamily === 'alpine')) continue;
    // Debian requests without a release name match any Debian release; an exact release is preferred.
    const minor = Number(have[1]) * 1000 + Number(have[2]);
    const distance = Math.abs(minor - wantMinor) * 2 + (wantVariant === have[4] ? 0 : 1);
    if (!best || distance < best.distance || (distance === best.distance && minor > best.minor)) {
      best = { image, distance, minor };
    }
  }
  if (!best) return undefined;
  return {
    image: best.image,
    note: `${ref.repository}:${ref.tag} is not in the catalog; using ${best.image.ref}, the nearest modelled version`,
  };
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
