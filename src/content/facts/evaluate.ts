/**
 * Builds the lessons' scenarios with the engine, once per process (the site build, the tests),
 * from the committed catalog and package data. Node only: pages call it while they are rendered
 * to static HTML, so no lesson ships a number the engine did not compute.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type Analysis, analyze } from '../../lib/analysis/analyze.ts';
import type { BuildResult } from '../../lib/build/result.ts';
import { simulateBuild } from '../../lib/build/simulate.ts';
import { type Catalog, openCatalog } from '../../lib/images/catalog.ts';
import {
  historyFileFor,
  parseTagHistory,
  parseTagHistoryIndex,
  type TagHistory,
} from '../../lib/images/tag-history.ts';
import { openPackageCatalog, type PackageCatalog } from '../../lib/packages/catalog.ts';
import { SCENARIOS, type Scenario, type ScenarioId } from './scenarios.ts';

// Paths from the project root: Astro and vitest both run there, and bundled page code has no
// stable location of its own.
const ROOT = process.cwd();
const CONTENT = join(ROOT, 'src/content');
const PUBLIC = join(ROOT, 'public');

export interface Evaluated {
  readonly id: ScenarioId;
  readonly scenario: Scenario;
  readonly dockerfile: string;
  readonly files: Readonly<Record<string, string>>;
  readonly result: BuildResult;
  readonly analysis: Analysis;
}

let catalog: Promise<Catalog> | undefined;
let packages: PackageCatalog | undefined;
const evaluated = new Map<ScenarioId, Promise<Evaluated>>();

async function appFiles(app: string): Promise<Record<string, string>> {
  const root = join(CONTENT, 'examples', app);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = join(entry.parentPath, entry.name);
    files[relative(root, full).split(sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}

/** The committed catalog, opened once. */
export function siteCatalog(): Promise<Catalog> {
  catalog ??= openCatalog((path) => readFile(join(PUBLIC, 'catalog', path), 'utf8'));
  return catalog;
}

const histories = new Map<string, Promise<TagHistory>>();

/** A repository's committed tag history (public/catalog/tags), read once. */
export function siteTagHistory(repository: string): Promise<TagHistory> {
  let history = histories.get(repository);
  if (!history) {
    const read = (path: string) => readFile(join(PUBLIC, 'catalog', path), 'utf8');
    history = read('tags/index.json').then(async (text) => {
      const file = historyFileFor(parseTagHistoryIndex(text), repository);
      if (!file) throw new Error(`no tag history for ${repository} in public/catalog/tags`);
      return parseTagHistory(await read(file));
    });
    histories.set(repository, history);
  }
  return history;
}

async function run(id: ScenarioId): Promise<Evaluated> {
  const scenario: Scenario = SCENARIOS[id];
  packages ??= openPackageCatalog((path) => readFile(join(PUBLIC, 'packages', path), 'utf8'));
  const dockerfile =
    'text' in scenario.dockerfile
      ? scenario.dockerfile.text
      : edited(await readFile(join(CONTENT, scenario.dockerfile.file), 'utf8'), scenario.dockerfile.edits);
  const files = { ...(await appFiles(scenario.app)), ...scenario.files };
  const result = await simulateBuild({
    dockerfile,
    context: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    catalog: await siteCatalog(),
    packages,
  });
  return { id, scenario, dockerfile, files, result, analysis: analyze(result) };
}

/** A file's text with each edit applied; an edit whose text is not there is a mistake in the scenario. */
function edited(text: string, edits: readonly (readonly [string, string])[] = []): string {
  return edits.reduce((done, [from, to]) => {
    if (!done.includes(from)) throw new Error(`scenario edit: ${JSON.stringify(from)} is not in the file`);
    return done.replace(from, to);
  }, text);
}

/** The size of the image a Dockerfile and its context build to, or null when the build fails. */
export async function imageSize(
  dockerfile: string,
  files: readonly { readonly path: string; readonly content: string }[],
): Promise<number | null> {
  packages ??= openPackageCatalog((path) => readFile(join(PUBLIC, 'packages', path), 'utf8'));
  const result = await simulateBuild({
    dockerfile,
    context: { files: files.map(({ path, content }) => ({ path, content })) },
    catalog: await siteCatalog(),
    packages,
  });
  const target = result.target === null ? undefined : result.stages[result.target];
  return result.ok ? (target?.size ?? null) : null;
}

export function evaluateScenario(id: ScenarioId): Promise<Evaluated> {
  if (!(id in SCENARIOS))
    throw new Error(`unknown scenario ${JSON.stringify(id)}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  let promise = evaluated.get(id);
  if (!promise) {
    promise = run(id);
    evaluated.set(id, promise);
  }
  return promise;
}
