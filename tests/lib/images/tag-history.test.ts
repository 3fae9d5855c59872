import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/lib/images/reference.ts';
import {
  currentTarget,
  historyFileFor,
  parseTagHistory,
  parseTagHistoryIndex,
  siblingTags,
  type TagHistory,
  tagStatus,
} from '../../../src/lib/images/tag-history.ts';
import { CATALOG_DIR } from './catalog-fixture.ts';

const index = parseTagHistoryIndex(readFileSync(join(CATALOG_DIR, 'tags/index.json'), 'utf8'));

/** The history of the repository a FROM reference names, as the engine will look it up. */
function historyOf(reference: string): TagHistory {
  const parsed = parseReference(reference);
  const file = parsed && historyFileFor(index, parsed.repository);
  if (!file) throw new Error(`no tag history for ${reference}`);
  return parseTagHistory(readFileSync(join(CATALOG_DIR, file), 'utf8'));
}

const statusOf = (reference: string) => {
  const parsed = parseReference(reference);
  if (!parsed) throw new Error(reference);
  return tagStatus(historyOf(reference), parsed.tag);
};

describe('official images (complete histories from docker-library/official-images)', () => {
  it('reads the snapshot of 2026-08-21', () => {
    expect(index.repositories.python?.asOf).toBe('2026-08-21');
    expect(index.repositories.python?.complete).toBe(true);
    expect(historyFileFor(index, 'docker.io/library/python')).toBeUndefined();
    expect(historyFileFor(index, 'toString')).toBeUndefined();
  });

  it('knows current tags and when they appeared', () => {
    expect(statusOf('python:3.12-slim')).toEqual({ status: 'current', since: '2023-10-02' });
    expect(statusOf('docker.io/library/python:3.12-slim').status).toBe('current');
    expect(statusOf('alpine:3.22').status).toBe('current');
  });

  it('knows tags that left the library: python:3.9 went on 2025-11-03', () => {
    expect(statusOf('python:3.9')).toEqual({ status: 'past', since: '2020-10-06', until: '2025-11-03' });
    expect(statusOf('python:2.7')).toMatchObject({ status: 'past', until: '2020-04-20' });
  });

  it('says never for tags that never were', () => {
    expect(statusOf('golang:1.99')).toEqual({ status: 'never' });
    expect(statusOf('python:3.16-slim')).toEqual({ status: 'never' });
    expect(statusOf('alpine:3.99')).toEqual({ status: 'never' });
  });

  it('gives the full version an alias points to on the snapshot day', () => {
    expect(currentTarget(historyOf('golang'), '1')).toEqual({ tag: '1.27.0', asOf: '2026-08-21' });
    expect(currentTarget(historyOf('golang'), '1-alpine')?.tag).toBe('1.27.0-alpine');
    expect(currentTarget(historyOf('alpine'), 'latest')?.tag).toBe('3.24.1');
    expect(currentTarget(historyOf('python'), '3')?.tag).toBe('3.14.7');
    expect(currentTarget(historyOf('python'), '3.12-slim')?.tag).toBe('3.12.14-slim');
    expect(currentTarget(historyOf('node'), 'lts-slim')?.tag).toBe('24.19.0-slim');
    expect(currentTarget(historyOf('python'), '3.9')).toBeUndefined();
  });

  it('keeps node:22 current (maintenance LTS) beside node:20, which left', () => {
    expect(statusOf('node:22')).toMatchObject({ status: 'current' });
    expect(currentTarget(historyOf('node'), '22')?.tag).toBe('22.23.2');
    expect(statusOf('node:20').status).toBe('past');
  });

  it('suggests nearby tags, current ones first', () => {
    const near = siblingTags(historyOf('python'), '3.12-slimm', 3);
    expect(near[0]).toBe('3.12-slim');
    expect(siblingTags(historyOf('python'), '3.12-slim', 0)).toEqual([]);
  });
});

describe('incomplete histories', () => {
  it('distroless: debian12 current, debian11 removed on 2024-09-03', () => {
    expect(statusOf('gcr.io/distroless/static-debian12:nonroot').status).toBe('current');
    expect(statusOf('gcr.io/distroless/static-debian11:latest')).toMatchObject({
      status: 'past',
      until: '2024-09-03',
    });
    expect(statusOf('gcr.io/distroless/python3-debian13:debug-nonroot').status).toBe('current');
    expect(index.repositories['gcr.io/distroless/static-debian12']?.complete).toBe(false);
  });

  it('says unrecorded, never never, for a tag outside an incomplete history', () => {
    expect(statusOf('gcr.io/distroless/static-debian12:nonexistent')).toEqual({ status: 'unrecorded' });
    expect(statusOf('cgr.dev/chainguard/python:3.12')).toEqual({ status: 'unrecorded' });
    expect(statusOf('cgr.dev/chainguard/python:latest-dev').status).toBe('current');
  });

  it('uv: release tags from the changelog', () => {
    expect(statusOf('ghcr.io/astral-sh/uv:0.12.5').status).toBe('current');
    expect(statusOf('ghcr.io/astral-sh/uv:0.4.0').status).toBe('current');
    expect(statusOf('ghcr.io/astral-sh/uv:0.99.0')).toEqual({ status: 'unrecorded' });
    expect(currentTarget(historyOf('ghcr.io/astral-sh/uv'), 'latest')?.tag).toBe('0.12.5');
  });
});

describe('parsing', () => {
  it('rejects files that are not tag histories', () => {
    expect(() => parseTagHistory('{}')).toThrow(/bad tag history/);
    expect(() => parseTagHistoryIndex('[]')).toThrow(/bad tag history index/);
  });
});
