/**
 * What downloading a module leaves in GOMODCACHE (/go/pkg/mod in the golang images): the
 * download cache's `<version>.info`, `.mod`, `.zip`, `.ziphash` and `.lock` under
 * `cache/download/<module>/@v/`, and the extracted, read-only source tree `<module>@<version>/`.
 * No module's files are in the data: sizes come from the Debian source of the same module where
 * it was measured, else from the median module, and the extracted tree is one file per module.
 */

import { joinPath } from '../../fs/path.ts';
import type { GoCatalog } from '../../packages/go.ts';
import { escapeModulePath, type ModuleVersion } from '../../packages/go-modules.ts';
import { type CommandContext, noteGap } from '../command.ts';

/** GOPATH's first entry: $GOPATH, else $HOME/go. */
export function gopath(context: CommandContext): string {
  const first = (context.env.get('GOPATH') ?? '').split(':')[0];
  return first || joinPath(context.env.get('HOME') ?? context.state.user.home, 'go');
}

export function moduleCacheDir(context: CommandContext): string {
  return context.env.get('GOMODCACHE') || joinPath(gopath(context), 'pkg/mod');
}

/** The modules of `wanted` not yet in the cache. */
export function missingModules(context: CommandContext, wanted: readonly ModuleVersion[]): ModuleVersion[] {
  const cache = moduleCacheDir(context);
  return wanted.filter((m) => !context.fs.stat(joinPath(cache, `${escapeModulePath(m.path)}@${m.version}`)));
}

/**
 * Writes the modules into the cache (zips and extracted trees for `zips`, only `.mod` files for
 * `modsOnly`) and says what it knows of their sizes. Returns the bytes written.
 */
export function writeModules(
  context: CommandContext,
  model: GoCatalog,
  zips: readonly ModuleVersion[],
  modsOnly: readonly ModuleVersion[] = [],
): number {
  const { fs, state } = context;
  const { uid, gid } = state.user;
  const cache = moduleCacheDir(context);
  const file = (path: string, size: number, mode = 0o644) => ({
    path,
    kind: 'file' as const,
    mode,
    uid,
    gid,
    size,
  });
  const dir = (path: string, mode = 0o755) => ({ path, kind: 'dir' as const, mode, uid, gid, size: 0 });
  const entries = [];
  let bytes = 0;
  const measured: string[] = [];
  for (const m of zips) {
    const estimate = model.moduleSource(m.path);
    if (estimate.basis === 'debian') measured.push(m.path);
    const download = joinPath(cache, 'cache/download', escapeModulePath(m.path), '@v');
    const tree = joinPath(cache, `${escapeModulePath(m.path)}@${m.version}`);
    entries.push(
      dir(joinPath(cache, 'cache/download')),
      dir(download),
      file(joinPath(download, `${m.version}.info`), model.moduleFiles.info),
      file(joinPath(download, `${m.version}.mod`), model.moduleFiles.mod),
      file(joinPath(download, `${m.version}.zip`), estimate.zipBytes),
      file(joinPath(download, `${m.version}.ziphash`), model.moduleFiles.ziphash),
      file(joinPath(download, `${m.version}.lock`), 0),
      // The extracted tree is read-only, as the go command leaves it (go clean -modcache can remove it).
      dir(tree, 0o555),
      file(joinPath(tree, 'go.mod'), model.moduleFiles.mod, 0o444),
      file(
        joinPath(tree, `${m.path.split('/').at(-1)}.src`),
        Math.max(0, estimate.sourceBytes - model.moduleFiles.mod),
        0o444,
      ),
    );
    bytes +=
      estimate.zipBytes +
      estimate.sourceBytes +
      model.moduleFiles.info +
      model.moduleFiles.mod +
      model.moduleFiles.ziphash;
  }
  for (const m of modsOnly) {
    const download = joinPath(cache, 'cache/download', escapeModulePath(m.path), '@v');
    entries.push(dir(download), file(joinPath(download, `${m.version}.mod`), model.moduleFiles.mod));
    bytes += model.moduleFiles.mod;
  }
  if (entries.length === 0) return 0;
  fs.putAll(entries);
  noteGap(
    state,
    'model',
    `The module cache in ${cache} holds ${zips.length} module(s)${modsOnly.length ? ` and ${modsOnly.length} go.mod file(s)` : ''}, ${(bytes / 1e6).toFixed(1)} MB estimated: the simulator has no module proxy, so each module's source is one file sized from ${measured.length ? `Debian's source of ${measured.length} of them and ` : ''}the median module (${(model.moduleSource('').sourceBytes / 1e6).toFixed(1)} MB) for the rest.`,
    'estimated',
  );
  return bytes;
}
