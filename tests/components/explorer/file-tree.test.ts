/**
 * The explorer's tree: the aggregated and layer-only views of a layer's changes, directory sizes,
 * sorting, filtering and the flattened rows, on small hand-made layers and on python:3.9.
 */

import { describe, expect, it } from 'vitest';
import { layerTrees } from '../../../src/components/engine/layer-trees.ts';
import {
  aggregatedTree,
  ancestorsOf,
  type ExplorerTree,
  filterTree,
  flattenTree,
  layerOnlyTree,
  modeString,
  nodeSize,
  sortEntries,
  surfaceByPath,
} from '../../../src/components/explorer/file-tree.ts';
import { KNOWN } from '../../../src/lib/certainty.ts';
import { diffTrees } from '../../../src/lib/fs/diff.ts';
import type { LayerEntry } from '../../../src/lib/fs/entry.ts';
import { applyLayer, type DirNode, emptyTree } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from '../../lib/images/catalog-fixture.ts';

const dir = (path: string): LayerEntry => ({ path, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
const file = (path: string, size: number, mode = 0o644): LayerEntry => ({
  path,
  kind: 'file',
  mode,
  uid: 0,
  gid: 0,
  size,
});
const link = (path: string, target: string): LayerEntry => ({
  path,
  kind: 'symlink',
  mode: 0o777,
  uid: 0,
  gid: 0,
  size: 0,
  target,
});
const whiteout = (path: string): LayerEntry => ({ path, kind: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });

/** Two layers: a small root filesystem, then one that adds, overwrites and deletes. */
function twoLayers() {
  const base = applyLayer(emptyTree(), [
    dir('/bin'),
    file('/bin/busybox', 1000, 0o755),
    link('/bin/sh', '/bin/busybox'),
    dir('/etc'),
    file('/etc/passwd', 50),
    dir('/tmp'),
    dir('/tmp/cache'),
    file('/tmp/cache/a', 300),
    file('/tmp/cache/b', 200),
  ]);
  const top = applyLayer(base, [
    dir('/app'),
    file('/app/main.py', 40),
    file('/etc/passwd', 80),
    whiteout('/tmp/cache'),
  ]);
  return { base, top, changes: diffTrees(base, top) };
}

const names = (tree: ExplorerTree, path: string) =>
  sortEntries(tree.children(path), 'name').map(
    (entry) => `${entry.name}:${entry.change ?? '-'}:${entry.size}`,
  );

describe('the aggregated view', () => {
  it('shows the whole image with the layer’s changes marked and what it removed where it was', () => {
    const { top, changes } = twoLayers();
    const tree = aggregatedTree(top, changes);
    // Directories with changes below them are marked modified, as dive marks them.
    expect(names(tree, '')).toEqual(['app:added:40', 'bin:-:1012', 'etc:modified:80', 'tmp:modified:0']);
    expect(names(tree, '/etc')).toEqual(['passwd:modified:80']);
    // The deleted directory is shown, marked removed, with the bytes it still takes in a lower layer.
    expect(names(tree, '/tmp')).toEqual(['cache:removed:500']);
    expect(names(tree, '/tmp/cache')).toEqual(['a:removed:300', 'b:removed:200']);
    expect(tree.children('/bin').find((entry) => entry.name === 'sh')).toMatchObject({
      kind: 'symlink',
      target: '/bin/busybox',
      size: 12,
    });
  });

  it('lists every path for the filter, parents before children', () => {
    const { top, changes } = twoLayers();
    const paths = aggregatedTree(top, changes).paths();
    expect(paths).toHaveLength(11);
    expect(paths.indexOf('/tmp/cache')).toBeLessThan(paths.indexOf('/tmp/cache/a'));
  });
});

describe('the layer-only view', () => {
  it('shows only what the layer holds, under the directories that lead there', () => {
    const { changes } = twoLayers();
    const tree = layerOnlyTree(changes);
    expect(names(tree, '')).toEqual(['app:added:40', 'etc:modified:80', 'tmp:modified:0']);
    expect(names(tree, '/etc')).toEqual(['passwd:modified:80']);
    expect(names(tree, '/tmp')).toEqual(['cache:removed:500']);
    expect(tree.children('/tmp/cache')).toEqual([]);
    expect(tree.children('/bin')).toEqual([]);
  });

  it('has no rows for a layer that changes nothing', () => {
    const { top } = twoLayers();
    expect(flattenTree(layerOnlyTree(diffTrees(top, top)), { expanded: new Set(), order: 'name' })).toEqual(
      [],
    );
  });
});

describe('sizes, sorting and filtering', () => {
  it('sizes a directory by everything below it, as Docker counts bytes', () => {
    const { base } = twoLayers();
    expect(nodeSize(base)).toBe(1000 + 12 + 50 + 500);
  });

  it('sorts by name in byte order, or by size with the largest first', () => {
    const { top, changes } = twoLayers();
    const entries = aggregatedTree(top, changes).children('');
    expect(sortEntries(entries, 'name').map((entry) => entry.name)).toEqual(['app', 'bin', 'etc', 'tmp']);
    expect(sortEntries(entries, 'size').map((entry) => entry.name)).toEqual(['bin', 'etc', 'app', 'tmp']);
  });

  it('finds paths containing the query, ignoring case, with the directories that lead to them', () => {
    const { top, changes } = twoLayers();
    const tree = aggregatedTree(top, changes);
    const found = filterTree(tree, '  /BIN/S ');
    expect(found.matches).toBe(1);
    expect([...found.visible]).toEqual(['/bin/sh', '/bin']);
    expect([...found.ancestors]).toEqual(['/bin']);
    const rows = flattenTree(tree, { expanded: found.ancestors, order: 'name', visible: found.visible });
    expect(rows.map((row) => row.entry.path)).toEqual(['/bin', '/bin/sh']);
  });
});

describe('flattening', () => {
  it('descends only into open directories, with ARIA level, position and set size', () => {
    const { top, changes } = twoLayers();
    const tree = aggregatedTree(top, changes);
    const rows = flattenTree(tree, { expanded: new Set(['/tmp', '/tmp/cache']), order: 'name' });
    expect(
      rows.map((row) => [row.entry.path, row.level, row.position, row.siblings, row.parent, row.expanded]),
    ).toEqual([
      ['/app', 1, 1, 4, -1, false],
      ['/bin', 1, 2, 4, -1, false],
      ['/etc', 1, 3, 4, -1, false],
      ['/tmp', 1, 4, 4, -1, true],
      ['/tmp/cache', 2, 1, 1, 3, true],
      ['/tmp/cache/a', 3, 1, 2, 4, false],
      ['/tmp/cache/b', 3, 2, 2, 4, false],
    ]);
  });

  it('lists the directories to open to reveal a path', () => {
    expect(ancestorsOf('/usr/local/bin/python3')).toEqual(['/usr', '/usr/local', '/usr/local/bin']);
    expect(ancestorsOf('/app')).toEqual([]);
  });

  it('flattens python:3.9 fully open, tens of thousands of rows, in well under a second', async () => {
    const image = await (await committedCatalog()).load('python:3.9');
    const layers = image.layers.map((layer) => ({
      createdBy: '',
      line: null,
      stage: null,
      size: 0,
      certainty: KNOWN,
      entries: layer.decoded.entries,
    }));
    const trees = layerTrees(layers);
    const last = trees.at(-1) as DirNode;
    const tree = aggregatedTree(last, diffTrees(trees.at(-2) as DirNode, last));
    const everything = new Set(tree.paths());
    const started = performance.now();
    const rows = flattenTree(tree, { expanded: everything, order: 'size' });
    const elapsed = performance.now() - started;
    expect(rows.length).toBeGreaterThan(25_000);
    expect(elapsed).toBeLessThan(1000);
    expect(rows.filter((row) => row.level === 1).map((row) => row.entry.name)).toContain('usr');
  });
});

describe('marks', () => {
  it('names each path’s attack-surface categories, leaving out the root user', () => {
    const byPath = surfaceByPath([
      { category: 'shell', name: 'sh', paths: ['/bin/sh', '/usr/bin/sh'] },
      { category: 'setuid', name: 'su', paths: ['/bin/su'] },
      { category: 'network-tool', name: 'su', paths: ['/bin/su'] },
      { category: 'root-user', name: 'root', paths: ['(no USER)'] },
    ]);
    expect(Object.fromEntries(byPath)).toEqual({
      '/bin/sh': ['shell'],
      '/usr/bin/sh': ['shell'],
      '/bin/su': ['setuid', 'network-tool'],
    });
  });

  it('writes a mode as ls does', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
  });
});
