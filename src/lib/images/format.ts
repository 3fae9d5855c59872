/**
 * The catalog's data format: an index (images, tags, layers, sources) and one text file per layer,
 * one line per path. Shared by the generator (encode) and the loader (decode).
 *
 * A layer file is a JSON header line, then one line per entry in path order:
 *   <shared prefix length> TAB <rest of path> TAB <kind><octal mode> TAB <size> TAB <uid:gid> TAB <package> TAB <extra>
 * - the path is stored as the number of leading characters shared with the previous line's path
 *   plus the rest, which is what makes 30,000 paths cheap;
 * - kind: d directory, f file, l symlink, h hard link, w whiteout (the path is deleted);
 * - uid:gid is empty for 0:0, package is an index into the header's package table (empty: none);
 * - extra: the link target for l and h; for executables `E` (static ELF), `S` (shared object),
 *   `D<interpreter>` (dynamic ELF) or `#!<interpreter line>` (script).
 */

export const FORMAT_VERSION = 1;

export type { EntryKind, Exec, LayerEntry } from '../fs/entry.ts';

import type { EntryKind, Exec, LayerEntry } from '../fs/entry.ts';
import { compareText } from '../fs/entry.ts';

/** An installed package as the image's package database lists it. */
export interface PackageRecord {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
}

export interface LayerHeader {
  readonly format: number;
  /** packages this layer installed or upgraded */
  readonly packages: readonly PackageRecord[];
  /** packages this layer removed */
  readonly removedPackages?: readonly string[];
  /** the text of small files a build needs to read: /etc/passwd, /etc/group, /etc/os-release … */
  readonly contents: Readonly<Record<string, string>>;
}

export interface DecodedLayer {
  readonly header: LayerHeader;
  readonly entries: readonly LayerEntry[];
}

/** Where a figure or a layer's data comes from. */
export interface Source {
  readonly text: string;
  readonly url?: string;
  readonly date?: string;
}

/**
 * real: read from a real root filesystem (debootstrap + the official package sets, or the image's
 * own rootfs); modelled: built from the best evidence where no registry is reachable (the data says how);
 * calibrated: modelled, then file sizes scaled to match a published layer size.
 */
export type Provenance = 'real' | 'modelled' | 'calibrated';

export interface LayerRecord {
  readonly id: string;
  /** the Dockerfile instruction that created the layer, as `docker history` shows it */
  readonly createdBy: string;
  /** uncompressed bytes: regular file sizes (hard links once) plus symlink target lengths, as Docker counts */
  readonly size: number;
  readonly entries: number;
  /** gzip bytes of the layer file on the wire */
  readonly wireBytes: number;
  readonly provenance: Provenance;
  readonly note: string;
}

/** A `docker history` row: instructions that made no layer have `layer` undefined. */
export interface HistoryRecord {
  readonly createdBy: string;
  readonly layer?: string;
}

export interface ImageConfig {
  readonly Env: readonly string[];
  readonly Cmd: readonly string[] | null;
  readonly Entrypoint: readonly string[] | null;
  readonly User: string;
  readonly WorkingDir: string;
  readonly ExposedPorts: Readonly<Record<string, Record<string, never>>>;
  readonly Labels: Readonly<Record<string, string>>;
}

export interface PublishedFigure {
  /** uncompressed bytes (classic `docker images` SIZE, repo-info "Virtual Size") */
  readonly size?: number;
  /** compressed bytes (the pull size, repo-info "Total Size") */
  readonly compressedSize?: number;
  /** true when the figure is an approximation or a sibling image's, not this image's own */
  readonly estimate?: boolean;
  readonly source: Source;
}

export interface ImageRecord {
  /** canonical reference, e.g. `python:3.9.25-trixie` */
  readonly ref: string;
  /** every tag (with repository) that points at this image */
  readonly tags: readonly string[];
  readonly platform: 'linux/amd64';
  readonly digest?: { readonly value: string; readonly source: Source };
  readonly config: ImageConfig;
  readonly layers: readonly string[];
  readonly history: readonly HistoryRecord[];
  /** the sum of the layers' sizes */
  readonly size: number;
  readonly published?: PublishedFigure;
  /** the package manager's database, if the image has one (distroless keeps one file per package) */
  readonly packageDb?: { readonly manager: 'dpkg' | 'apk'; readonly path: string };
  readonly notes: readonly string[];
}

export interface CatalogIndex {
  readonly format: number;
  readonly generated: string;
  readonly images: readonly ImageRecord[];
  readonly layers: readonly LayerRecord[];
  /** `golang:1.24` style tags that are answered by the nearest modelled image */
  readonly nearest: readonly { readonly repository: string; readonly modelled: readonly string[] }[];
}

const KIND_CODE: Record<EntryKind, string> = {
  dir: 'd',
  file: 'f',
  symlink: 'l',
  hardlink: 'h',
  whiteout: 'w',
};
const CODE_KIND: Record<string, EntryKind> = {
  d: 'dir',
  f: 'file',
  l: 'symlink',
  h: 'hardlink',
  w: 'whiteout',
};

export function encodeLayer(header: LayerHeader, entries: readonly LayerEntry[]): string {
  const pkgIndex = new Map(header.packages.map((p, i) => [p.name, i]));
  const lines = [JSON.stringify(header)];
  let prev = '';
  for (const e of [...entries].sort((a, b) => compareText(a.path, b.path))) {
    let shared = 0;
    const max = Math.min(prev.length, e.path.length);
    while (shared < max && prev.charCodeAt(shared) === e.path.charCodeAt(shared)) shared++;
    const owner = e.uid === 0 && e.gid === 0 ? '' : `${e.uid}:${e.gid}`;
    const pkg = e.pkg === undefined ? '' : String(pkgIndex.get(e.pkg) ?? '');
    lines.push(
      [
        shared,
        e.path.slice(shared),
        KIND_CODE[e.kind] + e.mode.toString(8),
        e.size === 0 ? '' : e.size,
        owner,
        pkg,
        encodeExtra(e),
      ].join('\t'),
    );
    prev = e.path;
  }
  return `${lines.join('\n')}\n`;
}

function encodeExtra(e: LayerEntry): string {
  if (e.target !== undefined) return e.target;
  const x = e.exec;
  if (!x) return '';
  if (x.kind === 'script') return `#!${x.shebang}`;
  if (x.linkage === 'static') return 'E';
  if (x.linkage === 'shared') return 'S';
  return `D${x.interpreter}`;
}

export class CatalogFormatError extends Error {
  override readonly name = 'CatalogFormatError';
}

export function decodeLayer(text: string): DecodedLayer {
  const firstBreak = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, firstBreak)) as LayerHeader;
  if (header.format !== FORMAT_VERSION) {
    throw new CatalogFormatError(
      `catalog layer format ${header.format} is not ${FORMAT_VERSION}: regenerate the catalog`,
    );
  }
  const names = header.packages.map((p) => p.name);
  const entries: LayerEntry[] = [];
  let prev = '';
  let at = firstBreak + 1;
  // Hand-rolled field scanning: this loop runs for every path of every image a build loads.
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const t1 = text.indexOf('\t', at);
    const t2 = text.indexOf('\t', t1 + 1);
    const t3 = text.indexOf('\t', t2 + 1);
    const t4 = text.indexOf('\t', t3 + 1);
    const t5 = text.indexOf('\t', t4 + 1);
    const t6 = text.indexOf('\t', t5 + 1);
    if (t6 < 0 || t6 > end)
      throw new CatalogFormatError(`malformed catalog line after ${prev || 'the header'}`);
    const path = prev.slice(0, digits(text, at, t1, 10)) + text.slice(t1 + 1, t2);
    prev = path;
    const kind = CODE_KIND[text[t2 + 1] as string];
    if (!kind) throw new CatalogFormatError(`unknown entry kind ${text.slice(t2 + 1, t3)} at ${path}`);
    const mode = digits(text, t2 + 2, t3, 8);
    const size = digits(text, t3 + 1, t4, 10);
    let uid = 0;
    let gid = 0;
    if (t5 !== t4 + 1) {
      const colon = text.indexOf(':', t4 + 1);
      uid = digits(text, t4 + 1, colon, 10);
      gid = digits(text, colon + 1, t5, 10);
    }
    const pkg = t6 === t5 + 1 ? undefined : names[digits(text, t5 + 1, t6, 10)];
    const extra = end === t6 + 1 ? '' : text.slice(t6 + 1, end);
    at = end + 1;
    if (kind === 'symlink' || kind === 'hardlink') {
      entries.push(
        pkg === undefined
          ? { path, kind, mode, uid, gid, size, target: extra }
          : { path, kind, mode, uid, gid, size, target: extra, pkg },
      );
    } else if (extra !== '') {
      const exec = decodeExec(extra);
      entries.push(
        pkg === undefined
          ? { path, kind, mode, uid, gid, size, exec }
          : { path, kind, mode, uid, gid, size, exec, pkg },
      );
    } else {
      entries.push(
        pkg === undefined ? { path, kind, mode, uid, gid, size } : { path, kind, mode, uid, gid, size, pkg },
      );
    }
  }
  return { header, entries };
}

/** The unsigned integer written in `text` from `start` to `end` (empty: 0), without a substring. */
function digits(text: string, start: number, end: number, radix: 8 | 10): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d >= radix) throw new CatalogFormatError(`not a number: ${text.slice(start, end)}`);
    n = n * radix + d;
  }
  return n;
}

const EXEC_CACHE = new Map<string, Exec>();

/** Exec facts repeat (one interpreter for thousands of files): share one frozen object per spelling. */
function decodeExec(extra: string): Exec {
  let exec = EXEC_CACHE.get(extra);
  if (!exec) {
    exec = Object.freeze(parseExec(extra));
    EXEC_CACHE.set(extra, exec);
  }
  return exec;
}

function parseExec(extra: string): Exec {
  if (extra === 'E') return { kind: 'elf', linkage: 'static' };
  if (extra === 'S') return { kind: 'elf', linkage: 'shared' };
  if (extra.startsWith('D')) return { kind: 'elf', linkage: 'dynamic', interpreter: extra.slice(1) };
  return { kind: 'script', shebang: extra.slice(2) };
}

/** Byte-order comparison, so encoder and decoder agree whatever the locale. */
