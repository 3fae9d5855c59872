/**
 * Facts about a catalog image as Docker Hub publishes them: the size `docker images` shows, the
 * compressed size a pull downloads, the tag a reference resolves to, and where each figure is from.
 */
import { formatSize } from '../../lib/analysis/size-findings.ts';
import type { Catalog } from '../../lib/images/catalog.ts';

export type ImageFactName = 'size' | 'compressed' | 'resolved' | 'source';

export function imageFact(catalog: Catalog, reference: string, name: ImageFactName): string {
  const resolution = catalog.resolve(reference);
  if (!resolution.ok) throw new Error(resolution.error.message);
  const image = resolution.image;
  switch (name) {
    case 'size':
      return formatSize(image.size);
    case 'compressed': {
      const compressed = image.published?.compressedSize;
      if (!compressed) throw new Error(`${reference}: no published compressed size in the catalog`);
      return formatSize(Math.round(compressed));
    }
    case 'resolved':
      return image.ref;
    case 'source':
      return image.published?.source.text ?? 'measured from the image';
  }
}
