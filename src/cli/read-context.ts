/** Reads a folder on disk into a build context, as `docker build DIR` sends it. */
import { lstat, readdir, readFile } from 'node:fs/promises';
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

export async function readContext(root: string): Promise<{ context: BuildContext; truncated: boolean }> {
  const files: ContextFile[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
        continue;
      }
      if (!entry.isFile()) continue;
      if (files.length >= MAX_CONTEXT_FILES) return { context: { files }, truncated: true };
      const path = relative(root, full).split(sep).join('/');
      const bytes = new Uint8Array(await readFile(full));
      const mode = (await lstat(full)).mode & 0o777;
      const archive = archiveOf(path, bytes);
      files.push(
        isText(bytes)
          ? { path, content: new TextDecoder().decode(bytes), mode }
          : { path, size: bytes.length, mode, ...(archive ? { archive } : {}) },
      );
    }
  }
  return { context: { files }, truncated: false };
}
