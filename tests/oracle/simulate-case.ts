/**
 * Runs the simulator on one oracle case, in process and without Docker: the case's context is
 * read the way the CLI reads a folder, and the result is `sim build --json --files`'s report.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCatalog, nodePackages } from '../../src/cli/node-catalog.ts';
import { readContext } from '../../src/cli/read-context.ts';
import { analyze } from '../../src/lib/analysis/analyze.ts';
import { type JsonReport, toJsonReport } from '../../src/lib/build/report.ts';
import { simulateBuild } from '../../src/lib/build/simulate.ts';
import { walk } from '../../src/lib/fs/tree.ts';
import type { Catalog } from '../../src/lib/images/catalog.ts';
import type { Recording } from './recording.ts';

export const ORACLE_DIR = import.meta.dirname;
export const CASES_DIR = join(ORACLE_DIR, 'cases');

/**
 * The oracle's own builder bases are not in the catalog: the simulator builds such a stage on
 * the nearest catalog image, so only the outcome and the run of those cases are compared.
 */
export const STAND_INS: Readonly<Record<string, string>> = {
  'oracle/trixie-golang': 'golang:1.26-trixie',
  'oracle/trixie-golang:latest': 'golang:1.26-trixie',
  'oracle/bookworm-python3': 'python:3.9-bookworm',
  'oracle/bookworm-python3:latest': 'python:3.9-bookworm',
};

/** The catalog as the oracle's engine sees it: its stand-ins, and local single-platform bases. */
function withStandIns(catalog: Catalog): Catalog {
  const ref = (reference: string) => STAND_INS[reference.toLowerCase()] ?? reference;
  return {
    index: catalog.index,
    resolve: (reference) => catalog.resolve(ref(reference)),
    lookup: (reference) => catalog.lookup(ref(reference)),
    load: (reference) => catalog.load(ref(reference)),
    // The oracle's bases are local images, each one platform's (no registry index to choose from).
    platforms: () => ({
      kind: 'image',
      platforms: ['linux/amd64'],
      source: "the oracle's local base images",
      asOf: '2026-12-07',
    }),
  };
}

export interface OracleCaseInput {
  readonly name: string;
  readonly dir: string;
  readonly dockerfile: string;
  readonly buildArgs: Record<string, string>;
  readonly target?: string;
  readonly recording: Recording;
}

/**
 * The cases with a recording made on the containerd image store; a case folder written but not
 * recorded yet (or recorded on the classic store only) waits for `npm run oracle:record`.
 */
export function recordedCases(): string[] {
  return readdirSync(CASES_DIR)
    .filter((name) => {
      const path = join(CASES_DIR, name, 'real.json');
      return (
        existsSync(path) &&
        (JSON.parse(readFileSync(path, 'utf8')) as Partial<Recording>).store === 'containerd'
      );
    })
    .sort();
}

export function readCase(name: string): OracleCaseInput {
  const dir = join(CASES_DIR, name);
  const optional = (file: string) =>
    existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined;
  const args = (optional('build-args') ?? '').split('\n').filter((line) => line.includes('='));
  const target = optional('target')?.trim();
  return {
    name,
    dir,
    dockerfile: readFileSync(join(dir, 'Dockerfile'), 'utf8'),
    buildArgs: Object.fromEntries(
      args.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ),
    ...(target ? { target } : {}),
    recording: JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')) as Recording,
  };
}

/** The case's context folder; a context.tar is unpacked with tar(1), as the oracle unpacks it. */
async function caseContext(dir: string) {
  if (existsSync(join(dir, 'context'))) return (await readContext(join(dir, 'context'))).context;
  const unpacked = mkdtempSync(join(tmpdir(), 'oracle-context-'));
  try {
    if (existsSync(join(dir, 'context.tar')))
      execFileSync('tar', ['-xf', join(dir, 'context.tar'), '-C', unpacked, '--no-same-owner']);
    return (await readContext(unpacked)).context;
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

export function usesStandIn(c: OracleCaseInput): boolean {
  return Object.keys(c.recording.bases).some((ref) => ref in STAND_INS || ref.startsWith('busybox'));
}

export async function simulateCase(c: OracleCaseInput): Promise<JsonReport> {
  const result = await simulateBuild({
    dockerfile: c.dockerfile,
    context: await caseContext(c.dir),
    catalog: withStandIns(await nodeCatalog()),
    packages: nodePackages(),
    buildArgs: c.buildArgs,
    ...(c.target ? { target: c.target } : {}),
  });
  return toJsonReport(result, { files: true, analysis: analyze(result) });
}

/** The simulator's files of a catalog image, for the base-drift rule. */
export async function catalogFiles(reference: string) {
  const image = await (await nodeCatalog()).load(reference);
  return [...walk(image.tree)].map(([path, node]) => ({
    path,
    type: node.kind,
    size:
      node.kind === 'file'
        ? node.size
        : node.kind === 'symlink'
          ? new TextEncoder().encode(node.target).length
          : 0,
    mode: null,
    uid: node.uid,
    gid: node.gid,
    ...(node.kind === 'symlink' || node.kind === 'hardlink' ? { linkTarget: node.target } : {}),
  }));
}
