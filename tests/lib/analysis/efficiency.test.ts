/**
 * dive's figures on images small enough to compute by hand, then on real builds. The formulas are
 * dive's (filetree/efficiency.go, image.Analyze): score = Σ min size / Σ cumulative size over leaf
 * paths of every layer; wasted = Σ cumulative size of paths seen in 2+ layers; user wasted % =
 * wasted / (image size − first layer size). A whiteout counts 0, or its directory's size.
 */

import { describe, expect, it } from 'vitest';
import { efficiency } from '../../../src/lib/analysis/efficiency.ts';
import { SCRATCH_CONFIG } from '../../../src/lib/build/image-config.ts';
import type { BuiltLayer, StageResult } from '../../../src/lib/build/result.ts';
import { KNOWN } from '../../../src/lib/certainty.ts';
import { textFile } from '../../../src/lib/fs/content.ts';
import { changesSize, diffTrees } from '../../../src/lib/fs/diff.ts';
import { putNode, removePath } from '../../../src/lib/fs/edit.ts';
import { type DirNode, emptyTree } from '../../../src/lib/fs/tree.ts';
import { buildAndAnalyze } from './build-and-analyze.ts';

const file = (size: number) => textFile('x'.repeat(size), { mode: 0o644, uid: 0, gid: 0 });

/** A stage from successive trees, one layer per step, as the builder records them. */
function stageOf(trees: DirNode[]): StageResult {
  const layers: BuiltLayer[] = [];
  let before = emptyTree();
  for (const tree of trees) {
    const changes = diffTrees(before, tree);
    layers.push({
      createdBy: 'test',
      line: layers.length + 1,
      stage: 0,
      size: changesSize(changes),
      certainty: KNOWN,
      changes,
    });
    before = tree;
  }
  return {
    index: 0,
    name: null,
    reference: 'scratch',
    base: { kind: 'scratch' },
    built: true,
    certainty: KNOWN,
    tree: before,
    layers,
    history: [],
    config: SCRATCH_CONFIG,
    size: layers.reduce((sum, l) => sum + l.size, 0),
  };
}

describe('dive efficiency', () => {
  it('matches a hand computation: a file overwritten, a file deleted', () => {
    const l0 = putNode(putNode(emptyTree(), '/a', file(100)), '/b', file(50));
    const l1 = putNode(l0, '/a', file(120));
    const l2 = removePath(l1, '/b');
    const report = efficiency(stageOf([l0, l1, l2]));
    // /a: 100 + 120 = 220, min 100; /b: 50 + 0 (file whiteout) = 50, min 0.
    expect(report.score).toBeCloseTo(100 / 270, 10);
    expect(report.wastedBytes).toBe(270);
    expect(report.sizeBytes).toBe(270);
    expect(report.userSizeBytes).toBe(120);
    expect(report.wastedUserPercent).toBeCloseTo(270 / 120, 10);
    // Beyond dive: all copies but the survivor. /a keeps 120, so 100; /b is gone, so 50.
    expect(report.reclaimableBytes).toBe(150);
    expect(report.inefficiencies.map((item) => [item.path, item.cumulativeSize, item.layers])).toEqual([
      ['/a', 220, [0, 1]],
      ['/b', 50, [0, 2]],
    ]);
  });

  it('sizes a directory whiteout by what it hid, and leaves a clean image at 100 %', () => {
    const l0 = putNode(putNode(emptyTree(), '/cache/x', file(300)), '/cache/y', file(200));
    const l1 = removePath(l0, '/cache');
    const report = efficiency(stageOf([l0, l1]));
    // /cache/x 300 and /cache/y 200 once each; the whiteout /cache counts 500; min sizes 300 + 200 + 500.
    expect(report.score).toBe(1);
    expect(report.wastedBytes).toBe(0);
    // dive's leaf walk misses a deleted directory; the reclaimable figure does not.
    expect(report.reclaimableBytes).toBe(500);
    expect(report.hidden).toEqual([{ path: '/cache', bytes: 500, hiddenBy: 1, addedBy: 0 }]);
    expect(efficiency(stageOf([putNode(emptyTree(), '/only', file(10))])).score).toBe(1);
  });

  it('finds the waste of deleting in a later layer of a real build', async () => {
    const { analysis } = await buildAndAnalyze(
      'FROM alpine:3.22\nCOPY big.bin /tmp/\nRUN rm /tmp/big.bin\n',
      { 'big.bin': 'a'.repeat(50_000) },
    );
    expect(analysis.efficiency?.inefficiencies[0]).toMatchObject({
      path: '/tmp/big.bin',
      cumulativeSize: 50_000,
      reclaimable: 50_000,
    });
    expect(analysis.efficiency?.hidden[0]).toMatchObject({
      path: '/tmp/big.bin',
      bytes: 50_000,
      hiddenBy: 2,
      addedBy: 1,
    });
    expect(analysis.diagnostics.find((d) => d.code === 'size/wasted-space')).toMatchObject({
      range: { start: { line: 3 } },
    });
  });

  it('gives the same figures from the base layers it has counted before as from a fresh count', async () => {
    // The base layers' tallies are kept between builds; a second build on python:3.9 reuses them.
    // Copies of the base layers' lists bypass that store, so they give the figures from scratch.
    const fresh = (stage: StageResult) =>
      efficiency({
        ...stage,
        layers: stage.layers.map((layer) =>
          layer.entries ? { ...layer, entries: [...layer.entries] } : layer,
        ),
      });
    const first = await buildAndAnalyze('FROM python:3.9-slim\nRUN rm -rf /usr/share/doc\n');
    const second = await buildAndAnalyze(
      'FROM python:3.9-slim\nCOPY big.bin /etc/passwd\nRUN rm -rf /usr/lib/python3.11 /etc/os-release\n',
      { 'big.bin': 'a'.repeat(20_000) },
    );
    for (const { result } of [first, second, first]) {
      const stage = result.stages.at(-1) as StageResult;
      const kept = efficiency(stage);
      expect(kept).toEqual(fresh(stage));
      expect(kept.inefficiencies.length).toBeGreaterThan(0);
    }
  });
});
