/**
 * Facts about a catalog image as Docker Hub publishes them: the size `docker images` shows, the
 * compressed size a pull downloads, the tag a reference resolves to, and where each figure is from;
 * and from the tag history (public/catalog/tags), since when a tag is built and when it stopped.
 */
import { formatSize } from '../../lib/analysis/size-findings.ts';
import type { Catalog } from '../../lib/images/catalog.ts';
import { type TagHistory, tagStatus } from '../../lib/images/tag-history.ts';

export type ImageFactName = 'size' | 'compressed' | 'resolved' | 'version' | 'source';

/** What a tag history says of a tag: the day it was last built (`retired`) or first (`since`). */
export type TagFactName = 'retired' | 'since';

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
    case 'version':
      return versionOf(image.ref);
    case 'source':
      return image.published?.source.text ?? 'measured from the image';
  }
}

/** The version in an image's full tag: `golang:1.27.0-trixie` → `1.27.0`. */
export function versionOf(ref: string): string {
  const version = /:v?(\d+(?:\.\d+)*)/.exec(ref)?.[1];
  if (!version) throw new Error(`${ref}: its tag names no version`);
  return version;
}

/**
 * A tag's life as the official library recorded it, as a date a reader reads ("3 November 2025").
 * Throws when the history does not say: a tag still built has no `retired` date.
 */
export function tagFact(history: TagHistory, tag: string, name: TagFactName): string {
  const status = tagStatus(history, tag);
  const where = `${history.repository}:${tag}`;
  if (status.status !== 'current' && status.status !== 'past')
    throw new Error(`${where}: the tag history has no record of it (${status.status})`);
  if (name === 'since') return readableDate(status.since);
  if (status.status !== 'past') throw new Error(`${where} is still built (as of ${history.asOf})`);
  return readableDate(status.until);
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

function readableDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
