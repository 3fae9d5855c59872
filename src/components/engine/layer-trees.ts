/**
 * The image's files after each of its layers, for the layer explorer: base-image layers are applied
 * from the catalog's entries, the build's own layers from their recorded changes, each through
 * `applyLayer`, so consecutive trees share every directory a layer does not touch.
 */
import type { BuiltLayer } from '../../lib/build/result.ts';
import type { LayerChange } from '../../lib/fs/diff.ts';
import type { LayerEntry } from '../../lib/fs/entry.ts';
import { applyLayer, type DirNode, emptyTree } from '../../lib/fs/tree.ts';

/** A layer's changes as the entries of a layer tarball: whiteouts for removals, nodes for the rest. */
export function changesAsEntries(changes: readonly LayerChange[]): LayerEntry[] {
  return changes.map((change): LayerEntry => {
    const { path, node } = change;
    if (change.change === 'removed' || !node)
      return { path, kind: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 };
    if (node.kind === 'dir')
      return { path, kind: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, size: 0 };
    // Leaf nodes already carry an entry's fields (the size of a link is 0, as a tarball records it).
    return { size: 0, ...node, path } as LayerEntry;
  });
}

/** Memoised per parent tree and layer, so the base image's trees are built once per session. */
const applied = new WeakMap<DirNode, WeakMap<object, DirNode>>();

function applyOnce(tree: DirNode, layer: BuiltLayer): DirNode {
  const key: object = layer.entries ?? layer.changes ?? layer;
  let byLayer = applied.get(tree);
  if (!byLayer) {
    byLayer = new WeakMap();
    applied.set(tree, byLayer);
  }
  let next = byLayer.get(key);
  if (!next) {
    next = applyLayer(tree, layer.entries ?? changesAsEntries(layer.changes ?? []));
    byLayer.set(key, next);
  }
  return next;
}

export function layerTrees(layers: readonly BuiltLayer[]): DirNode[] {
  const trees: DirNode[] = [];
  let tree = emptyTree();
  for (const layer of layers) {
    tree = applyOnce(tree, layer);
    trees.push(tree);
  }
  return trees;
}
