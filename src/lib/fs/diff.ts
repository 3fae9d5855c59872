/**
 * Layer diffs, as OCI layers record them: what one instruction added, modified or removed
 * (removals become whiteouts). Only subtrees whose identity changed are walked: shared subtrees,
 * the common case, cost nothing.
 */
import { compareText } from './entry.ts';
import { type DirNode, symlinkSize, type TreeNode } from './tree.ts';

/** A layer's change to one path, in dive's vocabulary. */
export type Change = 'added' | 'modified' | 'removed';

export interface LayerChange {
  readonly path: string;
  readonly change: Change;
  /** The node after the change; absent for a removal (a whiteout in the layer). */
  readonly node?: TreeNode;
  /** What a removal or a modification hid (dive sizes a whiteout by it). */
  readonly previous?: TreeNode;
}

function sameMeta(a: TreeNode, b: TreeNode): boolean {
  return a.kind === b.kind && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
}

function addSubtree(out: LayerChange[], path: string, node: TreeNode, change: Change): void {
  out.push({ path, change, node });
  if (node.kind !== 'dir') return;
  for (const name of [...node.children.keys()].sort(compareText)) {
    addSubtree(out, `${path}/${name}`, node.children.get(name) as TreeNode, 'added');
  }
}

function diffDirectories(out: LayerChange[], prefix: string, before: DirNode, after: DirNode): void {
  const names = new Set([...before.children.keys(), ...after.children.keys()]);
  for (const name of [...names].sort(compareText)) {
    const old = before.children.get(name);
    const now = after.children.get(name);
    if (old === now) continue;
    const path = `${prefix}/${name}`;
    if (now === undefined) out.push({ path, change: 'removed', previous: old });
    else if (old === undefined) addSubtree(out, path, now, 'added');
    else if (old.kind === 'dir' && now.kind === 'dir') {
      if (!sameMeta(old, now)) out.push({ path, change: 'modified', node: now });
      diffDirectories(out, path, old, now);
    } else if (now.kind === 'dir') {
      // A file replaced by a directory: the directory and its contents are new.
      addSubtree(out, path, now, 'modified');
    } else out.push({ path, change: 'modified', node: now, previous: old });
  }
}

/** What changed from `before` to `after`, sorted by path, parents before children. */
export function diffTrees(before: DirNode, after: DirNode): LayerChange[] {
  const out: LayerChange[] = [];
  if (before !== after) diffDirectories(out, '', before, after);
  return out;
}

/**
 * A layer's size as Docker counts it (uncompressed): the bytes of the regular files it holds plus
 * the length of each symlink's target. Directories, hard links and whiteouts count nothing.
 */
export function changesSize(changes: readonly LayerChange[]): number {
  let size = 0;
  for (const { node } of changes) {
    if (node?.kind === 'file') size += node.size;
    else if (node?.kind === 'symlink') size += symlinkSize(node);
  }
  return size;
}
