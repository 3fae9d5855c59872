/**
 * The base image catalog: resolves references and loads images lazily, one layer file at a time,
 * through an injected reader (fetch in the browser, fs in Node), sharing decoded layers and trees.
 */

import { type Certainty, estimated, KNOWN } from '../certainty.ts';
import { applyLayer, type DirNode, emptyTree } from '../fs/tree.ts';
import {
  CatalogFormatError,
  type CatalogIndex,
  type DecodedLayer,
  decodeLayer,
  FORMAT_VERSION,
  type ImageConfig,
  type ImageRecord,
  type LayerRecord,
  type PackageRecord,
} from './format.ts';
import { parseReference, type Resolution, resolveReference } from './reference.ts';
import { createTagFacts, NO_TAG_FACTS, type RecordedPlatforms, type TagFacts } from './tag-facts.ts';

/** Returns the text of a file of the catalog, by its path relative to the catalog root (`index.json`, `layers/…`). */
export type ReadCatalogFile = (path: string) => Promise<string>;

export interface LoadedLayer {
  readonly record: LayerRecord;
  readonly decoded: DecodedLayer;
}

export interface LoadedImage {
  readonly record: ImageRecord;
  readonly resolution: Extract<Resolution, { ok: true }>;
  readonly layers: readonly LoadedLayer[];
  readonly tree: DirNode;
  /** the package database after the last layer: name → record */
  readonly packages: ReadonlyMap<string, PackageRecord>;
  /** text of the small files the data carries (/etc/passwd, /etc/group …), after the last layer */
  readonly contents: ReadonlyMap<string, string>;
}

export class ImageNotFoundError extends Error {
  override readonly name = 'ImageNotFoundError';
  readonly resolution: Extract<Resolution, { ok: false }>;
  constructor(resolution: Extract<Resolution, { ok: false }>) {
    super(resolution.error.message);
    this.resolution = resolution;
  }
}

export interface Catalog {
  readonly index: CatalogIndex;
  /** What the catalog and the tag histories loaded so far say of a reference (see `lookup`). */
  resolve(reference: string): Resolution;
  /** Resolves a reference after loading its repository's tag history, when one is recorded. */
  lookup(reference: string): Promise<Resolution>;
  /** Loads an image; rejects with ImageNotFoundError when there is no image to build on. */
  load(reference: string): Promise<LoadedImage>;
  /** The platforms the reference's tag offers, once `lookup` has loaded its history; undefined: not recorded. */
  platforms(reference: string): RecordedPlatforms | undefined;
}

/**
 * How sure an image's data is, layer by layer: a real root filesystem is known; a modelled layer,
 * or one calibrated to a published size, has estimated files (and sizes, unless the image's own
 * published figure calibrates them).
 */
export function layerCertainty(record: LayerRecord, image: ImageRecord): Certainty {
  if (record.provenance === 'real') return KNOWN;
  const ownFigure = image.published !== undefined && image.published.estimate !== true;
  const what =
    record.provenance === 'calibrated'
      ? ownFigure
        ? 'files modelled, sizes calibrated to the published figure'
        : "files modelled, sizes calibrated to a sibling image's figure"
      : 'files and sizes modelled';
  const layer = record.createdBy.length > 60 ? `${record.createdBy.slice(0, 57)}…` : record.createdBy;
  return estimated('model', `${image.ref}: the layer "${layer}" has ${what}.`);
}

export const INDEX_FILE = 'index.json';

export function layerFile(id: string): string {
  return `layers/${id}.txt`;
}

export async function openCatalog(
  read: ReadCatalogFile,
  tagFacts: TagFacts = createTagFacts(read),
): Promise<Catalog> {
  const index = JSON.parse(await read(INDEX_FILE)) as CatalogIndex;
  if (index.format !== FORMAT_VERSION) {
    throw new CatalogFormatError(
      `catalog format ${index.format} is not ${FORMAT_VERSION}: regenerate the catalog`,
    );
  }
  return createCatalog(index, read, tagFacts);
}

export function createCatalog(
  index: CatalogIndex,
  read: ReadCatalogFile,
  tagFacts: TagFacts = NO_TAG_FACTS,
): Catalog {
  const layerRecords = new Map(index.layers.map((l) => [l.id, l]));
  const decodedLayers = new Map<string, Promise<LoadedLayer>>();
  // Trees by layer chain: images on the same base reuse the base's tree and its nodes.
  const trees = new Map<string, DirNode>();

  const loadLayer = (id: string): Promise<LoadedLayer> => {
    let pending = decodedLayers.get(id);
    if (!pending) {
      const record = layerRecords.get(id);
      if (!record) return Promise.reject(new CatalogFormatError(`layer ${id} is not in the catalog index`));
      pending = read(layerFile(id)).then((text) => ({ record, decoded: decodeLayer(text) }));
      decodedLayers.set(id, pending);
    }
    return pending;
  };

  const treeOf = (ids: readonly string[], layers: readonly LoadedLayer[]): DirNode => {
    let tree = emptyTree();
    for (let i = ids.length; i > 0; i--) {
      const cached = trees.get(ids.slice(0, i).join('/'));
      if (cached) {
        tree = cached;
        for (let j = i; j < ids.length; j++) {
          tree = applyLayer(tree, (layers[j] as LoadedLayer).decoded.entries);
          trees.set(ids.slice(0, j + 1).join('/'), tree);
        }
        return tree;
      }
    }
    for (let j = 0; j < ids.length; j++) {
      tree = applyLayer(tree, (layers[j] as LoadedLayer).decoded.entries);
      trees.set(ids.slice(0, j + 1).join('/'), tree);
    }
    return tree;
  };

  const resolve = (reference: string) => resolveReference(index, reference, tagFacts.fact, tagFacts.target);
  const lookup = async (reference: string) => {
    const parsed = parseReference(reference);
    if (parsed) await tagFacts.prepare(parsed.repository);
    return resolve(reference);
  };
  return {
    index,
    resolve,
    lookup,
    platforms(reference) {
      const parsed = parseReference(reference);
      // A digest names one manifest, whatever the tag's index held; the data has no digests' platforms.
      return parsed && !parsed.digest ? tagFacts.platforms(parsed.repository, parsed.tag) : undefined;
    },
    async load(reference) {
      const resolution = await lookup(reference);
      if (!resolution.ok) throw new ImageNotFoundError(resolution);
      const record = resolution.image;
      const layers = await Promise.all(record.layers.map(loadLayer));
      const packages = new Map<string, PackageRecord>();
      const contents = new Map<string, string>();
      for (const l of layers) {
        for (const p of l.decoded.header.packages) packages.set(p.name, p);
        for (const name of l.decoded.header.removedPackages ?? []) packages.delete(name);
        for (const [path, text] of Object.entries(l.decoded.header.contents)) contents.set(path, text);
      }
      return { record, resolution, layers, tree: treeOf(record.layers, layers), packages, contents };
    },
  };
}

/** A base image's configuration as the catalog records it; undefined for an image it does not hold. */
export function imageConfigLookup(
  catalog: Pick<Catalog, 'resolve'>,
): (reference: string) => ImageConfig | undefined {
  return (reference) => {
    const resolution = catalog.resolve(reference);
    return resolution.ok ? resolution.image.config : undefined;
  };
}

/**
 * The reader for the browser and workers: fetches catalog files below `base` (for the site,
 * `${import.meta.env.BASE_URL}catalog/`), one layer file at a time as images are loaded.
 */
export function fetchReader(base: string, fetchFile: typeof fetch = fetch): ReadCatalogFile {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return async (path) => {
    const response = await fetchFile(`${prefix}${path}`);
    if (!response.ok) throw new CatalogFormatError(`catalog file ${prefix}${path}: HTTP ${response.status}`);
    return response.text();
  };
}
