/**
 * What an ELF file's headers say about running it: its interpreter (PT_INTERP) and the libraries
 * it needs (DT_NEEDED), read from the first bytes of the file and its dynamic segment, which the
 * layer reader captures as the file streams past.
 */

export interface ElfLayout {
  /** ET_EXEC 2, ET_DYN 3. */
  readonly type: number;
  readonly interpreter?: string;
  /** The dynamic segment's place in the file, when it has one. */
  readonly dynamic?: { readonly offset: number; readonly size: number };
  readonly is64: boolean;
  readonly loads: readonly { readonly vaddr: number; readonly offset: number; readonly size: number }[];
}

export function isElf(head: Uint8Array): boolean {
  return head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** Little-endian ELF only (x86-64, arm64, 386, arm); undefined for anything the head cannot answer. */
export function elfLayout(head: Uint8Array): ElfLayout | undefined {
  if (!isElf(head) || head.length < 52 || head[5] !== 1) return undefined;
  const is64 = head[4] === 2;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const word = (at: number) => (is64 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true));
  const type = view.getUint16(16, true);
  const phoff = word(is64 ? 32 : 28);
  const phentsize = view.getUint16(is64 ? 54 : 42, true);
  const phnum = view.getUint16(is64 ? 56 : 44, true);
  if (phoff + phnum * phentsize > head.length) return undefined;
  let interpreter: string | undefined;
  let dynamic: ElfLayout['dynamic'];
  const loads: { vaddr: number; offset: number; size: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const kind = view.getUint32(at, true);
    const offset = word(at + (is64 ? 8 : 4));
    const vaddr = word(at + (is64 ? 16 : 8));
    const size = word(at + (is64 ? 32 : 16));
    if (kind === 1) loads.push({ vaddr, offset, size });
    else if (kind === 2) dynamic = { offset, size };
    else if (kind === 3 && offset + size <= head.length) {
      interpreter = new TextDecoder().decode(head.subarray(offset, offset + size)).replace(/\0.*$/s, '');
    }
  }
  return { type, is64, loads, ...(interpreter ? { interpreter } : {}), ...(dynamic ? { dynamic } : {}) };
}

/**
 * The DT_NEEDED names, given the dynamic segment's bytes and a reader of file ranges the reader
 * kept; undefined when the string table lies where nothing was kept (a library with a huge one).
 */
export function neededLibraries(
  layout: ElfLayout,
  dynamic: Uint8Array,
  readKept: (offset: number, size: number) => Uint8Array | undefined,
): string[] | undefined {
  const view = new DataView(dynamic.buffer, dynamic.byteOffset, dynamic.byteLength);
  const entry = layout.is64 ? 16 : 8;
  const needed: number[] = [];
  let strtab = -1;
  let strsz = 0;
  for (let at = 0; at + entry <= dynamic.length; at += entry) {
    const tag = layout.is64 ? Number(view.getBigInt64(at, true)) : view.getInt32(at, true);
    const value = layout.is64 ? Number(view.getBigUint64(at + 8, true)) : view.getUint32(at + 4, true);
    if (tag === 0) break;
    if (tag === 1) needed.push(value);
    else if (tag === 5) strtab = value;
    else if (tag === 10) strsz = value;
  }
  if (needed.length === 0) return [];
  const load = layout.loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.size);
  if (!load || strsz === 0) return undefined;
  const strings = readKept(strtab - load.vaddr + load.offset, strsz);
  if (!strings) return undefined;
  return needed.map((offset) => {
    let end = offset;
    while (end < strings.length && strings[end] !== 0) end++;
    return new TextDecoder().decode(strings.subarray(offset, end));
  });
}
