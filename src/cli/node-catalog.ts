/** The image catalog read from public/catalog on disk, opened once per process. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Catalog, openCatalog } from '../lib/images/catalog.ts';

const CATALOG_DIR = join(import.meta.dirname, '../../public/catalog');

let opened: Promise<Catalog> | undefined;

export function nodeCatalog(): Promise<Catalog> {
  opened ??= openCatalog((path) => readFile(join(CATALOG_DIR, path), 'utf8'));
  return opened;
}
