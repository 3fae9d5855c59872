/**
 * The build context: the files `docker build` sends to the builder. In Node it is read from a
 * folder (src/cli); in the browser it is the virtual folder an exercise provides or a user edits.
 * It becomes a file tree, with `.dockerignore` applied as Docker applies it.
 */
import { textFile } from '../fs/content.ts';
import { makeDirectories, putNode, updateNode } from '../fs/edit.ts';
import { cleanPath } from '../fs/path.ts';
import {
  type ArchiveMember,
  type DirNode,
  emptyTree,
  type FileNode,
  lstat,
  type TreeNode,
} from '../fs/tree.ts';
import { IgnoreFileError, isIgnored, parseDockerignore } from './dockerignore.ts';

/** One entry of a tar archive in the context, which ADD (and `tar -x` in RUN) unpacks. */
export type ArchiveEntry = ArchiveMember;

export interface ContextFile {
  /** Relative to the context root, slash-separated. */
  readonly path: string;
  /**
   * A regular file by default; a folder (kept even when empty, with its mode), a symlink, or a
   * hard link to the context file named by `target`, as a folder on disk or a tar holds them.
   */
  readonly kind?: 'file' | 'dir' | 'symlink' | 'hardlink';
  /** A symlink's target as written, or the context path a hard link shares its data with. */
  readonly target?: string;
  /** The text, for text files; binary files carry only their size. */
  readonly content?: string;
  /** Bytes; computed from `content` when that is given. */
  readonly size?: number;
  /** Unix permission bits; 0o644 by default, 0o755 for executables. */
  readonly mode?: number;
  /** For a local tar archive: its entries, which `ADD` extracts. */
  readonly archive?: readonly ArchiveEntry[];
}

export interface BuildContext {
  readonly files: readonly ContextFile[];
}

export interface ContextTree {
  readonly root: DirNode;
  /** Archives by their context path, for ADD. */
  readonly archives: ReadonlyMap<string, readonly ArchiveEntry[]>;
  /** Context paths left out by .dockerignore. */
  readonly ignored: readonly string[];
}

export class ContextError extends Error {}

/** A context from path → text pairs, the form exercises and tests write. */
export function contextFromTexts(files: Readonly<Record<string, string>>): BuildContext {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
}

function contextFile(file: ContextFile): FileNode {
  const meta = { mode: file.mode ?? 0o644, uid: 0, gid: 0 };
  if (file.content !== undefined) return textFile(file.content, meta);
  return { kind: 'file', ...meta, size: file.size ?? 0, ...(file.archive ? { archive: file.archive } : {}) };
}

function addEntry(root: DirNode, path: string, file: ContextFile): DirNode {
  const owner = { uid: 0, gid: 0 };
  if (file.kind === 'dir') {
    const meta = { mode: file.mode ?? 0o755, ...owner };
    return lstat(root, `/${path}`)?.kind === 'dir'
      ? updateNode(root, `/${path}`, (node) => ({ ...node, ...meta }) as TreeNode)
      : makeDirectories(root, `/${path}`, meta);
  }
  if (file.kind === 'symlink')
    return putNode(root, path, { kind: 'symlink', mode: 0o777, ...owner, target: file.target ?? '' });
  if (file.kind === 'hardlink')
    return putNode(root, path, {
      kind: 'hardlink',
      mode: file.mode ?? 0o644,
      ...owner,
      target: `/${cleanPath(file.target ?? '')}`,
    });
  return putNode(root, path, contextFile(file));
}

/** Builds the context's tree; throws ContextError for a path outside the context or a bad .dockerignore. */
export function contextTree(context: BuildContext): ContextTree {
  const ignoreFile = context.files.find((file) => cleanPath(file.path) === '.dockerignore');
  let patterns: ReturnType<typeof parseDockerignore> = [];
  try {
    patterns = ignoreFile?.content ? parseDockerignore(ignoreFile.content) : [];
  } catch (error) {
    if (error instanceof IgnoreFileError) throw new ContextError(`.dockerignore: ${error.message}`);
    throw error;
  }
  let root = emptyTree();
  const archives = new Map<string, readonly ArchiveEntry[]>();
  const ignored: string[] = [];
  for (const file of context.files) {
    const path = cleanPath(file.path);
    if (path === '.' || path.startsWith('../') || path === '..' || path.startsWith('/')) {
      throw new ContextError(`context path ${JSON.stringify(file.path)} is outside the build context`);
    }
    if (isIgnored(path, patterns)) {
      ignored.push(path);
      continue;
    }
    root = addEntry(root, path, file);
    if (file.archive) archives.set(path, file.archive);
  }
  return { root, archives, ignored };
}
