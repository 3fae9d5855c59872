/**
 * What uv writes when it installs a wheel: the files of pip's data where it has the release (uv
 * unpacks the same wheel; it compiles no bytecode unless asked), an estimate sized from the wheel's
 * bytes where only the learner's uv.lock knows the release, and the entries its cache keeps.
 */
import { type LayerEntry, plainFile } from '../fs/entry.ts';
import { joinPath } from '../fs/path.ts';
import { CACHEDIR_TAG } from './uv-venv.ts';

/**
 * Installed bytes per wheel byte: the median over the 36 wheels of pip's data whose download size
 * is real (pip and uv logs, PyPI file lists), without bytecode (3.26 and 3.29 in the middle).
 * tests/lib/packages/uv-install.test.ts recomputes it from the data.
 */
export const INSTALLED_PER_WHEEL_BYTE = 3.27;

/** `.pyc` files and `__pycache__` folders: pip compiles them, uv only with UV_COMPILE_BYTECODE. */
export function withoutBytecode(files: readonly LayerEntry[]): LayerEntry[] {
  return files.filter((entry) => !/(^|\/)__pycache__(\/|$)/.test(entry.path) && !entry.path.endsWith('.pyc'));
}

/**
 * Renames pip's CPython 3.9 bytecode (`x.cpython-39.pyc`) for the interpreter uv compiles with;
 * the sizes stay 3.9's, an estimate the caller says.
 */
export function bytecodeFor(files: readonly LayerEntry[], minor: string): LayerEntry[] {
  const tag = `cpython-${minor.replace('.', '')}`;
  return files.map((entry) =>
    entry.path.endsWith('.pyc') ? { ...entry, path: entry.path.replace(/cpython-\d+/, tag) } : entry,
  );
}

/** The module folder a project most likely installs: its name with `-` as `_` (PEP 503 undone). */
export function guessedModule(name: string): string {
  return name.replace(/[-.]/g, '_');
}

/**
 * Entries for a release only the lock knows: its dist-info and one file standing for its modules,
 * sized from the wheel's real bytes × INSTALLED_PER_WHEEL_BYTE.
 */
export function estimatedEntries(
  site: string,
  name: string,
  version: string,
  wheelBytes: number,
  owner: { uid: number; gid: number },
): LayerEntry[] {
  const module = guessedModule(name);
  const file = (path: string, size: number) => plainFile(path, size, owner, name);
  return [
    file(joinPath(site, module, '__init__.py'), Math.round(wheelBytes * INSTALLED_PER_WHEEL_BYTE)),
    file(joinPath(site, `${module}-${version}.dist-info`, 'INSTALLER'), 3),
  ];
}

/**
 * What uv's cache keeps of installed files: its tags, and each file unpacked under archive-v0,
 * which the environment's file is a hard link to (same filesystem): the layer counts its bytes once.
 */
export function cacheEntries(
  cacheDir: string,
  installed: readonly LayerEntry[],
  owner: { uid: number; gid: number },
): LayerEntry[] {
  const dir = cacheDir.replace(/\/+$/, '');
  const tag = (path: string, size: number) => plainFile(path, size, owner);
  const out = [tag(joinPath(dir, 'CACHEDIR.TAG'), CACHEDIR_TAG.length), tag(joinPath(dir, '.gitignore'), 1)];
  const byPackage = new Map<string, LayerEntry[]>();
  for (const entry of installed) {
    if (entry.kind !== 'file' || !entry.pkg) continue;
    byPackage.set(entry.pkg, [...(byPackage.get(entry.pkg) ?? []), entry]);
  }
  for (const [pkg, entries] of byPackage) {
    for (const entry of entries) {
      const inside = entry.path.replace(/^.*\/site-packages\//, '').replace(/^.*\/bin\//, 'bin/');
      out.push({
        path: joinPath(dir, 'archive-v0', pkg, inside),
        kind: 'hardlink',
        mode: entry.mode,
        ...owner,
        size: 0,
        target: entry.path,
      });
    }
  }
  return out;
}
