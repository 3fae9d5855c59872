/** apk against alpine:3.22 images and the modelled Alpine package data. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { apkDataRelease } from '../../../src/lib/packages/apk.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

async function build(dockerfile: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}

const node = (result: BuildResult, path: string) => {
  const tree = result.stages.at(-1)?.tree;
  return tree ? lstat(tree, path) : undefined;
};
const layer = (result: BuildResult, step = 0) =>
  result.steps.filter((s) => s.layer !== null)[step]?.sizeDelta ?? 0;

describe('apk', () => {
  it('installs curl with its libraries and keeps the index without --no-cache', async () => {
    const result = await build('FROM alpine:3.22\nRUN apk add curl\n');
    expect(result.error).toBeNull();
    expect(node(result, '/usr/bin/curl')).toMatchObject({ kind: 'file' });
    expect(node(result, '/var/cache/apk')).toMatchObject({ kind: 'dir' });
    const step = result.steps.find((s) => s.instruction.startsWith('RUN'));
    expect(step?.narrative).toMatch(/apk installed \d+ packages/);
    expect(analyze(result).diagnostics.map((d) => d.code)).toContain('rule/apk-no-cache');
  });

  it('leaves no index with --no-cache, so the layer is smaller', async () => {
    const cached = await build('FROM alpine:3.22\nRUN apk add curl\n');
    const clean = await build('FROM alpine:3.22\nRUN apk add --no-cache curl\n');
    expect(layer(clean)).toBeLessThan(layer(cached));
    expect(layer(cached) - layer(clean)).toBeGreaterThan(1e6);
  });

  it('says in its own words that a package outside its data is unknown, never in apk’s', async () => {
    // No list of every Alpine package is at hand, so the simulator cannot know no-such-thing is not real.
    const result = await build('FROM alpine:3.22\nRUN apk add --no-cache no-such-thing curl\n');
    expect(result.ok).toBe(true);
    const step = result.steps[0];
    expect(step?.status).toBe('not-simulated');
    expect(step?.certainty.level).toBe('unknown');
    expect(step?.narrative).toContain("no-such-thing: not in the simulator's Alpine package data");
    expect(step?.narrative).not.toMatch(/unable to select packages|no such package/);
    // What the data does know is still installed.
    expect(node(result, '/usr/bin/curl')).toBeDefined();
  });

  it('removes a --virtual group with apk del in the same RUN', async () => {
    const kept = await build('FROM alpine:3.22\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev\n');
    const removed = await build(
      'FROM alpine:3.22\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && apk del .build-deps\n',
    );
    expect(node(kept, '/usr/bin/gcc')).toBeDefined();
    expect(node(removed, '/usr/bin/gcc')).toBeUndefined();
    expect(layer(removed)).toBeLessThan(layer(kept) / 10);
  });

  it('does not exist on Debian: apk is not found', async () => {
    const result = await build('FROM debian:bookworm-slim\nRUN apk add curl\n');
    expect(result.error?.message).toBe('/bin/sh: 1: apk: not found');
  });
});

describe('apk on the Alpine releases the data lacks', () => {
  it('installs make and git on golang:1.27-alpine (Alpine 3.24) from 3.22’s data, so make build runs', async () => {
    // issue 17's example: the step used to be skipped, and `make build` then failed (make: not found)
    const result = await simulateBuild({
      dockerfile: 'FROM golang:1.27-alpine\nWORKDIR /src\nRUN apk add make git\nCOPY . .\nRUN make build\n',
      context: {
        files: [
          { path: 'Makefile', content: 'build:\n\tgo build -o app .\n' },
          { path: 'main.go', content: 'package main\n\nfunc main() {}\n' },
          { path: 'go.mod', content: 'module example.com/app\n\ngo 1.22\n' },
        ],
      },
      catalog: await committedCatalog(),
      packages: committedPackages(),
    });
    expect(result.error).toBeNull();
    const step = result.steps.find((s) => s.instruction.includes('apk add'));
    expect(step?.status).toBe('done');
    expect(step?.certainty.level).toBe('estimated');
    expect(step?.narrative).toContain(
      "Alpine 3.24's package index is not in the simulator's data: Alpine 3.22's",
    );
    expect(node(result, '/usr/bin/make')).toMatchObject({ kind: 'file' });
    expect(node(result, '/usr/bin/git')).toBeDefined();
    expect(layer(result, 1)).toBeGreaterThan(1e6);
    const make = result.steps.find((s) => s.instruction === 'RUN make build');
    expect(make?.narrative).not.toMatch(/not found/);
  });

  it.each(['3.21', '3.23', '3.24'])('answers Alpine %s with the nearest release it has', async (release) => {
    const result = await build(`FROM alpine:${release}\nRUN apk add --no-cache curl\n`);
    expect(result.error).toBeNull();
    expect(node(result, '/usr/bin/curl')).toBeDefined();
    expect(result.steps[0]?.narrative).toContain(
      `Alpine ${release}'s package index is not in the simulator's data`,
    );
  });

  it('picks the nearest release by minor version', () => {
    expect(apkDataRelease('3.22')).toBe('3.22');
    expect(apkDataRelease('3.24')).toBe('3.22');
    expect(apkDataRelease('3.19')).toBe('3.22');
    expect(apkDataRelease('edge')).toBeUndefined();
  });
});
