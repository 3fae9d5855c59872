import { describe, expect, it } from 'vitest';
import { treeSize } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from './catalog-fixture.ts';

describe('image sizes against the published figures', async () => {
  const catalog = await committedCatalog();
  const published = catalog.index.images.filter((i) => i.published?.size !== undefined);

  it.each(published.map((i) => [i.ref, i] as const))(
    '%s is within the tolerance of its published size',
    (_ref, image) => {
      const figure = image.published?.size as number;
      const tolerance = image.published?.estimate ? 0.15 : 0.03;
      if (figure === 0) expect(image.size).toBe(0);
      else expect(Math.abs(image.size - figure) / figure).toBeLessThanOrEqual(tolerance);
      expect(image.published?.source.text).not.toBe('');
    },
  );

  it('every image size is the sum of its layers, and the tree adds up to the same bytes', async () => {
    for (const ref of ['python:3.9', 'python:3.9-alpine', 'alpine', 'busybox']) {
      const image = await catalog.load(ref);
      const layers = image.layers.reduce((n, l) => n + l.record.size, 0);
      expect(image.record.size).toBe(layers);
      // Files replaced by later layers count in both layers, as `docker images` counts them.
      expect(treeSize(image.tree)).toBeLessThanOrEqual(layers);
      expect(treeSize(image.tree)).toBeGreaterThan(layers * 0.97);
    }
  });

  it('every layer says where its data comes from', () => {
    for (const layer of catalog.index.layers) {
      expect(['real', 'modelled', 'calibrated']).toContain(layer.provenance);
      expect(layer.note).toMatch(new RegExp(`^${layer.provenance}`));
    }
  });
});
