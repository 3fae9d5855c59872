/** One case, simulated and compared with its recording: what the test and the agreement report share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComparedFile, compareBuild, compareOutcomeAndRun, type Difference } from './compare.ts';
import { expandFiles, type FileRow, fromRow } from './recording.ts';
import {
  catalogFiles,
  ORACLE_DIR,
  type OracleCaseInput,
  simulateCase,
  usesStandIn,
} from './simulate-case.ts';

const baseRows = new Map<string, readonly FileRow[]>();
function realBaseRows(name: string): readonly FileRow[] {
  let rows = baseRows.get(name);
  if (!rows) {
    rows = JSON.parse(readFileSync(join(ORACLE_DIR, 'bases', `${name}.json`), 'utf8')) as FileRow[];
    baseRows.set(name, rows);
  }
  return rows;
}

interface EngineFile {
  readonly bases: Readonly<Record<string, { readonly catalogRef: string | null }>>;
}
const engine = JSON.parse(readFileSync(join(ORACLE_DIR, 'engine.json'), 'utf8')) as EngineFile;

const simBases = new Map<string, Promise<Map<string, ComparedFile>>>();
function simBase(reference: string): Promise<Map<string, ComparedFile>> {
  let files = simBases.get(reference);
  if (!files) {
    files = catalogFiles(reference).then((list) => new Map(list.map((f) => [f.path, f])));
    simBases.set(reference, files);
  }
  return files;
}

export async function compareCase(c: OracleCaseInput): Promise<Difference[]> {
  let sim: Awaited<ReturnType<typeof simulateCase>>;
  try {
    sim = await simulateCase(c);
  } catch (error) {
    return [
      {
        kind: 'sim-crash',
        what: 'sim-crash',
        real: c.recording.ok ? 'ok' : c.recording.error?.message,
        sim: String(error),
      },
    ];
  }
  if (usesStandIn(c)) return compareOutcomeAndRun(c.recording, sim);
  const used = [...new Set(Object.values(c.recording.bases))];
  const realBase = new Map<string, ComparedFile>();
  const catalogBase = new Map<string, ComparedFile>();
  for (const name of used) {
    for (const row of realBaseRows(name)) realBase.set(row[0], fromRow(row));
    const ref = engine.bases[name]?.catalogRef;
    if (ref) for (const [path, f] of await simBase(ref)) catalogBase.set(path, f);
  }
  return compareBuild({
    real: c.recording,
    realFiles: expandFiles(c.recording, realBaseRows),
    sim,
    realBase,
    simBase: catalogBase,
  });
}
