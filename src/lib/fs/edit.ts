/**
 * Immutable edits of a file tree: each returns a new root that shares every directory the edit
 * does not pass through, so a stage on python:3.9 never copies its 30,000 entries.
 */
import { cleanPath } from './path.ts';
import { type DirNode, lstat, type NodeMeta, realpath, type TreeNode } from './tree.ts';

export const ROOT_DIR_META: NodeMeta = { mode: 0o755, uid: 0, gid: 0 };

export class FsError extends Error {
  readonly code: 'not-a-directory' | 'not-found';
  readonly path: string;

  constructor(code: 'not-a-directory' | 'not-found', path: string, message: string) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

function elements(path: string): string[] {
  return cleanPath(`/${path}`)
    .split('/')
    .filter((part) => part !== '');
}

function directory(meta: NodeMeta, children: ReadonlyMap<string, TreeNode> = new Map()): DirNode {
  const { mode, uid, gid } = meta;
  return { kind: 'dir', mode, uid, gid, children };
}

/**
 * The real path of a directory, following symlinks in every element, with the elements that do
 * not exist yet appended as they are (they will be created).
 */
export function realDirectoryPath(root: DirNode, path: string): string {
  return `/${realDirectory(root, path).join('/')}`;
}

function realDirectory(root: DirNode, path: string): string[] {
  const parts = elements(path);
  for (let known = parts.length; known >= 0; known--) {
    const prefix = `/${parts.slice(0, known).join('/')}`;
    const real = known === 0 ? '/' : realpath(root, prefix);
    if (real === undefined) continue;
    const node = lstat(root, real);
    if (node && node.kind !== 'dir')
      throw new FsError('not-a-directory', prefix, `${prefix}: not a directory`);
    return [...elements(real), ...parts.slice(known)];
  }
  return parts;
}

/** Rebuilds the directories along `parts`, letting `change` replace the node at the end. */
function update(
  dir: DirNode,
  parts: readonly string[],
  index: number,
  created: NodeMeta,
  change: (node: TreeNode | undefined) => TreeNode | undefined,
): DirNode {
  const name = parts[index] as string;
  const child = dir.children.get(name);
  let next: TreeNode | undefined;
  if (index === parts.length - 1) next = change(child);
  else {
    if (child !== undefined && child.kind !== 'dir') {
      throw new FsError('not-a-directory', `/${parts.slice(0, index + 1).join('/')}`, 'not a directory');
    }
    next = update(child ?? directory(created), parts, index + 1, created, change);
  }
  if (next === child) return dir;
  const children = new Map(dir.children);
  if (next === undefined) children.delete(name);
  else children.set(name, next);
  return { ...dir, children };
}

/**
 * Puts `node` at `path` (replacing what was there), creating missing parent directories with
 * `parentMeta`. Symlinks in the parent path are followed, as a copy into `/bin` on a merged-/usr
 * image lands in `/usr/bin`.
 */
export function putNode(
  root: DirNode,
  path: string,
  node: TreeNode,
  parentMeta: NodeMeta = ROOT_DIR_META,
): DirNode {
  const parts = elements(path);
  const name = parts.pop();
  if (name === undefined) return node.kind === 'dir' ? node : root;
  const real = [...realDirectory(root, `/${parts.join('/')}`), name];
  return update(root, real, 0, parentMeta, () => node);
}

/** Creates `path` and its missing parents as directories (like `mkdir -p`); existing ones are kept. */
export function makeDirectories(root: DirNode, path: string, meta: NodeMeta = ROOT_DIR_META): DirNode {
  const real = realDirectory(root, path);
  if (real.length === 0) return root;
  return update(root, real, 0, meta, (existing) => existing ?? directory(meta));
}

/** Removes `path` (and everything below it); a missing path is left as it is. */
export function removePath(root: DirNode, path: string): DirNode {
  const parts = elements(path);
  const name = parts.pop();
  if (name === undefined) return directory(root, new Map());
  const parent = realpath(root, `/${parts.join('/')}`);
  if (parent === undefined) return root;
  return update(root, [...elements(parent), name], 0, ROOT_DIR_META, () => undefined);
}

/** Changes a node's owner and mode in place (a new node, same content and children). */
export function updateNode(root: DirNode, path: string, change: (node: TreeNode) => TreeNode): DirNode {
  const parts = elements(path);
  if (parts.length === 0) return change(root) as DirNode;
  const real = realpath(root, path);
  if (real === undefined) throw new FsError('not-found', path, `${path}: no such file or directory`);
  return update(root, elements(real), 0, ROOT_DIR_META, (node) => (node === undefined ? node : change(node)));
}
