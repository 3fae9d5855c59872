/**
 * Turns the gathered raw records (lock files from public repositories' histories, Debian's
 * python3-* packages, PyPI's project list) into `pip/history.json`: per project, every release a
 * record knows, with the facts that record gives and where it came from. Nothing is filled in
 * that no record gives; the only estimates are the installed-size ratios, said so in the data.
 *
 *   node scripts/packages/pip-history.ts LOCKS.jsonl.gz PAGES.jsonl DEBIAN.jsonl PYPI_TSV OUT_DIR
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type {
  PipHistory,
  PipHistoryRelease,
  PipIndex,
  PipProjectHistory,
  SourcedFigure,
} from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import { compareVersions, parseVersion } from '../../src/lib/packages/pep440.ts';
import type { DebianRecord } from './pip-debian-meta.ts';
import type { RawDependency, RawRelease } from './pip-history-harvest.ts';

interface PypiRow {
  readonly latest: string;
  readonly month: string;
  readonly rank?: number;
}

/** PyPI's list: name → latest version, its month and the download rank (`name version month rank …`). */
export function readPypiList(text: string): Map<string, PypiRow> {
  const out = new Map<string, PypiRow>();
  for (const line of text.split('\n').slice(1)) {
    const [name, latest = '', month = '', rank = ''] = line.split('\t');
    if (!name) continue;
    out.set(name.toLowerCase().replace(/[-_.]+/g, '-'), {
      latest,
      month,
      ...(rank ? { rank: Number(rank) } : {}),
    });
  }
  return out;
}

/** `name[extra]specifier; marker` */
export function pep508(d: RawDependency): string {
  const extras = d.extras?.length ? `[${d.extras.join(',')}]` : '';
  return `${d.written ?? d.name}${extras}${d.specifier ?? ''}${d.marker ? `; ${d.marker}` : ''}`;
}

const WHEEL_RE = /^(.+?)-([^-]+)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$/;

/** The wheels pip could pick on x86_64 Linux: pure, manylinux/linux and musllinux ones. */
export function linuxWheelTag(file: string): string | undefined {
  const m = WHEEL_RE.exec(file);
  if (!m) return undefined;
  const tag = `${m[3]}-${m[4]}-${m[5]}`;
  if (m[5] === 'any') return tag;
  // The catalog's Pythons are 3.8 and newer: wheels only older CPythons can load are left out.
  if (/^cp3[0-7]$/.test(m[3] as string)) return undefined;
  return /(manylinux|musllinux|linux)[^.]*x86_64/.test(m[5] as string) ? tag : undefined;
}

interface Merged {
  version: string;
  date?: string;
  requiresPython?: string;
  requires?: string[];
  extras?: Record<string, string[]>;
  specified?: boolean;
  /** Requires-Python a project page's support table gives (estimated) */
  pageFloor?: string;
  /** the highest `pythonFloor` a uv.lock gave */
  floor?: number;
  wheels: Map<string, number | undefined>;
  sdist?: number;
  from: Set<number>;
}

function mergeRecord(m: Merged, r: RawRelease, source: number): void {
  m.from.add(source);
  if (r.requiresPython && r.pythonEstimated && !m.requiresPython) m.pageFloor = r.requiresPython;
  else if (r.requiresPython && !m.requiresPython) m.requiresPython = r.requiresPython;
  const specified = r.kind !== 'uv.lock';
  // Dependencies with specifiers (poetry) win over names alone (uv).
  if (r.dependencies && (m.requires === undefined || (specified && !m.specified))) {
    m.requires = r.dependencies.map(pep508);
    m.extras = Object.fromEntries(Object.entries(r.extras ?? {}).map(([k, v]) => [k, v.map(pep508)]));
    m.specified = specified;
  }
  if (r.tagged && !m.date) m.date = r.tagged;
  if (r.pythonFloor) m.floor = Math.max(m.floor ?? 0, Number(r.pythonFloor.split('.')[1]));
  for (const f of r.files) {
    if (f.uploaded) {
      const day = f.uploaded.slice(0, 10);
      if (!m.date || day < m.date) m.date = day;
    }
    if (/\.(tar\.gz|zip|tar\.bz2)$/.test(f.file)) {
      if (f.size !== undefined || m.sdist === undefined) m.sdist = f.size ?? m.sdist ?? 0;
      continue;
    }
    const tag = linuxWheelTag(f.file);
    if (tag && (f.size !== undefined || !m.wheels.has(tag))) m.wheels.set(tag, f.size ?? m.wheels.get(tag));
  }
}

function compare(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  return va && vb ? compareVersions(va, vb) : a.localeCompare(b);
}

/** Median of installed bytes per downloaded byte, from the releases whose files are real. */
function ratio(index: PipIndex, pure: boolean): SourcedFigure {
  const ratios = index.releases
    .flatMap((r) => r.wheels)
    .filter((w) => (w.libc === 'any') === pure && w.size.provenance === 'real')
    .map((w) => w.installedSize / w.size.value)
    .sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)] ?? 3;
  return {
    value: Math.round(median * 100) / 100,
    provenance: 'estimated',
    source: `median installed/downloaded bytes of the ${ratios.length} ${pure ? 'pure' : 'platform'} wheels in pip/index.json whose sizes are published (installed files from Debian, .pyc compiled by CPython 3.9)`,
  };
}

/**
 * Requires-Python for releases no record gives it for (uv.lock does not keep it), estimated:
 * a release needs at least what the release before it needed, and no more than the one after it
 * (projects raise the floor, never lower it); between two that differ, the oldest CPython its
 * compiled wheels are built for. A uv.lock that resolves an older release for older Pythons
 * gives a floor too (`pythonFloor`). All of these are marked `pythonEstimated`.
 */
export function inferPython(releases: PipHistoryRelease[]): void {
  // What the records (and uv's resolution splits) say, before any neighbour estimate.
  const given = releases.map((r) => r.requiresPython);
  const known = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < releases.length; j += step) if (given[j]) return given[j];
    return undefined;
  };
  for (let i = 0; i < releases.length; i++) {
    const r = releases[i] as PipHistoryRelease;
    if (r.requiresPython) continue;
    const newer = known(i, -1);
    const older = known(i, 1);
    const minCp = (r.wheels ?? [])
      .map((w) => /^cp3(\d+)-/.exec(w)?.[1])
      .filter((m): m is string => m !== undefined)
      .map(Number)
      .sort((a, b) => a - b)[0];
    const pure = (r.wheels ?? []).some((w) => w.includes('-none-any'));
    const inferred =
      older && (older === newer || !newer) ? older : minCp !== undefined && !pure ? `>=3.${minCp}` : older;
    if (inferred) releases[i] = { ...r, requiresPython: inferred, pythonEstimated: true };
  }
}

export function buildHistory(
  records: readonly RawRelease[],
  debian: readonly DebianRecord[],
  pypi: ReadonlyMap<string, PypiRow>,
  index: PipIndex,
  generated: string,
): PipHistory {
  const sources: string[] = [];
  const sourceIds = new Map<string, number>();
  const sourceOf = (s: string) => {
    let id = sourceIds.get(s);
    if (id === undefined) {
      id = sources.length;
      sources.push(s);
      sourceIds.set(s, id);
    }
    return id;
  };
  const byProject = new Map<string, Map<string, Merged>>();
  const tagged = new Set<string>();
  const tagScripts = new Map<string, { name: string; entry: string }[]>();
  const merged = (name: string, version: string) => {
    const releases = byProject.get(name) ?? new Map<string, Merged>();
    byProject.set(name, releases);
    const m: Merged = releases.get(version) ?? { version, wheels: new Map(), from: new Set<number>() };
    releases.set(version, m);
    return m;
  };
  for (const r of records) {
    // A name PyPI's list lacks (a private index, a renamed project) is not PyPI's.
    if (!pypi.has(r.name) || !parseVersion(r.version)) continue;
    if (r.kind === 'release tag') {
      // A tag newer than PyPI's newest release (as of the list) was not published then.
      const latest = pypi.get(r.name)?.latest;
      if (latest && compare(r.version, latest) > 0) continue;
      tagged.add(r.name);
      if (r.consoleScripts?.length && !tagScripts.has(r.name)) tagScripts.set(r.name, [...r.consoleScripts]);
    }
    mergeRecord(merged(r.name, r.version), r, sourceOf(r.source));
  }
  const meta = new Map<string, { record: DebianRecord; source: number }>();
  for (const d of debian) {
    if (!pypi.has(d.name) || !parseVersion(d.version)) continue;
    const source = sourceOf(d.source);
    meta.set(d.name, { record: d, source });
    const m = merged(d.name, d.version);
    m.from.add(source);
    if (d.requiresPython && !m.requiresPython) m.requiresPython = d.requiresPython;
  }
  const projects: Record<string, PipProjectHistory> = {};
  for (const name of [...byProject.keys()].sort()) {
    const row = pypi.get(name);
    const lists: string[][] = [];
    const listIds = new Map<string, number>();
    const listOf = (list: string[]) => {
      const key = JSON.stringify(list);
      let id = listIds.get(key);
      if (id === undefined) {
        id = lists.length;
        lists.push(list);
        listIds.set(key, id);
      }
      return id;
    };
    const releases = [...(byProject.get(name)?.values() ?? [])]
      .sort((a, b) => compare(b.version, a.version))
      .map((m): PipHistoryRelease => {
        const wheels = [...m.wheels].sort(([a], [b]) => a.localeCompare(b));
        return {
          version: m.version,
          ...(m.date ? { date: m.date } : {}),
          ...(m.requiresPython
            ? { requiresPython: m.requiresPython }
            : m.pageFloor
              ? { requiresPython: m.pageFloor, pythonEstimated: true }
              : m.floor
                ? { requiresPython: `>=3.${m.floor}`, pythonEstimated: true }
                : {}),
          ...(m.requires ? { requires: listOf(m.requires) } : {}),
          ...(m.extras && Object.keys(m.extras).length
            ? { extras: Object.fromEntries(Object.entries(m.extras).map(([k, v]) => [k, listOf(v)])) }
            : {}),
          ...(m.requires ? { specified: m.specified ?? false } : {}),
          ...(wheels.length ? { wheels: wheels.map(([t, s]) => (s === undefined ? t : `${t} ${s}`)) } : {}),
          ...(m.sdist !== undefined ? { sdist: m.sdist } : {}),
          from: [...m.from].sort((a, b) => a - b),
        };
      });
    inferPython(releases);
    const d = meta.get(name);
    const scripts = d?.record.consoleScripts.length ? d.record.consoleScripts : tagScripts.get(name);
    projects[name] = {
      ...(row?.rank ? { rank: row.rank } : {}),
      ...(row?.latest ? { latest: row.latest } : {}),
      ...(d?.record.topLevel.length ? { topLevel: d.record.topLevel } : {}),
      ...(scripts?.length ? { consoleScripts: scripts } : {}),
      ...(d ? { metaSource: d.source } : {}),
      ...(tagged.has(name) && releases.some((r) => r.version === row?.latest) ? { complete: true } : {}),
      lists,
      releases,
    };
  }
  const month = [...pypi.values()].reduce((max, r) => (r.month > max ? r.month : max), '');
  return {
    format: PACKAGES_FORMAT,
    generated,
    sources,
    listMonth: month,
    installedPerWheelByte: { pure: ratio(index, true), native: ratio(index, false) },
    projects,
    notes: [
      'Releases, Requires-Python, dependencies, extras, wheel tags, sizes and upload dates are as the lock files of public repositories record them (poetry.lock: Requires-Python and dependency specifiers; uv.lock: sizes, upload times, dependency names and markers); `from` names them.',
      'Top-level modules and console scripts are those of the Debian package of one release, applied to every release of the project.',
      'A release not listed here may still exist: the histories are the releases these records saw, not every release ever published.',
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [recordsPath, pagesPath, debianPath, tsv, out] = process.argv.slice(2);
  if (!recordsPath || !pagesPath || !debianPath || !tsv || !out)
    throw new Error('usage: pip-history.ts LOCKS.jsonl.gz PAGES.jsonl DEBIAN.jsonl PYPI_TSV OUT_DIR');
  const lines = (path: string) =>
    (path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  const index = JSON.parse(readFileSync(join(out, 'pip/index.json'), 'utf8')) as PipIndex;
  const history = buildHistory(
    [...lines(recordsPath), ...lines(pagesPath)] as RawRelease[],
    lines(debianPath) as DebianRecord[],
    readPypiList(readFileSync(tsv, 'utf8')),
    index,
    process.env.GENERATED ?? new Date().toISOString().slice(0, 10),
  );
  writeFileSync(join(out, 'pip/history.json'), `${JSON.stringify(history)}\n`);
  const releases = Object.values(history.projects).reduce((n, p) => n + p.releases.length, 0);
  process.stderr.write(`${Object.keys(history.projects).length} projects, ${releases} releases\n`);
}
