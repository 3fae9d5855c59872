/** The image after each layer, rebuilt from catalog entries and from a build's recorded changes. */

import { describe, expect, it } from 'vitest';
import { changesAsEntries, layerTrees } from '../../../src/components/engine/layer-trees.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { KNOWN } from '../../../src/lib/certainty.ts';
import { diffTrees } from '../../../src/lib/fs/diff.ts';
import { type DirNode, walk } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from '../../lib/images/catalog-fixture.ts';

const listing = (tree: DirNode) =>
  [...walk(tree)].map(
    ([path, node]) =>
      `${path} ${node.kind} ${node.mode.toString(8)} ${node.kind === 'file' ? node.size : ''}`,
  );

describe('layerTrees', () => {
  it('rebuilds every layer of a build, ending at the stage’s own tree', async () => {
    const result = await simulateBuild({
      dockerfile:
        'FROM alpine:3.22\nRUN mkdir -p /opt/a && echo hi > /opt/a/f && rm -rf /etc/apk\nWORKDIR /app\nCOPY x /app/x\nRUN rm /opt/a/f\n',
      context: { files: [{ path: 'x', content: 'hello\n' }] },
      catalog: await committedCatalog(),
    });
    const stage = result.stages[0];
    if (!stage?.tree) throw new Error('no tree');
    const trees = layerTrees(stage.layers);
    expect(trees).toHaveLength(stage.layers.length);
    expect(listing(trees.at(-1) as DirNode)).toEqual(listing(stage.tree));
    // Each layer's diff is what the build recorded for it.
    stage.layers.forEach((layer, index) => {
      if (!layer.changes) return;
      const before = trees[index - 1] as DirNode;
      const diff = diffTrees(before, trees[index] as DirNode).map(
        (change) => `${change.change} ${change.path}`,
      );
      expect(diff).toEqual(layer.changes.map((change) => `${change.change} ${change.path}`));
    });
  });

  it('shares the base image’s trees between builds', async () => {
    const image = await (await committedCatalog()).load('alpine:3.22');
    const layers = image.layers.map((layer) => ({
      createdBy: '',
      line: null,
      stage: null,
      size: 0,
      certainty: KNOWN,
      entries: layer.decoded.entries,
    }));
    expect(layerTrees(layers).at(-1)).toBe(layerTrees(layers).at(-1));
  });

  it('turns removals into whiteouts', () => {
    expect(changesAsEntries([{ path: '/a', change: 'removed' }])).toEqual([
      { path: '/a', kind: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 },
    ]);
  });
});
