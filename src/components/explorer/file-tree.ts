/**
 * The layer explorer's file tree, as dive shows it: the image at a layer (aggregated) or only what
 * that layer holds, each path marked added, modified or removed by the layer; directory sizes;
 * sorting and filtering; and the rows of the expanded part of the tree, flattened only as far as
 * directories are open, so a tree of tens of thousands of paths costs what is on screen.
 */
import type { SurfaceCategory, SurfaceItem } from '../../lib/analysis/surface.ts';
import type { Change, LayerChange } from '../../lib/fs/diff.ts';
import { compareText } from '../../lib/fs/entry.ts';
import { modeString } from '../../lib/fs/mode.ts';
import type { DirNode, TreeNode } from '../../lib/fs/tree.ts';

export type ViewMode = 'aggregated' | 'layer';
export type SortOrder = 'name' | 'size';

/** One path as the explorer shows it. */
export interface ExplorerEntry {
  readonly path: string;
  readonly name: string;
  readonly kind: TreeNode['kind'];
  /**
   * Bytes as Docker counts them: a file's size, a symlink's target length, a directory's total below
   * it. In the layer-only view a directory counts what the layer adds below it; a removed path shows
   * the bytes it hid (which the layer does not free).
   */
  readonly size: number;
  readonly change: Change | null;
  /** The symlink or hard link target. */
  readonly target?: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** A tree to explore: the entries of each directory and every path, both computed on demand. */
export interface ExplorerTree {
  /** The entries directly in directory `path` ('' is the root), in no particular order. */
  children(path: string): readonly ExplorerEntry[];
  /** Every path, parents before children: what a filter searches. */
  paths(): readonly string[];
}

const sizes = new WeakMap<TreeNode, number>();

/** Docker's bytes below a node, memoised per node: trees share nodes, so later layers cost little. */
export function nodeSize(node: TreeNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind === 'symlink') return node.target.length;
  if (node.kind === 'hardlink') return 0;
  let total = sizes.get(node);
  if (total === undefined) {
    total = 0;
    for (const child of node.children.values()) total += nodeSize(child);
    sizes.set(node, total);
  }
  return total;
}

function entryOf(path: string, node: TreeNode, change: Change | null, size = nodeSize(node)): ExplorerEntry {
  const entry = {
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    kind: node.kind,
    size,
    change,
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
  };
  return node.kind === 'symlink' || node.kind === 'hardlink' ? { ...entry, target: node.target } : entry;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/**
 * The whole image after a layer, with that layer's changes marked; what the layer removed is shown
 * where it was, marked removed (dive's aggregated view). As in dive, a directory with changes
 * below it is marked modified, so the changes can be found from the top.
 */
export function aggregatedTree(tree: DirNode, changes: readonly LayerChange[]): ExplorerTree {
  const changeOf = new Map<string, Change>();
  const removedIn = new Map<string, LayerChange[]>();
  for (const change of changes) {
    for (
      let parent = parentOf(change.path);
      parent !== '' && !changeOf.has(parent);
      parent = parentOf(parent)
    )
      changeOf.set(parent, 'modified');
  }
  for (const change of changes) {
    changeOf.set(change.path, change.change);
    if (change.change !== 'removed' || !change.previous) continue;
    const parent = parentOf(change.path);
    removedIn.set(parent, [...(removedIn.get(parent) ?? []), change]);
  }
  /** Directories by path, as they are reached (removed ones hold what was there before). */
  const dirs = new Map<string, { node: DirNode; removed: boolean }>([['', { node: tree, removed: false }]]);
  const memo = new Map<string, ExplorerEntry[]>();
  let all: string[] | undefined;

  const children = (path: string): readonly ExplorerEntry[] => {
    const known = memo.get(path);
    if (known) return known;
    const dir = dirs.get(path);
    if (!dir) return [];
    const entries: ExplorerEntry[] = [];
    for (const [name, node] of dir.node.children) {
      const childPath = `${path}/${name}`;
      const change = dir.removed ? 'removed' : (changeOf.get(childPath) ?? null);
      if (node.kind === 'dir') dirs.set(childPath, { node, removed: dir.removed });
      entries.push(entryOf(childPath, node, change));
    }
    if (!dir.removed) {
      for (const removal of removedIn.get(path) ?? []) {
        const previous = removal.previous as TreeNode;
        if (previous.kind === 'dir') dirs.set(removal.path, { node: previous, removed: true });
        entries.push(entryOf(removal.path, previous, 'removed'));
      }
    }
    memo.set(path, entries);
    return entries;
  };

  return {
    children,
    paths() {
      all ??= allPaths(children);
      return all;
    },
  };
}

/**
 * Only what one layer holds: its changed paths, under the directories that lead to them (marked
 * modified, as in the aggregated view).
 */
export function layerOnlyTree(changes: readonly LayerChange[]): ExplorerTree {
  const byParent = new Map<string, Map<string, ExplorerEntry>>();
  const addTo = (parent: string, entry: ExplorerEntry) => {
    let siblings = byParent.get(parent);
    if (!siblings) {
      siblings = new Map();
      byParent.set(parent, siblings);
    }
    siblings.set(entry.path, entry);
  };
  // What the layer adds below each directory, for the directories' sizes.
  const added = new Map<string, number>();
  for (const change of changes) {
    const node = change.node ?? change.previous;
    if (!node) continue;
    const own = change.change === 'removed' || node.kind === 'dir' ? 0 : nodeSize(node);
    for (let parent = parentOf(change.path); ; parent = parentOf(parent)) {
      added.set(parent, (added.get(parent) ?? 0) + own);
      if (parent === '') break;
    }
  }
  for (const change of changes) {
    const node = change.node ?? change.previous;
    if (!node) continue;
    const size =
      change.change === 'removed'
        ? nodeSize(node)
        : node.kind === 'dir'
          ? (added.get(change.path) ?? 0)
          : undefined;
    addTo(parentOf(change.path), entryOf(change.path, node, change.change, size));
    // The directories leading to a change, when the layer does not record them itself.
    for (let path = parentOf(change.path); path !== ''; path = parentOf(path)) {
      const parent = parentOf(path);
      if (byParent.get(parent)?.has(path)) break;
      addTo(parent, {
        path,
        name: path.slice(path.lastIndexOf('/') + 1),
        kind: 'dir',
        size: added.get(path) ?? 0,
        change: 'modified',
        mode: 0o755,
        uid: 0,
        gid: 0,
      });
    }
  }
  const lists = new Map<string, ExplorerEntry[]>();
  let all: string[] | undefined;
  const children = (path: string): readonly ExplorerEntry[] => {
    let list = lists.get(path);
    if (!list) {
      list = [...(byParent.get(path)?.values() ?? [])];
      lists.set(path, list);
    }
    return list;
  };
  return {
    children,
    paths() {
      all ??= allPaths(children);
      return all;
    },
  };
}

function allPaths(children: (path: string) => readonly ExplorerEntry[]): string[] {
  const out: string[] = [];
  const stack = [''];
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    for (const entry of children(dir)) {
      out.push(entry.path);
      if (entry.kind === 'dir') stack.push(entry.path);
    }
  }
  return out;
}

export function sortEntries(entries: readonly ExplorerEntry[], order: SortOrder): ExplorerEntry[] {
  const byName = (a: ExplorerEntry, b: ExplorerEntry) => compareText(a.name, b.name);
  return [...entries].sort(order === 'name' ? byName : (a, b) => b.size - a.size || byName(a, b));
}

/** What a filter found: the matching paths, and everything to show (matches and their directories). */
export interface FilterResult {
  readonly query: string;
  readonly matches: number;
  readonly visible: ReadonlySet<string>;
  /** The directories to open so that every match is in view. */
  readonly ancestors: ReadonlySet<string>;
}

/** Paths containing `query`, ignoring case; a match's contents match too (their paths contain it). */
export function filterTree(tree: ExplorerTree, query: string): FilterResult {
  const needle = query.trim().toLowerCase();
  const visible = new Set<string>();
  const ancestors = new Set<string>();
  let matches = 0;
  for (const path of tree.paths()) {
    if (!path.toLowerCase().includes(needle)) continue;
    matches++;
    visible.add(path);
    for (let parent = parentOf(path); parent !== '' && !ancestors.has(parent); parent = parentOf(parent)) {
      ancestors.add(parent);
      visible.add(parent);
    }
  }
  return { query: needle, matches, visible, ancestors };
}

export interface TreeRow {
  readonly entry: ExplorerEntry;
  /** 1 for the entries of the root, as aria-level counts. */
  readonly level: number;
  readonly expanded: boolean;
  /** Position among its shown siblings, 1-based, and their number: aria-posinset and aria-setsize. */
  readonly position: number;
  readonly siblings: number;
  /** The row of its directory, -1 at the top level. */
  readonly parent: number;
}

export interface FlattenOptions {
  readonly expanded: ReadonlySet<string>;
  readonly order: SortOrder;
  /** Only these paths are shown, when a filter is on. */
  readonly visible?: ReadonlySet<string>;
}

/**
 * The rows of the tree as shown: depth first, each directory's entries sorted, descending only
 * into open directories. Sorted children are memoised per tree, so opening a directory again is free.
 */
export function flattenTree(tree: ExplorerTree, options: FlattenOptions): TreeRow[] {
  const rows: TreeRow[] = [];
  const { expanded, visible } = options;
  const visit = (dir: string, level: number, parent: number) => {
    let entries = sortedChildren(tree, dir, options.order);
    if (visible) entries = entries.filter((entry) => visible.has(entry.path));
    entries.forEach((entry, index) => {
      const open = entry.kind === 'dir' && expanded.has(entry.path);
      const row = rows.length;
      rows.push({ entry, level, expanded: open, position: index + 1, siblings: entries.length, parent });
      if (open) visit(entry.path, level + 1, row);
    });
  };
  visit('', 1, -1);
  return rows;
}

const sorted = new WeakMap<ExplorerTree, Map<string, ExplorerEntry[]>>();

function sortedChildren(tree: ExplorerTree, dir: string, order: SortOrder): ExplorerEntry[] {
  let cache = sorted.get(tree);
  if (!cache) {
    cache = new Map();
    sorted.set(tree, cache);
  }
  const key = `${order}\0${dir}`;
  let entries = cache.get(key);
  if (!entries) {
    entries = sortEntries(tree.children(dir), order);
    cache.set(key, entries);
  }
  return entries;
}

/** Every directory above `path`, the nearest last: what to open to bring it into view. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let parent = parentOf(path); parent !== ''; parent = parentOf(parent)) out.unshift(parent);
  return out;
}

/** The attack-surface categories of each path the analysis found (root-user has no path). */
export function surfaceByPath(items: readonly SurfaceItem[]): Map<string, SurfaceCategory[]> {
  const byPath = new Map<string, SurfaceCategory[]>();
  for (const item of items) {
    if (item.category === 'root-user') continue;
    for (const path of item.paths) {
      const categories = byPath.get(path) ?? [];
      if (!categories.includes(item.category)) categories.push(item.category);
      byPath.set(path, categories);
    }
  }
  return byPath;
}

export const SURFACE_LABEL: Readonly<Record<SurfaceCategory, string>> = {
  shell: 'shell',
  'network-tool': 'network tool',
  'package-manager': 'package manager',
  compiler: 'compiler',
  setuid: 'setuid',
  'world-writable': 'world-writable',
  'root-user': 'runs as root',
};

export const CHANGE_SYMBOL: Readonly<Record<Change, string>> = { added: '+', modified: '~', removed: '−' };

export { modeString };
