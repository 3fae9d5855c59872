/**
 * One layer's tar, parsed as its bytes stream in: every entry becomes a LayerEntry (whiteouts and
 * opaque directories as overlayfs reads them), each file's facts come from a FileSniffer, and no
 * file's data is kept beyond what the sniffer keeps.
 */

import type { LayerEntry } from '../fs/entry.ts';
import { cleanPath } from '../fs/path.ts';
import { ArchiveError } from './errors.ts';
import { FileSniffer, textLimit } from './file-sniffer.ts';
import type { GoBuildInfo } from './go-buildinfo.ts';
import type { ArchiveLimits } from './limits.ts';
import {
  BLOCK,
  isZeroBlock,
  paddedSize,
  parseHeader,
  parsePax,
  type TarHeader,
  withExtensions,
} from './tar-header.ts';

/** A layer entry whose text the reader kept: the tree's file node then carries it. */
export type ReadEntry = LayerEntry & { readonly content?: string };

export interface LayerFiles {
  readonly entries: readonly ReadEntry[];
  /** Directories whose lower contents this layer hides (`.wh..wh..opq`). */
  readonly opaque: readonly string[];
  /** As Docker counts it: regular file bytes plus symlink target lengths. */
  readonly size: number;
  readonly goBuilds: ReadonlyMap<ReadEntry, GoBuildInfo>;
}

export interface LayerBudget {
  entries: number;
  keptText: number;
}

type Sink =
  | { readonly kind: 'skip' }
  | { readonly kind: 'record'; readonly type: TarHeader['type']; readonly bytes: Uint8Array; filled: number }
  | {
      readonly kind: 'file';
      readonly entry: Omit<ReadEntry, 'exec' | 'content'>;
      readonly sniffer: FileSniffer;
    };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LayerReader {
  private readonly entries: ReadEntry[] = [];
  private readonly opaque: string[] = [];
  private readonly goBuilds = new Map<ReadEntry, GoBuildInfo>();
  private size = 0;
  private header = new Uint8Array(BLOCK);
  private headerFilled = 0;
  private remaining = 0;
  private padding = 0;
  private sink: Sink = { kind: 'skip' };
  private ended = false;
  private pax: Map<string, string> | undefined;
  private longName: string | undefined;
  private longLink: string | undefined;
  private inBody = false;
  /** The path of the entry read last, for progress. */
  lastPath = '';

  private readonly layer: number;
  private readonly limits: ArchiveLimits;
  private readonly budget: LayerBudget;

  constructor(layer: number, limits: ArchiveLimits, budget: LayerBudget) {
    this.layer = layer;
    this.limits = limits;
    this.budget = budget;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.inBody) at = this.body(chunk, at);
      else if (this.padding > 0) {
        const step = Math.min(this.padding, chunk.length - at);
        this.padding -= step;
        at += step;
      } else {
        const step = Math.min(BLOCK - this.headerFilled, chunk.length - at);
        this.header.set(chunk.subarray(at, at + step), this.headerFilled);
        this.headerFilled += step;
        at += step;
        if (this.headerFilled === BLOCK) {
          this.headerFilled = 0;
          this.onHeader();
        }
      }
    }
  }

  finish(): LayerFiles {
    // Every layer writer ends the tar with zero blocks: without them, the layer was cut short.
    if (!this.ended && (this.inBody || this.headerFilled > 0 || this.entries.length > 0))
      throw new ArchiveError(
        'archive/truncated',
        `layer ${this.layer + 1} ends in the middle of a file: the archive is truncated or the layer is damaged`,
      );
    return { entries: this.entries, opaque: this.opaque, size: this.size, goBuilds: this.goBuilds };
  }

  private body(chunk: Uint8Array, at: number): number {
    const step = Math.min(this.remaining, chunk.length - at);
    const bytes = chunk.subarray(at, at + step);
    const sink = this.sink;
    if (sink.kind === 'file') sink.sniffer.write(bytes);
    else if (sink.kind === 'record') {
      sink.bytes.set(bytes, sink.filled);
      sink.filled += step;
    }
    this.remaining -= step;
    if (this.remaining === 0) this.endBody();
    return at + step;
  }

  private onHeader(): void {
    if (isZeroBlock(this.header)) {
      this.ended = true;
      return;
    }
    let raw: TarHeader;
    try {
      raw = parseHeader(this.header);
    } catch {
      throw new ArchiveError(
        'archive/corrupt-layer',
        `layer ${this.layer + 1} is not a tar archive, or is damaged`,
      );
    }
    this.padding = paddedSize(raw.size) - raw.size;
    this.remaining = raw.size;
    if (
      raw.type === 'pax' ||
      raw.type === 'gnu-long-name' ||
      raw.type === 'gnu-long-link' ||
      raw.type === 'pax-global'
    ) {
      if (raw.size > this.limits.paxBytes)
        throw new ArchiveError(
          'archive/too-large',
          `layer ${this.layer + 1} has a tar header record of ${raw.size} bytes, more than any real layer needs`,
        );
      this.sink = { kind: 'record', type: raw.type, bytes: new Uint8Array(raw.size), filled: 0 };
    } else this.sink = this.entryFor(withExtensions(raw, this.pax, this.longName, this.longLink));
    if (this.sink.kind !== 'record') this.pax = this.longName = this.longLink = undefined;
    this.inBody = raw.size > 0;
    if (!this.inBody) this.endBody();
  }

  private endBody(): void {
    this.inBody = false;
    const sink = this.sink;
    if (sink.kind === 'record') {
      if (sink.type === 'pax') this.pax = parsePax(sink.bytes);
      else if (sink.type === 'gnu-long-name') this.longName = decoder.decode(sink.bytes).replace(/\0+$/, '');
      else if (sink.type === 'gnu-long-link') this.longLink = decoder.decode(sink.bytes).replace(/\0+$/, '');
    } else if (sink.kind === 'file') {
      const facts = sink.sniffer.finish();
      let content = facts.text;
      if (content !== undefined) {
        if (this.budget.keptText < content.length) content = undefined;
        else this.budget.keptText -= content.length;
      }
      const entry: ReadEntry = {
        ...sink.entry,
        ...(facts.exec ? { exec: facts.exec } : {}),
        ...(content !== undefined ? { content } : {}),
      };
      this.entries.push(entry);
      if (facts.goBuild) this.goBuilds.set(entry, facts.goBuild);
    }
    this.sink = { kind: 'skip' };
  }

  /** An absolute path inside the image, or a refusal when the name climbs out of the root. */
  private imagePath(name: string): string {
    if (encoder.encode(name).length > this.limits.pathBytes)
      throw new ArchiveError(
        'archive/too-large',
        `layer ${this.layer + 1} has a path longer than ${this.limits.pathBytes} bytes`,
      );
    const relative = cleanPath(name.replace(/^\/+/, ''));
    if (relative === '..' || relative.startsWith('../'))
      throw new ArchiveError(
        'archive/outside',
        `layer ${this.layer + 1} holds ${name}, a path outside the image's root: Docker refuses to load such a layer, and so does this reader`,
      );
    return relative === '.' ? '/' : `/${relative}`;
  }

  private entryFor(header: TarHeader): Sink {
    if (++this.budget.entries > this.limits.layerEntries)
      throw new ArchiveError(
        'archive/too-large',
        `the layers hold more than ${this.limits.layerEntries} files: more than this reader keeps track of`,
      );
    const path = this.imagePath(header.name);
    if (path === '/') return { kind: 'skip' };
    this.lastPath = path;
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    const meta = { mode: header.mode, uid: header.uid, gid: header.gid };
    if (base === '.wh..wh..opq') {
      this.opaque.push(path.slice(0, slash) || '/');
      return { kind: 'skip' };
    }
    if (base.startsWith('.wh.')) {
      this.entries.push({
        path: `${path.slice(0, slash)}/${base.slice(4)}`,
        kind: 'whiteout',
        ...meta,
        size: 0,
      });
      return { kind: 'skip' };
    }
    if (header.type === 'dir') this.entries.push({ path, kind: 'dir', ...meta, size: 0 });
    else if (header.type === 'symlink') {
      if (encoder.encode(header.linkName).length > this.limits.pathBytes)
        throw new ArchiveError(
          'archive/too-large',
          `layer ${this.layer + 1} has a link target longer than ${this.limits.pathBytes} bytes`,
        );
      this.size += encoder.encode(header.linkName).length;
      this.entries.push({ path, kind: 'symlink', ...meta, size: 0, target: header.linkName });
    } else if (header.type === 'hardlink')
      this.entries.push({
        path,
        kind: 'hardlink',
        ...meta,
        size: 0,
        target: this.imagePath(header.linkName),
      });
    else if (header.type === 'file') {
      this.size += header.size;
      const entry = { path, kind: 'file' as const, ...meta, size: header.size };
      const sniffer = new FileSniffer(header.size, (header.mode & 0o111) !== 0, textLimit(path, header.size));
      if (header.size === 0) {
        this.entries.push(textLimit(path, 0) > 0 ? { ...entry, content: '' } : entry);
        return { kind: 'skip' };
      }
      return { kind: 'file', entry, sniffer };
    }
    return { kind: 'skip' };
  }
}
