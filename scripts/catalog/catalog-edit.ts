/**
 * A generated catalog opened for adding images: read its layers, add layers (stored once, by
 * content) and images, write the index back without the layers nothing uses. Node-only; used by
 * derive.ts and add-rootfs-images.ts, each marking the images it adds with its own note.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  type CatalogIndex,
  decodeLayer,
  encodeLayer,
  FORMAT_VERSION,
  type ImageConfig,
  type ImageRecord,
  type LayerEntry,
  type LayerHeader,
  type LayerRecord,
} from '../../src/lib/images/format.ts';
import { DERIVED_MARK } from './derive-data.ts';
import { layerBytes } from './layers.ts';

export interface Layer {
  readonly header: LayerHeader;
  readonly entries: LayerEntry[];
}

export type CatalogEdit = ReturnType<typeof openCatalogEdit>;

const MB = 1_000_000;

/** An image config with Docker's defaults and the PATH every official image sets, overridden by `config`. */
export function imageConfig(config: Partial<ImageConfig>): ImageConfig {
  return {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: null,
    Entrypoint: null,
    User: '',
    WorkingDir: '',
    ExposedPorts: {},
    Labels: {},
    ...config,
  };
}

export function openCatalogEdit(dir: string, mark: string = DERIVED_MARK) {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const index = JSON.parse(read('index.json')) as CatalogIndex;
  // Re-runnable: drop what an earlier run added (its notes carry the mark), then add again.
  const images: ImageRecord[] = index.images.filter((i) => !i.notes.includes(mark));
  const layers: LayerRecord[] = [...index.layers];
  const layerById = new Map(layers.map((l) => [l.id, l]));
  const decoded = new Map<string, Layer>();

  const layerOf = (id: string): Layer => {
    let l = decoded.get(id);
    if (!l) {
      const d = decodeLayer(read(`layers/${id}.txt`));
      l = { header: d.header, entries: [...d.entries] };
      decoded.set(id, l);
    }
    return l;
  };

  const addLayer = (
    layer: Layer,
    createdBy: string,
    provenance: LayerRecord['provenance'],
    note: string,
  ): string => {
    const text = encodeLayer(layer.header, layer.entries);
    const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
    if (!layerById.has(id)) {
      writeFileSync(join(dir, 'layers', `${id}.txt`), text);
      const record: LayerRecord = {
        id,
        createdBy,
        size: layerBytes(layer.entries),
        entries: layer.entries.length,
        wireBytes: gzipSync(text, { level: 9 }).length,
        provenance,
        note,
      };
      layers.push(record);
      layerById.set(id, record);
    }
    return id;
  };

  const sizeOf = (ids: readonly string[]) => ids.reduce((n, id) => n + (layerById.get(id)?.size ?? 0), 0);

  const imageByRef = (ref: string): ImageRecord => {
    const image = images.find((i) => i.ref === ref);
    if (!image) throw new Error(`derive: the catalog has no ${ref}; run build.ts first`);
    return image;
  };

  /** Moves floating tags (`python:3`, `alpine:latest`) off the images that held them. */
  const takeTags = (tags: readonly string[]): void => {
    const taken = new Set(tags);
    for (let i = 0; i < images.length; i++) {
      const image = images[i] as ImageRecord;
      if (image.tags.some((t) => taken.has(t)))
        images[i] = { ...image, tags: image.tags.filter((t) => !taken.has(t)) };
    }
  };

  const addImage = (image: Omit<ImageRecord, 'platform' | 'size'>): void => {
    takeTags(image.tags);
    images.push({
      ...image,
      platform: 'linux/amd64',
      size: sizeOf(image.layers),
      notes: [...image.notes, mark],
    });
  };

  /** Writes the index (dropping unused layer files) and returns a size line per added image. */
  const write = (): string[] => {
    const used = new Set(images.flatMap((i) => i.layers));
    for (const l of layers) if (!used.has(l.id)) rmSync(join(dir, 'layers', `${l.id}.txt`), { force: true });
    const out: CatalogIndex = {
      ...index,
      format: FORMAT_VERSION,
      images,
      layers: layers.filter((l) => used.has(l.id)),
    };
    writeFileSync(join(dir, 'index.json'), `${JSON.stringify(out, null, 1)}\n`);
    return images
      .filter((i) => i.notes.includes(mark))
      .map((i) => {
        const p = i.published?.size;
        const delta = p
          ? `${(((i.size - p) / p) * 100).toFixed(1)}%${i.published?.estimate ? ' ≈' : ''}`
          : 'n/a';
        return `${i.ref.padEnd(44)} ${(i.size / MB).toFixed(2).padStart(8)} MB  published ${p ? (p / MB).toFixed(2) : '-'} (${delta})`;
      });
  };

  return { images, layerById, layerOf, addLayer, addImage, imageByRef, sizeOf, write };
}
