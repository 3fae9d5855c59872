/**
 * A saved image read from its archive into the shapes the course's views already consume: a
 * StageResult (tree, layers with their entries, history, config) like a simulated build's target,
 * plus what only a real image has: each layer's blob, compression and file count, the packages.
 * Streams every layer once, keeping file metadata and a bounded amount of text, never file data.
 */

import type { BuiltLayer, HistoryEntry, StageResult } from '../build/result.ts';
import { KNOWN } from '../certainty.ts';
import type { LayerEntry } from '../fs/entry.ts';
import { applyLayer, type DirNode, emptyTree, lstat } from '../fs/tree.ts';
import type { ByteSource } from './byte-source.ts';
import { type Compression, compressionOf, decompressed } from './decompress.ts';
import { ArchiveError } from './errors.ts';
import type { GoBuildInfo } from './go-buildinfo.ts';
import { parseConfigFile } from './image-config.ts';
import { type ArchiveFormat, planImage } from './image-layout.ts';
import { type LayerBudget, type LayerFiles, LayerReader } from './layer-reader.ts';
import { type ArchiveLimits, DEFAULT_LIMITS } from './limits.ts';
import { indexArchive, type OuterArchive, readJson, resolveMember } from './outer-archive.ts';
import { type PackageInventory, packageInventory } from './packages.ts';

export interface SavedLayer {
  /** The archive member holding it (`blobs/sha256/…`, `<id>/layer.tar`). */
  readonly blob: string;
  readonly compression: Compression;
  /** Bytes in the archive (compressed, when the layer is). */
  readonly archiveBytes: number;
  /** Uncompressed tar bytes. */
  readonly tarBytes: number;
  /** As `docker history` counts it: regular file bytes plus symlink target lengths. */
  readonly size: number;
  readonly entries: number;
}

/** A `docker history` row, oldest first (docker prints newest first). */
export interface SavedHistoryRow {
  readonly createdBy: string;
  readonly created?: string;
  readonly comment?: string;
  /** The layer it made, or null for a metadata-only instruction (SIZE 0B). */
  readonly layer: number | null;
  readonly size: number;
}

export interface SavedImage {
  readonly format: ArchiveFormat;
  readonly references: readonly string[];
  /** The config's digest, as `docker images` shows the IMAGE ID, when the archive names it. */
  readonly id: string | null;
  readonly os: string;
  readonly architecture: string;
  readonly created?: string;
  /** The image as the views take a build's target stage. */
  readonly stage: StageResult;
  readonly history: readonly SavedHistoryRow[];
  readonly layers: readonly SavedLayer[];
  readonly packages: PackageInventory;
  /** What the reader could not know or chose not to read, in a sentence each. */
  readonly notes: readonly string[];
}

export type ReadProgress =
  | { readonly phase: 'index' }
  | { readonly phase: 'metadata' }
  | {
      readonly phase: 'layer';
      readonly layer: number;
      readonly layers: number;
      /** Archive bytes of the layers read so far, of all of them. */
      readonly bytesRead: number;
      readonly totalBytes: number;
      /** The path last read. */
      readonly path: string;
    };

export interface ReadOptions {
  readonly limits?: Partial<ArchiveLimits>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

function checkCancel(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ArchiveError('archive/cancelled', 'reading the image was cancelled');
}

export async function readSavedImage(source: ByteSource, options: ReadOptions = {}): Promise<SavedImage> {
  const limits: ArchiveLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { signal, onProgress } = options;
  onProgress?.({ phase: 'index' });
  const archive = await indexArchive(source, limits);
  checkCancel(signal);
  onProgress?.({ phase: 'metadata' });
  const plan = await planImage(archive, limits);
  const config = parseConfigFile(await readJson(archive, plan.config, 'the manifest', limits));
  const blobs = plan.layers.map((name) => resolveMember(archive, name, 'the manifest'));
  const totalBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
  const budget: LayerBudget = { entries: 0, keptText: limits.keptTextBytes };
  const notes: string[] = [];
  if (plan.others > 0) notes.push(`The archive holds ${plan.others + 1} images; this is the first.`);

  let tree: DirNode = emptyTree();
  const built: BuiltLayer[] = [];
  const saved: SavedLayer[] = [];
  const goBuilds = new Map<object, GoBuildInfo>();
  let done = 0;
  let unpacked = { total: 0 };
  for (const [index, blob] of blobs.entries()) {
    checkCancel(signal);
    const read = await readLayer(archive, blob.offset, blob.size, index, {
      limits,
      budget,
      unpacked,
      ...(signal ? { signal } : {}),
      progress: (consumed, path) =>
        onProgress?.({
          phase: 'layer',
          layer: index,
          layers: blobs.length,
          bytesRead: done + consumed,
          totalBytes,
          path,
        }),
    });
    unpacked = read.unpacked;
    done += blob.size;
    const entries = [...opaqueWhiteouts(tree, read.files.opaque), ...read.files.entries];
    tree = applyLayer(tree, entries);
    for (const [entry, info] of read.files.goBuilds) goBuilds.set(entry, info);
    built.push({ createdBy: '', line: null, stage: null, size: read.files.size, certainty: KNOWN, entries });
    saved.push({
      blob: plan.layers[index] as string,
      compression: read.compression,
      archiveBytes: blob.size,
      tarBytes: read.tarBytes,
      size: read.files.size,
      entries: read.files.entries.length,
    });
  }
  const history = historyRows(config.history, saved, notes);
  const layers = built.map((layer, index) => ({
    ...layer,
    createdBy: history.find((row) => row.layer === index)?.createdBy ?? '',
  }));
  const reference = plan.references[0] ?? shortId(plan.config) ?? 'image';
  const stage: StageResult = {
    index: 0,
    name: null,
    reference,
    base: null,
    built: true,
    // Everything here is read from the saved image: known.
    certainty: KNOWN,
    tree,
    layers,
    history: history.map(
      (row): HistoryEntry => ({ createdBy: row.createdBy, line: null, stage: null, layer: row.layer }),
    ),
    config: config.config,
    size: saved.reduce((sum, layer) => sum + layer.size, 0),
  };
  if (budget.keptText <= 0)
    notes.push('Some text files were not kept: the image holds more text than the reader keeps.');
  const id = configDigest(plan.config);
  return {
    format: plan.format,
    references: plan.references,
    id,
    os: config.os,
    architecture: config.architecture,
    ...(config.created ? { created: config.created } : {}),
    stage,
    history,
    layers: saved,
    packages: packageInventory(tree, goBuilds),
    notes,
  };
}

function configDigest(name: string): string | null {
  const hex = /([a-f0-9]{64})(\.json)?$/.exec(name)?.[1];
  return hex ? `sha256:${hex}` : null;
}

function shortId(name: string): string | undefined {
  return configDigest(name)?.slice(7, 19);
}

/** An opaque directory hides what lower layers put in it: whiteouts for each of those names. */
function opaqueWhiteouts(tree: DirNode, opaque: readonly string[]): LayerEntry[] {
  const out: LayerEntry[] = [];
  for (const dir of opaque) {
    const node = lstat(tree, dir);
    if (node?.kind !== 'dir') continue;
    for (const name of node.children.keys())
      out.push({
        path: `${dir === '/' ? '' : dir}/${name}`,
        kind: 'whiteout',
        mode: 0,
        uid: 0,
        gid: 0,
        size: 0,
      });
  }
  return out;
}

/** The config's history with each layer-making row given its layer and size, as docker history shows. */
function historyRows(
  records: ReturnType<typeof parseConfigFile>['history'],
  layers: readonly SavedLayer[],
  notes: string[],
): SavedHistoryRow[] {
  let next = 0;
  const rows = records.map((record): SavedHistoryRow => {
    const layer = record.emptyLayer ? null : next < layers.length ? next++ : null;
    return {
      createdBy: record.createdBy,
      ...(record.created ? { created: record.created } : {}),
      ...(record.comment ? { comment: record.comment } : {}),
      layer,
      size: layer === null ? 0 : (layers[layer] as SavedLayer).size,
    };
  });
  // History is optional in the image spec: layers it does not describe still get a row.
  for (; next < layers.length; next++)
    rows.push({ createdBy: '', layer: next, size: (layers[next] as SavedLayer).size });
  if (records.length > 0 && rows.length !== records.length)
    notes.push('The image’s history describes fewer layers than it has.');
  return rows;
}

interface LayerRead {
  readonly files: LayerFiles;
  readonly compression: Compression;
  readonly tarBytes: number;
  readonly unpacked: { total: number };
}

async function readLayer(
  archive: OuterArchive,
  offset: number,
  size: number,
  index: number,
  context: {
    limits: ArchiveLimits;
    budget: LayerBudget;
    unpacked: { total: number };
    signal?: AbortSignal;
    progress: (consumed: number, path: string) => void;
  },
): Promise<LayerRead> {
  const { limits, signal } = context;
  const compression = size === 0 ? 'none' : compressionOf(await archive.source.read(offset, offset + 4));
  let consumed = 0;
  const counted = archive.source.stream(offset, offset + size).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        consumed += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = new LayerReader(index, limits, context.budget);
  const stream = decompressed(counted, compression).getReader();
  let tarBytes = 0;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await stream.read();
      } catch (error) {
        throw new ArchiveError(
          'archive/corrupt-layer',
          `layer ${index + 1} could not be decompressed (${compression}): ${(error as Error).message}. The file may be truncated or damaged.`,
        );
      }
      if (result.done) break;
      checkCancel(signal);
      tarBytes += result.value.length;
      context.unpacked.total += result.value.length;
      if (context.unpacked.total > limits.unpackedBytes)
        throw new ArchiveError(
          'archive/too-large',
          `the layers unpack to more than ${limits.unpackedBytes} bytes: refused as a decompression bomb`,
        );
      if (
        compression !== 'none' &&
        tarBytes > limits.ratioCheckAfter &&
        tarBytes > size * limits.compressionRatio
      )
        throw new ArchiveError(
          'archive/too-large',
          `layer ${index + 1} unpacks to more than ${limits.compressionRatio} times its ${size} compressed bytes: refused as a decompression bomb`,
        );
      reader.push(result.value);
      context.progress(consumed, reader.lastPath);
    }
  } catch (error) {
    await stream.cancel().catch(() => {});
    throw error;
  }
  return { files: reader.finish(), compression, tarBytes, unpacked: context.unpacked };
}
