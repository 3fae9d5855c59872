/**
 * A layer blob as a stream of tar bytes: gzip through the platform's DecompressionStream, zstd
 * through fzstd's streaming decoder, uncompressed as is; told apart by their first bytes, as
 * containerd does, whatever the media type claims.
 */
import { Decompress } from 'fzstd';

export type Compression = 'none' | 'gzip' | 'zstd';

export function compressionOf(first: Uint8Array): Compression {
  if (first[0] === 0x1f && first[1] === 0x8b) return 'gzip';
  if (first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd) return 'zstd';
  return 'none';
}

function zstdStream(): TransformStream<Uint8Array, Uint8Array> {
  let decoder: Decompress;
  return new TransformStream({
    start(controller) {
      decoder = new Decompress((chunk) => controller.enqueue(chunk));
    },
    transform(chunk) {
      decoder.push(chunk);
    },
    flush() {
      decoder.push(new Uint8Array(0), true);
    },
  });
}

export function decompressed(
  stream: ReadableStream<Uint8Array>,
  compression: Compression,
): ReadableStream<Uint8Array> {
  if (compression === 'gzip')
    return stream.pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
    );
  if (compression === 'zstd') return stream.pipeThrough(zstdStream());
  return stream;
}
