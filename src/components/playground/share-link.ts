/**
 * The playground state in a link: versioned JSON after `#s=`, compressed by compressed-json.ts. The
 * fragment never reaches a server. A link is untrusted input: the codec bounds its size and the
 * state is rebuilt through checkState.
 */
import { type CodecLimits, decodeJson, encodeJson } from './compressed-json.ts';
import { checkState, type PlaygroundState } from './state.ts';

const HASH_KEY = 's';
/** Format of the encoded JSON; a later format bumps it and keeps reading this one. */
const VERSION = 1;

export const LINK_LIMITS: CodecLimits = {
  /** Characters after `#s=`: about 48 KiB of compressed state, far beyond any exercise. */
  encoded: 64 * 1024,
  /** Bytes of JSON once inflated, so a small deflate bomb cannot fill memory. */
  inflated: 1024 * 1024,
};

export type LinkDecode =
  | { readonly ok: true; readonly state: PlaygroundState }
  | { readonly ok: false; readonly message: string };

export async function encodeState(state: PlaygroundState): Promise<string> {
  return encodeJson({ v: VERSION, files: state.files, active: state.active });
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
  const decoded = await decodeJson(encoded, LINK_LIMITS, 'a playground');
  if (!decoded.ok) return decoded;
  const { value } = decoded;
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== VERSION) {
    return { ok: false, message: 'it was made by a different version of the playground' };
  }
  return checkState(value);
}
