/**
 * Golden builds: each folder holds a Dockerfile, its build context (context/), optional
 * options.json ({ target, buildArgs, paths }) and the expected view of the result.
 * `UPDATE_GOLDEN=1` rewrites the views, which must then be read and checked by hand.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContextFile } from '../../../src/lib/build/context.ts';
import { toJsonReport } from '../../../src/lib/build/report.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

interface Options {
  readonly target?: string;
  readonly buildArgs?: Record<string, string>;
  /** Paths of the target image to show node by node. */
  readonly paths?: readonly string[];
}

function readFolder(root: string): ContextFile[] {
  if (!existsSync(root)) return [];
  const files: ContextFile[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else
        files.push({ path: relative(root, full).split(sep).join('/'), content: readFileSync(full, 'utf8') });
    }
  };
  visit(root);
  return files;
}

function pathView(result: BuildResult, path: string) {
  const target = result.target === null ? undefined : result.stages[result.target];
  const node = target?.tree ? lstat(target.tree, path) : undefined;
  if (!node) return null;
  const base = { kind: node.kind, mode: `0${node.mode.toString(8)}`, owner: `${node.uid}:${node.gid}` };
  if (node.kind === 'file')
    return { ...base, size: node.size, ...(node.content === undefined ? {} : { content: node.content }) };
  if (node.kind === 'dir') return { ...base, entries: [...node.children.keys()].sort() };
  return { ...base, target: node.target };
}

function view(result: BuildResult, options: Options) {
  const report = toJsonReport(result);
  return {
    ok: report.ok,
    error: report.error,
    stages: report.stages,
    image: report.image && {
      size: report.image.size,
      ownLayers: report.image.layers.filter((layer) => layer.line !== null),
      config: report.image.config,
    },
    steps: result.steps.map(
      (step) => `${step.line} ${step.kind} ${step.status} ${step.sizeDelta}B: ${step.narrative}`,
    ),
    ...(options.paths
      ? { paths: Object.fromEntries(options.paths.map((path) => [path, pathView(result, path)])) }
      : {}),
    diagnostics: report.diagnostics,
  };
}

const cases = readdirSync(GOLDEN).sort();

describe('golden builds', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases)('%s', async (name) => {
    const dir = join(GOLDEN, name);
    const optionsFile = join(dir, 'options.json');
    const options: Options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    const result = await simulateBuild({
      dockerfile: readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      context: { files: readFolder(join(dir, 'context')) },
      catalog: await committedCatalog(),
      ...(options.target ? { target: options.target } : {}),
      ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
    });
    const actual = view(result, options);
    const expectedFile = join(dir, 'expected.json');
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
