/**
 * An image's file tree, built by stacking layers. Trees are immutable: applying a layer copies only
 * the directories it touches, so every image and build stage on the same base shares the base's nodes.
 */
import { compareText, type Exec, type LayerEntry } from './format.ts';

interface NodeMeta {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly pkg?: string;
}

export interface DirNode extends NodeMeta {
  readonly kind: 'dir';
  readonly children: ReadonlyMap<string, TreeNode>;
}

export interface FileNode extends NodeMeta {
  readonly kind: 'file';
  readonly size: number;
  readonly exec?: Exec;
}

export interface SymlinkNode extends NodeMeta {
  readonly kind: 'symlink';
  readonly target: string;
}

/** A second name for the data of `target`; its size is counted once, at the target. */
export interface HardlinkNode extends NodeMeta {
  readonly kind: 'hardlink';
  readonly target: string;
}

export type TreeNode = DirNode | FileNode | SymlinkNode | HardlinkNode;

const EMPTY_ROOT: DirNode = { kind: 'dir', mode: 0o755, uid: 0, gid: 0, children: new Map() };

export function emptyTree(): DirNode {
  return EMPTY_ROOT;
}

/** A layer's entries as a trie, so each touched directory is copied once per layer. */
interface Patch {
  entry?: LayerEntry;
  readonly children: Map<string, Patch>;
}

export function applyLayer(root: DirNode, entries: readonly LayerEntry[]): DirNode {
  const patch: Patch = { children: new Map() };
  for (const e of entries) {
    let at = patch;
    for (const name of splitPath(e.path)) {
      let next = at.children.get(name);
      if (!next) {
        next = { children: new Map() };
        at.children.set(name, next);
      }
      at = next;
    }
    at.entry = e;
  }
  return applyPatch(root, patch);
}

function applyPatch(dir: DirNode, patch: Patch): DirNode {
  const children = new Map(dir.children);
  for (const [name, p] of patch.children) {
    const e = p.entry;
    const existing = children.get(name);
    if (e?.kind === 'whiteout') {
      children.delete(name);
      continue;
    }
    let node: TreeNode | undefined = e ? nodeOf(e) : existing;
    if (p.children.size > 0) {
      // A directory a layer writes into without listing it keeps its metadata from below.
      const base: DirNode =
        node?.kind === 'dir'
          ? { ...node, children: e && existing?.kind === 'dir' ? existing.children : node.children }
          : { kind: 'dir', mode: 0o755, uid: 0, gid: 0, children: new Map() };
      node = applyPatch(base, p);
    } else if (node?.kind === 'dir' && existing?.kind === 'dir') {
      node = { ...node, children: existing.children };
    }
    if (node) children.set(name, node);
  }
  return { ...dir, children };
}

function nodeOf(e: LayerEntry): TreeNode {
  const meta = { mode: e.mode, uid: e.uid, gid: e.gid, ...(e.pkg === undefined ? {} : { pkg: e.pkg }) };
  switch (e.kind) {
    case 'dir':
      return { ...meta, kind: 'dir', children: new Map() };
    case 'symlink':
      return { ...meta, kind: 'symlink', target: e.target ?? '' };
    case 'hardlink':
      return { ...meta, kind: 'hardlink', target: e.target ?? '' };
    default:
      return { ...meta, kind: 'file', size: e.size, ...(e.exec ? { exec: e.exec } : {}) };
  }
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

/** The node at `path` without following a final symlink (intermediate symlinks are followed). */
export function lstat(root: DirNode, path: string): TreeNode | undefined {
  return resolve(root, path, false)?.node;
}

/** The node at `path`, following symlinks (up to 40, like Linux). */
export function stat(root: DirNode, path: string): TreeNode | undefined {
  return resolve(root, path, true)?.node;
}

/** The canonical path `path` leads to, following symlinks; undefined when it does not exist. */
export function realpath(root: DirNode, path: string): string | undefined {
  return resolve(root, path, true)?.path;
}

function resolve(
  root: DirNode,
  path: string,
  followLast: boolean,
): { node: TreeNode; path: string } | undefined {
  let hops = 0;
  const walk = (parts: string[]): { node: TreeNode; path: string } | undefined => {
    let node: TreeNode = root;
    const done: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i] as string;
      if (name === '..') {
        done.pop();
        node = lookupParts(root, done) ?? root;
        continue;
      }
      if (node.kind !== 'dir') return undefined;
      const child = node.children.get(name);
      if (!child) return undefined;
      const last = i === parts.length - 1;
      if (child.kind === 'symlink' && (!last || followLast)) {
        if (++hops > 40) return undefined;
        const base = child.target.startsWith('/') ? [] : done;
        return walk([...base, ...splitPath(child.target), ...parts.slice(i + 1)]);
      }
      done.push(name);
      node = child;
    }
    return { node, path: `/${done.join('/')}` };
  };
  return walk(splitPath(path));
}

function lookupParts(root: DirNode, parts: readonly string[]): TreeNode | undefined {
  let node: TreeNode = root;
  for (const name of parts) {
    if (node.kind !== 'dir') return undefined;
    const child = node.children.get(name);
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** Every path below the root, in sorted order, directories before their contents. */
export function* walk(root: DirNode, prefix = ''): Generator<readonly [string, TreeNode]> {
  const names = [...root.children.keys()].sort(compareText);
  for (const name of names) {
    const node = root.children.get(name) as TreeNode;
    const path = `${prefix}/${name}`;
    yield [path, node];
    if (node.kind === 'dir') yield* walk(node, path);
  }
}

/** Bytes as Docker counts them: file sizes (each hard-linked file once) plus symlink target lengths. */
export function treeSize(root: DirNode): number {
  let size = 0;
  for (const [, node] of walk(root)) {
    if (node.kind === 'file') size += node.size;
    else if (node.kind === 'symlink') size += node.target.length;
  }
  return size;
}

/**
 * Where `name` resolves on a PATH, as a shell's command lookup finds it: the first directory with an
 * executable file of that name (through symlinks). Returns the path in that directory.
 */
export function findOnPath(root: DirNode, pathEnv: string, name: string): string | undefined {
  for (const dir of pathEnv.split(':')) {
    if (!dir) continue;
    const candidate = `${dir.replace(/\/$/, '')}/${name}`;
    const node = stat(root, candidate);
    if ((node?.kind === 'file' || node?.kind === 'hardlink') && (node.mode & 0o111) !== 0) return candidate;
  }
  return undefined;
}
