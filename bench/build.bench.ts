/**
 * Build time of the brief's four Dockerfiles with the catalog already loaded (goal: under 5 ms
 * median each), and the memory each retained build adds: structural sharing should keep it far
 * below the base image's size in nodes.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';
import { readContext } from '../src/cli/read-context.ts';
import type { BuildResult } from '../src/lib/build/result.ts';
import { simulateBuild } from '../src/lib/build/simulate.ts';
import { openCatalog } from '../src/lib/images/catalog.ts';
import { openPackageCatalog } from '../src/lib/packages/catalog.ts';

const root = resolve(import.meta.dirname, '..');
const examples = join(root, 'src/content/examples');
const catalog = await openCatalog((path) => readFile(join(root, 'public/catalog', path), 'utf8'));
const packages = openPackageCatalog((path) => readFile(join(root, 'public/packages', path), 'utf8'));

const builds = await Promise.all(
  [
    ['python-single-stage', 'python-app'],
    ['python-multi-stage', 'python-app'],
    ['go-single-stage', 'go-app'],
    ['go-scratch', 'go-app'],
  ].map(async ([example, app]) => ({
    name: example as string,
    input: {
      dockerfile: readFileSync(join(examples, `${example}.Dockerfile`), 'utf8'),
      context: (await readContext(join(examples, app as string))).context,
      catalog,
      packages,
    },
  })),
);

// Load every base image and package file once, as the site has before the first keystroke counts.
for (const build of builds) await simulateBuild(build.input);

const bench = new Bench({ time: 1500, warmup: true });
for (const build of builds) bench.add(build.name, async () => void (await simulateBuild(build.input)));
await bench.run();
console.table(bench.table());
for (const task of bench.tasks) {
  const latency = (task.result as { latency?: { p50?: number; p99?: number } } | undefined)?.latency;
  console.log(
    `${task.name.padEnd(22)} median ${latency?.p50?.toFixed(2)} ms  p99 ${latency?.p99?.toFixed(2)} ms`,
  );
}

// Memory: retain 50 builds of the python:3.9 Dockerfile and see what each one costs.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  const python = builds[0]?.input;
  if (python) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: BuildResult[] = [];
    for (let i = 0; i < 50; i++) kept.push(await simulateBuild(python));
    gc();
    const perBuild = (process.memoryUsage().heapUsed - before) / kept.length;
    const files = [...(kept[0]?.stages[0]?.tree?.children.keys() ?? [])].length;
    console.log(
      `memory per retained python:3.9 build: ${(perBuild / 1024).toFixed(1)} KiB (${files} top-level entries shared, not copied)`,
    );
  }
} else {
  console.log('memory: run with node --expose-gc to measure the heap per retained build');
}
