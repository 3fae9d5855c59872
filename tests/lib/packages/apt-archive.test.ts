/**
 * The whole Debian archive against real apt: the package sets `apt-get install -s` chose on the
 * real debian:12 and debian:13 (recorded in fixtures/), and the disk space apt announced.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveEntries, archiveShardKey, parseArchiveShard } from '../../../src/lib/packages/apt-archive.ts';
import { committedPackages } from './packages-fixture.ts';

/** The recorded `apt-get install -s` runs: request (with or without --no-install-recommends) → Inst names. */
function recorded(image: string): Map<string, string[]> {
  const text = readFileSync(join(import.meta.dirname, `fixtures/apt-install-simulated-${image}.txt`), 'utf8');
  const sets = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('== ')) {
      current = [];
      sets.set(line.slice(3), current);
    } else if (line.startsWith('Inst ')) current.push(line.split(' ')[1] as string);
  }
  return new Map([...sets].filter(([, names]) => names.length > 0));
}

const SUITES = [
  ['bookworm', 'debian12'],
  ['trixie', 'debian13'],
] as const;

describe('the whole Debian archive', () => {
  it.each(SUITES)('chooses the packages real apt chose on %s (%s)', async (suite, image) => {
    const apt = await committedPackages().apt(suite);
    const runs = recorded(image);
    expect(runs.size).toBe(10);
    for (const [request, real] of runs) {
      const recommends = !request.startsWith('--no-install-recommends ');
      const names = request.replace('--no-install-recommends ', '').split(' ');
      const options = { installed: new Set(apt.data.base), recommends };
      await apt.load(names, options);
      const got = apt.resolve(names, options);
      expect(got.unknown, request).toEqual([]);
      expect(got.unsatisfied, request).toEqual([]);
      expect(new Set(got.install.map((p) => p.name)), request).toEqual(new Set(real));
    }
  });

  // apt's "After this operation, N MB of additional disk space will be used" on the real images
  it.each([
    ['bookworm', true, 175e6],
    ['bookworm', false, 116e6],
    ['trixie', true, 135e6],
    ['trixie', false, 95.1e6],
  ] as const)(
    'sizes python3-venv tree graphviz on %s (recommends %s) as apt announces',
    async (suite, recommends, announced) => {
      const apt = await committedPackages().apt(suite);
      const names = ['python3-venv', 'tree', 'graphviz'];
      const options = { installed: new Set(apt.data.base), recommends };
      await apt.load(names, options);
      const kib = apt.resolve(names, options).install.reduce((n, p) => n + p.installedKiB, 0);
      expect(Math.abs(kib * 1024 - announced) / announced).toBeLessThan(0.01);
    },
  );

  it('gives a package from the archive its paths, commands executable, and its real Installed-Size', async () => {
    const apt = await committedPackages().apt('bookworm');
    await apt.load(['graphviz'], { installed: new Set(apt.data.base), recommends: false });
    const graphviz = apt.find('graphviz');
    expect(graphviz).toMatchObject({ version: '2.42.2-7+deb12u1', installedKiB: 3064, basis: 'archive' });
    const files = await apt.files(graphviz as never);
    expect(files.find((e) => e.path === '/usr/bin/dot')).toMatchObject({ kind: 'file', mode: 0o755 });
    expect(files.some((e) => e.path === '/usr/share/doc/graphviz/copyright')).toBe(true);
    const bytes = files.filter((e) => !e.path.startsWith('/var/lib/dpkg/')).reduce((n, e) => n + e.size, 0);
    expect(bytes).toBe(graphviz?.size);
  });

  it('knows a package measured by a real install by its measured files, not the archive', async () => {
    const apt = await committedPackages().apt('bookworm');
    await apt.load(['curl'], { installed: new Set(apt.data.base), recommends: true });
    expect(apt.find('curl')?.basis).toBeUndefined();
  });

  it('says a name is absent only after reading its shard, and asks for one provider of a virtual name', async () => {
    const apt = await committedPackages().apt('bookworm');
    const options = { installed: new Set(apt.data.base), recommends: false };
    await apt.load(['no-such-package-7f3a', 'mail-transport-agent'], options);
    const r = apt.resolve(['no-such-package-7f3a', 'mail-transport-agent'], options);
    expect(r.unknown).toEqual(['no-such-package-7f3a']);
    expect(r.ambiguous[0]?.providers).toEqual(expect.arrayContaining(['exim4-daemon-light', 'postfix']));
  });

  it('shards lib names by five characters and the rest by two', () => {
    expect(archiveShardKey('libxml2-dev')).toBe('libxm');
    expect(archiveShardKey('graphviz')).toBe('gr');
    expect(archiveShardKey('../x')).toBe('..');
  });

  it('spreads a package’s bytes over its paths, documentation a kibibyte each', () => {
    const [record] = parseArchiveShard(
      'P\ttree\t2.1.0-1\tamd64\to\tc\t113\t700\t7\tlibc6\t\t\tusr/bin/tree usr/share/doc/tree/TODO\n',
    ).packages.values();
    if (!record) throw new Error('no record');
    const entries = archiveEntries(record, 1);
    const size = (path: string) => entries.find((e) => e.path === path)?.size;
    expect(size('/usr/share/doc/tree/copyright')).toBe(1024);
    expect(size('/usr/bin/tree')).toBe(113 * 1024 - 2048);
    expect(entries.find((e) => e.path === '/usr/share/doc')?.kind).toBe('dir');
  });
});
