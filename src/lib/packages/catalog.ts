/**
 * The package data a RUN step's package managers read: opened without any I/O, each ecosystem's
 * index fetched on first use, each package's file list fetched when a build installs it.
 */

import type { LayerEntry } from '../fs/entry.ts';
import { decodeLayer } from '../images/format.ts';
import { type ApkCatalog, createApkCatalog } from './apk.ts';
import { type AptCatalog, createAptCatalog } from './apt.ts';
import { openAptArchive } from './apt-archive.ts';
import {
  type ApkData,
  type AptSuiteData,
  type DebianSuite,
  type GoData,
  type GoModuleData,
  PACKAGES_FORMAT,
  type PipHistory,
  type PipIndex,
} from './format.ts';
import { createGoCatalog, type GoCatalog } from './go.ts';
import { createPipCatalog, type PipCatalog } from './pip.ts';
import { createNameLookup, type NameLookup } from './project-names.ts';

/** Returns the text of a file of the package data, by its path relative to its root (`pip/index.json` …). */
export type ReadPackageFile = (path: string) => Promise<string>;

export interface PackageCatalog {
  /** Every PyPI project and Debian package name: evidence that a name does not exist. */
  names(): NameLookup;
  pip(): Promise<PipCatalog>;
  go(): Promise<GoCatalog>;
  apt(suite: DebianSuite): Promise<AptCatalog>;
  /** Alpine's packages by release (`3.22`) */
  apk(release: string): Promise<ApkCatalog>;
}

export class PackageDataError extends Error {
  override readonly name = 'PackageDataError';
}

export const PIP_INDEX = 'pip/index.json';
export const PIP_HISTORY = 'pip/history.json';
export const GO_FILE = 'go.json';
export const GO_MODULES_FILE = 'go-modules.json';
export const aptFile = (suite: DebianSuite): string => `apt/${suite}.json`;
export const apkFile = (release: string): string => `apk/${release}.json`;

/** Opens the package data behind `read`; nothing is read until a package manager asks. */
export function openPackageCatalog(read: ReadPackageFile): PackageCatalog {
  const once = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let p = once.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      // A failed read is not kept, so a later build can retry it.
      p.catch(() => once.delete(key));
      once.set(key, p);
    }
    return p;
  };
  const json = async <T extends { format: number }>(path: string): Promise<T> => {
    const data = JSON.parse(await read(path)) as T;
    if (data.format !== PACKAGES_FORMAT)
      throw new PackageDataError(
        `${path}: package data format ${data.format} is not ${PACKAGES_FORMAT}: regenerate it`,
      );
    return data;
  };
  const files = (path: string): Promise<readonly LayerEntry[]> =>
    cached(`files:${path}`, async () => decodeLayer(await read(path)).entries);

  const names = createNameLookup(read);
  return {
    names: () => names,
    pip: () =>
      cached('pip', async () => {
        const [index, history] = await Promise.all([
          json<PipIndex>(PIP_INDEX),
          json<PipHistory>(PIP_HISTORY),
        ]);
        return createPipCatalog(index, files, history);
      }),
    go: () =>
      cached('go', async () =>
        createGoCatalog(await json<GoData>(GO_FILE), await json<GoModuleData>(GO_MODULES_FILE)),
      ),
    apt: (suite) =>
      cached(`apt:${suite}`, async () =>
        createAptCatalog(await json<AptSuiteData>(aptFile(suite)), files, openAptArchive(suite, read)),
      ),
    apk: (release) =>
      cached(`apk:${release}`, async () => createApkCatalog(await json<ApkData>(apkFile(release)), files)),
  };
}
