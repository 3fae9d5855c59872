/** The course's Go example as Docker 28 built it (a saved fixture) beside the simulator's build. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodePackages } from '../../../src/cli/node-catalog.ts';
import { analyze, targetStage } from '../../../src/lib/analysis/analyze.ts';
import { analyzeImage } from '../../../src/lib/analysis/analyze-image.ts';
import { realVsSimulated } from '../../../src/lib/analysis/real-vs-simulated.ts';
import type { StageResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { bytesSource } from '../../../src/lib/image-archive/byte-source.ts';
import { readSavedImage } from '../../../src/lib/image-archive/read-image.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

const examples = new URL('../../../src/content/examples/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, examples), 'utf8');

describe('the Go example, real beside simulated', () => {
  it('pairs the layers by instruction, with the real sizes docker history prints', async () => {
    const fixture = new URL('../image-archive/fixtures/go-scratch.docker.tar.gz', import.meta.url);
    const real = await readSavedImage(bytesSource(new Uint8Array(gunzipSync(readFileSync(fixture)))));
    const built = await simulateBuild({
      dockerfile: read('go-scratch.Dockerfile'),
      context: {
        files: ['main.go', 'go.mod'].map((name) => ({
          path: name,
          content: read(`go-app/${name}`),
          mode: 0o644,
        })),
      },
      catalog: await committedCatalog(),
      packages: nodePackages(),
    });
    const stage = targetStage(built) as StageResult;
    const comparison = realVsSimulated(
      { stage: real.stage, analysis: analyzeImage(real.stage) },
      { stage, analysis: analyze(built) },
    );
    // Both sides made the same three layers: WORKDIR, the binary, /etc/passwd (real BuildKit drops --from).
    expect(comparison.layers.map((pair) => [pair.real === null, pair.simulated === null])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(comparison.layers.map((pair) => pair.real)).toEqual(
      real.history.filter((row) => row.layer !== null).map((row) => row.size),
    );
    expect(comparison.starts).toEqual({ real: true, simulated: true });
    expect(comparison.onlyReal.count).toBe(0);
    expect(comparison.onlySimulated.count).toBe(0);
    // The binary's size is the simulator's model of Go's output; /etc/passwd comes from a different base.
    expect(comparison.sizeDiffers.map((item) => item.path)).toContain('/usr/app/app');
  });
});
