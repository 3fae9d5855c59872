/** The layer cache: a rebuild after an edit reuses each step up to the first one the edit touches. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { type BuildCache, simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

const DOCKERFILE = readFileSync(
  join(import.meta.dirname, '../../../src/content/examples/python-single-stage.Dockerfile'),
  'utf8',
);

async function build(
  files: Record<string, string>,
  cache?: BuildCache,
  dockerfile = DOCKERFILE,
): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    catalog: await committedCatalog(),
    ...(cache ? { cache } : {}),
  });
}

const cachedLines = (result: BuildResult) =>
  result.steps.filter((step) => step.cached).map((step) => step.line);
const APP = { 'requirements.txt': 'flask==3.1.2\n', 'src/example.py': 'print("v1")\n' };

describe('the layer cache', () => {
  it('reuses every step when nothing changed', async () => {
    const first = await build(APP);
    expect(cachedLines(first)).toEqual([]);
    const second = await build(APP, first.cache);
    expect(cachedLines(second)).toEqual([3, 5, 7, 9, 12]);
    expect(second.stages[0]?.size).toBe(first.stages[0]?.size);
  });

  it('keeps the dependency layer when only the code changes: the reason to COPY requirements first', async () => {
    const first = await build(APP);
    const edited = await build({ ...APP, 'src/example.py': 'print("v2")\n' }, first.cache);
    expect(cachedLines(edited)).toEqual([3, 5, 7]);
    expect(edited.steps.find((step) => step.line === 9)?.cached).toBe(false);
  });

  it('rebuilds from the dependency manifest on when the requirements change', async () => {
    const first = await build(APP);
    const edited = await build({ ...APP, 'requirements.txt': 'flask==3.1.2\ngunicorn\n' }, first.cache);
    expect(cachedLines(edited)).toEqual([3]);
  });

  it('rebuilds everything after an edited instruction, and a changed build argument counts', async () => {
    const first = await build(APP);
    const edited = await build(APP, first.cache, DOCKERFILE.replace('WORKDIR /app', 'WORKDIR /srv'));
    expect(cachedLines(edited)).toEqual([]);
    const withArg = 'FROM alpine:3.22\nARG V=1\nRUN echo $V > /v\n';
    const a = await simulateBuild({
      dockerfile: withArg,
      context: { files: [] },
      catalog: await committedCatalog(),
    });
    const b = await simulateBuild({
      dockerfile: withArg,
      context: { files: [] },
      catalog: await committedCatalog(),
      cache: a.cache,
      buildArgs: { V: '2' },
    });
    expect(cachedLines(b)).toEqual([]);
  });

  it('reruns a RUN whose bind mount’s files changed, as BuildKit keys it by their content', async () => {
    const dockerfile =
      'FROM alpine:3.22\nRUN --mount=type=bind,source=src,target=/s cp /s/example.py /copied\n';
    const first = await build(APP, undefined, dockerfile);
    expect(cachedLines(await build(APP, first.cache, dockerfile))).toEqual([2]);
    const edited = await build({ ...APP, 'src/example.py': 'print("v2")\n' }, first.cache, dockerfile);
    expect(cachedLines(edited)).toEqual([]);
    expect(cachedLines(await build({ ...APP, 'requirements.txt': 'x\n' }, first.cache, dockerfile))).toEqual([
      2,
    ]);
  });
});
