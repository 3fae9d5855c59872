/** Opens the committed catalog from disk for tests, through the same loader the browser uses. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { type Catalog, openCatalog } from '../../../src/lib/images/catalog.ts';
import { openPackageCatalog, type PackageCatalog } from '../../../src/lib/packages/catalog.ts';

export const CATALOG_DIR = join(import.meta.dirname, '../../../public/catalog');

let catalog: Promise<Catalog> | undefined;

export function committedCatalog(): Promise<Catalog> {
  catalog ??= openCatalog((path) => readFile(join(CATALOG_DIR, path), 'utf8'));
  return catalog;
}

let packages: PackageCatalog | undefined;

/** The committed package data (public/packages), opened from disk. */
export function committedPackages(): PackageCatalog {
  packages ??= openPackageCatalog((path) => readFile(join(CATALOG_DIR, '../packages', path), 'utf8'));
  return packages;
}

/** A Dockerfile built with an empty context on the committed catalog and package data. */
export async function buildOnCommitted(dockerfile: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}
