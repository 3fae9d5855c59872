/**
 * The playground state in a link: JSON, deflated with the browser's CompressionStream and written
 * as base64url after `#s=`. The fragment never reaches a server. A link is untrusted input, so
 * decoding bounds every stage (characters, compressed bytes, inflated bytes) before it parses.
 */
import { checkState, type PlaygroundState } from './state.ts';

const HASH_KEY = 's';
/** Format of the encoded JSON; a later format bumps it and keeps reading this one. */
const VERSION = 1;

export const LINK_LIMITS = {
  /** Characters after `#s=`: about 48 KiB of compressed state, far beyond any exercise. */
  encoded: 64 * 1024,
  /** Bytes of JSON once inflated, so a small deflate bomb cannot fill memory. */
  inflated: 1024 * 1024,
} as const;

export type LinkDecode =
  | { readonly ok: true; readonly state: PlaygroundState }
  | { readonly ok: false; readonly message: string };

export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = JSON.stringify({ v: VERSION, files: state.files, active: state.active });
  const compressed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return toBase64Url(compressed);
}

/** The link for a state, on the page at `base` (any existing fragment is replaced). */
export async function shareUrl(base: string, state: PlaygroundState): Promise<string> {
  const url = new URL(base);
  url.hash = `${HASH_KEY}=${await encodeState(state)}`;
  return url.href;
}

/** The encoded state in a location hash (`#s=…`), or undefined when the hash holds none. */
export function encodedStateIn(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY) ?? undefined;
}

export async function decodeState(encoded: string): Promise<LinkDecode> {
  if (encoded.length > LINK_LIMITS.encoded) return refuse('it is too long');
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return refuse('it is not a playground link');
  const compressed = fromBase64Url(encoded);
  if (compressed === undefined) return refuse('it is cut short');
  let inflate: DecompressionStream;
  try {
    inflate = new DecompressionStream('deflate-raw');
  } catch {
    return refuse('this browser cannot unpack it');
  }
  const inflated = await pipe(compressed, inflate, LINK_LIMITS.inflated).catch((error: unknown) =>
    error instanceof TooLarge ? error : undefined,
  );
  if (inflated instanceof TooLarge) return refuse('it unpacks to more than a playground can hold');
  if (inflated === undefined) return refuse('it is damaged (it does not unpack)');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return refuse('it is damaged (it does not hold a playground)');
  }
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== VERSION) {
    return refuse('it was made by a different version of the playground');
  }
  const checked = checkState(value);
  return checked.ok ? checked : refuse(checked.message);
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

function refuse(reason: string): LinkDecode {
  return { ok: false, message: reason };
}
