/** The terminal transcript of a build: BuildKit's progress shape, CACHED, sizes, errors and the run. */
import { describe, expect, it } from 'vitest';
import type { BuildOutput, EngineResponse } from '../../../src/components/engine/protocol.ts';
import { createJobRunner } from '../../../src/components/engine/run-job.ts';
import { PLAYGROUND_EXAMPLES } from '../../../src/components/playground/examples.ts';
import { transcriptOf } from '../../../src/components/terminal/transcript.ts';
import { committedCatalog, committedPackages } from '../../lib/images/catalog-fixture.ts';

const runner = createJobRunner({ openCatalog: committedCatalog, packages: committedPackages() });
let id = 0;

async function build(dockerfile: string, files: readonly { path: string; content: string }[] = []) {
  const response: EngineResponse = await runner({ id: ++id, kind: 'build', dockerfile, files }, () => false);
  if (response.status !== 'done' || response.kind !== 'build') throw new Error(JSON.stringify(response));
  return response.output as BuildOutput;
}

const text = (output: BuildOutput) =>
  transcriptOf(output.result, output.analysis.run).map((line) => `${line.kind}: ${line.text}`);

describe('the terminal transcript', () => {
  it('numbers each stage’s steps as BuildKit does and ends with the image and its run', async () => {
    const example = PLAYGROUND_EXAMPLES.find((candidate) => candidate.id === 'go-scratch');
    if (!example) throw new Error('no go-scratch example');
    const dockerfile = example.files.find((file) => file.path === 'Dockerfile')?.content ?? '';
    const lines = text(await build(dockerfile, example.files));
    expect(lines[0]).toBe('prompt: docker build -t exercise .');
    expect(lines).toContain('out:  => [builder 1/5] FROM golang:1');
    expect(lines.some((line) => /^out: {2}=> \[stage-1 \d\/\d\] COPY --from=builder/.test(line))).toBe(true);
    expect(lines).toContain('out:  => => naming to docker.io/library/exercise:latest');
    expect(lines).toContain('prompt: docker run --rm exercise');
    expect(lines.at(-1)).toMatch(/^note: \(starts .* as .*; what the program prints is not simulated\)$/);
  });

  it('marks the steps a rebuild took from the cache', async () => {
    await build('FROM alpine:3.22\nRUN mkdir /data\n');
    const lines = text(await build('FROM alpine:3.22\nRUN mkdir /data\n'));
    expect(lines).toContain('out:  => CACHED [stage-0 2/2] RUN mkdir /data');
  });

  it('stops at a failed step with BuildKit’s last line', async () => {
    const lines = text(await build('FROM alpine:3.22\nCOPY missing.txt /\n'));
    expect(lines.some((line) => line.startsWith('error:  => ERROR [stage-0 2/2] COPY missing.txt /'))).toBe(
      true,
    );
    expect(lines.at(-1)).toMatch(/^error: ERROR: failed to solve: /);
    expect(lines).not.toContain('prompt: docker run --rm exercise');
  });

  it('prints Docker’s error when the container would not start', async () => {
    const lines = text(await build('FROM scratch\nCMD ["/app"]\n'));
    expect(lines).toContain('prompt: docker run --rm exercise');
    expect(lines.some((line) => line.startsWith('error: ') && line.includes('/app'))).toBe(true);
  });
});
