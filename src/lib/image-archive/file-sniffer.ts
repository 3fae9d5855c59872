/**
 * What the layer reader learns from one file's bytes as they stream past, keeping only a bounded
 * head: an ELF file's interpreter and needed libraries, a script's shebang, Go build info, and
 * the whole text of the few files the analyses read (accounts, package databases, small scripts).
 */
import type { Exec } from '../fs/entry.ts';
import { type ElfLayout, elfLayout, isElf, neededLibraries } from './elf.ts';
import { GO_BUILDINFO_MAGIC, type GoBuildInfo, parseGoBuildInfo } from './go-buildinfo.ts';

const ELF_HEAD = 256 * 1024;
const SNIFF = 512;
const GO_INFO_BYTES = 64 * 1024;

export interface FileFacts {
  readonly exec?: Exec;
  readonly text?: string;
  readonly goBuild?: GoBuildInfo;
}

/** Which files' text the analyses and the package inventory read, with how much of it at most. */
export function textLimit(path: string, size: number): number {
  if (/^\/(etc\/(passwd|group|os-release|alpine-release|debian_version)|usr\/lib\/os-release)$/.test(path))
    return 1 << 20;
  if (
    /^\/(var\/lib\/dpkg\/status|lib\/apk\/db\/installed)$/.test(path) ||
    path.startsWith('/var/lib/dpkg/status.d/')
  )
    return 32 << 20;
  if (/\.(dist-info\/METADATA|egg-info\/PKG-INFO)$/.test(path)) return 1 << 20;
  if (path.endsWith('.py') || path.endsWith('.sh')) return 64 * 1024;
  return size <= 64 * 1024 ? -1 : 0;
}

class ByteList {
  readonly parts: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.parts.push(bytes.slice());
    this.length += bytes.length;
  }
  joined(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    this.parts.splice(0, this.parts.length, out);
    return out;
  }
}

export class FileSniffer {
  private readonly head = new ByteList();
  private headLimit = SNIFF;
  private position = 0;
  private layout: ElfLayout | undefined;
  private dynamic: ByteList | undefined;
  private goInfo: ByteList | undefined;
  private carry = new Uint8Array(0);
  private decided = false;
  private elf = false;

  private readonly size: number;
  private readonly executable: boolean;
  /** Bytes of text to keep: >0 always (up to it), -1 only for a script, 0 never. */
  private readonly keepText: number;

  constructor(size: number, executable: boolean, keepText: number) {
    this.size = size;
    this.executable = executable;
    this.keepText = keepText;
    if (keepText > 0 && size <= keepText) this.headLimit = size;
  }

  write(bytes: Uint8Array): void {
    const start = this.position;
    this.position += bytes.length;
    // Deciding what the file is can raise the limit: keep the rest of this chunk too.
    for (let used = 0; this.head.length < this.headLimit && used < bytes.length; ) {
      const part = bytes.subarray(used, used + this.headLimit - this.head.length);
      this.head.push(part);
      used += part.length;
      if (!this.decided && this.head.length >= Math.min(4, this.size)) this.decide();
      if (this.elf && this.head.length >= this.headLimit) this.elfReady();
    }
    if (this.dynamic) this.keepDynamic(bytes, start);
    if (this.elf && this.executable) this.scanGo(bytes);
  }

  /** The first bytes say what the file is, and so how much of it to keep. */
  private decide(): void {
    this.decided = true;
    const first = this.head.joined();
    this.elf = isElf(first);
    if (this.elf) this.headLimit = Math.min(this.size, ELF_HEAD);
    else if (first[0] === 0x23 && first[1] === 0x21 && this.keepText === -1) this.headLimit = this.size;
  }

  /** Once the head is complete: the layout, and whether the dynamic segment lies further on. */
  private elfReady(): void {
    if (this.layout) return;
    this.layout = elfLayout(this.head.joined());
    const dynamic = this.layout?.dynamic;
    if (dynamic && dynamic.offset + dynamic.size > this.head.length && dynamic.size <= 1 << 20)
      this.dynamic = new ByteList();
  }

  private keepDynamic(bytes: Uint8Array, start: number): void {
    const dynamic = this.layout?.dynamic;
    if (!dynamic || !this.dynamic) return;
    const from = Math.max(dynamic.offset, start) - start;
    const to = Math.min(dynamic.offset + dynamic.size, start + bytes.length) - start;
    if (to > from) this.dynamic.push(bytes.subarray(from, to));
  }

  private scanGo(bytes: Uint8Array): void {
    if (this.goInfo) {
      if (this.goInfo.length < GO_INFO_BYTES)
        this.goInfo.push(bytes.subarray(0, GO_INFO_BYTES - this.goInfo.length));
      return;
    }
    const joined = new Uint8Array(this.carry.length + bytes.length);
    joined.set(this.carry);
    joined.set(bytes, this.carry.length);
    const at = indexOf(joined, GO_BUILDINFO_MAGIC);
    if (at >= 0) {
      this.goInfo = new ByteList();
      this.goInfo.push(joined.subarray(at, at + GO_INFO_BYTES));
      return;
    }
    this.carry = joined.slice(Math.max(0, joined.length - GO_BUILDINFO_MAGIC.length + 1));
  }

  finish(): FileFacts {
    if (!this.decided && this.head.length > 0) this.decide();
    if (this.elf) this.elfReady();
    const head = this.head.joined();
    const facts: { exec?: Exec; text?: string; goBuild?: GoBuildInfo } = {};
    if (this.layout) facts.exec = this.elfExec(this.layout, head);
    else if (head[0] === 0x23 && head[1] === 0x21) {
      const line =
        new TextDecoder().decode(head.subarray(2, Math.min(head.length, SNIFF))).split('\n')[0] ?? '';
      facts.exec = { kind: 'script', shebang: line.trim() };
    }
    const keepsText = this.keepText > 0 || (this.keepText === -1 && facts.exec?.kind === 'script');
    if (keepsText && head.length === this.size && !isElf(head)) facts.text = new TextDecoder().decode(head);
    if (this.goInfo) {
      const info = parseGoBuildInfo(this.goInfo.joined());
      if (info) facts.goBuild = info;
    }
    return facts;
  }

  private elfExec(layout: ElfLayout, head: Uint8Array): Exec {
    const dynamicBytes = this.dynamic
      ? this.dynamic.joined()
      : layout.dynamic && layout.dynamic.offset + layout.dynamic.size <= head.length
        ? head.subarray(layout.dynamic.offset, layout.dynamic.offset + layout.dynamic.size)
        : undefined;
    const needed =
      dynamicBytes && dynamicBytes.length === layout.dynamic?.size
        ? neededLibraries(layout, dynamicBytes, (offset, size) =>
            offset + size <= head.length ? head.subarray(offset, offset + size) : undefined,
          )
        : layout.dynamic
          ? undefined
          : [];
    const withNeeded = needed ? { needed } : {};
    if (layout.interpreter)
      return { kind: 'elf', linkage: 'dynamic', interpreter: layout.interpreter, ...withNeeded };
    if (layout.type === 2 || needed?.length === 0) return { kind: 'elf', linkage: 'static' };
    const libc = needed?.some((name) => name.startsWith('libc.musl'))
      ? 'musl'
      : needed?.includes('libc.so.6')
        ? 'glibc'
        : undefined;
    return { kind: 'elf', linkage: 'shared', ...(libc ? { libc } : {}), ...withNeeded };
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0] as number;
  for (
    let at = haystack.indexOf(first);
    at >= 0 && at + needle.length <= haystack.length;
    at = haystack.indexOf(first, at + 1)
  ) {
    let match = true;
    for (let i = 1; i < needle.length; i++)
      if (haystack[at + i] !== needle[i]) {
        match = false;
        break;
      }
    if (match) return at;
  }
  return -1;
}
