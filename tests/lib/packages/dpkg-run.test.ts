import { describe, expect, it } from 'vitest';
import {
  dpkgLogBytes,
  dpkgRemoveLogBytes,
  libcVersion,
  statusOldDelta,
  summarizeFilename,
  termLogBytes,
} from '../../../src/lib/packages/dpkg-run.ts';
import type { AptPackage } from '../../../src/lib/packages/format.ts';
import { committedPackages } from './packages-fixture.ts';

// `apt-get install -y --no-install-recommends bc` on the real debian:bookworm (recorded by the
// oracle, tests/oracle/cases/apt-bookworm-bc): dpkg.log 1705 bytes, term.log 1314, status-old 31
// bytes longer than status.
describe("dpkg's run of an install", () => {
  it('adds up to the real logs and status-old of the bc install', async () => {
    const apt = await committedPackages().apt('bookworm');
    const order = ['readline-common', 'libreadline8', 'bc'].map((n) => apt.find(n)) as AptPackage[];
    const libc = libcVersion(apt.data.ldconfig?.generator ?? '');
    expect(libc).toBe('2.36-9+deb12u14');
    expect(dpkgLogBytes(order, libc)).toBe(1705);
    const name = (p: AptPackage) => (p.name === 'libreadline8' ? 'libreadline8:amd64' : p.name);
    expect(termLogBytes(order, name, 6096, libc)).toBe(1314);
    expect(statusOldDelta(order, libc)).toBe(31);
  });

  it('leaves out the trigger when no package activates ldconfig', async () => {
    const apt = await committedPackages().apt('bookworm');
    const bzip2 = apt.find('bzip2') as AptPackage;
    // the real bzip2 install: dpkg.log 518 bytes, status-old one byte shorter than status
    expect(dpkgLogBytes([bzip2], '2.36-9+deb12u14')).toBe(518);
    expect(statusOldDelta([bzip2], '2.36-9+deb12u14')).toBe(-1);
  });
});

describe("dpkg's shortened .deb names", () => {
  it('keeps the tail up to 30 characters, as the recorded term.logs show', () => {
    // apt-bookworm-netbase: one package, the archive's own path
    expect(summarizeFilename('/var/cache/apt/archives/netbase_6.4_all.deb')).toBe(
      '.../archives/netbase_6.4_all.deb',
    );
    expect(summarizeFilename('/var/cache/apt/archives/bzip2_1.0.8-5+b1_amd64.deb')).toBe(
      '.../bzip2_1.0.8-5+b1_amd64.deb',
    );
    expect(summarizeFilename('/tmp/apt-dpkg-install-AbC123/0-libpq5_15.20-0+deb12u1_amd64.deb')).toBe(
      '.../0-libpq5_15.20-0+deb12u1_amd64.deb',
    );
    expect(summarizeFilename('short.deb')).toBe('short.deb');
  });
});

// The recorded removals on debian:bookworm after `apt-get install --no-install-recommends jq`
// (dpkg.log 1712 bytes then): apt-get purge -y jq → 2228, apt-get purge -y --auto-remove jq →
// 3288, apt-mark auto …; apt-get autoremove -y → 3241 (one configure run fewer).
describe("dpkg's remove run", () => {
  it('adds up to the real dpkg.log of each removal', async () => {
    const apt = await committedPackages().apt('bookworm');
    const [jq, libjq1, libonig5] = ['jq', 'libjq1', 'libonig5'].map((n) => apt.find(n)) as AptPackage[];
    const libc = '2.36-9+deb12u14';
    expect(dpkgRemoveLogBytes([jq as AptPackage], libc)).toBe(2228 - 1712);
    const all = [jq, libjq1, libonig5] as AptPackage[];
    expect(dpkgRemoveLogBytes(all, libc)).toBe(3288 - 1712);
    expect(dpkgRemoveLogBytes(all, libc, 1)).toBe(3241 - 1712);
  });
});
