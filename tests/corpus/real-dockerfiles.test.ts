/**
 * The images 69 real Dockerfiles name (tests/corpus/real-dockerfiles.json, with their repository,
 * path and commit): each resolves to data a build can start from, except the two whose reference
 * is broken in the Dockerfile itself. The builds themselves: scripts/corpus/build-corpus.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedCatalog } from '../lib/images/catalog-fixture.ts';

interface Corpus {
  readonly dockerfiles: readonly { repository: string; path: string; commit: string; images: string[] }[];
}

const corpus = JSON.parse(readFileSync(join(import.meta.dirname, 'real-dockerfiles.json'), 'utf8')) as Corpus;
const images = [...new Set(corpus.dockerfiles.flatMap((d) => d.images))].sort();

/** References the Dockerfiles get wrong: a real build fails on them too. */
const BROKEN: Record<string, string> = {
  // "python3.11" is not a Docker Hub repository: no data, and a real pull is denied
  'python3.11-slim-buster': 'not-in-catalog',
  // a typo of alpine: the complete tag history never had it
  'golang:1.24.7-alphine': 'unknown-image',
};

/**
 * Real tags the catalog has no data for yet (uv's images on a Python or Debian base, item 1 of
 * issue 17): a build stops at FROM saying so, never with Docker's "not found".
 */
const NOT_IN_CATALOG_YET = new Set([
  'ghcr.io/astral-sh/uv:debian-slim',
  'ghcr.io/astral-sh/uv:python3.14-bookworm-slim',
]);

describe('the images real Dockerfiles name', async () => {
  const catalog = await committedCatalog();

  it('records at least 60 Dockerfiles, each with its repository, path and commit', () => {
    expect(corpus.dockerfiles.length).toBeGreaterThanOrEqual(60);
    for (const d of corpus.dockerfiles) {
      expect(d.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(d.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(d.images.length).toBeGreaterThan(0);
    }
  });

  it.each(images)('%s gives a build something to start from, or Docker’s own error', async (ref) => {
    const r = await catalog.lookup(ref);
    if (BROKEN[ref]) {
      expect(r.ok || r.error.code).toBe(BROKEN[ref]);
      return;
    }
    if (NOT_IN_CATALOG_YET.has(ref)) {
      expect(r.ok ? 'ok' : r.error.code).toMatch(/^(ok|not-in-catalog)$/);
      return;
    }
    expect(r.ok).toBe(true);
  });
});
