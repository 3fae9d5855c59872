/** Reads a folder on disk into a build context, as `docker build DIR` sends it. */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BuildContext, ContextFile } from '../lib/build/context.ts';
import { listTar, TarError } from '../lib/build/tar.ts';

/** Contexts larger than this are cut off, and the build says so. */
export const MAX_CONTEXT_FILES = 20_000;

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function archiveOf(path: string, bytes: Uint8Array): ContextFile['archive'] {
  try {
    if (/\.tar$/.test(path)) return listTar(bytes);
    if (/\.(tar\.gz|tgz)$/.test(path)) return listTar(gunzipSync(bytes));
  } catch (error) {
    if (!(error instanceof TarError) && !(error instanceof Error && 'code' in error)) throw error;
  }
  return undefined;
}

/**
 * The folder as BuildKit receives it: files with their modes, folders (empty ones too) with
 * theirs, symlinks as links, and every further name of a hard-linked file as a hard link.
 */
export async function readContext(root: string): Promise<{ context: BuildContext; truncated: boolean }> {
  const files: ContextFile[] = [];
  const inodes = new Map<string, string>();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (files.length >= MAX_CONTEXT_FILES) return { context: { files }, truncated: true };
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      const info = await lstat(full);
      if (entry.isDirectory()) {
        files.push({ path, kind: 'dir', mode: info.mode & 0o7777 });
        pending.push(full);
      } else if (entry.isSymbolicLink()) files.push({ path, kind: 'symlink', target: await readlink(full) });
      else if (entry.isFile()) {
        const inode = `${info.dev}:${info.ino}`;
        const first = info.nlink > 1 ? inodes.get(inode) : undefined;
        if (first !== undefined) {
          files.push({ path, kind: 'hardlink', target: first, mode: info.mode & 0o7777 });
          continue;
        }
        if (info.nlink > 1) inodes.set(inode, path);
        const bytes = new Uint8Array(await readFile(full));
        const mode = info.mode & 0o7777;
        const archive = archiveOf(path, bytes);
        files.push(
          isText(bytes)
            ? { path, content: new TextDecoder().decode(bytes), mode }
            : { path, size: bytes.length, mode, ...(archive ? { archive } : {}) },
        );
      }
    }
  }
  return { context: { files }, truncated: false };
}
