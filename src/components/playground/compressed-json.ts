/**
 * JSON in a URL fragment: deflated with the browser's CompressionStream and written as base64url.
 * Shared links, embedded playgrounds and custom exercises use it. What comes back from a URL is
 * untrusted, so decoding bounds every stage (characters, compressed bytes, inflated bytes) before
 * JSON.parse sees it; the caller then checks the value's shape.
 */

export interface CodecLimits {
  /** Characters of base64url text. */
  readonly encoded: number;
  /** Bytes of JSON once inflated, so a small deflate bomb cannot fill memory. */
  readonly inflated: number;
}

export type JsonDecode =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

export async function encodeJson(value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  return toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** The JSON value in `encoded`; `what` names it in refusals ("it is not a playground link"). */
export async function decodeJson(encoded: string, limits: CodecLimits, what: string): Promise<JsonDecode> {
  if (encoded.length > limits.encoded) return refuse('it is too long');
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return refuse(`it is not ${what} link`);
  const compressed = fromBase64Url(encoded);
  if (compressed === undefined) return refuse('it is cut short');
  let inflate: DecompressionStream;
  try {
    inflate = new DecompressionStream('deflate-raw');
  } catch {
    return refuse('this browser cannot unpack it');
  }
  const inflated = await pipe(compressed, inflate, limits.inflated).catch((error: unknown) =>
    error instanceof TooLarge ? error : undefined,
  );
  if (inflated instanceof TooLarge) return refuse(`it unpacks to more than ${what} can hold`);
  if (inflated === undefined) return refuse('it is damaged (it does not unpack)');
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated)) };
  } catch {
    return refuse(`it is damaged (it does not hold ${what})`);
  }
}

class TooLarge extends Error {}

/** Runs bytes through a transform stream, giving up once the output passes `limit` bytes. */
async function pipe(
  input: Uint8Array,
  transform: TransformStream<BufferSource, Uint8Array>,
  limit = Infinity,
) {
  const writer = transform.writable.getWriter();
  // Write and close without awaiting: the reader below drains the output as the input goes in.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    length += chunk.value.length;
    if (length > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(chunk.value);
  }
  const output = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    output.set(chunk, at);
    at += chunk.length;
  }
  return output;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  // A base64 string of length 4n+1 cannot come from whole bytes.
  if (text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function refuse(message: string): JsonDecode {
  return { ok: false, message };
}
