import { describe, expect, it } from 'vitest';
import { committedCatalog } from '../images/catalog-fixture.ts';
import { committedPackages } from './packages-fixture.ts';

const alpine = () => committedPackages().apk('3.22');

async function alpineBase(): Promise<Set<string>> {
  const image = await (await committedCatalog()).load('alpine:3.22');
  return new Set(image.packages.keys());
}

describe('apk data (modelled)', () => {
  it('resolves curl on alpine:3.22 to curl, libcurl and its libraries', async () => {
    const apk = await alpine();
    const r = apk.resolve(['curl'], await alpineBase());
    expect(r.install.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'curl',
        'libcurl',
        'brotli-libs',
        'c-ares',
        'libidn2',
        'libunistring',
        'libpsl',
        'nghttp2-libs',
        'zstd-libs',
      ]),
    );
    expect(r.install.at(-1)?.name).toBe('curl');
    expect(r.unsatisfied).toEqual([]);
  });

  it('builds build-base from gcc, g++, musl-dev, make and the rest', async () => {
    const apk = await alpine();
    const names = apk.resolve(['build-base'], await alpineBase()).install.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['gcc', 'g++', 'musl-dev', 'make', 'binutils', 'patch', 'libc-dev']),
    );
    const gcc = apk.find('gcc');
    expect(gcc?.installedSize).toBe(137 * 1024 * 1024);
    expect(gcc?.provenance).toBe('modelled');
  });

  it('answers postgresql-dev with postgresql17-dev and says what it does not model', async () => {
    const apk = await alpine();
    expect(apk.find('postgresql-dev')?.name).toBe('postgresql17-dev');
    const r = apk.resolve(['postgresql-dev'], await alpineBase());
    expect(r.unsatisfied.map((u) => u.dependency)).toContain('llvm');
    expect(apk.resolve(['libpq-dev'], await alpineBase()).unsatisfied).toEqual([]);
  });

  it('lays files out with musl ELF facts and sizes adding up to the installed size', async () => {
    const apk = await alpine();
    const curl = apk.find('curl');
    if (!curl) throw new Error('missing');
    const files = await apk.files(curl);
    expect(files.find((e) => e.path === '/usr/bin/curl')?.exec).toEqual({
      kind: 'elf',
      linkage: 'dynamic',
      interpreter: '/lib/ld-musl-x86_64.so.1',
    });
    const bytes = files.filter((e) => e.kind === 'file').reduce((n, e) => n + e.size, 0);
    expect(Math.abs(bytes - curl.installedSize)).toBeLessThan(16);
  });

  it('marks every estimate and sources every modelled size', async () => {
    const apk = await alpine();
    for (const p of apk.data.packages) {
      expect(p.note.length, p.name).toBeGreaterThan(20);
      if (p.provenance === 'estimated') expect(p.note).toMatch(/^estimated/);
      else expect(p.note).toMatch(/repo-info|apk info listing/);
    }
    expect(apk.data.indexCache.provenance).toBe('estimated');
  });

  it('leaves the index cache only when asked to keep it, and grows the apk database', async () => {
    const apk = await alpine();
    const index = apk.indexEntries();
    expect(index.every((e) => /^\/var\/cache\/apk\/APKINDEX\.[0-9a-f]{8}\.tar\.gz$/.test(e.path))).toBe(true);
    const curl = apk.resolve(['curl'], await alpineBase()).install;
    const [installed, world] = apk.databaseEntries({ installed: 20_000, world: 60 }, curl, ['curl']);
    expect(installed?.size).toBeGreaterThan(20_000);
    expect(world?.size).toBe(65);
  });
});
