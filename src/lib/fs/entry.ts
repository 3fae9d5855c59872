/** What a filesystem entry is, as image layers record it: shared by the catalog and the build engine. */

export type EntryKind = 'dir' | 'file' | 'symlink' | 'hardlink' | 'whiteout';

/** What running a file would involve: the kernel loads ELF directly or through an interpreter. */
export type Exec =
  | { readonly kind: 'elf'; readonly linkage: 'static' }
  | {
      readonly kind: 'elf';
      readonly linkage: 'shared';
      /** Which C library it was built against, when known (Python wheels: manylinux vs musllinux). */
      readonly libc?: 'glibc' | 'musl';
      /** The libraries its headers name (DT_NEEDED), where they were read: real images only. */
      readonly needed?: readonly string[];
    }
  | {
      readonly kind: 'elf';
      readonly linkage: 'dynamic';
      readonly interpreter: string;
      /** The libraries its headers name (DT_NEEDED), where they were read: real images only. */
      readonly needed?: readonly string[];
    }
  | { readonly kind: 'script'; readonly shebang: string };

/** One path as a layer records it. */
export interface LayerEntry {
  readonly path: string;
  readonly kind: EntryKind;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** symlink target, or for a hard link the path it shares its data with */
  readonly target?: string;
  readonly exec?: Exec;
  /** owning package name (dpkg or apk) */
  readonly pkg?: string;
}

/** A plain 0644 file, root's unless an owner is given: what package managers unpack and write. */
export function plainFile(
  path: string,
  size: number,
  owner: { readonly uid: number; readonly gid: number } = { uid: 0, gid: 0 },
  pkg?: string,
): LayerEntry {
  return { path, kind: 'file', mode: 0o644, uid: owner.uid, gid: owner.gid, size, ...(pkg ? { pkg } : {}) };
}

/** Byte order, as Go and the catalog sort paths (not locale order). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
