import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLayer, emptyTree, lstat, realpath, stat, walk } from '../../../src/lib/fs/tree.ts';
import { fetchReader, openCatalog } from '../../../src/lib/images/catalog.ts';
import { decodeLayer, encodeLayer, FORMAT_VERSION, type LayerEntry } from '../../../src/lib/images/format.ts';
import { CATALOG_DIR, committedCatalog } from './catalog-fixture.ts';

const entries: LayerEntry[] = [
  { path: '/usr', kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 },
  { path: '/usr/bin', kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 },
  {
    path: '/usr/bin/bash',
    kind: 'file',
    mode: 0o755,
    uid: 0,
    gid: 0,
    size: 1265648,
    pkg: 'bash',
    exec: { kind: 'elf', linkage: 'dynamic', interpreter: '/lib64/ld-linux-x86-64.so.2' },
  },
  {
    path: '/usr/bin/rbash',
    kind: 'symlink',
    mode: 0o777,
    uid: 0,
    gid: 0,
    size: 0,
    target: 'bash',
    pkg: 'bash',
  },
  {
    path: '/usr/bin/script',
    kind: 'file',
    mode: 0o755,
    uid: 0,
    gid: 0,
    size: 12,
    exec: { kind: 'script', shebang: '/bin/sh -e' },
  },
  {
    path: '/usr/bin/static',
    kind: 'file',
    mode: 0o4755,
    uid: 0,
    gid: 0,
    size: 5,
    exec: { kind: 'elf', linkage: 'static' },
  },
  { path: '/usr/bin/sh2', kind: 'hardlink', mode: 0o755, uid: 0, gid: 0, size: 0, target: '/usr/bin/bash' },
  { path: '/home/app', kind: 'dir', mode: 0o700, uid: 1000, gid: 1000, size: 0 },
  { path: '/bin', kind: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, target: 'usr/bin' },
];

describe('layer encoding', () => {
  it('round-trips every kind of entry', () => {
    const header = {
      format: FORMAT_VERSION,
      packages: [{ name: 'bash', version: '5.2.37-2', arch: 'amd64' }],
      contents: { '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n' },
    };
    const decoded = decodeLayer(encodeLayer(header, entries));
    expect(decoded.header).toEqual(header);
    const byPath = (a: LayerEntry, b: LayerEntry) => (a.path < b.path ? -1 : 1);
    expect([...decoded.entries].sort(byPath)).toEqual([...entries].sort(byPath));
  });

  it('rejects a layer of another format version', () => {
    expect(() => decodeLayer('{"format":99,"packages":[],"contents":{}}\n')).toThrow(
      /regenerate the catalog/,
    );
  });
});

describe('trees', () => {
  it('follow symlinks in the middle and at the end of a path', () => {
    const tree = applyLayer(emptyTree(), entries);
    expect(stat(tree, '/bin/rbash')).toMatchObject({ kind: 'file', size: 1265648 });
    expect(lstat(tree, '/bin/rbash')).toMatchObject({ kind: 'symlink' });
    expect(realpath(tree, '/bin/rbash')).toBe('/usr/bin/bash');
    expect(lstat(tree, '/home/app')).toMatchObject({ uid: 1000, mode: 0o700 });
  });

  it('apply whiteouts and leave the lower tree untouched', () => {
    const lower = applyLayer(emptyTree(), entries);
    const upper = applyLayer(lower, [
      { path: '/usr/bin/script', kind: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 },
    ]);
    expect(stat(upper, '/usr/bin/script')).toBeUndefined();
    expect(stat(lower, '/usr/bin/script')).toBeDefined();
    // Untouched subtrees are shared, not copied.
    expect(upper.children.get('home')).toBe(lower.children.get('home'));
    expect([...walk(upper)].map(([p]) => p)).not.toContain('/usr/bin/script');
  });

  it('are shared between images on the same base', async () => {
    const catalog = await committedCatalog();
    const python = await catalog.load('python:3.9');
    const golang = await catalog.load('golang:1');
    const zone = (t: typeof python.tree) => lstat(t, '/usr/share/zoneinfo/Europe');
    expect(zone(python.tree)).toBeDefined();
    expect(zone(python.tree)).toBe(zone(golang.tree));
  });
});

describe('image metadata', () => {
  it('carries users, packages, config and history', async () => {
    const catalog = await committedCatalog();
    const python = await catalog.load('python:3.9');
    expect(python.contents.get('/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/bash$/m);
    expect(python.contents.get('/etc/group')).toContain('_ssh');
    expect(python.packages.get('gcc')).toBeDefined();
    expect(python.packages.get('curl')?.arch).toBe('amd64');
    expect(python.record.config.Cmd).toEqual(['python3']);
    expect(python.record.packageDb).toEqual({ manager: 'dpkg', path: '/var/lib/dpkg/status' });
    expect(lstat(python.tree, '/var/lib/dpkg/status')).toMatchObject({ kind: 'file' });
    expect(python.record.config.Env).toContain('PYTHON_VERSION=3.9.25');
    expect(python.record.history.filter((h) => h.layer)).toHaveLength(python.record.layers.length);
    const alpine = await catalog.load('python:3.9-alpine');
    expect(alpine.packages.get('busybox')?.version).toBe('1.37.0-r20');
    expect(alpine.packages.get('gcc')).toBeUndefined();
    expect(alpine.record.packageDb).toEqual({ manager: 'apk', path: '/lib/apk/db/installed' });
    expect(lstat(alpine.tree, '/lib/apk/db/installed')).toMatchObject({ kind: 'file' });
    expect(alpine.contents.get('/etc/passwd')).toContain('root:x:0:0:root:/root:/bin/sh');
    expect(lstat(alpine.tree, '/bin/busybox')).toMatchObject({ pkg: 'busybox' });
  });
});

describe('fetchReader', () => {
  it('loads images over fetch, as the browser does', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (url: string) => {
      requested.push(url);
      const path = url.slice('/base/catalog/'.length);
      try {
        return new Response(await readFile(join(CATALOG_DIR, path), 'utf8'));
      } catch {
        return new Response('not found', { status: 404 });
      }
    }) as typeof fetch;
    const catalog = await openCatalog(fetchReader('/base/catalog', fakeFetch));
    const image = await catalog.load('python:3.9-alpine');
    expect(stat(image.tree, '/usr/local/bin/python3')).toBeDefined();
    // Only the index, the repository's tag history (to tell whether the tag still points there)
    // and this image's layers travel.
    expect(requested).toHaveLength(3 + image.record.layers.length);
    expect(requested.slice(0, 3)).toEqual([
      '/base/catalog/index.json',
      '/base/catalog/tags/index.json',
      '/base/catalog/tags/python.json',
    ]);
    await expect(fetchReader('/nowhere', fakeFetch)('index.json')).rejects.toThrow(/HTTP 404/);
  });
});
