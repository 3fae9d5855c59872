/**
 * debian:bullseye and ubuntu 22.04/24.04/26.04, added from their own root filesystems by
 * scripts/catalog/add-rootfs-images.ts: Docker's tags resolve to them, and their files say what
 * the real images' files say.
 */
import { describe, expect, it } from 'vitest';
import { lstat, stat } from '../../../src/lib/fs/tree.ts';
import { terminal } from '../terminal/fixture.ts';
import { committedCatalog } from './catalog-fixture.ts';
import { UBUNTU_PACKAGES } from './ubuntu-package-sets.ts';

describe('bullseye and ubuntu tags resolve to the added images', async () => {
  const catalog = await committedCatalog();

  it.each([
    ['debian:bullseye', 'debian:bullseye'],
    ['debian:11', 'debian:bullseye'],
    ['debian:11.11', 'debian:bullseye'],
    ['debian:oldoldstable', 'debian:bullseye'],
    ['docker.io/library/debian:bullseye-20260803', 'debian:bullseye'],
    ['debian:bullseye-slim', 'debian:bullseye-slim'],
    ['debian:11-slim', 'debian:bullseye-slim'],
    ['debian:oldoldstable-slim', 'debian:bullseye-slim'],
    ['ubuntu:22.04', 'ubuntu:22.04'],
    ['ubuntu:jammy', 'ubuntu:22.04'],
    ['ubuntu:24.04', 'ubuntu:24.04'],
    ['ubuntu:noble-20260810', 'ubuntu:24.04'],
    ['ubuntu', 'ubuntu:26.04'],
    ['ubuntu:latest', 'ubuntu:26.04'],
    ['ubuntu:rolling', 'ubuntu:26.04'],
    ['ubuntu:resolute', 'ubuntu:26.04'],
  ])('%s is %s', async (ref, expected) => {
    const r = await catalog.lookup(ref);
    expect(r.ok && r.how === 'exact' && r.image.ref).toBe(expected);
    expect(r.certainty.level).toBe('known');
  });

  it('still fails a tag the library never had, as Docker does', async () => {
    const r = await catalog.lookup('ubuntu:99.04');
    expect(r.ok || r.error.message).toMatch(/^manifest for ubuntu:99.04 not found: manifest unknown/);
  });
});

describe('what the added images hold', async () => {
  const catalog = await committedCatalog();

  it.each([
    ['debian:bullseye', '11'],
    ['debian:bullseye-slim', '11'],
    ['ubuntu:22.04', '22.04'],
    ['ubuntu:24.04', '24.04'],
    ['ubuntu:26.04', '26.04'],
  ])('%s says VERSION_ID %s in /etc/os-release', async (ref, version) => {
    const image = await catalog.load(ref);
    const osRelease = image.contents.get('/etc/os-release') ?? image.contents.get('/usr/lib/os-release');
    expect(osRelease).toContain(`VERSION_ID="${version}"`);
  });

  it('keeps bullseye unmerged with its sources in the one-line format, as debuerreotype builds it', async () => {
    const image = await catalog.load('debian:bullseye');
    expect(lstat(image.tree, '/bin')?.kind).toBe('dir');
    expect(stat(image.tree, '/bin/bash')?.kind).toBe('file');
    expect(stat(image.tree, '/etc/apt/sources.list')?.kind).toBe('file');
    expect(stat(image.tree, '/etc/apt/sources.list.d/debian.sources')).toBeUndefined();
    expect(image.contents.get('/etc/debian_version')).toBe('11.11\n');
    expect(image.packages.size).toBe(BULLSEYE_PACKAGES);
    expect(image.record.config.Cmd).toEqual(['bash']);
  });

  it('slims bullseye the way debuerreotype-slimify does', async () => {
    const full = await catalog.load('debian:bullseye');
    const slim = await catalog.load('debian:bullseye-slim');
    expect(slim.packages.size).toBe(full.packages.size);
    expect(stat(full.tree, '/usr/share/man/man1/bash.1.gz')?.kind).toBe('file');
    expect(stat(slim.tree, '/usr/share/man/man1/bash.1.gz')).toBeUndefined();
    expect(stat(slim.tree, '/etc/dpkg/dpkg.cfg.d/docker')?.kind).toBe('file');
  });

  it.each(Object.entries(UBUNTU_PACKAGES))(
    '%s has exactly the packages repo-info lists',
    async (ref, names) => {
      const image = await catalog.load(ref);
      expect([...image.packages.keys()].sort()).toEqual([...names].sort());
      expect(image.record.config.Cmd).toEqual(['/bin/bash']);
      expect(lstat(image.tree, '/bin')).toMatchObject({ kind: 'symlink' });
    },
  );

  it('has the user ubuntu (uid 1000) from 23.04 on, and no man pages', async () => {
    const jammy = await catalog.load('ubuntu:22.04');
    const noble = await catalog.load('ubuntu:24.04');
    const resolute = await catalog.load('ubuntu:26.04');
    expect(jammy.contents.get('/etc/passwd')).not.toMatch(/^ubuntu:/m);
    expect(noble.contents.get('/etc/passwd')).toMatch(
      /^ubuntu:x:1000:1000:Ubuntu:\/home\/ubuntu:\/bin\/bash$/m,
    );
    expect(resolute.contents.get('/etc/passwd')).toMatch(/^ubuntu:x:1000:1000:/m);
    expect(stat(noble.tree, '/home/ubuntu')).toMatchObject({ kind: 'dir', uid: 1000 });
    for (const image of [jammy, noble, resolute]) {
      expect(stat(image.tree, '/etc/dpkg/dpkg.cfg.d/excludes')?.kind).toBe('file');
      expect(stat(image.tree, '/usr/share/man/man1/bash.1.gz')).toBeUndefined();
    }
    expect(stat(jammy.tree, '/usr/local/sbin/unminimize')?.kind).toBe('file');
    expect(noble.packages.has('unminimize')).toBe(true);
    // 26.04 keeps its translations: its published size has room for them (docs/catalog.md).
    expect(stat(noble.tree, '/usr/share/locale/pl/LC_MESSAGES/dpkg.mo')).toBeUndefined();
    expect(stat(resolute.tree, '/usr/share/locale/pl/LC_MESSAGES/dpkg.mo')?.kind).toBe('file');
  });
});

describe("the terminal's docker pull", () => {
  it('pulls ubuntu and bullseye from the catalog and lists them', async () => {
    const t = terminal();
    expect((await t.type('docker pull ubuntu:24.04')).out).toContain('24.04: Pulling from library/ubuntu\n');
    expect((await t.type('docker pull debian:11-slim')).out).toContain(
      '11-slim: Pulling from library/debian\n',
    );
    const listed = (await t.type('docker images')).out;
    expect(listed).toMatch(/^ubuntu +24\.04 +[0-9a-f]{12} .* 77\.9MB$/m);
    expect(listed).toMatch(/^debian +11-slim +[0-9a-f]{12} .* 79\.8MB$/m);
  });
});

/** `grep -c '^Package:' var/lib/dpkg/status` in the bullseye rootfs extra-rootfs.sh built. */
const BULLSEYE_PACKAGES = 96;
