/**
 * The learner's progress, kept in this browser: lessons read, exercises solved with the best size
 * reached, and the Dockerfile and files the learner was last working on. Pure functions over a
 * plain object, plus the localStorage adapter; exported files are this object as JSON.
 */

export const PROGRESS_VERSION = 1;
/** Where the site keeps the learner's progress; an embed keeps its own under another key. */
export const PROGRESS_KEY = 'mc:progress:v1';
/** Exported files larger than this are refused on import. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface SavedFile {
  readonly path: string;
  readonly content: string;
}

export interface ExerciseProgress {
  readonly solvedAt?: string;
  /** The smallest image, in bytes, that passed every goal. */
  readonly bestSize?: number;
  /** The learner's current work. */
  readonly dockerfile?: string;
  readonly files?: readonly SavedFile[];
  /** How many hints the learner has revealed. */
  readonly hintsShown?: number;
  readonly updatedAt: string;
}

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly lessons: Readonly<Record<string, { readonly readAt: string }>>;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, lessons: {}, exercises: {} });

export function markLessonRead(progress: Progress, id: string, now: string): Progress {
  if (progress.lessons[id]) return progress;
  return { ...progress, lessons: { ...progress.lessons, [id]: { readAt: now } } };
}

export function updateExercise(
  progress: Progress,
  id: string,
  change: Partial<Omit<ExerciseProgress, 'updatedAt'>>,
  now: string,
): Progress {
  const current = progress.exercises[id];
  return {
    ...progress,
    exercises: { ...progress.exercises, [id]: { ...current, ...change, updatedAt: now } },
  };
}

/** Records a passing build: solved from the first success on, best size the smallest seen. */
export function recordSolved(progress: Progress, id: string, size: number, now: string): Progress {
  const current = progress.exercises[id];
  const bestSize = current?.bestSize === undefined ? size : Math.min(current.bestSize, size);
  return updateExercise(progress, id, { solvedAt: current?.solvedAt ?? now, bestSize }, now);
}

export class ProgressFileError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (id: string) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(id);
const optional = (value: unknown, type: 'string' | 'number') => value === undefined || typeof value === type;

function validFile(file: unknown): file is SavedFile {
  return isRecord(file) && typeof file.path === 'string' && typeof file.content === 'string';
}

/** Checks an imported (hostile) object field by field; unknown ids and fields are dropped. */
export function parseProgress(value: unknown): Progress {
  if (!isRecord(value) || value.version !== PROGRESS_VERSION) {
    throw new ProgressFileError(`not a Minimal Containers progress file (version ${PROGRESS_VERSION})`);
  }
  if (!isRecord(value.lessons) || !isRecord(value.exercises)) {
    throw new ProgressFileError('the file has no lessons or exercises section');
  }
  const lessons: Record<string, { readAt: string }> = {};
  for (const [id, entry] of Object.entries(value.lessons)) {
    if (isId(id) && isRecord(entry) && typeof entry.readAt === 'string')
      lessons[id] = { readAt: entry.readAt };
  }
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [id, entry] of Object.entries(value.exercises)) {
    if (!isId(id) || !isRecord(entry)) continue;
    const { solvedAt, bestSize, dockerfile, files, hintsShown, updatedAt } = entry;
    if (!optional(solvedAt, 'string') || !optional(bestSize, 'number') || !optional(dockerfile, 'string'))
      continue;
    if (!optional(hintsShown, 'number') || typeof updatedAt !== 'string') continue;
    if (files !== undefined && !(Array.isArray(files) && files.every(validFile))) continue;
    exercises[id] = {
      updatedAt,
      ...(solvedAt === undefined ? {} : { solvedAt: solvedAt as string }),
      ...(bestSize === undefined ? {} : { bestSize: bestSize as number }),
      ...(dockerfile === undefined ? {} : { dockerfile: dockerfile as string }),
      ...(files === undefined
        ? {}
        : { files: (files as SavedFile[]).map(({ path, content }) => ({ path, content })) }),
      ...(hintsShown === undefined ? {} : { hintsShown: hintsShown as number }),
    };
  }
  return { version: PROGRESS_VERSION, lessons, exercises };
}

/** Reads an exported file's text. */
export function importProgress(text: string): Progress {
  if (text.length > MAX_IMPORT_BYTES) throw new ProgressFileError('the file is larger than 2 MB');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProgressFileError('the file is not JSON');
  }
  return parseProgress(value);
}

export const exportProgress = (progress: Progress): string => `${JSON.stringify(progress, null, 2)}\n`;

// --- localStorage, tolerant of its absence (private modes, sandboxed frames) ---

export const PROGRESS_EVENT = 'mc:progress';

export function loadProgress(storage: Storage | null = safeStorage(), key = PROGRESS_KEY): Progress {
  try {
    const text = storage?.getItem(key);
    return text ? parseProgress(JSON.parse(text)) : emptyProgress();
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(
  progress: Progress,
  storage: Storage | null = safeStorage(),
  key = PROGRESS_KEY,
): boolean {
  try {
    storage?.setItem(key, JSON.stringify(progress));
    globalThis.dispatchEvent?.(new CustomEvent(PROGRESS_EVENT));
    return storage !== null;
  } catch {
    return false;
  }
}

/** Reads, changes and writes the progress (the site's, or the one under `key`) in one go. */
export function changeProgress(
  change: (progress: Progress, now: string) => Progress,
  key = PROGRESS_KEY,
): Progress {
  const storage = safeStorage();
  const next = change(loadProgress(storage, key), new Date().toISOString());
  saveProgress(next, storage, key);
  return next;
}

export function resetProgress(storage: Storage | null = safeStorage()): void {
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {}
  globalThis.dispatchEvent?.(new CustomEvent(PROGRESS_EVENT));
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Calls back now and whenever the progress changes, in this tab or another. */
export function watchProgress(callback: (progress: Progress) => void): () => void {
  const onChange = () => callback(loadProgress());
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_KEY || event.key === null) onChange();
  };
  globalThis.addEventListener(PROGRESS_EVENT, onChange);
  globalThis.addEventListener('storage', onStorage);
  onChange();
  return () => {
    globalThis.removeEventListener(PROGRESS_EVENT, onChange);
    globalThis.removeEventListener('storage', onStorage);
  };
}
