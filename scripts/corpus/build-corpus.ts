/**
 * Builds a folder of real Dockerfiles and says how far each gets: to the end, stopped at FROM for
 * want of image data, failed at FROM as Docker fails (a tag that never existed), or stopped later
 * (and why). A build that reached the end is *faithful* when the image it made rests on no gap but
 * stand-ins and models: every command was followed and every package was in the data; otherwise
 * the gaps are listed (the causes to work on). Each numbered folder holds one Dockerfile; manifest.json names its repository, path
 * and commit. The Dockerfiles are other projects' code, so they stay outside this repository:
 * tests/corpus/real-dockerfiles.json records where each comes from and the images it names.
 *
 * A build context is stubbed: an empty file per path COPY/ADD names, each `-r` requirements file,
 * and a one-file Go module where RUN builds Go, so that the corpus measures the images and the
 * instructions, not the absent application code. A RUN that runs make gets a Makefile whose goals
 * do nothing, for the same reason.
 *
 *   node scripts/corpus/build-corpus.ts CORPUS_DIR [--catalog DIR] [--json]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodePackages } from '../../src/cli/node-catalog.ts';
import type { ContextFile } from '../../src/lib/build/context.ts';
import { simulateBuild } from '../../src/lib/build/simulate.ts';
import { type GapKind, gapsOf } from '../../src/lib/certainty.ts';
import { openCatalog } from '../../src/lib/images/catalog.ts';

interface Entry {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly dir: string;
}

type Outcome = 'built' | 'no-image-data' | 'docker-error-at-from' | 'stopped-later';

/** Gaps that make a finished build something other than what real Docker would have made. */
const UNFAITHFUL: ReadonlySet<GapKind> = new Set(['not-followed', 'no-data', 'depends']);

/** Empty context files for every literal COPY/ADD source (not --from, not URLs); globs get one match. */
export function stubContext(dockerfile: string): ContextFile[] {
  const files = new Map<string, ContextFile>();
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  for (const line of joined.split(/\r?\n/)) {
    const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m || /--from=/i.test(m[2] as string)) continue;
    const words = (m[2] as string).split(/\s+/).filter((w) => w && !w.startsWith('--'));
    const json = (m[2] as string).trim().startsWith('[');
    const args = json ? (JSON.parse((m[2] as string).trim()) as string[]) : words;
    for (const source of args.slice(0, -1)) {
      if (/^[a-z]+:\/\//i.test(source) || source === '.' || source === './') continue;
      const clean = source.replace(/^\.\//, '').replace(/^\//, '');
      if (clean.endsWith('/')) files.set(`${clean}placeholder`, { path: `${clean}placeholder`, content: '' });
      else {
        const path = clean.replace(/\*/g, 'main').replace(/\?/g, 'x');
        files.set(path, { path, content: '' });
      }
    }
  }
  // The application files the RUN lines read: requirements files, and a Go module to build.
  for (const m of joined.matchAll(/\s-r\s+(\S+)/g)) {
    const path = (m[1] as string).replace(/^\.?\//, '');
    if (![...files.keys()].some((f) => f.endsWith(path))) files.set(path, { path, content: '' });
  }
  if (/\bgo (build|mod)\b/.test(joined)) {
    files.set('go.mod', { path: 'go.mod', content: 'module example.com/app\n\ngo 1.21\n' });
    files.set('go.sum', { path: 'go.sum', content: '' });
    const mains = [
      'main.go',
      ...[...joined.matchAll(/go build[^\n]*?\s\.\/(\S+)/g)].map((m) =>
        (m[1] as string).replace(/\.\.\.$/, ''),
      ),
    ];
    for (const main of mains) {
      const path = main.endsWith('.go') ? main : `${main.replace(/\/$/, '')}/main.go`;
      files.set(path, { path, content: 'package main\n\nfunc main() {}\n' });
    }
  }
  // `uv sync` reads a project: a dependency-free one and its lock, consistent with each other, so
  // that the corpus measures the Dockerfile, not an empty stub pyproject.toml uv would refuse.
  if (/\buv sync\b/.test(joined)) {
    const project =
      '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.9"\ndependencies = []\n';
    const lock =
      'version = 1\nrevision = 3\nrequires-python = ">=3.9"\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n';
    files.set('pyproject.toml', { path: 'pyproject.toml', content: project });
    files.set('uv.lock', { path: 'uv.lock', content: lock });
  }
  // A RUN that runs make gets a Makefile whose goals do nothing: the application's recipes are not known.
  const goals = makeGoals(joined);
  if (goals && !files.has('Makefile')) {
    const names = goals.length > 0 ? goals : ['all'];
    const rules = names.map((goal) => `${goal}:\n\t@true\n`).join('');
    files.set('Makefile', { path: 'Makefile', content: `.PHONY: ${names.join(' ')}\n${rules}` });
  }
  return [...files.values()];
}

/** The goals of the `make` commands RUN lines run (undefined when none runs make). */
function makeGoals(dockerfile: string): string[] | undefined {
  let goals: string[] | undefined;
  for (const line of dockerfile.split(/\r?\n/)) {
    const run = /^\s*RUN\s+(.*)$/i.exec(line);
    if (!run) continue;
    for (const command of (run[1] as string).split(/&&|\|\||;|\|/)) {
      const [name, ...args] = command.trim().split(/\s+/);
      if (name !== 'make') continue;
      goals = [...(goals ?? []), ...args.filter((arg) => !arg.startsWith('-') && !arg.includes('='))];
    }
  }
  return goals && [...new Set(goals)];
}

/** The images a Dockerfile names (FROM and COPY --from), leaving out its own stage names and ARG-made ones. */
export function namedImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const m of dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    const ref = m[1] as string;
    if (!stages.has(ref.toLowerCase()) && !ref.includes('$')) images.push(ref);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  for (const m of dockerfile.matchAll(/--from=(\S+)/gi)) {
    const ref = m[1] as string;
    if (!stages.has(ref.toLowerCase()) && !/^\d+$/.test(ref) && !ref.includes('$')) images.push(ref);
  }
  return images;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--catalog');
  if (!dir) throw new Error('usage: node scripts/corpus/build-corpus.ts CORPUS_DIR [--catalog DIR] [--json]');
  const catalogDir = args.includes('--catalog')
    ? (args[args.indexOf('--catalog') + 1] as string)
    : join(import.meta.dirname, '../../public/catalog');
  const catalog = await openCatalog((path) => readFile(join(catalogDir, path), 'utf8'));
  const entries = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Entry[];
  const rows: {
    entry: Entry;
    outcome: Outcome;
    exact: boolean;
    faithful: boolean;
    images: string[];
    gaps: string[];
    error?: string;
  }[] = [];
  for (const entry of entries) {
    const dockerfile = await readFile(join(dir, entry.dir, 'Dockerfile'), 'utf8');
    const result = await simulateBuild({
      dockerfile,
      context: { files: stubContext(dockerfile) },
      catalog,
      packages: nodePackages(),
    });
    const code = result.error?.code;
    const outcome: Outcome = result.ok
      ? 'built'
      : code === 'build/image-not-in-catalog'
        ? 'no-image-data'
        : code === 'build/unknown-image'
          ? 'docker-error-at-from'
          : 'stopped-later';
    const images = namedImages(dockerfile);
    const resolved = await Promise.all(images.map((ref) => catalog.lookup(ref)));
    const gaps = gapsOf(result.certainty).filter((gap) => UNFAITHFUL.has(gap.kind));
    rows.push({
      entry,
      outcome,
      images,
      exact: resolved.every((r) => r.ok && r.how === 'exact'),
      faithful: outcome === 'built' && gaps.length === 0,
      gaps: gaps.map((gap) => `${gap.kind} line ${gap.line ?? '?'}: ${gap.text.slice(0, 160)}`),
      ...(result.error
        ? { error: `${code} line ${result.error.line}: ${result.error.message.slice(0, 160)}` }
        : {}),
    });
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 1));
    return;
  }
  for (const r of rows) {
    console.log(
      `${r.outcome.padEnd(21)} ${r.exact ? 'exact   ' : 'stand-in'} ${r.entry.repository}/${r.entry.path}${r.error ? `  — ${r.error}` : ''}`,
    );
    for (const gap of r.gaps) console.log(`    ${gap}`);
  }
  const count = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
  const exact = rows.filter((r) => r.outcome === 'built' && r.exact).length;
  const faithful = rows.filter((r) => r.faithful).length;
  console.log(
    `\n${rows.length} Dockerfiles: ${count('built')} built to the end (${exact} on the catalog's own data for every image, ${count('built') - exact} on a stand-in for at least one; ${faithful} with every command followed and every package in the data), ${count('no-image-data')} stopped at FROM for want of image data, ${count('docker-error-at-from')} failed at FROM as Docker does, ${count('stopped-later')} stopped later`,
  );
}

await main();
