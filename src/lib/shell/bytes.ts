/**
 * Data that is not text: what dd and head -c read from /dev/zero and /dev/urandom, or from a
 * file whose bytes the simulator does not hold. Such data travels through pipes and into files
 * by its size and content identity only, so `dd bs=1G count=1` costs no memory.
 */
import { contentDigest } from '../fs/content.ts';

/** Bytes known by count and identity (equal ids, equal bytes), not as text. */
export interface OpaqueBytes {
  readonly size: number;
  readonly contentId: string;
}

/** A stream's data: text where the simulator has it, else opaque bytes. */
export type Bytes = string | OpaqueBytes;

/** Zeros up to this many are kept as text (a later `tr` or `cat` can read them); more are opaque. */
const ZERO_TEXT_LIMIT = 64 * 1024;

const encoder = new TextEncoder();

export function byteLength(data: Bytes): number {
  return typeof data === 'string' ? encoder.encode(data).length : data.size;
}

/** The identity of the data, as a file holding it would have. */
export function contentIdOfBytes(data: Bytes): string {
  return typeof data === 'string' ? `sha:${contentDigest(data)}` : data.contentId;
}

/** `first` then `second`: text stays text; anything opaque makes the whole opaque. */
export function concatBytes(first: Bytes, second: Bytes): Bytes {
  if (typeof first === 'string' && typeof second === 'string') return first + second;
  if (byteLength(first) === 0) return second;
  if (byteLength(second) === 0) return first;
  return {
    size: byteLength(first) + byteLength(second),
    contentId: `cat:${contentDigest(`${contentIdOfBytes(first)}+${contentIdOfBytes(second)}`)}`,
  };
}

/** Bytes `start` to `end` (not included) of the data: text while the cut falls between characters. */
export function sliceBytes(data: Bytes, start: number, end = Number.POSITIVE_INFINITY): Bytes {
  const size = byteLength(data);
  const from = Math.min(start, size);
  const to = Math.max(from, Math.min(end, size));
  if (from === 0 && to === size) return data;
  if (typeof data === 'string') {
    // ASCII text: one character, one byte.
    if (!/[\u0080-\uffff]/.test(data)) return data.slice(from, to);
    const bytes = encoder.encode(data).slice(from, to);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (encoder.encode(text).length === bytes.length) return text;
  }
  return { size: to - from, contentId: `${contentIdOfBytes(data)}[${from}:${to}]` };
}

/** A device RUN can read: /dev/zero, /dev/urandom (and /dev/random), /dev/null. */
export type Device = 'zero' | 'random' | 'null';

export function deviceAt(path: string): Device | undefined {
  if (path === '/dev/zero') return 'zero';
  if (path === '/dev/urandom' || path === '/dev/random') return 'random';
  if (path === '/dev/null') return 'null';
  return undefined;
}

/**
 * Reads of /dev/urandom so far. Each read is new data, unlike any other file's, so its identity
 * must never repeat: this count is the one piece of state the shell keeps between builds.
 */
let randomReads = 0;

/** `size` bytes read from a device: zeros are known bytes, random bytes new data every time. */
export function readDevice(device: Device, size: number): Bytes {
  if (device === 'null' || size === 0) return '';
  if (device === 'zero')
    return size <= ZERO_TEXT_LIMIT ? '\0'.repeat(size) : { size, contentId: `zero:${size}` };
  randomReads += 1;
  return { size, contentId: `random:${randomReads}:${size}` };
}

const DECIMAL: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * A byte count as dd and head take it: `N`, `Nc` (1), `Nw` (2), `Nb` (512), `NK` `NKiB` `NM` … (powers
 * of 1024), `NkB` `NMB` … (powers of 1000), and dd's products `2x512`. Undefined when it is not one.
 */
export function parseByteCount(text: string, products = false): number | undefined {
  if (products && text.includes('x')) {
    const factors = text.split('x').map((part) => parseByteCount(part));
    return factors.some((factor) => factor === undefined)
      ? undefined
      : factors.reduce<number>((total, factor) => total * (factor as number), 1);
  }
  const match = /^(\d+)(c|w|b|[kKMGTPE](?:iB|B)?)?$/.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2] ?? '';
  if (unit === '' || unit === 'c') return count;
  if (unit === 'w') return count * 2;
  if (unit === 'b') return count * 512;
  const power = DECIMAL[unit[0] as string] as number;
  return count * (unit.endsWith('B') && !unit.endsWith('iB') ? 1000 : 1024) ** power;
}
