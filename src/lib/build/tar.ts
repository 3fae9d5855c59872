/** Lists the entries of a tar archive (ustar, with pax path records), for ADD of a local archive. */
import type { ArchiveEntry } from './context.ts';

const BLOCK = 512;

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** The pax extended header's `path` record, if any. */
function paxPath(bytes: Uint8Array): string | undefined {
  const records = new TextDecoder().decode(bytes);
  return /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records)?.[1];
}

export class TarError extends Error {}

export function listTar(bytes: Uint8Array): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (text(header, 257, 5) !== 'ustar' && !header.subarray(148, 156).some((byte) => byte !== 0)) {
      throw new TarError('not a tar archive');
    }
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0x30);
    const body = bytes.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(body);
      continue;
    }
    if (type === 'L') {
      longName = text(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    const path = name.replace(/^\.\//, '').replace(/\/$/, '');
    if (path === '' || path === '.') continue;
    const mode = octal(header, 100, 8) & 0o7777;
    const owner = { uid: octal(header, 108, 8), gid: octal(header, 116, 8) };
    const link = text(header, 157, 100).replace(/^\.\//, '');
    if (type === '5') entries.push({ path, kind: 'dir', size: 0, mode, ...owner });
    else if (type === '2') entries.push({ path, kind: 'symlink', size: 0, mode, target: link, ...owner });
    else if (type === '1') entries.push({ path, kind: 'hardlink', size: 0, mode, target: link, ...owner });
    else if (type === '0' || type === '\0' || type === '7')
      entries.push({ path, kind: 'file', size, mode, ...owner });
  }
  return entries;
}
