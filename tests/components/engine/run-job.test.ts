/**
 * The worker's work: parses as before, builds and analyses the brief's Dockerfiles against the
 * committed catalog, rebuilds from the layer cache, gives way to a newer request, sends the
 * explorer the image's trees, compares two builds, and never throws.
 */
import { describe, expect, it } from 'vitest';
import type { EngineRequest, EngineResponse, JobKind } from '../../../src/components/engine/protocol.ts';
import { createJobRunner } from '../../../src/components/engine/run-job.ts';
import { PLAYGROUND_EXAMPLES } from '../../../src/components/playground/examples.ts';
import { type DirNode, walk } from '../../../src/lib/fs/tree.ts';
import { committedCatalog, committedPackages } from '../../lib/images/catalog-fixture.ts';

const never = () => false;
const runner = () => createJobRunner({ openCatalog: committedCatalog, packages: committedPackages() });

function sourceOf(id: string) {
  const example = PLAYGROUND_EXAMPLES.find((candidate) => candidate.id === id);
  if (!example) throw new Error(id);
  const dockerfile = example.files.find((file) => file.path === 'Dockerfile')?.content ?? '';
  return { dockerfile, files: example.files.map(({ path, content }) => ({ path, content })) };
}

function outputOf<K extends JobKind>(response: EngineResponse, kind: K) {
  if (response.status !== 'done' || response.kind !== kind) throw new Error(JSON.stringify(response));
  return response.output as Extract<EngineResponse, { status: 'done'; kind: K }>['output'];
}

const parse = (dockerfile: string): EngineRequest => ({ id: 7, kind: 'parse', dockerfile, files: [] });

describe('the parse job', () => {
  it.each(PLAYGROUND_EXAMPLES.map((example) => example.id))('parses the brief’s %s', async (id) => {
    const response = await runner()({ id: 7, kind: 'parse', ...sourceOf(id) }, never);
    expect(response).toMatchObject({ id: 7, kind: 'parse', status: 'done', output: { diagnostics: [] } });
    expect(outputOf(response, 'parse').result.ok).toBe(true);
  });

  it('returns the parse error first with its quick fix', async () => {
    const output = outputOf(await runner()(parse('FROM alpine\nRUNN echo hi\n'), never), 'parse');
    expect(output.result.ok).toBe(false);
    expect(output.diagnostics).toEqual([
      expect.objectContaining({
        code: 'parse/unknown-instruction',
        message: 'unknown instruction: RUNN (did you mean RUN?)',
        fixes: [{ title: 'Replace with RUN', edits: [{ from: 12, to: 16, insert: 'RUN' }] }],
      }),
    ]);
  });

  it('lists warnings of a good Dockerfile in source order', async () => {
    const output = outputOf(await runner()(parse('FROM alpine\nRUN a \\\n\n  b\n'), never), 'parse');
    expect(output.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['parse/no-empty-continuation']);
  });

  it('measures the work with the clock it is given', async () => {
    let clock = 0;
    const run = createJobRunner({ openCatalog: committedCatalog, now: () => (clock += 4) });
    const response = await run(parse('FROM scratch\n'), never);
    expect(response.status === 'done' && response.workMs).toBe(4);
  });

  it('turns an exception into a failed response', async () => {
    const broken = { id: 3, kind: 'parse', dockerfile: null, files: [] } as unknown as EngineRequest;
    await expect(runner()(broken, never)).resolves.toMatchObject({
      id: 3,
      kind: 'parse',
      status: 'failed',
      message: expect.stringContaining('failed'),
    });
  });
});

describe('the build job', () => {
  it('builds and analyses the single-stage Python image, and sends it without trees or cache', async () => {
    const response = await runner()({ id: 1, kind: 'build', ...sourceOf('python-single-stage') }, never);
    const output = outputOf(response, 'build');
    expect(output.build).toBe(1);
    expect(output.result.ok).toBe(true);
    const target = output.result.stages[output.result.target ?? -1];
    expect(target?.reference).toBe('python:3.9');
    expect(target?.size).toBeGreaterThan(900e6);
    expect(target && 'tree' in target).toBe(false);
    expect('cache' in output.result).toBe(false);
    expect(target?.layers.every((layer) => !('entries' in layer) && !('changes' in layer))).toBe(true);
    expect(output.analysis.run?.argv).toEqual(['python', './example.py']);
    expect(output.analysis.surface?.counts.shell).toBeGreaterThan(0);
    expect(output.analysis.efficiency?.score).toBeGreaterThan(0);
    // What the worker posts survives structured clone unchanged.
    expect(structuredClone(response)).toEqual(response);
  });

  it('builds the multi-stage Python image with pip’s packages crossing from the builder', async () => {
    const output = outputOf(
      await runner()({ id: 1, kind: 'build', ...sourceOf('python-multi-stage') }, never),
      'build',
    );
    expect(output.result.ok).toBe(true);
    const target = output.result.stages[output.result.target ?? -1];
    expect(target?.reference).toBe('python:3.9-alpine');
    expect(target?.size).toBeLessThan(80e6);
    const crossed = output.result.steps.find((step) => step.crossed)?.crossed;
    expect(crossed?.from).toBe('stage builder');
    expect(crossed?.paths).toContain('/root/.local/bin/flask');
    expect(crossed?.bytes).toBeGreaterThan(1e6);
  });

  it.each(PLAYGROUND_EXAMPLES.map((example) => example.id))(
    'rebuilds %s after a keystroke from the layer cache',
    async (id) => {
      const run = runner();
      const source = sourceOf(id);
      const first = outputOf(await run({ id: 1, kind: 'build', ...source }, never), 'build');
      expect(first.timing.cachedSteps).toBe(0);
      const edited = { ...source, dockerfile: `${source.dockerfile}# a comment\n` };
      const second = outputOf(await run({ id: 2, kind: 'build', ...edited }, never), 'build');
      // The Dockerfile is not read by the first steps, so they come from the cache.
      expect(second.timing.cachedSteps).toBeGreaterThan(0);
      expect(second.result.steps[0]?.cached).toBe(true);
      expect(second.result.steps.some((step) => step.cached)).toBe(true);
    },
  );

  it('reports a build failure as a result with its error, not as a failed job', async () => {
    const run = runner();
    const output = outputOf(
      await run({ id: 1, kind: 'build', dockerfile: 'FROM python:3.9-alpne\n', files: [] }, never),
      'build',
    );
    expect(output.result.ok).toBe(false);
    expect(output.result.error?.code).toBe('build/unknown-image');
    expect(output.analysis.diagnostics.map((diagnostic) => diagnostic.code)).toContain('build/unknown-image');
  });

  it('gives way to a newer request between building and analysing', async () => {
    let cancelled = false;
    const run = createJobRunner({
      openCatalog: committedCatalog,
      yieldToEvents: async () => {
        cancelled = true;
      },
    });
    const response = await run({ id: 4, kind: 'build', ...sourceOf('go-scratch') }, () => cancelled);
    expect(response).toEqual({ id: 4, kind: 'build', status: 'superseded' });
  });

  it('fails a build when the catalog cannot be opened, and opens it again for the next', async () => {
    let attempts = 0;
    const run = createJobRunner({
      openCatalog: () => (++attempts === 1 ? Promise.reject(new Error('offline')) : committedCatalog()),
    });
    const source = { dockerfile: 'FROM scratch\nCOPY go.mod /\n', files: sourceOf('go-scratch').files };
    await expect(run({ id: 1, kind: 'build', ...source }, never)).resolves.toMatchObject({
      status: 'failed',
      message: expect.stringContaining('offline'),
    });
    await expect(run({ id: 2, kind: 'build', ...source }, never)).resolves.toMatchObject({ status: 'done' });
    expect(attempts).toBe(2);
  });
});

describe('the image job', () => {
  const paths = (tree: DirNode) => [...walk(tree)].map(([path, node]) => `${path}:${node.kind}`);

  it('sends the newest build’s target stage with its files after each layer', async () => {
    const run = runner();
    const source = sourceOf('python-single-stage');
    await run({ id: 1, kind: 'build', ...source }, never);
    const output = outputOf(await run({ id: 2, kind: 'image', build: 1 }, never), 'image');
    const { stage, trees } = output;
    expect(stage.tree).not.toBeNull();
    expect(trees).toHaveLength(stage.layers.length);
    expect(paths(trees.at(-1) as DirNode)).toEqual(paths(stage.tree as DirNode));
    // Each tree is the one before it with the layer applied: the first layer alone is Debian's rootfs.
    expect(paths(trees[0] as DirNode).length).toBeLessThan(paths(trees.at(-1) as DirNode).length);
  });

  it('refuses an older build’s image', async () => {
    const run = runner();
    await run({ id: 1, kind: 'build', ...sourceOf('go-scratch') }, never);
    await run({ id: 2, kind: 'build', ...sourceOf('go-scratch') }, never);
    await expect(run({ id: 3, kind: 'image', build: 1 }, never)).resolves.toMatchObject({
      status: 'failed',
      message: expect.stringContaining('newest'),
    });
  });
});

describe('the compare job', () => {
  it('builds two examples and compares them', async () => {
    const run = runner();
    const response = await run(
      {
        id: 1,
        kind: 'compare',
        a: { label: 'fat', ...sourceOf('python-single-stage') },
        b: { label: 'fat again', ...sourceOf('python-single-stage') },
      },
      never,
    );
    const output = outputOf(response, 'compare');
    expect(output.a.label).toBe('fat');
    expect(output.a.reference).toBe('python:3.9');
    expect(output.comparison?.ratio).toBe(1);
    expect(output.comparison?.a.tools.shell.length).toBeGreaterThan(0);
  });

  it('leaves out the comparison when a side fails to build, and says why', async () => {
    const output = outputOf(
      await runner()(
        {
          id: 1,
          kind: 'compare',
          a: { label: 'broken', dockerfile: 'FROM nope:1\n', files: [] },
          b: { label: 'scratch', dockerfile: 'FROM scratch\n', files: [] },
        },
        never,
      ),
      'compare',
    );
    expect(output.comparison).toBeNull();
    // No data on "nope" is no evidence it does not exist: the simulator stops in its own words.
    expect(output.a.error?.code).toBe('build/image-not-in-catalog');
    expect(output.a.error?.certainty.level).toBe('unknown');
  });
});

describe('the terminal jobs', () => {
  const line = (
    id: number,
    text: string,
    extra: { prepare?: string; session?: string } = {},
  ): EngineRequest => ({
    id,
    kind: 'terminal',
    session: extra.session ?? 'one',
    action: {
      kind: 'line',
      line: text,
      files: sourceOf('python-single-stage').files,
      columns: 80,
      ...(extra.prepare ? { prepare: extra.prepare } : {}),
    },
  });

  it('keeps a session per terminal: images, cache and an open container', async () => {
    const run = runner();
    const built = outputOf(await run(line(1, 'docker build -t app .'), never), 'terminal');
    expect(built.status).toBe(0);
    const again = outputOf(await run(line(2, 'docker build -t app .'), never), 'terminal');
    expect(again.chunks.map((chunk) => chunk.text).join('')).toContain('CACHED');
    const other = outputOf(await run(line(3, 'docker images -q', { session: 'two' }), never), 'terminal');
    expect(other.chunks).toEqual([]);
    const inside = outputOf(await run(line(4, 'docker run --rm -it app sh'), never), 'terminal');
    expect(inside.place.kind).toBe('container');
    const stopped = outputOf(
      await run({ id: 5, kind: 'terminal', session: 'one', action: { kind: 'interrupt' } }, never),
      'terminal',
    );
    expect(stopped).toMatchObject({ status: 130, prompt: '# ' });
    const completed = outputOf(
      await run({ id: 6, kind: 'terminal-complete', session: 'one', line: 'whi' }, never),
      'terminal-complete',
    );
    expect(completed.candidates).toContain('which');
  });

  it('tags the lab’s scenario before the line, so docker run finds it', async () => {
    const run = runner();
    const answer = outputOf(
      await run(line(1, 'docker run --rm -it python-single bash', { prepare: 'python-single' }), never),
      'terminal',
    );
    expect(answer.prompt).toMatch(/^root@[0-9a-f]{12}:\/app# $/);
  });
});
