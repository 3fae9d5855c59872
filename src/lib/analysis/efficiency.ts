/**
 * dive's image efficiency, with dive's own formulas so a learner can check the figures against
 * `dive`: every leaf path of every layer is visited; a path seen in two or more layers is
 * "inefficient"; the score is the sum of each path's smallest size over the sum of all its
 * sizes; wasted bytes are the cumulative sizes of the inefficient paths; the user-wasted percent
 * divides them by the size of all layers but the first. Sizes are tar sizes: links count 0.
 * Beyond dive: the bytes really reclaimable (all copies but the one that survives) and, for each
 * wasted path, the layer that first added it and the layer that made that copy dead.
 */
import type { BuiltLayer, StageResult } from '../build/result.ts';
import type { LayerEntry } from '../fs/entry.ts';
import type { DirNode, TreeNode } from '../fs/tree.ts';

export interface WastedPath {
  readonly path: string;
  /** dive's CumulativeSize: the sum of the path's size in every layer that has it. */
  readonly cumulativeSize: number;
  /** Indices of the layers that have it (a whiteout included). */
  readonly layers: readonly number[];
  /** What removing the waste would save: every copy but the one left in the final image. */
  readonly reclaimable: number;
}

/** Bytes a layer hid from view but not from the image: what it deleted or overwrote. */
export interface HiddenBytes {
  readonly path: string;
  readonly bytes: number;
  /** The layer that deleted or overwrote it. */
  readonly hiddenBy: number;
  /** The earlier layer that had put it there, when known. */
  readonly addedBy: number | null;
}

export interface EfficiencyReport {
  /** dive's efficiency score, 0 to 1. */
  readonly score: number;
  /** dive's "potential wasted space". */
  readonly wastedBytes: number;
  readonly sizeBytes: number;
  /** All layers but the first, as dive counts "user" size. */
  readonly userSizeBytes: number;
  readonly wastedUserPercent: number;
  /**
   * Beyond dive: what the image would lose if nothing were deleted or overwritten in a later
   * layer. It also counts deleted directories, which dive's leaf-only walk does not see.
   */
  readonly reclaimableBytes: number;
  /** The inefficient paths, largest first. */
  readonly inefficiencies: readonly WastedPath[];
  /** What later layers deleted or overwrote, largest first. */
  readonly hidden: readonly HiddenBytes[];
}

interface LeafEntry {
  readonly path: string;
  readonly size: number;
  readonly whiteout: boolean;
}

function treeBytes(node: TreeNode): number {
  if (node.kind === 'file') return node.size;
  if (node.kind !== 'dir') return 0;
  let total = 0;
  for (const child of node.children.values()) total += treeBytes(child);
  return total;
}

/** The leaf entries of one layer: the paths no other entry of the layer sits below. */
function layerLeaves(layer: BuiltLayer): LeafEntry[] {
  const entries: { path: string; size: number; whiteout: boolean }[] = [];
  if (layer.entries) {
    for (const entry of layer.entries) {
      const path = entry.path.replace(/\/$/, '');
      entries.push({
        path,
        size: entry.kind === 'file' ? entry.size : 0,
        whiteout: entry.kind === 'whiteout',
      });
    }
  } else {
    for (const change of layer.changes ?? []) {
      if (change.change === 'removed') {
        // dive sizes a whiteout by what it hid when that was a directory, and as 0 for a file.
        const previous = change.previous;
        entries.push({
          path: change.path,
          size: previous?.kind === 'dir' ? treeBytes(previous) : 0,
          whiteout: true,
        });
      } else {
        entries.push({
          path: change.path,
          size: change.node?.kind === 'file' ? change.node.size : 0,
          whiteout: false,
        });
      }
    }
  }
  const parents = new Set<string>();
  for (const { path } of entries) {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const parent = path.slice(0, slash);
      if (parents.has(parent)) break;
      parents.add(parent);
    }
  }
  return entries.filter((entry) => !parents.has(entry.path));
}

function lookup(tree: DirNode | null, path: string): TreeNode | undefined {
  let node: TreeNode | undefined = tree ?? undefined;
  for (const part of path.split('/').filter(Boolean)) {
    if (node?.kind !== 'dir') return undefined;
    node = node.children.get(part);
  }
  return node;
}

interface Tally {
  cumulative: number;
  minimum: number;
  layers: number[];
}

/** The tallies of an image's first layers, the ones that come from the catalog as lists. */
interface BasePrefix {
  /** Each layer's entry list, by identity: the catalog hands every build the same arrays. */
  readonly lists: readonly (readonly LayerEntry[])[];
  readonly seen: ReadonlyMap<string, Readonly<Tally>>;
  readonly minimumSizes: number;
  readonly discoveredSizes: number;
  /** The paths already in two or more of these layers. */
  readonly repeated: readonly string[];
}

const NO_PREFIX: BasePrefix = {
  lists: [],
  seen: new Map(),
  minimumSizes: 0,
  discoveredSizes: 0,
  repeated: [],
};

/**
 * Tallies of base layers, kept by the last layer's list: every build on python:3.9 shares its
 * 33,000 base paths, so they are counted once, and each build adds only its own layers' paths.
 */
const basePrefixes = new WeakMap<readonly LayerEntry[], BasePrefix>();

function tally(seen: Map<string, Tally>, leaf: LeafEntry, index: number): void {
  const data = seen.get(leaf.path) ?? { cumulative: 0, minimum: -1, layers: [] };
  data.cumulative += leaf.size;
  if (data.minimum < 0 || leaf.size < data.minimum) data.minimum = leaf.size;
  data.layers.push(index);
  seen.set(leaf.path, data);
}

function basePrefix(layers: readonly BuiltLayer[]): BasePrefix {
  const lists: (readonly LayerEntry[])[] = [];
  for (const layer of layers) {
    if (!layer.entries) break;
    lists.push(layer.entries);
  }
  const last = lists.at(-1);
  if (!last) return NO_PREFIX;
  const cached = basePrefixes.get(last);
  if (cached && cached.lists.length === lists.length && cached.lists.every((list, i) => list === lists[i]))
    return cached;
  const seen = new Map<string, Tally>();
  lists.forEach((_, index) => {
    for (const leaf of layerLeaves(layers[index] as BuiltLayer)) tally(seen, leaf, index);
  });
  let minimumSizes = 0;
  let discoveredSizes = 0;
  const repeated: string[] = [];
  for (const [path, data] of seen) {
    minimumSizes += data.minimum;
    discoveredSizes += data.cumulative;
    if (data.layers.length >= 2) repeated.push(path);
  }
  const prefix: BasePrefix = { lists, seen, minimumSizes, discoveredSizes, repeated };
  basePrefixes.set(last, prefix);
  return prefix;
}

export function efficiency(stage: StageResult): EfficiencyReport {
  const prefix = basePrefix(stage.layers);
  // The build's own layers: a path they touch gets a copy of its base tally, never the shared one.
  const touched = new Map<string, Tally>();
  for (let index = prefix.lists.length; index < stage.layers.length; index++) {
    for (const leaf of layerLeaves(stage.layers[index] as BuiltLayer)) {
      if (!touched.has(leaf.path)) {
        const base = prefix.seen.get(leaf.path);
        if (base) touched.set(leaf.path, { ...base, layers: [...base.layers] });
      }
      tally(touched, leaf, index);
    }
  }
  let minimumSizes = prefix.minimumSizes;
  let discoveredSizes = prefix.discoveredSizes;
  for (const [path, data] of touched) {
    const base = prefix.seen.get(path);
    minimumSizes += data.minimum - (base?.minimum ?? 0);
    discoveredSizes += data.cumulative - (base?.cumulative ?? 0);
  }
  const repeated: [string, Readonly<Tally>][] = [
    ...prefix.repeated
      .filter((path) => !touched.has(path))
      .map((path): [string, Readonly<Tally>] => [path, prefix.seen.get(path) as Tally]),
    ...[...touched].filter(([, data]) => data.layers.length >= 2),
  ];
  const inefficiencies: WastedPath[] = [];
  for (const [path, data] of repeated) {
    const survivor = lookup(stage.tree, path);
    const kept = survivor?.kind === 'file' ? survivor.size : 0;
    inefficiencies.push({
      path,
      cumulativeSize: data.cumulative,
      layers: data.layers,
      reclaimable: Math.max(0, data.cumulative - kept),
    });
  }
  inefficiencies.sort((a, b) => b.cumulativeSize - a.cumulativeSize || a.path.localeCompare(b.path));
  const hidden = hiddenBytes(stage.layers);
  const sizeBytes = stage.layers.reduce((sum, layer) => sum + layer.size, 0);
  const userSizeBytes = sizeBytes - (stage.layers[0]?.size ?? 0);
  const wastedBytes = inefficiencies.reduce((sum, item) => sum + item.cumulativeSize, 0);
  return {
    score: discoveredSizes === 0 ? 1 : minimumSizes / discoveredSizes,
    wastedBytes,
    sizeBytes,
    userSizeBytes,
    wastedUserPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
    // Own layers say what they hid; a base image's layers are only lists, so there dive's view counts.
    reclaimableBytes:
      hidden.reduce((sum, item) => sum + item.bytes, 0) +
      inefficiencies
        .filter((item) => item.layers.every((index) => stage.layers[index]?.entries !== undefined))
        .reduce((sum, item) => sum + item.reclaimable, 0),
    inefficiencies,
    hidden,
  };
}

/** What each layer's deletions and overwrites hid, with the layer that had added it. */
function hiddenBytes(layers: readonly BuiltLayer[]): HiddenBytes[] {
  const hidden: HiddenBytes[] = [];
  layers.forEach((layer, index) => {
    for (const change of layer.changes ?? []) {
      if (change.change === 'added' || !change.previous) continue;
      const bytes = treeBytes(change.previous);
      if (bytes === 0) continue;
      const addedBy = layers.slice(0, index).findLastIndex((earlier) => touches(earlier, change.path));
      hidden.push({ path: change.path, bytes, hiddenBy: index, addedBy: addedBy === -1 ? null : addedBy });
    }
  });
  return hidden.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}

function touches(layer: BuiltLayer, path: string): boolean {
  const below = `${path}/`;
  if (layer.changes)
    return layer.changes.some((change) => change.path === path || change.path.startsWith(below));
  return (layer.entries ?? []).some((entry) => entry.path === path || entry.path.startsWith(below));
}
