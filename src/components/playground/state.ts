/**
 * The playground's whole state: the build context's files and the open tab. It is plain data, so it
 * can be stored, put in a link and sent to the engine worker as it is; whatever comes back from
 * storage or a link is checked here before it is used.
 */
import { checkFilePath, DOCKERFILE } from '../context/file-path.ts';

export interface PlaygroundFile {
  /** Relative to the build context, slash-separated: `src/server.py`. */
  readonly path: string;
  readonly content: string;
  /** Shown but not editable, when an exercise gives a file the learner should not change. */
  readonly readOnly?: boolean;
}

export interface PlaygroundState {
  readonly files: readonly PlaygroundFile[];
  /** The path of the file open in the editor. */
  readonly active: string;
}

/** Generous for a course exercise, small enough that a hostile link cannot make the page crawl. */
export const STATE_LIMITS = {
  files: 50,
  /** UTF-16 code units over all file contents. */
  totalContent: 256 * 1024,
} as const;

export type StateCheck =
  | { readonly ok: true; readonly state: PlaygroundState }
  | { readonly ok: false; readonly message: string };

/** Rebuilds a state from untrusted data (storage, a shared link), keeping only the known fields. */
export function checkState(value: unknown): StateCheck {
  if (!isRecord(value) || !Array.isArray(value.files)) return refuse('it holds no list of files');
  if (value.files.length === 0) return refuse('it holds no files');
  if (value.files.length > STATE_LIMITS.files)
    return refuse(`it holds more than ${STATE_LIMITS.files} files`);
  const files: PlaygroundFile[] = [];
  let total = 0;
  for (const entry of value.files as unknown[]) {
    if (!isRecord(entry) || typeof entry.path !== 'string' || typeof entry.content !== 'string') {
      return refuse('a file has no path or content');
    }
    if (entry.readOnly !== undefined && typeof entry.readOnly !== 'boolean') {
      return refuse(`the read-only flag of ${entry.path} is not true or false`);
    }
    const path = checkFilePath(
      entry.path,
      files.map((file) => file.path),
    );
    if (!path.ok) return refuse(`a file name is not allowed: ${path.message}`);
    if (path.path !== entry.path) return refuse('a file name starts or ends with spaces');
    total += entry.content.length;
    if (total > STATE_LIMITS.totalContent)
      return refuse(`its files are larger than ${STATE_LIMITS.totalContent / 1024} KiB`);
    files.push(
      entry.readOnly
        ? { path: entry.path, content: entry.content, readOnly: true }
        : { path: entry.path, content: entry.content },
    );
  }
  if (!files.some((file) => file.path === DOCKERFILE)) return refuse('it has no Dockerfile');
  const active =
    typeof value.active === 'string' && files.some((file) => file.path === value.active)
      ? value.active
      : DOCKERFILE;
  return { ok: true, state: { files, active } };
}

export function dockerfileOf(state: PlaygroundState): string {
  return state.files.find((file) => file.path === DOCKERFILE)?.content ?? '';
}

export function withContent(state: PlaygroundState, path: string, content: string): PlaygroundState {
  return { ...state, files: state.files.map((file) => (file.path === path ? { ...file, content } : file)) };
}

export function withFile(state: PlaygroundState, path: string): PlaygroundState {
  return { files: [...state.files, { path, content: '' }], active: path };
}

export function withRename(state: PlaygroundState, from: string, to: string): PlaygroundState {
  return {
    files: state.files.map((file) => (file.path === from ? { ...file, path: to } : file)),
    active: state.active === from ? to : state.active,
  };
}

/** Removes a file and opens its neighbour, as closing a tab does. */
export function withoutFile(state: PlaygroundState, path: string): PlaygroundState {
  const index = state.files.findIndex((file) => file.path === path);
  const files = state.files.filter((file) => file.path !== path);
  if (state.active !== path) return { ...state, files };
  const next = files[Math.min(index, files.length - 1)]?.path ?? DOCKERFILE;
  return { files, active: next };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reason: string): StateCheck {
  return { ok: false, message: reason };
}

/** The Dockerfile and the build context, as the engine takes them. */
export function sourcesOf(state: PlaygroundState): {
  dockerfile: string;
  files: { path: string; content: string }[];
} {
  return {
    dockerfile: dockerfileOf(state),
    files: state.files.map(({ path, content }) => ({ path, content })),
  };
}
