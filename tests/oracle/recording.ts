/**
 * The oracle's recordings: what ../shared/oracle/record.py writes (RawRecording) and the compact
 * form kept in tests/oracle/cases/<case>/real.json, where an image's files are given as the
 * difference from the real base they were built on (tests/oracle/bases/<base>.json).
 */

/** One path of a real image, as record.py lists it. */
export interface RealFile {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  readonly size: number;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly linkTarget?: string;
}

/** A file as a row: [path, type, size, mode, uid, gid, linkTarget?]. */
export type FileRow = readonly [string, RealFile['type'], number, string, number, number, string?];

export interface RealConfig {
  readonly User: string;
  readonly WorkingDir: string;
  readonly Env: readonly string[];
  readonly Entrypoint: readonly string[] | null;
  readonly Cmd: readonly string[] | null;
  readonly ExposedPorts: readonly string[];
  readonly [field: string]: unknown;
}

export interface RealRun {
  readonly spec: Record<string, unknown>;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly starts: boolean;
  readonly startError: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RawRecording {
  readonly case: string;
  readonly engine: { readonly store?: string; readonly recordedAt: string };
  readonly bases: Readonly<Record<string, { readonly base: string }>>;
  readonly ok: boolean;
  readonly error: null | { readonly message: string; readonly stepErrors: readonly string[] };
  readonly image: null | {
    readonly history: readonly {
      readonly createdBy: string;
      readonly empty: boolean;
      readonly size: number;
    }[];
    readonly config: RealConfig;
    readonly files: readonly (RealFile & { readonly implicit?: boolean })[];
  };
  readonly dockerHistory?: readonly { readonly size: number }[];
  readonly run?: RealRun;
}

export interface Recording {
  readonly recordedAt: string;
  readonly store: string;
  /** The FROM references that named a local base, and that base. */
  readonly bases: Readonly<Record<string, string>>;
  readonly ok: boolean;
  readonly error: null | { readonly message: string; readonly stepErrors: readonly string[] };
  readonly history: readonly { readonly createdBy: string; readonly empty: boolean; readonly size: number }[];
  /** `docker history`'s SIZE column on this store (disk blocks on the containerd store). */
  readonly dockerHistorySizes: readonly number[];
  readonly config: RealConfig | null;
  readonly files: null | {
    /** The base the image was built on (its files are listed once, in bases/), or null for scratch. */
    readonly base: string | null;
    readonly changed: readonly FileRow[];
    readonly removed: readonly string[];
  };
  readonly run?: RealRun;
  /** The same build on Docker's classic overlay2 store: its layer sizes. */
  readonly overlay2?: { readonly layerSizes?: readonly number[]; readonly dockerHistory?: readonly number[] };
}

export function toRow(f: RealFile): FileRow {
  return f.linkTarget === undefined
    ? [f.path, f.type, f.size, f.mode, f.uid, f.gid]
    : [f.path, f.type, f.size, f.mode, f.uid, f.gid, f.linkTarget];
}

export function fromRow(row: FileRow): RealFile {
  const [path, type, size, mode, uid, gid, linkTarget] = row;
  return { path, type, size, mode, uid, gid, ...(linkTarget === undefined ? {} : { linkTarget }) };
}

const sameFile = (a: RealFile, b: RealFile) => JSON.stringify(toRow(a)) === JSON.stringify(toRow(b));

/** The base whose files the image keeps most of: the one its first layer came from. */
function baseOf(
  files: readonly RealFile[],
  used: readonly string[],
  bases: ReadonlyMap<string, ReadonlyMap<string, RealFile>>,
): string | null {
  let best: string | null = null;
  let bestShare = 0.5;
  for (const name of used) {
    const base = bases.get(name);
    if (!base) continue;
    const kept = files.filter((f) => {
      const b = base.get(f.path);
      return b !== undefined && sameFile(b, f);
    }).length;
    if (kept / base.size > bestShare) {
      best = name;
      bestShare = kept / base.size;
    }
  }
  return best;
}

export function compactRecording(
  raw: RawRecording,
  bases: ReadonlyMap<string, ReadonlyMap<string, RealFile>>,
): Recording {
  const used = Object.fromEntries(Object.entries(raw.bases).map(([ref, b]) => [ref, b.base]));
  const image = raw.image;
  let files: Recording['files'] = null;
  // files only on the bases kept in bases/: the others' cases compare the outcome and the run
  if (image && Object.values(used).every((name) => bases.has(name))) {
    const real = image.files.map(({ implicit: _implicit, ...f }) => f);
    const base = baseOf(real, [...new Set(Object.values(used))], bases);
    const below = (base && bases.get(base)) || new Map<string, RealFile>();
    const paths = new Set(real.map((f) => f.path));
    files = {
      base,
      changed: real
        .filter((f) => !below.has(f.path) || !sameFile(below.get(f.path) as RealFile, f))
        .map(toRow),
      removed: [...below.keys()].filter((p) => !paths.has(p)).sort(),
    };
  }
  return {
    recordedAt: raw.engine.recordedAt,
    store: raw.engine.store ?? 'overlay2',
    bases: used,
    ok: raw.ok,
    error: raw.error ? { message: raw.error.message, stepErrors: raw.error.stepErrors } : null,
    history: (image?.history ?? []).map(({ createdBy, empty, size }) => ({ createdBy, empty, size })),
    dockerHistorySizes: (raw.dockerHistory ?? []).map((h) => h.size),
    config: image?.config ?? null,
    files,
    ...(raw.run ? { run: raw.run } : {}),
  };
}

/** The image's whole file list again: the base's files with the recorded changes applied. */
export function expandFiles(
  recording: Recording,
  baseFiles: (name: string) => readonly FileRow[],
): RealFile[] {
  if (!recording.files) return [];
  const out = new Map<string, RealFile>();
  if (recording.files.base) for (const row of baseFiles(recording.files.base)) out.set(row[0], fromRow(row));
  for (const path of recording.files.removed) out.delete(path);
  for (const row of recording.files.changed) out.set(row[0], fromRow(row));
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
