/**
 * Models the official Go toolchain in /usr/local/go from Debian's golang-1.2x-go and -src packages
 * (the same upstream tree, split between /usr/lib/go-1.2x and /usr/share/go-1.2x). Node-only.
 */
import type { LayerEntry } from '../../src/lib/images/format.ts';
import { readTree } from './layers.ts';

const X = '/var/tmp/catalog/x';

export function modelGo(minor: '1.25' | '1.26'): LayerEntry[] {
  const out = new Map<string, LayerEntry>();
  const add = (pkg: string, from: string) => {
    for (const e of readTree(`${X}/${pkg}`)) {
      if (!e.path.startsWith(`${from}/`)) continue;
      const path = `/usr/local/go${e.path.slice(from.length)}`;
      // Debian's /usr/lib/go-1.2x/src etc. are symlinks into /usr/share; the official tree has the directories.
      if (e.kind === 'symlink' && (e.target ?? '').includes(`share/go-${minor}`)) continue;
      if (out.has(path)) continue;
      const common = { path, mode: e.mode, uid: 0, gid: 0 };
      if (e.kind === 'dir') out.set(path, { ...common, kind: 'dir', size: 0 });
      else if (e.kind === 'symlink')
        out.set(path, { ...common, kind: 'symlink', size: 0, target: e.target ?? '' });
      else {
        // The release tarball's tools are built with CGO_ENABLED=0: static executables.
        const exec = e.exec?.kind === 'elf' ? ({ kind: 'elf', linkage: 'static' } as const) : e.exec;
        out.set(path, { ...common, kind: 'file', size: e.size, ...(exec ? { exec } : {}) });
      }
    }
  };
  add(`golang-${minor}-go`, `/usr/lib/go-${minor}`);
  add(`golang-${minor}-src`, `/usr/share/go-${minor}`);
  out.set('/usr/local/go', { path: '/usr/local/go', kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  return [...out.values()];
}

/** `RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"` */
export function goPath(): LayerEntry[] {
  return ['/go', '/go/bin', '/go/src'].map((path) => ({
    path,
    kind: 'dir',
    mode: 0o1777,
    uid: 0,
    gid: 0,
    size: 0,
  }));
}
