/**
 * The images learners use (issue 16), family by family: how Docker's references resolve, which
 * sizes hold against the published figures that did not size them, and what the files say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lstat, stat } from '../../../src/lib/fs/tree.ts';
import { CATALOG_DIR, committedCatalog } from './catalog-fixture.ts';

const MB = 1_000_000;

describe('references resolve as Docker resolves them, to the catalog image', async () => {
  const catalog = await committedCatalog();

  it.each([
    ['python', 'python:3.14.7-trixie'],
    ['python:3', 'python:3.14.7-trixie'],
    ['docker.io/library/python:latest', 'python:3.14.7-trixie'],
    ['python:slim', 'python:3.14.7-slim-trixie'],
    ['python:3-slim', 'python:3.14.7-slim-trixie'],
    ['python:alpine', 'python:3.14.7-alpine3.24'],
    ['python:3.12-slim', 'python:3.12.14-slim-trixie'],
    ['python:3.12-slim-bookworm', 'python:3.12.14-slim-bookworm'],
    ['python:3.13-alpine', 'python:3.13.15-alpine3.24'],
    ['python:3.13-alpine3.23', 'python:3.13.15-alpine3.23'],
    ['python:3.10-bookworm', 'python:3.10.21-bookworm'],
    ['python:3.9-slim', 'python:3.9.25-slim-trixie'],
    ['golang:1', 'golang:1.27.0-trixie'],
    ['golang:1-alpine', 'golang:1.27.0-alpine3.24'],
    ['golang:1.27-bookworm', 'golang:1.27.0-bookworm'],
    ['golang:alpine3.23', 'golang:1.27.0-alpine3.23'],
    ['alpine', 'alpine:3.24'],
    ['alpine:3', 'alpine:3.24'],
    ['alpine:3.21', 'alpine:3.21'],
    ['alpine:3.23.5', 'alpine:3.23'],
    ['gcr.io/distroless/static:nonroot', 'gcr.io/distroless/static-debian13:nonroot'],
    ['gcr.io/distroless/python3-debian12:debug', 'gcr.io/distroless/python3-debian12:debug'],
    ['gcr.io/distroless/cc-debian13:latest-amd64', 'gcr.io/distroless/cc-debian13:latest'],
    ['gcr.io/distroless/base-nossl-debian13', 'gcr.io/distroless/base-nossl-debian13:latest'],
    ['ghcr.io/astral-sh/uv:latest', 'ghcr.io/astral-sh/uv:0.12.5'],
    ['ghcr.io/astral-sh/uv', 'ghcr.io/astral-sh/uv:0.12.5'],
  ])('%s is %s', async (ref, expected) => {
    const r = await catalog.lookup(ref);
    expect(r.ok && r.how === 'exact' && r.image.ref).toBe(expected);
    expect(r.certainty.level).toBe('known');
  });

  it.each([
    // an alias that moved on since the data: the older release stands in, and says so
    ['python:3.11-slim', 'python:3.11.15-slim-trixie', 'points to python:3.11.16-slim today'],
    // a pre-release builds on the newest final release of its variant
    ['python:3.15-rc-slim', 'python:3.14.7-slim-trixie', 'a real tag, published since'],
    // a past patch release
    ['python:3.12.4-slim-bookworm', 'python:3.12.14-slim-bookworm', 'no longer published'],
    ['golang:1.26.1-bookworm', 'golang:1.26.5-bookworm', 'no longer published'],
    ['alpine:3.22.5', 'alpine:3.22', ''],
    ['golang:1.26-alpine3.23', 'golang:1.26.5-alpine3.23', 'points to golang:1.26.7-alpine3.23 today'],
    // a distroless flavour on a Debian release the catalog lacks: the same flavour on the nearest one
    [
      'gcr.io/distroless/python3-debian11',
      'gcr.io/distroless/python3-debian12:latest',
      'nearest Debian release',
    ],
  ])('%s is built on %s, estimated with the reason', async (ref, expected, reason) => {
    const r = await catalog.lookup(ref);
    expect(r.ok && r.how === 'stand-in' && r.image.ref).toBe(expected);
    expect(r.certainty.level).toBe('estimated');
    expect(JSON.stringify(r.certainty)).toContain(reason);
  });

  it.each([
    ['golang:1.99', 'manifest for golang:1.99 not found'],
    ['python:3.16-slim', 'manifest for python:3.16-slim not found'],
    ['alpine:3.99', 'manifest for alpine:3.99 not found'],
  ])('%s never existed: Docker’s own error', async (ref, message) => {
    const r = await catalog.lookup(ref);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unknown-image');
    expect(r.error.message).toContain(message);
  });

  it('says plainly that it has no data for a real image it lacks', async () => {
    const r = await catalog.lookup('node:24-alpine');
    expect(r.ok || r.error.code).toBe('not-in-catalog');
    expect(r.certainty.level).toBe('unknown');
  });
});

describe('sizes against published figures that did not size the image', async () => {
  const catalog = await committedCatalog();
  // Each image here was sized from another record (slim-trixie, or golang:1.27.0-trixie), so these
  // figures check the model: repo-info "Virtual Size", decimal MB.
  it.each([
    ['python:3.14.7-slim-bookworm', 122.32, 0.03],
    ['golang:1.27.0-bookworm', 844.84, 0.03],
    ['golang:1.27.0-alpine3.24', 252.74, 0.03],
    // python:3.14.6-trixie / -bookworm: the same release line one patch earlier
    ['python:3.14.7-trixie', 1120, 0.03],
    ['python:3.14.7-bookworm', 1030, 0.03],
    ['python:3.12.14-slim-bookworm', 124.3, 0.03],
    // golang:1.26.6-alpine3.23, one patch later than the catalog's 1.26.5 tree
    ['golang:1.26.5-alpine3.23', 241.35, 0.03],
  ])('%s is within %s MB (tolerance %s)', async (ref, mb, tolerance) => {
    const r = await catalog.lookup(ref);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Math.abs(r.image.size - mb * MB) / (mb * MB)).toBeLessThanOrEqual(tolerance);
  });

  it('keeps the slim Debian layers shared: 3.9 and 3.12 slim have the same base layer files', async () => {
    const a = await catalog.lookup('python:3.9-slim');
    const b = await catalog.lookup('python:3.12-slim');
    expect(a.ok && b.ok && a.image.layers[0]).toBe(b.ok && b.image.layers[0]);
  });
});

describe('what the derived images hold', async () => {
  const catalog = await committedCatalog();

  it('renames CPython per release and leaves out what the release no longer ships', async () => {
    const py312 = await catalog.load('python:3.12-slim');
    expect(stat(py312.tree, '/usr/local/bin/python3.12')?.kind).toBe('file');
    expect(lstat(py312.tree, '/usr/local/bin/python3')).toMatchObject({ kind: 'symlink' });
    expect(stat(py312.tree, '/usr/local/lib/python3.12/site-packages/pip')?.kind).toBe('dir');
    expect(stat(py312.tree, '/usr/local/lib/python3.12/site-packages/setuptools')).toBeUndefined();
    expect(stat(py312.tree, '/usr/local/lib/python3.9')).toBeUndefined();
    const py311 = await catalog.load('python:3.11-slim');
    expect(stat(py311.tree, '/usr/local/lib/python3.11/site-packages/setuptools')?.kind).toBe('dir');
    const py313 = await catalog.load('python:3.13-alpine');
    expect(stat(py313.tree, '/usr/local/lib/python3.13/lib2to3')).toBeUndefined();
    expect(py313.record.config.Env).toContain('PYTHON_VERSION=3.13.15');
    expect(py313.contents.get('/etc/alpine-release')).toBe('3.24.1\n');
  });

  it('gives each image its release ENV and Alpine its release files', async () => {
    expect((await catalog.load('golang:1')).record.config.Env).toContain('GOLANG_VERSION=1.27.0');
    expect((await catalog.load('python:3.14')).record.config.Env).not.toContainEqual(
      expect.stringMatching(/^GPG_KEY=/),
    );
    const a323 = await catalog.load('alpine:3.23');
    expect(a323.contents.get('/etc/alpine-release')).toBe('3.23.5\n');
    expect(a323.packages.get('alpine-release')?.version).toBe('3.23.5-r0');
  });

  it('builds distroless python3 on cc with the real Debian interpreter', async () => {
    const image = await catalog.load('gcr.io/distroless/python3-debian13:nonroot');
    expect(image.record.config.Entrypoint).toEqual(['/usr/bin/python3.13']);
    expect(image.record.config.User).toBe('65532');
    expect(stat(image.tree, '/usr/bin/python3.13')?.kind).toBe('file');
    expect(image.packages.get('libstdc++6')?.version).toMatch(/^14\./);
    expect(image.contents.get('/etc/os-release')).toContain('VERSION_ID="13"');
    expect(stat(image.tree, '/bin/sh')).toBeUndefined();
    const debug = await catalog.load('gcr.io/distroless/static-debian12:debug');
    expect(debug.record.config.Entrypoint).toEqual(['/busybox/sh']);
    expect(stat(debug.tree, '/busybox/sh')).toBeDefined();
  });

  it('has the uv binaries COPY --from takes, static', async () => {
    const uv = await catalog.load('ghcr.io/astral-sh/uv:latest');
    for (const path of ['/uv', '/uvx']) {
      const node = stat(uv.tree, path);
      expect(node?.kind === 'file' && node.exec).toEqual({ kind: 'elf', linkage: 'static' });
    }
  });

  it('says Python 3.9 is end of life', async () => {
    const r = await catalog.lookup('python:3.9');
    expect(r.ok && r.image.notes.join(' ')).toContain('end of life');
  });
});

describe('the catalog index stays small', () => {
  it('is under the 60 KB gzip budget with every image in it', () => {
    const text = readFileSync(join(CATALOG_DIR, 'index.json'), 'utf8');
    const index = JSON.parse(text) as { images: unknown[] };
    expect(index.images.length).toBeGreaterThan(90);
    expect(gzipSync(text, { level: 9 }).length).toBeLessThan(60_000);
  });
});
