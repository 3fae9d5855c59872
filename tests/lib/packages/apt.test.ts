import { describe, expect, it } from 'vitest';
import { applyDpkgPathRules, withoutDanglingAlternatives } from '../../../src/lib/packages/apt.ts';
import type { AptPackage } from '../../../src/lib/packages/format.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';
import { committedPackages } from './packages-fixture.ts';

const bookworm = () => committedPackages().apt('bookworm');

describe('apt data', () => {
  it("records curl's Depends and its real files", async () => {
    const apt = await bookworm();
    const curl = apt.find('curl');
    if (!curl) throw new Error('curl missing');
    expect(curl.depends).toEqual(expect.arrayContaining([['libc6'], ['libcurl4'], ['zlib1g']]));
    expect(curl.installedKiB).toBeGreaterThan(100);
    const files = await apt.files(curl);
    expect(files.find((e) => e.path === '/usr/bin/curl')).toMatchObject({
      kind: 'file',
      mode: 0o755,
      exec: { kind: 'elf', linkage: 'dynamic', interpreter: '/lib64/ld-linux-x86-64.so.2' },
    });
    expect(files.some((e) => e.path === '/var/lib/dpkg/info/curl.list')).toBe(true);
    expect(files.filter((e) => e.kind !== 'dir')).toHaveLength(curl.fileCount);
  });

  it.each(['bookworm', 'trixie'] as const)(
    'reproduces every measured install on debian:%s',
    async (suite) => {
      const apt = await committedPackages().apt(suite);
      const installed = new Set(apt.data.base);
      expect(apt.data.measuredInstalls).toHaveLength(42);
      for (const m of apt.data.measuredInstalls) {
        const name = m.command.split(' ').at(-1) as string;
        const recommends = !m.command.includes('--no-install-recommends');
        const got = apt.resolve([name], { installed, recommends }).install.map((p) => p.name);
        expect(new Set(got), m.command).toEqual(new Set(m.installed));
      }
    },
  );

  it('answers dnsutils with bind9-dnsutils in trixie, where it is only a virtual name', async () => {
    const apt = await committedPackages().apt('trixie');
    expect(apt.find('dnsutils')?.name).toBe('bind9-dnsutils');
    expect(apt.data.curated).toContain('dnsutils');
  });

  it('adds up to the measured layer, bookkeeping included', async () => {
    const apt = await bookworm();
    const installed = new Set(apt.data.base);
    const measured = apt.data.measuredInstalls.find(
      (m) => m.command === 'apt-get install -y --no-install-recommends curl',
    );
    if (!measured) throw new Error('no measured curl install');
    const { install } = apt.resolve(['curl'], { installed, recommends: false });
    const files = (await Promise.all(install.map((p) => apt.files(p)))).flat();
    const entries = [
      ...files,
      ...apt.overheadEntries(install.length),
      ...apt.databaseEntries({ status: 77_111, installedPaths: 0, dpkgName: (p) => p.name }, install),
    ];
    const size = entries.reduce((n, e) => n + (e.kind === 'file' || e.kind === 'symlink' ? e.size : 0), 0);
    expect(Math.abs(size - measured.layerSize) / measured.layerSize).toBeLessThan(0.02);
  });

  it('installs recommends unless told not to', async () => {
    const apt = await bookworm();
    const installed = new Set(apt.data.base);
    const lean = apt.resolve(['git'], { installed, recommends: false }).install;
    const full = apt.resolve(['git'], { installed, recommends: true }).install;
    expect(full.length).toBeGreaterThan(lean.length);
    expect(full.map((p) => p.name)).toContain('openssh-client');
    expect(lean.map((p) => p.name)).not.toContain('openssh-client');
  });

  it('skips what the stage already has and names what it does not know', async () => {
    const apt = await bookworm();
    const image = await (await committedCatalog()).load('python:3.9-bookworm');
    const r = apt.resolve(['curl', 'gcc', 'no-such-package'], {
      installed: new Set(image.packages.keys()),
      recommends: false,
    });
    expect(r.alreadyInstalled).toEqual(['curl', 'gcc']);
    expect(r.install).toEqual([]);
    expect(r.unknown).toEqual(['no-such-package']);
  });

  it('attributes files maintainer scripts make: .pyc files, alternatives links', async () => {
    const apt = await bookworm();
    const minimal = apt.find('libpython3.11-minimal');
    if (!minimal) throw new Error('missing');
    expect((await apt.files(minimal)).some((e) => /\/__pycache__\/.*\.cpython-311\.pyc$/.test(e.path))).toBe(
      true,
    );
    const installed = new Set(apt.data.base);
    const gcc = apt.resolve(['gcc'], { installed, recommends: false }).install;
    const files = (await Promise.all(gcc.map((p) => apt.files(p)))).flat();
    expect(files.find((e) => e.path === '/usr/bin/cc')).toMatchObject({
      kind: 'symlink',
      target: '/etc/alternatives/cc',
    });
  });

  it("leaves out what the slim images' dpkg configuration excludes", async () => {
    const apt = await bookworm();
    const curl = apt.find('curl');
    if (!curl) throw new Error('missing');
    const all = await apt.files(curl);
    const slim = applyDpkgPathRules(all, apt.data.slim.rules).map((e) => e.path);
    expect(all.some((e) => e.path.startsWith('/usr/share/man/'))).toBe(true);
    expect(slim.some((p) => p.startsWith('/usr/share/man/'))).toBe(false);
    expect(slim).toContain('/usr/share/doc/curl/copyright');
    expect(slim).toContain('/usr/bin/curl');
  });

  it('measures the package lists apt-get update writes', async () => {
    const apt = await bookworm();
    const entries = apt.listsEntries();
    const total = entries.reduce((n, e) => n + e.size, 0);
    expect(total).toBeGreaterThan(10_000_000);
    expect(entries.every((e) => e.path.startsWith('/var/lib/apt/lists/'))).toBe(true);
    expect(apt.data.lists.provenance).toBe('measured');
  });
  it("keeps, as dpkg does, folders and symlinks under an include rule's literal prefix", () => {
    const rules = [
      { include: false, glob: '/usr/share/doc/*' },
      { include: true, glob: '/usr/share/doc/*/copyright' },
      { include: false, glob: '/usr/share/man/*' },
    ];
    const entry = (path: string, kind: 'dir' | 'file' | 'symlink') =>
      ({ path, kind, mode: 0o755, uid: 0, gid: 0, size: 0 }) as const;
    const kept = applyDpkgPathRules(
      [
        entry('/usr/share/doc/binutils/bfd', 'dir'),
        entry('/usr/share/doc/libctf0', 'symlink'),
        entry('/usr/share/doc/binutils/README', 'file'),
        entry('/usr/share/man/man1', 'dir'),
      ],
      rules,
    ).map((e) => e.path);
    expect(kept).toEqual(['/usr/share/doc/binutils/bfd', '/usr/share/doc/libctf0']);
  });

  it("ships each package's md5sums and empty folders from its .deb, and the real extended_states", async () => {
    const apt = await bookworm();
    const [jq, libjq1, libonig5, gssapi] = ['jq', 'libjq1', 'libonig5', 'libgssapi-krb5-2'].map((n) => {
      const p = apt.find(n);
      if (!p) throw new Error(`${n} missing`);
      return p;
    }) as [AptPackage, AptPackage, AptPackage, AptPackage];
    // sizes recorded by real BuildKit (tests/oracle/cases/apt-bookworm-install-run)
    expect((await apt.files(jq)).find((e) => e.path === '/var/lib/dpkg/info/jq.md5sums')?.size).toBe(422);
    expect(
      (await apt.files(libjq1)).find((e) => e.path === '/var/lib/dpkg/info/libjq1:amd64.md5sums')?.size,
    ).toBe(282);
    expect((await apt.files(gssapi)).find((e) => e.path === '/etc/gss/mech.d')?.kind).toBe('dir');
    expect(apt.extendedStates(0, [libjq1, libonig5]).size).toBe(112);
  });
  it("computes ldconfig's caches from glibc's formats and the stage's libraries", async () => {
    const apt = await bookworm();
    const jq = ['jq', 'libjq1', 'libonig5'].map((n) => apt.find(n)) as AptPackage[];
    const installed = new Set([...apt.data.base, 'jq', 'libjq1', 'libonig5']);
    // the real jq install (tests/oracle/cases/apt-bookworm-install-run): 4639 and 4679 bytes
    expect(apt.ldconfigEntries(installed, jq).map((e) => [e.path, e.size, e.mode])).toEqual([
      ['/etc/ld.so.cache', 4639, 0o644],
      ['/var/cache/ldconfig/aux-cache', 4679, 0o600],
    ]);
    // bzip2 activates no ldconfig trigger: the caches are left as they are
    expect(apt.ldconfigEntries(new Set(apt.data.base), [apt.find('bzip2') as AptPackage])).toEqual([]);
  });

  it("leaves out the manual pages' alternatives in a slim image", () => {
    const link = (path: string, target: string) =>
      ({ path, kind: 'symlink', mode: 0o777, uid: 0, gid: 0, size: target.length, target }) as const;
    const kept = withoutDanglingAlternatives(
      [
        link('/etc/alternatives/vi', '/usr/bin/vim.tiny'),
        link('/etc/alternatives/vi.1.gz', '/usr/share/man/man1/vim.1.gz'),
      ],
      [{ include: false, glob: '/usr/share/man/*' }],
    );
    expect(kept.map((e) => e.path)).toEqual(['/etc/alternatives/vi']);
  });
});
