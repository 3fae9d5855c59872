/**
 * The verdict line, the run check's headline and what leaves the page say how sure the simulator
 * is: built from real builds of the issue's Dockerfiles against the committed catalog.
 */
import { describe, expect, it } from 'vitest';
import { summarizeCertainty } from '../../../src/components/certainty/certainty-summary.ts';
import { withCertainty } from '../../../src/components/editor/lint-diagnostics.ts';
import type { BuildOutput } from '../../../src/components/engine/protocol.ts';
import { createJobRunner } from '../../../src/components/engine/run-job.ts';
import { buildVerdict } from '../../../src/components/playground/build-verdict.ts';
import { runHeadline } from '../../../src/components/run/run-verdict.ts';
import { estimated, unknown } from '../../../src/lib/certainty.ts';
import { committedCatalog, committedPackages } from '../../lib/images/catalog-fixture.ts';

const runner = createJobRunner({ openCatalog: committedCatalog, packages: committedPackages() });

async function build(dockerfile: string): Promise<BuildOutput> {
  const response = await runner({ id: 1, kind: 'build', dockerfile, files: [] }, () => false);
  if (response.status !== 'done' || response.kind !== 'build') throw new Error(JSON.stringify(response));
  return response.output;
}

describe('buildVerdict', () => {
  it('says a stand-in base is an estimate, naming the tag and its stand-in', async () => {
    const verdict = buildVerdict(await build('FROM python:3.12.4-slim\n'), undefined);
    expect(verdict.state).toBe('ok');
    expect(verdict.certainty.level).toBe('estimated');
    expect(summarizeCertainty(verdict.certainty).reasons).toEqual([
      expect.stringMatching(
        /^line 1: Not in this simulator's catalog: python:3\.12\.4-slim .*Built on python:3\.12\.14-slim/,
      ),
    ]);
  });

  it('says a step it could not follow leaves the image unknown, naming its line', async () => {
    const output = await build(
      'FROM golang:1-alpine\nRUN apk add --no-cache upx\nRUN upx /usr/local/go/bin/go\n',
    );
    const verdict = buildVerdict(output, undefined);
    expect(verdict.certainty.level).toBe('unknown');
    expect(
      summarizeCertainty(verdict.certainty).reasons.some((reason) => reason.startsWith('line 3: ')),
    ).toBe(true);
  });

  it('stops for want of data in its own words, not as a failed build', async () => {
    const verdict = buildVerdict(await build('FROM node:22\n'), undefined);
    expect(verdict.state).toBe('no-data');
    expect(verdict.text).toContain('The simulator has no data for node images');
    expect(verdict.text).not.toMatch(/Build failed|manifest unknown|pull access denied/);
  });

  it('fails as Docker does on a tag that never existed', async () => {
    const verdict = buildVerdict(await build('FROM golang:1.99\n'), undefined);
    expect(verdict.state).toBe('error');
    expect(verdict.text).toMatch(/^Build failed on line 1: .*golang:1\.99: not found/);
    expect(verdict.certainty.level).toBe('known');
  });
});

describe('runHeadline', () => {
  const run = (starts: boolean, certainty = estimated('stand-in', 'a stand-in')) =>
    ({ starts, certainty }) as Parameters<typeof runHeadline>[0];

  it('is sure only where the simulator is: a failure over an unfollowed step is not a definite no', () => {
    expect(runHeadline(run(true))).toEqual({ severity: 'ok', label: 'Starts' });
    expect(runHeadline(run(false))).toEqual({ severity: 'error', label: 'Does not start' });
    expect(runHeadline(run(false, unknown('depends', 'line 2 not followed')))).toMatchObject({
      severity: 'warning',
      label: expect.stringContaining('cannot tell'),
    });
  });
});

describe('withCertainty', () => {
  it('adds the gaps behind a finding to its editor message, and leaves plain findings alone', () => {
    expect(withCertainty('Image is 900 MB', undefined)).toBe('Image is 900 MB');
    expect(withCertainty('Image is 900 MB', estimated('model', 'a modelled layer'))).toBe('Image is 900 MB');
    expect(withCertainty('Image is 900 MB', estimated('stand-in', 'Built on python:3.9.', 1))).toBe(
      'Image is 900 MB\nEstimated: Built on python:3.9.',
    );
  });
});
