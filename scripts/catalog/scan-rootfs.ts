/**
 * Reads a root filesystem directory into a snapshot: every path with its type, mode, owner, size,
 * link target, ELF/shebang facts and the dpkg package that owns it. Node-only; used by build.ts.
 */
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Exec } from '../../src/lib/images/format.ts';

export interface ScannedEntry {
  readonly path: string;
  readonly kind: 'dir' | 'file' | 'symlink';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** device:inode, to find hard links */
  readonly inode: string;
  readonly mtimeMs: number;
  readonly target?: string;
  readonly exec?: Exec;
  readonly pkg?: string;
}

export interface Snapshot {
  readonly entries: Map<string, ScannedEntry>;
  /** name → [version, architecture] of every installed dpkg package */
  readonly packages: Map<string, readonly [string, string]>;
}

const SKIP = new Set(['/proc', '/sys', '/dev', '/run']);

export function scanRootfs(root: string): Snapshot {
  const owners = readDpkgOwners(root);
  const entries = new Map<string, ScannedEntry>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = `${rel}/${name}`;
      const st = lstatSync(join(root, path));
      const base = {
        path,
        mode: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        inode: `${st.dev}:${st.ino}`,
        mtimeMs: st.mtimeMs,
        pkg: owners.get(path),
      };
      if (st.isDirectory()) {
        entries.set(path, { ...base, kind: 'dir', size: 0 });
        if (!SKIP.has(path)) walk(path);
      } else if (st.isSymbolicLink()) {
        const target = readlinkSync(join(root, path));
        entries.set(path, { ...base, kind: 'symlink', size: Buffer.byteLength(target), target });
      } else if (st.isFile()) {
        const exec = readExec(join(root, path), st.mode, name);
        entries.set(path, { ...base, kind: 'file', size: st.size, ...(exec ? { exec } : {}) });
      }
    }
  };
  walk('');
  return { entries, packages: readDpkgStatus(root) };
}

/** ELF facts for executables and shared objects, the shebang for executable scripts. */
export function readExec(file: string, mode: number, name: string): Exec | undefined {
  const executable = (mode & 0o111) !== 0;
  if (!executable && !/\.so(\.|$)/.test(name)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n >= 64 && head.readUInt32BE(0) === 0x7f454c46) return readElf(fd, head);
    if (executable && n > 2 && head[0] === 0x23 && head[1] === 0x21) {
      const end = head.indexOf(10);
      return { kind: 'script', shebang: head.toString('latin1', 2, end < 0 ? n : end).trim() };
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readElf(fd: number, head: Buffer): Exec {
  // Only 64-bit little-endian ELF is expected on linux/amd64.
  const type = head.readUInt16LE(16);
  const phoff = Number(head.readBigUInt64LE(32));
  const phentsize = head.readUInt16LE(54);
  const phnum = head.readUInt16LE(56);
  const ph = Buffer.alloc(phentsize * phnum);
  readSync(fd, ph, 0, ph.length, phoff);
  for (let i = 0; i < phnum; i++) {
    const at = i * phentsize;
    if (ph.readUInt32LE(at) !== 3) continue; // PT_INTERP
    const off = Number(ph.readBigUInt64LE(at + 8));
    const size = Number(ph.readBigUInt64LE(at + 32));
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, off);
    return { kind: 'elf', linkage: 'dynamic', interpreter: buf.toString('latin1').replace(/\0+$/, '') };
  }
  let dynamic = false;
  for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 2) dynamic = true; // PT_DYNAMIC
  if (type === 3 && dynamic) return { kind: 'elf', linkage: 'shared' };
  return { kind: 'elf', linkage: 'static' };
}

const MERGED = ['/bin/', '/sbin/', '/lib/', '/lib64/', '/lib32/', '/libx32/'];

function readDpkgOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const info = join(root, 'var/lib/dpkg/info');
  if (!existsSync(info)) return owners;
  const mergedUsr = lstatSync(join(root, 'bin')).isSymbolicLink();
  for (const name of readdirSync(info).sort()) {
    if (!name.endsWith('.list')) continue;
    const pkg = name.slice(0, -5).replace(/:.*$/, '');
    for (const line of readFileSync(join(info, name), 'utf8').split('\n')) {
      if (!line || line === '/.') continue;
      if (!owners.has(line)) owners.set(line, pkg);
      // On merged-/usr systems dpkg still lists /bin/bash while the file lives at /usr/bin/bash.
      if (mergedUsr && MERGED.some((p) => line.startsWith(p)) && !owners.has(`/usr${line}`)) {
        owners.set(`/usr${line}`, pkg);
      }
    }
  }
  return owners;
}

function readDpkgStatus(root: string): Map<string, readonly [string, string]> {
  const packages = new Map<string, readonly [string, string]>();
  const file = join(root, 'var/lib/dpkg/status');
  if (!existsSync(file)) return packages;
  for (const stanza of readFileSync(file, 'utf8').split('\n\n')) {
    const field = (f: string) => new RegExp(`^${f}: (.*)$`, 'm').exec(stanza)?.[1];
    const name = field('Package');
    if (name && field('Status')?.endsWith(' installed')) {
      packages.set(name, [field('Version') ?? '', field('Architecture') ?? '']);
    }
  }
  return packages;
}
