/**
 * A deterministic ustar writer for the oracle's cases: a context.tar keeps what a checkout loses
 * (modes, empty folders, symlinks, hard links, owners inside an archive that ADD extracts).
 */

export type TarEntry =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly data: Uint8Array;
      readonly mode: number;
      readonly uid?: number;
      readonly gid?: number;
    }
  | {
      readonly kind: 'dir';
      readonly path: string;
      readonly mode: number;
      readonly uid?: number;
      readonly gid?: number;
    }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string }
  | { readonly kind: 'hardlink'; readonly path: string; readonly target: string };

const BLOCK = 512;
const encoder = new TextEncoder();

function put(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new Error(`tar field too long: ${value}`);
  header.set(bytes, offset);
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function header(
  entry: TarEntry,
  size: number,
  linked?: { mode: number; uid?: number | undefined; gid?: number | undefined },
): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const name = entry.kind === 'dir' ? `${entry.path}/` : entry.path;
  put(h, 0, 100, name);
  const mode = entry.kind === 'file' || entry.kind === 'dir' ? entry.mode : (linked?.mode ?? 0o777);
  const owned: { uid?: number | undefined; gid?: number | undefined } =
    entry.kind === 'file' || entry.kind === 'dir' ? entry : (linked ?? {});
  put(h, 100, 8, octal(mode, 8));
  put(h, 108, 8, octal(owned.uid ?? 0, 8));
  put(h, 116, 8, octal(owned.gid ?? 0, 8));
  put(h, 124, 12, octal(size, 12));
  put(h, 136, 12, octal(0, 12));
  const type = { file: '0', hardlink: '1', symlink: '2', dir: '5' }[entry.kind];
  put(h, 156, 1, type);
  if (entry.kind === 'symlink' || entry.kind === 'hardlink') put(h, 157, 100, entry.target);
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 148, 8, '        ');
  const sum = h.reduce((total, byte) => total + byte, 0);
  put(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/**
 * The archive's bytes: entries in the order given, two zero blocks at the end. A hard link's
 * header repeats its target's mode and owner, as tar(1) writes it (extracting applies it last).
 */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const byPath = new Map(entries.map((e) => [e.path, e]));
  for (const entry of entries) {
    const data = entry.kind === 'file' ? entry.data : new Uint8Array(0);
    const target = entry.kind === 'hardlink' ? byPath.get(entry.target) : undefined;
    const meta =
      target?.kind === 'file' ? { mode: target.mode, uid: target.uid, gid: target.gid } : undefined;
    parts.push(header(entry, data.length, meta));
    if (data.length > 0) {
      const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
      padded.set(data);
      parts.push(padded);
    }
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
