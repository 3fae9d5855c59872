/** The image catalog and the package data, read from public/ on disk, opened once per process. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Catalog, openCatalog } from '../lib/images/catalog.ts';
import { openPackageCatalog, type PackageCatalog } from '../lib/packages/catalog.ts';

const CATALOG_DIR = join(import.meta.dirname, '../../public/catalog');
const PACKAGES_DIR = join(import.meta.dirname, '../../public/packages');

let opened: Promise<Catalog> | undefined;

/** A file of the catalog (`index.json`, `tags/python.json` …), as the catalog itself reads it. */
export function readCatalogFile(path: string): Promise<string> {
  return readFile(join(CATALOG_DIR, path), 'utf8');
}

export function nodeCatalog(): Promise<Catalog> {
  opened ??= openCatalog(readCatalogFile);
  return opened;
}

let packages: PackageCatalog | undefined;

export function nodePackages(): PackageCatalog {
  packages ??= openPackageCatalog((path) => readFile(join(PACKAGES_DIR, path), 'utf8'));
  return packages;
}
