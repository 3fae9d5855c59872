/**
 * Gathers raw PyPI release records from the lock files in public repositories' git histories
 * (poetry.lock: Requires-Python, dependencies with specifiers, extras, file names and hashes;
 * uv.lock: file names, byte sizes, upload times, dependency names and markers). Each record keeps
 * the lock file it came from. Node-only; reads git mirrors made by the search tool's `fetch`.
 *
 *   node scripts/packages/pip-history-harvest.ts OUT.jsonl MIRROR_GIT_DIR...
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';

export interface RawFile {
  readonly file: string;
  readonly size?: number;
  readonly uploaded?: string;
}

export interface RawDependency {
  readonly name: string;
  /** the name as the project's metadata spells it (`Werkzeug`), when not the normalised one */
  readonly written?: string;
  /** PEP 440 specifier; absent when the lock does not record it (uv.lock) */
  readonly specifier?: string;
  readonly marker?: string;
  readonly extras?: readonly string[];
}

/** What one lock file says about one release. */
export interface RawRelease {
  readonly name: string;
  readonly version: string;
  /** `repo@commit:path` */
  readonly source: string;
  readonly kind: 'poetry.lock' | 'uv.lock' | 'release tag' | 'project page';
  /** true when `requiresPython` is an estimate (a project page's support table, not the metadata) */
  readonly pythonEstimated?: boolean;
  readonly requiresPython?: string;
  readonly dependencies?: readonly RawDependency[];
  readonly extras?: Readonly<Record<string, readonly RawDependency[]>>;
  readonly files: readonly RawFile[];
  /**
   * uv.lock: the oldest Python minor (`3.10`) this release was resolved for, when the lock resolves
   * another release of the project for older Pythons (its `resolution-markers` all set a floor)
   */
  readonly pythonFloor?: string;
  /** the release tag's commit date (`release tag` records) */
  readonly tagged?: string;
  readonly consoleScripts?: readonly { name: string; entry: string }[];
}

const LOCKS = ['poetry.lock', 'uv.lock'];
/** Commits read per lock file: evenly spread over its history (releases repeat between commits). */
const PER_FILE = 40;

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], {
    maxBuffer: 1 << 28,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))] as T);
}

const norm = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** poetry's `name = ">=1,<2"` or `{version = "...", markers = "...", extras = [...]}` (or a list of those). */
function poetryDeps(table: unknown): RawDependency[] {
  const out: RawDependency[] = [];
  for (const [name, spec] of Object.entries((table ?? {}) as Record<string, unknown>)) {
    for (const one of Array.isArray(spec) ? spec : [spec]) {
      if (typeof one === 'string') out.push({ name: norm(name), specifier: poetrySpecifier(one) });
      else if (one && typeof one === 'object') {
        const o = one as { version?: string; markers?: string; extras?: string[]; optional?: boolean };
        out.push({
          name: norm(name),
          specifier: poetrySpecifier(o.version ?? '*'),
          ...(o.markers ? { marker: o.markers } : {}),
          ...(o.extras?.length ? { extras: o.extras } : {}),
        });
      }
    }
  }
  return out;
}

/** poetry writes PEP 440 specifiers in locks, with `*` for any and bare `1.2` for `==1.2`. */
function poetrySpecifier(text: string): string {
  const t = text.replace(/\s+/g, '');
  if (t === '*' || t === '') return '';
  return /^[0-9]/.test(t) ? `==${t}` : t;
}

/** poetry's extras: `socks = ["PySocks (>=1.5.6,!=1.5.7)"]`. */
function poetryExtras(table: unknown): Record<string, RawDependency[]> {
  const out: Record<string, RawDependency[]> = {};
  for (const [extra, list] of Object.entries((table ?? {}) as Record<string, string[]>)) {
    out[extra] = (list ?? []).flatMap((text) => {
      const m = /^([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?\s*(?:\(([^)]*)\))?\s*(?:;\s*(.*))?$/.exec(
        text.trim(),
      );
      if (!m) return [];
      return [
        {
          name: norm(m[1] as string),
          specifier: (m[3] ?? '').replace(/\s+/g, ''),
          ...(m[4] ? { marker: m[4] } : {}),
          ...(m[2] ? { extras: m[2].split(',').map((e) => e.trim()) } : {}),
        },
      ];
    });
  }
  return out;
}

function fromPoetry(text: string, source: string): RawRelease[] {
  const doc = parse(text) as {
    package?: Record<string, unknown>[];
    metadata?: { files?: Record<string, { file: string; hash: string }[]> };
  };
  const legacyFiles = doc.metadata?.files ?? {};
  return (doc.package ?? []).flatMap((p) => {
    const src = p.source as { type?: string } | undefined;
    if (src?.type && src.type !== 'legacy') return [];
    const name = norm(String(p.name));
    const files = ((p.files as { file: string; hash: string }[] | undefined) ??
      legacyFiles[String(p.name)] ??
      legacyFiles[name] ??
      []) as { file: string; hash: string }[];
    return [
      {
        name,
        version: String(p.version),
        source,
        kind: 'poetry.lock' as const,
        ...(typeof p['python-versions'] === 'string' && p['python-versions'] !== '*'
          ? { requiresPython: p['python-versions'] as string }
          : {}),
        dependencies: poetryDeps(p.dependencies),
        extras: poetryExtras(p.extras),
        files: files.filter((f) => kept(f.file)).map((f) => ({ file: f.file })),
      },
    ];
  });
}

interface UvFile {
  url?: string;
  hash?: string;
  size?: number;
  'upload-time'?: string;
}

function uvDeps(list: unknown): RawDependency[] {
  return ((list ?? []) as { name: string; marker?: string; extra?: string[] }[]).map((d) => ({
    name: norm(d.name),
    ...(d.marker ? { marker: d.marker } : {}),
    ...(d.extra?.length ? { extras: d.extra } : {}),
  }));
}

/** The lowest Python minor every marker allows (`python_full_version >= '3.10'`, `== '3.11.*'`). */
export function pythonFloor(markers: readonly string[]): string | undefined {
  let floor: number | undefined;
  for (const marker of markers) {
    const bounds = [...marker.matchAll(/python_(?:full_)?version\s*(>=|==|>)\s*'3\.(\d+)/g)].map(
      (m) => Number(m[2]) + (m[1] === '>' ? 1 : 0),
    );
    if (bounds.length === 0 || (/python_(?:full_)?version\s*</.test(marker) && !/>=|==/.test(marker)))
      return undefined;
    const low = Math.max(...bounds);
    floor = floor === undefined ? low : Math.min(floor, low);
  }
  return floor === undefined ? undefined : `3.${floor}`;
}

function fromUv(text: string, source: string): RawRelease[] {
  const doc = parse(text) as { package?: Record<string, unknown>[] };
  return (doc.package ?? []).flatMap((p) => {
    const src = p.source as { registry?: string } | undefined;
    if (!src?.registry) return [];
    const files = [...((p.wheels as UvFile[] | undefined) ?? []), ...(p.sdist ? [p.sdist as UvFile] : [])];
    const extras: Record<string, RawDependency[]> = {};
    for (const [k, v] of Object.entries((p['optional-dependencies'] ?? {}) as Record<string, unknown>))
      extras[k] = uvDeps(v);
    const floor = pythonFloor((p['resolution-markers'] ?? []) as string[]);
    return [
      {
        name: norm(String(p.name)),
        version: String(p.version),
        source,
        kind: 'uv.lock' as const,
        ...(floor ? { pythonFloor: floor } : {}),
        dependencies: uvDeps(p.dependencies),
        extras,
        files: files.flatMap((f) =>
          f.url && kept(fileName(f.url))
            ? [
                {
                  file: fileName(f.url),
                  ...(typeof f.size === 'number' ? { size: f.size } : {}),
                  ...(f['upload-time'] ? { uploaded: String(f['upload-time']) } : {}),
                },
              ]
            : [],
        ),
      },
    ];
  });
}

/** A PEP 508 string (`Werkzeug>=3.0.0`, `importlib-metadata>=3.6.0; python_version < '3.10'`). */
function pep508Dependency(text: string): RawDependency | undefined {
  const m = /^([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?\s*\(?([^;()]*)\)?\s*(?:;\s*(.*))?$/.exec(text.trim());
  if (!m) return undefined;
  return {
    name: norm(m[1] as string),
    ...(m[1] !== norm(m[1] as string) ? { written: m[1] } : {}),
    specifier: (m[3] ?? '').replace(/\s+/g, ''),
    ...(m[4] ? { marker: m[4].trim() } : {}),
    ...(m[2] ? { extras: m[2].split(',').map((e) => e.trim()) } : {}),
  };
}

const list = (items: unknown): RawDependency[] =>
  ((items ?? []) as string[]).flatMap((t) => pep508Dependency(t) ?? []);

/**
 * A project's own repository: at each release tag, what its pyproject.toml's `[project]` declares
 * (Requires-Python, dependencies, extras, console scripts). Tags are how these projects mark the
 * commit they publish; the tag's commit date stands in for the upload date.
 */
function harvestTags(dir: string, project: string): RawRelease[] {
  const repo = /([^/]+)\+([^/]+)\/repo\/?$/.exec(dir);
  const slug = repo ? `${repo[1]}/${repo[2]}` : dir;
  const out: RawRelease[] = [];
  for (const tag of git(dir, ['tag']).split('\n').filter(Boolean)) {
    const version = tag.replace(/^v/, '');
    if (!/^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?$/.test(version)) continue;
    const commit = git(dir, ['rev-list', '-n', '1', tag]).trim();
    const tagged = git(dir, ['log', '-1', '--format=%cs', commit]).trim();
    let p: Record<string, unknown> | undefined;
    try {
      p = (parse(git(dir, ['show', `${tag}:pyproject.toml`])) as { project?: Record<string, unknown> })
        .project;
    } catch {
      p = undefined; // an older release configured by setup.py: its existence and date only
    }
    if (!p || norm(String(p.name ?? '')) !== project) {
      out.push({
        name: project,
        version,
        source: `${slug}@${commit} (tag ${tag})`,
        kind: 'release tag',
        files: [],
        tagged,
      });
      continue;
    }
    const extras: Record<string, RawDependency[]> = {};
    for (const [k, v] of Object.entries((p['optional-dependencies'] ?? {}) as Record<string, unknown>))
      extras[k] = list(v);
    out.push({
      name: project,
      version,
      source: `${slug}@${commit}:pyproject.toml (tag ${tag})`,
      kind: 'release tag',
      ...(typeof p['requires-python'] === 'string' ? { requiresPython: p['requires-python'] } : {}),
      dependencies: list(p.dependencies),
      extras,
      files: [],
      tagged,
      consoleScripts: Object.entries((p.scripts ?? {}) as Record<string, string>).map(([name, entry]) => ({
        name,
        entry,
      })),
    });
  }
  return out;
}

const fileName = (url: string) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));

/** The files pip could pick on x86_64 Linux: sdists, pure wheels, manylinux and musllinux wheels. */
export function kept(file: string): boolean {
  return !file.endsWith('.whl') || /-any\.whl$|linux[^-]*x86_64[^-]*\.whl$/.test(file);
}

function harvest(dir: string): RawRelease[] {
  const repo = /([^/]+)\+([^/]+)\/repo\/?$/.exec(dir);
  const slug = repo ? `${repo[1]}/${repo[2]}` : dir;
  const out: RawRelease[] = [];
  for (const lock of LOCKS) {
    const commits = git(dir, ['log', '--format=%H', '--', lock]).split('\n').filter(Boolean);
    for (const commit of spread(commits, PER_FILE)) {
      let text: string;
      try {
        text = git(dir, ['show', `${commit}:${lock}`]);
      } catch {
        continue; // the commit deleted it
      }
      const source = `${slug}@${commit}:${lock}`;
      try {
        out.push(...(lock === 'uv.lock' ? fromUv(text, source) : fromPoetry(text, source)));
      } catch (error) {
        process.stderr.write(`${source}: ${(error as Error).message.split('\n')[0]}\n`);
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outPath, ...dirs] = process.argv.slice(2);
  if (!outPath || dirs.length === 0)
    throw new Error(
      'usage: pip-history-harvest.ts OUT.jsonl GIT_DIR[=PROJECT]...  (=PROJECT: its release tags)',
    );
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const arg of dirs) {
    const [dir = '', project] = arg.split('=');
    const records = project ? harvestTags(dir, project) : harvest(dir);
    for (const r of records) {
      // One record per release and kind of lock: later commits repeat the same facts.
      const key = `${r.name}@${r.version}@${r.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(JSON.stringify(r));
    }
    process.stderr.write(`${dir}: ${records.length} records, ${lines.length} distinct so far\n`);
  }
  writeFileSync(outPath, `${lines.join('\n')}\n`);
}
