/** Opens the committed package data from disk for tests, through the same loader the browser uses. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPackageCatalog, type PackageCatalog } from '../../../src/lib/packages/catalog.ts';

export const PACKAGES_DIR = join(import.meta.dirname, '../../../public/packages');

/** Every path the loader read, to check what a build fetches. */
export const reads: string[] = [];

let catalog: PackageCatalog | undefined;

export function committedPackages(): PackageCatalog {
  catalog ??= openPackageCatalog((path) => {
    reads.push(path);
    return readFile(join(PACKAGES_DIR, path), 'utf8');
  });
  return catalog;
}
