/**
 * Writes every PyPI project name, PEP 503-normalised, as front-coded shards under
 * OUT/names/pypi (see docs/packages.md, Names). The input is a TSV of PyPI projects whose header
 * names the columns `name` and `month` (the month of a project's latest release); the newest month
 * is the list's date. Node-only.
 * Usage: node scripts/packages/pypi-names.ts PYPI_TSV OUT   (OUT is normally public/packages)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeFrontCoded,
  normaliseProjectName,
  PYPI_NAMES_INDEX,
  type PypiNamesIndex,
  shardOf,
} from '../../src/lib/packages/project-names.ts';

const [input, out = 'public/packages'] = process.argv.slice(2);
if (!input) throw new Error('usage: node scripts/packages/pypi-names.ts PYPI_TSV [OUT]');

const [header = '', ...rows] = readFileSync(input, 'utf8').split('\n');
const columns = header.split('\t');
const nameAt = columns.indexOf('name');
const monthAt = columns.indexOf('month');
if (nameAt < 0 || monthAt < 0) throw new Error(`${input}: no name/month columns in the header`);

const names = new Set<string>();
let newest = '';
for (const row of rows) {
  const cells = row.split('\t');
  const name = cells[nameAt];
  if (!name) continue;
  names.add(normaliseProjectName(name));
  const month = cells[monthAt] ?? '';
  if (month > newest) newest = month;
}

const shards = new Map<string, string[]>();
for (const name of [...names].sort()) {
  const path = shardOf(name);
  const list = shards.get(path) ?? [];
  list.push(name);
  shards.set(path, list);
}

const dir = join(out, 'names/pypi');
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) rmSync(join(dir, file));
for (const [path, list] of shards) writeFileSync(join(out, path), encodeFrontCoded(list));

const index: PypiNamesIndex = {
  source: `a listing of PyPI's projects (${input.split('/').pop()}: name, latest version, its month), made in ${newest}`,
  date: newest,
  count: names.size,
  sharding:
    'PEP 503-normalised names; the shard is the first two characters (names/pypi/<first two>.txt); each line is one base-36 digit (characters shared with the line before) and the rest of the name',
  shards: [...shards.keys()].sort(),
};
writeFileSync(join(out, PYPI_NAMES_INDEX), `${JSON.stringify(index)}\n`);
console.log(`${names.size} names in ${shards.size} shards, list date ${newest}`);
