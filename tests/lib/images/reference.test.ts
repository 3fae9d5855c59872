import { describe, expect, it } from 'vitest';
import { gapsOf } from '../../../src/lib/certainty.ts';
import { editDistance } from '../../../src/lib/edit-distance.ts';
import { parseReference } from '../../../src/lib/images/reference.ts';
import { committedCatalog } from './catalog-fixture.ts';

describe('parseReference', () => {
  it('normalises Docker Hub names and defaults the tag', () => {
    expect(parseReference('python')).toEqual({ repository: 'python', tag: 'latest' });
    expect(parseReference('docker.io/library/python:3.9')).toEqual({ repository: 'python', tag: '3.9' });
    expect(parseReference('library/alpine:3.22')).toEqual({ repository: 'alpine', tag: '3.22' });
    expect(parseReference('gcr.io/distroless/static-debian12:nonroot')).toEqual({
      repository: 'gcr.io/distroless/static-debian12',
      tag: 'nonroot',
    });
    expect(parseReference('Python:3.9')).toBeUndefined();
  });
});

describe('resolving references', async () => {
  const catalog = await committedCatalog();

  it.each([
    ['python:3.9', 'python:3.9.25-trixie'],
    ['python:3.9-bookworm', 'python:3.9.25-bookworm'],
    ['python:3.9-slim', 'python:3.9.25-slim-trixie'],
    ['python:3.9-slim-bookworm', 'python:3.9.25-slim-bookworm'],
    ['python:3.9-alpine', 'python:3.9.25-alpine3.22'],
    ['alpine', 'alpine:3.24'],
    ['alpine:latest', 'alpine:3.24'],
    ['alpine:3.22', 'alpine:3.22'],
    ['golang:1', 'golang:1.27.0-trixie'],
    ['golang:latest', 'golang:1.27.0-trixie'],
    ['golang:1-alpine', 'golang:1.27.0-alpine3.24'],
    ['golang:1.25-bookworm', 'golang:1.25.13-bookworm'],
    ['golang:1.25-alpine', 'golang:1.25.13-alpine3.24'],
    ['debian:bookworm-slim', 'debian:bookworm-slim'],
    ['busybox', 'busybox:1.38.0-glibc'],
    ['gcr.io/distroless/static-debian12', 'gcr.io/distroless/static-debian12:latest'],
    ['docker.io/library/python:3.9', 'python:3.9.25-trixie'],
    ['scratch', 'scratch'],
  ])('%s resolves to %s', (ref, expected) => {
    const r = catalog.resolve(ref);
    expect(r.ok && r.how === 'exact' && r.image.ref).toBe(expected);
  });

  it.each([
    ['golang:1.24', 'golang:1.25.13-bookworm'],
    ['golang:1.24-bookworm', 'golang:1.25.13-bookworm'],
    ['golang:1.23-alpine', 'golang:1.25.13-alpine3.24'],
    ['golang:1.26.1-trixie', 'golang:1.26.5-trixie'],
    ['golang:1.26.1-alpine3.22', 'golang:1.26.5-alpine3.24'],
  ])('%s is built on the nearest catalog image %s, as an estimate that says so', (ref, expected) => {
    const r = catalog.resolve(ref);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.how).toBe('stand-in');
    expect(r.image.ref).toBe(expected);
    expect(r.certainty.level).toBe('estimated');
    const [gap] = gapsOf(r.certainty);
    expect(gap?.kind).toBe('stand-in');
    expect(gap?.text).toContain(
      `Not in this simulator's catalog: ${ref.includes(':') ? ref : `${ref}:latest`}`,
    );
    expect(gap?.text).toContain(`Built on ${expected}`);
  });

  it('answers a tag the complete tag history never had in Docker’s words, with a suggestion', async () => {
    const r = await catalog.lookup('python:3.9-alpne');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unknown-image');
    expect(r.error.suggestion).toBe('python:3.9-alpine');
    expect(r.error.message).toContain('Did you mean python:3.9-alpine?');
    expect(r.error.available).toContain('python:3.9-alpine');
  });

  it('rejects unknown repositories and malformed references', () => {
    // No data for nginx is not evidence that nginx does not exist: the simulator says so itself.
    const unknown = catalog.resolve('nginx:latest');
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.error.code).toBe('not-in-catalog');
    expect(unknown.certainty.level).toBe('unknown');
    expect(unknown.error.message).toMatch(/^Not in this simulator's catalog: nginx:latest\./);
    expect(unknown.error.message).not.toMatch(/pull access denied|manifest unknown/);
    const bad = catalog.resolve('Not A Ref');
    expect(bad.ok || bad.error.code).toBe('invalid-reference');
  });

  it('rejects a load of an unknown reference with the resolution', async () => {
    await expect(catalog.load('python:3.9-alpne')).rejects.toMatchObject({ name: 'ImageNotFoundError' });
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('alpne', 'alpine')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
