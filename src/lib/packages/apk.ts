/**
 * apk's view of the (modelled) Alpine package data: find a package, resolve what `apk add` would
 * install on a stage, the files each package writes, the index cache and apk's database growth.
 */

import { type LayerEntry, plainFile } from '../fs/entry.ts';
import type { ApkData, ApkPackage } from './format.ts';

export interface ApkResolution {
  /** packages to install, dependencies first (apk's "(1/n) Installing …" order) */
  readonly install: readonly ApkPackage[];
  readonly alreadyInstalled: readonly string[];
  /** names apk would not find ("ERROR: unable to select packages: … (no such package)") */
  readonly unknown: readonly string[];
  /** dependencies the modelled data does not include */
  readonly unsatisfied: readonly { readonly package: string; readonly dependency: string }[];
}

/** Sizes in the stage before `apk add` (the image's own files). */
export interface ApkDatabaseSizes {
  readonly installed: number;
  readonly world: number;
}

export interface ApkCatalog {
  readonly data: ApkData;
  find(name: string): ApkPackage | undefined;
  resolve(names: readonly string[], installed: ReadonlySet<string>): ApkResolution;
  files(pkg: ApkPackage): Promise<readonly LayerEntry[]>;
  /** what `apk update`, or `apk add` without --no-cache, leaves in /var/cache/apk */
  indexEntries(): LayerEntry[];
  /**
   * /lib/apk/db/installed and /etc/apk/world after adding `packages` (world lists the names asked
   * for, or the --virtual name); sizes estimated as the catalog's Alpine model does
   */
  databaseEntries(
    previous: ApkDatabaseSizes,
    packages: readonly ApkPackage[],
    world: readonly string[],
  ): LayerEntry[];
}

/** The Alpine releases the package data has (apk/RELEASE.json). */
export const APK_RELEASES: readonly string[] = ['3.22'];

/**
 * The release whose data answers for `release` (`3.24`): its own when the data has it, else the
 * nearest by minor version (the older on a tie); undefined for a release that is not `3.N`.
 */
export function apkDataRelease(release: string): string | undefined {
  const minor = (r: string) => (/^3\.(\d+)$/.exec(r) ? Number(r.slice(2)) : undefined);
  const wanted = minor(release);
  if (wanted === undefined) return undefined;
  let best: string | undefined;
  for (const r of APK_RELEASES) {
    const distance = Math.abs((minor(r) ?? 0) - wanted);
    const bestDistance = best === undefined ? Infinity : Math.abs((minor(best) ?? 0) - wanted);
    if (distance < bestDistance || (distance === bestDistance && (minor(r) ?? 0) < (minor(best ?? '') ?? 0)))
      best = r;
  }
  return best;
}

/** apk's installed database: a block per package and a line per file (the catalog's estimate). */
const DB_BYTES_PER_PACKAGE = 400;
const DB_BYTES_PER_FILE = 60;

export function createApkCatalog(
  data: ApkData,
  load: (path: string) => Promise<readonly LayerEntry[]>,
): ApkCatalog {
  const byName = new Map(data.packages.map((p) => [p.name, p]));
  const realName = (name: string) => data.provides[name] ?? name;
  const file = (path: string, size: number) => plainFile(path, size);
  return {
    data,
    find: (name) => byName.get(realName(name)),
    resolve: (names, installed) => resolve(byName, realName, names, installed),
    files: (pkg) => load(pkg.files),
    indexEntries: () => data.indexCache.files.map((f) => file(f.path, f.size)),
    databaseEntries: (previous, packages, world) => [
      file(
        '/lib/apk/db/installed',
        previous.installed +
          packages.reduce((n, p) => n + DB_BYTES_PER_PACKAGE + DB_BYTES_PER_FILE * p.fileCount, 0),
      ),
      file('/etc/apk/world', previous.world + world.reduce((n, w) => n + w.length + 1, 0)),
    ],
  };
}

function resolve(
  byName: ReadonlyMap<string, ApkPackage>,
  realName: (name: string) => string,
  names: readonly string[],
  installed: ReadonlySet<string>,
): ApkResolution {
  const chosen = new Set<string>();
  const order: ApkPackage[] = [];
  const unknown: string[] = [];
  const alreadyInstalled: string[] = [];
  const unsatisfied: { package: string; dependency: string }[] = [];
  const visit = (pkg: ApkPackage) => {
    if (chosen.has(pkg.name)) return;
    chosen.add(pkg.name);
    for (const dep of pkg.depends) {
      const name = realName(dep);
      if (installed.has(name) || chosen.has(name)) continue;
      const next = byName.get(name);
      if (next) visit(next);
      else unsatisfied.push({ package: pkg.name, dependency: dep });
    }
    order.push(pkg);
  };
  for (const requested of names) {
    const name = realName(requested);
    if (installed.has(name)) alreadyInstalled.push(requested);
    else {
      const pkg = byName.get(name);
      if (pkg) visit(pkg);
      else unknown.push(requested);
    }
  }
  return { install: order, alreadyInstalled, unknown, unsatisfied };
}
