/** The brief's four Dockerfiles, built with the course's sample apps as their contexts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../../src/cli/read-context.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');

async function build(example: string, app: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile: readFileSync(join(EXAMPLES, `${example}.Dockerfile`), 'utf8'),
    context: (await readContext(join(EXAMPLES, app))).context,
    catalog: await committedCatalog(),
  });
}

describe('the brief’s Dockerfiles', () => {
  it('python:3.9 single stage: the base plus the app, every COPY a layer', async () => {
    const result = await build('python-single-stage', 'python-app');
    expect(result.ok).toBe(true);
    const image = result.stages[0];
    const catalog = await committedCatalog();
    const base = catalog.index.images.find((record) => record.tags.includes('python:3.9'));
    const own = image?.layers.filter((layer) => layer.line !== null) ?? [];
    expect(own.map((layer) => layer.line)).toEqual([3, 5, 7, 9]);
    expect(image?.size).toBe((base?.size ?? 0) + own.reduce((sum, layer) => sum + layer.size, 0));
    expect(image?.config?.cmd).toEqual(['python', './example.py']);
    expect(image?.config?.workdir).toBe('/app');
  });

  it('go single stage: the whole toolchain image plus the sources', async () => {
    const result = await build('go-single-stage', 'go-app');
    expect(result.ok).toBe(true);
    expect(result.stages[0]?.config).toMatchObject({
      entrypoint: ['./app'],
      exposedPorts: ['8080/tcp'],
      cmd: null,
    });
    expect(result.stages[0]?.size).toBeGreaterThan(800e6);
  });

  it('multi-stage builds depend on what RUN produced, and say so while RUN is not interpreted', async () => {
    for (const [example, app] of [
      ['python-multi-stage', 'python-app'],
      ['go-scratch', 'go-app'],
    ] as const) {
      const result = await build(example, app);
      expect(result.error).toMatchObject({ code: 'build/copy-source-not-found' });
      expect(result.error?.hint).toMatch(/did not interpret/);
      const builds = result.steps.filter(
        (step) => step.kind === 'RUN' && /pip install|go build/.test(step.instruction),
      );
      expect(builds.map((step) => step.status)).toEqual(['not-simulated']);
    }
  });
});
