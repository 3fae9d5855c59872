/**
 * `npm run oracle:record [CASE…]`: builds the oracle's cases with the real engine that
 * ../shared/oracle/start-engine.sh started (ORACLE_HOME, ORACLE_DIR) and writes each result, made
 * compact, to tests/oracle/cases/<case>/real.json; the engine's versions go to
 * tests/oracle/engine.json and the bases' file lists, once, to tests/oracle/bases/<base>.json.
 *
 * The containerd image store (ORACLE_STORE=containerd) makes the recording the tests hold the
 * simulator to; a run on the classic overlay2 store adds only its layer sizes (`overlay2`) to it.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactRecording, type RawRecording, type RealFile } from '../../tests/oracle/recording.ts';

const ROOT = join(import.meta.dirname, '../..');
const ORACLE_TESTS = join(ROOT, 'tests/oracle');
const CASES = join(ORACLE_TESTS, 'cases');
const ORACLE_DIR = process.env.ORACLE_DIR ?? join(ROOT, '../shared/oracle');
const ORACLE_HOME =
  process.env.ORACLE_HOME ?? join(process.env.TMPDIR ?? '/var/tmp', 'minimal-containers-oracle');

interface BaseIndexEntry {
  readonly name: string;
  readonly id: string;
  readonly files: string;
  readonly tags: readonly string[];
  readonly built?: string;
  readonly debianVersion?: string;
  readonly catalogRef?: string;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The bases as the engine has them, each file list written once (as compact rows). */
function saveBases(): Map<string, Map<string, RealFile>> {
  const index = readJson<BaseIndexEntry[]>(join(ORACLE_HOME, 'bases/index.json'));
  mkdirSync(join(ORACLE_TESTS, 'bases'), { recursive: true });
  const byName = new Map<string, Map<string, RealFile>>();
  const summary: Record<string, unknown> = {};
  for (const base of index) {
    // Only the bases that stand for a catalog image are compared file by file (the others are
    // the oracle's builder bases, which the simulator replaces with a stand-in).
    if (!base.catalogRef) continue;
    const files = readJson<RealFile[]>(base.files);
    byName.set(base.name, new Map(files.map((f) => [f.path, f])));
    const rows = files.map((f) => [
      f.path,
      f.type,
      f.size,
      f.mode,
      f.uid,
      f.gid,
      ...(f.linkTarget === undefined ? [] : [f.linkTarget]),
    ]);
    writeFileSync(
      join(ORACLE_TESTS, 'bases', `${base.name}.json`),
      `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`,
    );
  }
  for (const base of index) {
    summary[base.name] = {
      id: base.id,
      tags: base.tags,
      built: base.built,
      debianVersion: base.debianVersion,
      catalogRef: base.catalogRef ?? null,
    };
  }
  const engine = readJson<{ docker: Record<string, unknown> }>(join(ORACLE_HOME, 'engine.json'));
  const { version, buildkit, store, storageDriver, containerd, runc } = engine.docker;
  writeFileSync(
    join(ORACLE_TESTS, 'engine.json'),
    `${JSON.stringify({ docker: { version, buildkit, store, storageDriver, containerd, runc }, bases: summary }, null, 1)}\n`,
  );
  return byName;
}

function record(name: string, bases: Map<string, Map<string, RealFile>>, work: string): string {
  const out = join(work, `${name}.json`);
  const p = spawnSync('python3', [join(ORACLE_DIR, 'record.py'), join(CASES, name), '--out', out], {
    env: { ...process.env, ORACLE_HOME },
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (p.status !== 0) return `harness error: ${(p.stderr || p.stdout).trim().slice(-400)}`;
  const raw = readJson<RawRecording>(out);
  const path = join(CASES, name, 'real.json');
  const previous = existsSync(path) ? readJson<Record<string, unknown>>(path) : {};
  const compact = compactRecording(raw, bases);
  const next =
    raw.engine.store === 'containerd'
      ? { ...compact, ...(previous.overlay2 ? { overlay2: previous.overlay2 } : {}) }
      : {
          ...previous,
          overlay2: compact.ok
            ? {
                layerSizes: compact.history.filter((h) => !h.empty).map((h) => h.size),
                dockerHistory: compact.dockerHistorySizes,
              }
            : { ok: false },
        };
  writeFileSync(path, `${JSON.stringify(next)}\n`);
  return compact.ok
    ? `ok ${compact.history.reduce((n, h) => n + h.size, 0)} B`
    : `fails: ${compact.error?.message.slice(0, 120)}`;
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : readdirSync(CASES).sort();
const bases = saveBases();
const work = mkdtempSync(join(tmpdir(), 'oracle-record-'));
try {
  for (const name of names) {
    const started = Date.now();
    const said = record(name, bases, work);
    console.log(`${name}: ${said} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
