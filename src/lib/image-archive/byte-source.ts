/**
 * Where a saved image's bytes come from: a Blob (a File the learner picked, or Node's
 * `fs.openAsBlob`), read by slices, so that a 1 GB archive is never in memory at once.
 */

export interface ByteSource {
  readonly size: number;
  /** The bytes from `start` to `end` (fewer at the end of the source). */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes from `start` to `end` as a stream of chunks. */
  stream(start: number, end: number): ReadableStream<Uint8Array>;
}

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    stream: (start, end) => blob.slice(start, end).stream() as ReadableStream<Uint8Array>,
  };
}

/** A source over bytes already in memory (tests and small archives). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]));
}
