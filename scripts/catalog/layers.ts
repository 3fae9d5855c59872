/** Turns root filesystem snapshots and extracted package trees into layer entries. Node-only. */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerEntry, PackageRecord } from '../../src/lib/images/format.ts';
import { readExec, type ScannedEntry, type Snapshot } from './scan-rootfs.ts';

/** Small text files whose contents the catalog carries, so builds can read users, groups and the OS name. */
export const CONTENT_PATHS = [
  '/etc/passwd',
  '/etc/group',
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/debian_version',
  '/etc/alpine-release',
  '/etc/shells',
  '/etc/nsswitch.conf',
];

export interface BuiltLayer {
  readonly createdBy: string;
  readonly entries: LayerEntry[];
  readonly packages: PackageRecord[];
  readonly removedPackages: string[];
  readonly contents: Record<string, string>;
  readonly provenance: 'real' | 'modelled' | 'calibrated';
  readonly note: string;
}

function changed(a: ScannedEntry, b: ScannedEntry): boolean {
  return (
    a.kind !== b.kind ||
    a.mode !== b.mode ||
    a.uid !== b.uid ||
    a.gid !== b.gid ||
    a.size !== b.size ||
    a.target !== b.target ||
    (a.kind === 'file' && a.mtimeMs !== b.mtimeMs)
  );
}

/** The layer that turns `before` into `after`: added and changed paths, whiteouts for removed ones. */
export function diffSnapshots(
  root: string,
  before: Snapshot | undefined,
  after: Snapshot,
): Omit<BuiltLayer, 'createdBy' | 'provenance' | 'note'> {
  const entries: LayerEntry[] = [];
  const firstByInode = new Map<string, string>();
  for (const e of after.entries.values()) {
    const old = before?.entries.get(e.path);
    if (old && !changed(old, e)) continue;
    entries.push(toLayerEntry(e, firstByInode));
  }
  if (before) {
    const removed = [...before.entries.keys()].filter((p) => !after.entries.has(p)).sort();
    let lastRemovedDir = '';
    for (const p of removed) {
      if (lastRemovedDir && p.startsWith(`${lastRemovedDir}/`)) continue;
      entries.push({ path: p, kind: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });
      if (before.entries.get(p)?.kind === 'dir') lastRemovedDir = p;
    }
  }
  const packages: PackageRecord[] = [];
  for (const [name, [version, arch]] of after.packages) {
    const old = before?.packages.get(name);
    if (!old || old[0] !== version) packages.push({ name, version, arch });
  }
  const removedPackages = before ? [...before.packages.keys()].filter((n) => !after.packages.has(n)) : [];
  const contents: Record<string, string> = {};
  const touched = new Set(entries.map((e) => e.path));
  for (const p of CONTENT_PATHS) {
    if (touched.has(p) && after.entries.get(p)?.kind === 'file')
      contents[p] = readFileSync(join(root, p), 'utf8');
  }
  return { entries, packages, removedPackages, contents };
}

function toLayerEntry(e: ScannedEntry, firstByInode: Map<string, string>): LayerEntry {
  const common = { path: e.path, mode: e.mode, uid: e.uid, gid: e.gid, ...(e.pkg ? { pkg: e.pkg } : {}) };
  if (e.kind === 'file') {
    const first = firstByInode.get(e.inode);
    if (first) return { ...common, kind: 'hardlink', size: 0, target: first };
    firstByInode.set(e.inode, e.path);
    return { ...common, kind: 'file', size: e.size, ...(e.exec ? { exec: e.exec } : {}) };
  }
  if (e.kind === 'symlink') return { ...common, kind: 'symlink', size: e.size, target: e.target ?? '' };
  return { ...common, kind: 'dir', size: 0 };
}

/** Every path below `dir` of an extracted package, relative to `dir`, with its metadata. */
export function readTree(dir: string): ScannedEntry[] {
  const out: ScannedEntry[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = `${rel}/${name}`;
      const full = join(dir, path);
      const st = lstatSync(full);
      const base = {
        path,
        mode: st.mode & 0o7777,
        uid: 0,
        gid: 0,
        inode: `${st.dev}:${st.ino}`,
        mtimeMs: st.mtimeMs,
      };
      if (st.isDirectory()) {
        out.push({ ...base, kind: 'dir', size: 0 });
        walk(path);
      } else if (st.isSymbolicLink()) {
        const target = readlinkSync(full);
        out.push({ ...base, kind: 'symlink', size: target.length, target });
      } else if (st.isFile()) {
        const exec = readExec(full, st.mode, name);
        out.push({ ...base, kind: 'file', size: st.size, ...(exec ? { exec } : {}) });
      }
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

/** The members of a zip (a wheel) as [name, uncompressed size]. */
export function zipMembers(file: string): [string, number][] {
  const script =
    'import sys,zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist():\n  print(i.filename+"\\t"+str(i.file_size))';
  return execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const [n, s] = l.split('\t');
      return [n as string, Number(s)];
    });
}

/** Parent directories a set of entries needs, as directory entries (mode 755, root). */
export function withParents(
  entries: LayerEntry[],
  known: (path: string) => boolean = () => false,
): LayerEntry[] {
  const have = new Set(entries.map((e) => e.path));
  const extra: LayerEntry[] = [];
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 2; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (have.has(dir) || known(dir)) continue;
      have.add(dir);
      extra.push({ path: dir, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
    }
  }
  return [...entries, ...extra];
}

/** Docker's layer size: regular files (hard links once) plus symlink target lengths. */
export function layerBytes(entries: readonly LayerEntry[]): number {
  let n = 0;
  for (const e of entries) {
    if (e.kind === 'file') n += e.size;
    else if (e.kind === 'symlink') n += (e.target ?? '').length;
  }
  return n;
}

/**
 * Scales the regular files among `entries` that `scalable` selects so that the layer totals `target`
 * bytes: used where a modelled part (a Debian build standing in for the official one) must match a
 * published size.
 */
export function calibrate(
  entries: LayerEntry[],
  target: number,
  scalable: (e: LayerEntry) => boolean,
): number {
  const fixed = layerBytes(entries.filter((e) => !(e.kind === 'file' && scalable(e))));
  const scaled = layerBytes(entries.filter((e) => e.kind === 'file' && scalable(e)));
  const factor = (target - fixed) / scaled;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as LayerEntry;
    if (e.kind === 'file' && scalable(e))
      entries[i] = { ...e, size: Math.max(0, Math.round(e.size * factor)) };
  }
  return factor;
}
