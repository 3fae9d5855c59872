/** The brief's four Dockerfiles, built with the course's sample apps as their contexts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../../src/cli/read-context.ts';
import { analyze } from '../../../src/lib/analysis/analyze.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');

async function build(example: string, app: string, dockerfile?: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile: dockerfile ?? readFileSync(join(EXAMPLES, `${example}.Dockerfile`), 'utf8'),
    context: (await readContext(join(EXAMPLES, app))).context,
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}

describe('the brief’s Python Dockerfiles', () => {
  it('python:3.9 single stage: about 1.1 GB, every COPY and RUN a layer, and it starts', async () => {
    const result = await build('python-single-stage', 'python-app');
    expect(result.ok).toBe(true);
    const image = result.stages[0];
    const catalog = await committedCatalog();
    const base = catalog.index.images.find((record) => record.tags.includes('python:3.9'));
    const own = image?.layers.filter((layer) => layer.line !== null) ?? [];
    expect(own.map((layer) => layer.line)).toEqual([3, 5, 7, 9]);
    expect(image?.size).toBe((base?.size ?? 0) + own.reduce((sum, layer) => sum + layer.size, 0));
    expect(image?.size).toBeGreaterThan(1.05e9);
    expect(image?.size).toBeLessThan(1.15e9);
    expect(result.steps.find((step) => step.line === 7)?.narrative).toMatch(/pip installed 9 packages/);
    expect(analyze(result).run).toMatchObject({ starts: true, argv: ['python', './example.py'] });
  });

  it('multi-stage on python:3.9-alpine: 50–60 MB, and as written it does not start', async () => {
    const result = await build('python-multi-stage', 'python-app');
    expect(result.ok).toBe(true);
    const size = result.stages[1]?.size ?? 0;
    expect(size).toBeGreaterThan(50e6);
    expect(size).toBeLessThan(60e6);
    const analysis = analyze(result);
    expect(analysis.run?.error).toMatchObject({
      code: 'run/file-not-found',
      message: "python: can't open file '/app/./server.py': [Errno 2] No such file or directory",
    });
    const codes = analysis.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]);
    expect(codes).toContainEqual(['rule/path-misses-bin', 12]);
    expect(codes).toContainEqual(['rule/command-file-missing', 14]);
  });

  it('multi-stage, fixed (PATH and script name): it starts, and MarkupSafe falls back to pure Python', async () => {
    const fixed = readFileSync(join(EXAMPLES, 'python-multi-stage.Dockerfile'), 'utf8')
      .replace('ENV PATH=/root/.local:$PATH', 'ENV PATH=/root/.local/bin:$PATH')
      .replace('./server.py', './example.py');
    const run = analyze(await build('python-multi-stage', 'python-app', fixed)).run;
    expect(run).toMatchObject({ starts: true });
    expect(run?.notes.join(' ')).toMatch(/markupsafe/);
  });
});

describe('the brief’s Go Dockerfiles', () => {
  it('golang:1 single stage: over 800 MB with the toolchain and the build cache, and it starts', async () => {
    const result = await build('go-single-stage', 'go-app');
    expect(result.ok).toBe(true);
    expect(result.stages[0]?.size).toBeGreaterThan(800e6);
    const analysis = analyze(result);
    expect(analysis.run).toMatchObject({ starts: true, argv: ['./app'] });
    const codes = analysis.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'size/build-cache',
        'size/build-tools-in-final',
        'surface/compiler',
        'surface/shell',
      ]),
    );
  });

  it('scratch: about 5.5 MB, a static binary and /etc/passwd, running as app', async () => {
    const result = await build('go-scratch', 'go-app');
    expect(result.ok).toBe(true);
    const size = result.stages[1]?.size ?? 0;
    expect(size).toBeGreaterThan(5e6);
    expect(size).toBeLessThan(6.5e6);
    const analysis = analyze(result);
    expect(analysis.run).toMatchObject({ starts: true, argv: ['./app'], user: 'app' });
    expect(analysis.surface?.items).toEqual([]);
  });

  it('scratch without CGO_ENABLED=0: the binary needs glibc’s loader, which scratch lacks', async () => {
    const dockerfile = readFileSync(join(EXAMPLES, 'go-scratch.Dockerfile'), 'utf8').replace(
      'CGO_ENABLED=0 ',
      '',
    );
    const run = analyze(await build('go-scratch', 'go-app', dockerfile)).run;
    expect(run).toMatchObject({
      starts: false,
      error: { code: 'run/missing-dynamic-linker', message: 'exec /usr/app/app: no such file or directory' },
    });
  });
});
