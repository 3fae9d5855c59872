/**
 * One 512-byte tar header, as the formats `docker save` and BuildKit write: ustar with GNU long
 * names (`L`, `K`), pax records (`x`), base-256 sizes for files over 8 GiB.
 */
import { ArchiveError } from './errors.ts';

export const BLOCK = 512;

export type TarType =
  | 'file'
  | 'hardlink'
  | 'symlink'
  | 'dir'
  | 'pax'
  | 'pax-global'
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'other';

export interface TarHeader {
  readonly name: string;
  readonly linkName: string;
  readonly type: TarType;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

const decoder = new TextDecoder();

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return decoder.decode(bytes.subarray(start, end));
}

/** A numeric field: octal text, or GNU base-256 when the high bit of its first byte is set. */
function numeric(bytes: Uint8Array, start: number, length: number): number {
  const first = bytes[start] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (bytes[i] ?? 0);
    return value;
  }
  const digits = text(bytes, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits))
    throw new ArchiveError('archive/not-a-tar', 'not a tar archive: a header field is not a number');
  return Number.parseInt(digits, 8);
}

const TYPES: Readonly<Record<string, TarType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'dir',
  x: 'pax',
  g: 'pax-global',
  L: 'gnu-long-name',
  K: 'gnu-long-link',
};

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** Whether the block's checksum field matches its bytes: what tells a tar header from anything else. */
function checksumMatches(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  const field = text(block, 148, 8).trim();
  return field !== '' && /^[0-7]+$/.test(field) && Number.parseInt(field, 8) === sum;
}

export function parseHeader(block: Uint8Array): TarHeader {
  if (!checksumMatches(block))
    throw new ArchiveError('archive/not-a-tar', 'not a tar archive (a header checksum does not match)');
  const prefix = text(block, 257, 6).startsWith('ustar') ? text(block, 345, 155) : '';
  const name = text(block, 0, 100);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    linkName: text(block, 157, 100),
    type: TYPES[String.fromCharCode(block[156] ?? 0)] ?? 'other',
    size: numeric(block, 124, 12),
    mode: numeric(block, 100, 8) & 0o7777,
    uid: numeric(block, 108, 8),
    gid: numeric(block, 116, 8),
  };
}

/** pax records (`len key=value\n`) as a map; `path`, `linkpath` and `size` override the header. */
export function parsePax(bytes: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < bytes.length) {
    let space = offset;
    while (space < bytes.length && bytes[space] !== 0x20) space++;
    const length = Number.parseInt(decoder.decode(bytes.subarray(offset, space)), 10);
    if (!Number.isFinite(length) || length <= 0 || offset + length > bytes.length) break;
    const record = decoder.decode(bytes.subarray(space + 1, offset + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** The header with what pax or GNU long-name records said before it. */
export function withExtensions(
  header: TarHeader,
  pax: Map<string, string> | undefined,
  longName: string | undefined,
  longLink: string | undefined,
): TarHeader {
  const size = pax?.get('size');
  return {
    ...header,
    name: pax?.get('path') ?? longName ?? header.name,
    linkName: pax?.get('linkpath') ?? longLink ?? header.linkName,
    ...(size !== undefined && /^\d+$/.test(size) ? { size: Number(size) } : {}),
    ...(pax?.get('uid') && /^\d+$/.test(pax.get('uid') as string) ? { uid: Number(pax.get('uid')) } : {}),
    ...(pax?.get('gid') && /^\d+$/.test(pax.get('gid') as string) ? { gid: Number(pax.get('gid')) } : {}),
  };
}
