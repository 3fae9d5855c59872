/**
 * Catalog budgets (issue 3): loading + decoding one image in Node under 50 ms, and the four images of
 * the brief at most 1.5 MB gzipped on the wire. Run with `node bench/catalog.bench.ts` (Node 24).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Bench } from 'tinybench';
import { INDEX_FILE, layerFile, openCatalog } from '../src/lib/images/catalog.ts';
import type { CatalogIndex } from '../src/lib/images/format.ts';

// CATALOG_DIR: another copy of the catalog (an older commit's, to compare before and after a change).
const DIR = process.env.CATALOG_DIR ?? join(import.meta.dirname, '../public/catalog');
const LOAD_BUDGET_MS = 50;
const WIRE_BUDGET_BYTES = 1_500_000;
const BRIEF = ['python:3.9', 'python:3.9-alpine', 'golang:1', 'scratch'];
const MEASURED = [
  ...BRIEF,
  'golang:1-alpine',
  'python:3.9-slim',
  'alpine',
  'gcr.io/distroless/static-debian12',
];

const read = (path: string) => readFile(join(DIR, path), 'utf8');

// Each iteration opens a fresh catalog, so nothing is cached between runs: read, parse, decode, build the tree.
const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const ref of MEASURED) {
  bench.add(ref, async () => {
    const catalog = await openCatalog(read);
    await catalog.load(ref);
  });
}
await bench.run();

let failed = false;
console.log('load + decode one image (fresh catalog each time, Node)');
for (const task of bench.tasks) {
  const r = task.result;
  const mean = r && 'latency' in r ? r.latency.mean : Number.NaN;
  const p99 = r && 'latency' in r ? r.latency.p99 : Number.NaN;
  const over = !(mean < LOAD_BUDGET_MS);
  failed ||= over;
  console.log(
    `  ${task.name.padEnd(36)} mean ${mean.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms${over ? '  OVER BUDGET' : ''}`,
  );
}

// The wire: the index plus every distinct layer file the four brief images need, gzipped.
const indexText = await read(INDEX_FILE);
const index = JSON.parse(indexText) as CatalogIndex;
const ids = new Set<string>();
for (const ref of BRIEF) {
  const catalog = await openCatalog(read);
  const r = catalog.resolve(ref);
  if (r.ok) for (const id of r.image.layers) ids.add(id);
}
let wire = gzipSync(indexText, { level: 9 }).length;
for (const id of ids) wire += gzipSync(await read(layerFile(id)), { level: 9 }).length;
const raw = (await Promise.all([...ids].map((id) => read(layerFile(id))))).reduce(
  (n, t) => n + t.length,
  indexText.length,
);
console.log(
  `wire: ${BRIEF.join(', ')} = ${ids.size} layer files + index, ${raw.toLocaleString('en-US')} bytes raw, ${wire.toLocaleString('en-US')} bytes gzipped (budget ${WIRE_BUDGET_BYTES.toLocaleString('en-US')})`,
);
console.log(`catalog: ${index.images.length} images, ${index.layers.length} layers`);
// The index is what every page and worker fetches before any layer: its size and parse time.
const parseStart = performance.now();
for (let i = 0; i < 20; i++) JSON.parse(indexText);
console.log(
  `index: ${indexText.length.toLocaleString('en-US')} bytes raw, ${gzipSync(indexText, { level: 9 }).length.toLocaleString('en-US')} gzipped, JSON.parse ${((performance.now() - parseStart) / 20).toFixed(2)} ms`,
);
if (wire > WIRE_BUDGET_BYTES) failed = true;
if (failed) {
  console.error('catalog bench: over budget');
  process.exitCode = 1;
}
