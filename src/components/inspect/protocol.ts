/** The messages between the /inspect/ page and the worker that reads a saved image. */
import type { Analysis } from '../../lib/analysis/analyze.ts';
import type { DirNode } from '../../lib/fs/tree.ts';
import type { ArchiveErrorCode } from '../../lib/image-archive/errors.ts';
import type { ReadProgress, SavedImage } from '../../lib/image-archive/read-image.ts';

export type InspectRequest = { readonly kind: 'open'; readonly file: Blob } | { readonly kind: 'cancel' };

export interface InspectResult {
  readonly image: SavedImage;
  /** The image's files after each layer, for the layer explorer. */
  readonly trees: readonly DirNode[];
  readonly analysis: Analysis;
  readonly readMs: number;
}

export type InspectResponse =
  | { readonly kind: 'progress'; readonly progress: ReadProgress }
  | { readonly kind: 'done'; readonly result: InspectResult }
  | { readonly kind: 'failed'; readonly code: ArchiveErrorCode | 'internal'; readonly message: string };
