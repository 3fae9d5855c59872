/**
 * Writes the whole Debian archive of bullseye, bookworm and trixie (main, amd64) to
 * OUT/apt-archive/SUITE: index.json and shards by name (src/lib/packages/apt-archive.ts), from the
 * mirror's Packages.xz and Contents-amd64.gz. Every package keeps its real control facts; its paths
 * come from Contents: all of them for the packages Dockerfiles commonly ask for and what they pull
 * in (SEEDS), its commands, shared libraries and copyright file for the rest. Needs `xz` and `gzip`.
 * Node-only.
 * Usage: node scripts/packages/apt-archive.ts OUT [WORK] [MIRROR]
 *   (OUT normally public/packages; WORK caches the downloads, default /var/tmp/apt-archive)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARCHIVE_FORMAT,
  type ArchiveIndex,
  type ArchiveRecord,
  archiveIndexOf,
  archiveShardKey,
  archiveShardOf,
  encodeArchiveShard,
} from '../../src/lib/packages/apt-archive.ts';
import { DEBIAN_SUITES, type DebianSuite } from '../../src/lib/packages/project-names.ts';

const [out = 'public/packages', work = '/var/tmp/apt-archive', mirror = 'http://deb.debian.org/debian'] =
  process.argv.slice(2);

/**
 * Packages real Dockerfiles install beyond the measured set (issue 17's real-world corpus, the
 * official images' own RUN lines): they and everything they pull in, recommends included, list
 * every path.
 */
const SEEDS = [
  'python3-venv',
  'python3-dev',
  'tree',
  'rustc',
  'cargo',
  'graphviz',
  'imagemagick',
  'libpq5',
  'postgresql-client',
  'default-libmysqlclient-dev',
  'libffi-dev',
  'libssl-dev',
  'pkg-config',
  'zip',
  'xz-utils',
  'gnupg',
  'sudo',
  'nginx',
  'supervisor',
  'cron',
  'less',
  'nano',
  'vim',
  'htop',
  'locales',
  'ffmpeg',
  'libgl1',
  'libglib2.0-0',
  'git-lfs',
  'openssh-client',
  'rsync',
  'sqlite3',
  'libsqlite3-dev',
  'libxml2-dev',
  'libxslt1-dev',
  'libjpeg-dev',
  'zlib1g-dev',
  'libmagic1',
  'tini',
  'gosu',
  'dumb-init',
  'iproute2',
  'net-tools',
  'lsb-release',
  'gettext',
  'musl-tools',
  'upx-ucl',
  'protobuf-compiler',
  'bzip2',
  'patch',
  'file',
  'bc',
  'mime-support',
  'media-types',
  'libcap2-bin',
  'golang',
  'nodejs',
  'npm',
  'default-jre-headless',
];

function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function fetchCached(url: string, path: string): Buffer {
  if (!existsSync(path)) execFileSync('curl', ['-fsS', '-o', path, url]);
  return readFileSync(path);
}

interface Stanza {
  readonly fields: Map<string, string>;
  readonly bytes: number;
}

function parsePackages(text: string): Stanza[] {
  return text
    .split('\n\n')
    .filter((s) => s.startsWith('Package: '))
    .map((s) => {
      const fields = new Map<string, string>();
      let last = '';
      let bytes = 0;
      for (const line of s.split('\n')) {
        if (line.startsWith(' ')) fields.set(last, `${fields.get(last)}\n${line}`);
        else {
          const at = line.indexOf(': ');
          last = line.slice(0, at);
          fields.set(last, line.slice(at + 2));
        }
        // dpkg's status keeps the control fields, not the archive's download and tag fields
        if (
          !/^(Filename|Size|MD5sum|SHA256|Description-md5|Tag|Section|Homepage)/.test(line) &&
          !line.startsWith(' ')
        )
          bytes += line.length + 1;
      }
      return { fields, bytes };
    });
}

/** `a (>= 1) | b:any, c [amd64]` → [[a, b], [c]]: names only. */
function dependencyGroups(text: string | undefined): string[][] {
  if (!text) return [];
  return text.split(',').map((group) =>
    group
      .split('|')
      .map((alt) => alt.trim().split(/[\s(:[<]/)[0] ?? '')
      .filter((name) => name !== ''),
  );
}

const PRIORITY_RANK: Record<string, number> = {
  required: 0,
  important: 1,
  standard: 2,
  optional: 3,
  extra: 4,
};

/** Contents-amd64: `path   section/pkg,section/pkg2`, one line per path. */
function readContents(gz: Buffer, merged: boolean): Map<string, string[]> {
  const text = execFileSync('gzip', ['-dc'], { input: gz, maxBuffer: 2 ** 31 }).toString('utf8');
  const byPackage = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^(.*\S)\s+(\S+)$/.exec(line);
    if (!m) continue;
    const path = `/${merged ? usrMerged(m[1] as string) : m[1]}`;
    for (const owner of (m[2] as string).split(',')) {
      const name = owner.slice(owner.lastIndexOf('/') + 1);
      entryOf(byPackage, name, () => []).push(path);
    }
  }
  return byPackage;
}

/** The images of bookworm and trixie have a merged /usr: /bin/x is /usr/bin/x. */
function usrMerged(path: string): string {
  return /^(bin|sbin|lib|lib64)\//.test(path) ? `usr/${path}` : path;
}

/** The paths a package outside the seeds' closure lists: commands, shared libraries, copyright. */
function essentialPaths(name: string, paths: readonly string[]): string[] {
  return paths.filter(
    (p) =>
      /^\/(usr\/)?s?bin\/[^/]+$/.test(p) ||
      /^\/(usr\/)?lib\/x86_64-linux-gnu\/[^/]+\.so(\.\d+)*$/.test(p) ||
      p === `/usr/share/doc/${name}/copyright`,
  );
}

/** The seeds and what they pull in (first alternative apt knows, recommends included). */
function closure(
  records: ReadonlyMap<string, Omit<ArchiveRecord, 'paths' | 'complete'>>,
  virtuals: ReadonlyMap<string, string[]>,
): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const real = records.has(name) ? name : virtuals.get(name)?.[0];
    if (!real || seen.has(real)) return;
    seen.add(real);
    const r = records.get(real);
    for (const group of [...(r?.depends ?? []), ...(r?.recommends ?? [])]) {
      const first = group.find((alt) => records.has(alt) || virtuals.has(alt));
      if (first) visit(first);
    }
  };
  for (const seed of SEEDS) visit(seed);
  return seen;
}

/** Median bytes a measured package's status stanza has beyond its index stanza (the long description). */
function statusDelta(suite: DebianSuite, stanzas: ReadonlyMap<string, number>): number {
  const file = join(out, `apt/${suite}.json`);
  if (!existsSync(file)) return 0;
  const measured = JSON.parse(readFileSync(file, 'utf8')) as {
    packages: { name: string; statusBytes: number }[];
  };
  const deltas = measured.packages
    .filter((p) => stanzas.has(p.name))
    .map((p) => p.statusBytes - (stanzas.get(p.name) ?? 0))
    .sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)] ?? 0;
}

/** Median layer bytes per Installed-Size byte over the measured packages of bookworm and trixie. */
function sizeRatio(): number {
  const ratios = ['bookworm', 'trixie'].flatMap((suite) => {
    const file = join(out, `apt/${suite}.json`);
    if (!existsSync(file)) return [];
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      packages: { size: number; installedKiB: number }[];
    };
    return data.packages.filter((p) => p.installedKiB > 50).map((p) => p.size / (p.installedKiB * 1024));
  });
  ratios.sort((a, b) => a - b);
  return Math.round((ratios[Math.floor(ratios.length / 2)] ?? 1) * 1000) / 1000;
}

function buildSuite(suite: DebianSuite, ratio: number): void {
  const dir = join(work, suite);
  mkdirSync(dir, { recursive: true });
  const base = `${mirror}/dists/${suite}`;
  const packagesUrl = `${base}/main/binary-amd64/Packages.xz`;
  const contentsUrl = `${base}/main/Contents-amd64.gz`;
  const release = fetchCached(`${base}/Release`, join(dir, 'Release')).toString('utf8');
  const xz = fetchCached(packagesUrl, join(dir, 'Packages.xz'));
  const stanzas = parsePackages(
    execFileSync('xz', ['-dc'], { input: xz, maxBuffer: 1 << 30 }).toString('utf8'),
  );
  const contents = readContents(
    fetchCached(contentsUrl, join(dir, 'Contents-amd64.gz')),
    suite !== 'bullseye',
  );
  const delta = statusDelta(suite, new Map(stanzas.map((s) => [s.fields.get('Package') ?? '', s.bytes])));

  const records = new Map<string, Omit<ArchiveRecord, 'paths' | 'complete'>>();
  const providers = new Map<string, string[]>();
  for (const { fields, bytes } of stanzas) {
    const name = fields.get('Package') ?? '';
    const provides = dependencyGroups(fields.get('Provides')).flat();
    records.set(name, {
      name,
      version: fields.get('Version') ?? '',
      arch: fields.get('Architecture') ?? 'amd64',
      priority: fields.get('Priority') ?? 'optional',
      essential: fields.get('Essential') === 'yes',
      multiArchSame: fields.get('Multi-Arch') === 'same',
      installedKiB: Number(fields.get('Installed-Size') ?? 0),
      statusBytes: bytes + 'Status: install ok installed\n'.length + delta,
      fileCount: contents.get(name)?.length ?? 0,
      depends: [...dependencyGroups(fields.get('Pre-Depends')), ...dependencyGroups(fields.get('Depends'))],
      recommends: dependencyGroups(fields.get('Recommends')),
    });
    for (const v of provides) {
      entryOf(providers, v, () => []).push(name);
    }
  }
  // apt's pick among providers, estimated: the most important priority, then the name
  const rank = (n: string) => PRIORITY_RANK[records.get(n)?.priority ?? 'extra'] ?? 5;
  for (const list of providers.values()) list.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const complete = closure(records, providers);

  const shards = new Map<string, { packages: Map<string, ArchiveRecord>; virtuals: Map<string, string[]> }>();
  const shardFor = (name: string) => {
    return entryOf(shards, archiveShardKey(name), () => ({ packages: new Map(), virtuals: new Map() }));
  };
  for (const name of [...records.keys()].sort()) {
    const r = records.get(name) as Omit<ArchiveRecord, 'paths' | 'complete'>;
    const all = contents.get(name) ?? [];
    const full = complete.has(name);
    shardFor(name).packages.set(name, {
      ...r,
      complete: full,
      paths: full ? all : essentialPaths(name, all),
    });
  }
  // Rust crates' feature names (librust-serde+derive-dev) are left out: tens of thousands of
  // virtual names only other librust-*-dev packages depend on
  for (const name of [...providers.keys()].sort())
    if (!records.has(name) && !name.includes('+'))
      shardFor(name).virtuals.set(name, providers.get(name) ?? []);

  rmSync(join(out, 'apt-archive', suite), { recursive: true, force: true });
  mkdirSync(join(out, 'apt-archive', suite), { recursive: true });
  const keys = [...shards.keys()].sort();
  for (const key of keys)
    writeFileSync(join(out, archiveShardOf(suite, key)), encodeArchiveShard(shards.get(key) as never));
  const index: ArchiveIndex = {
    format: ARCHIVE_FORMAT,
    suite,
    sources: [packagesUrl, contentsUrl],
    date: /^Date: (.+)$/m.exec(release)?.[1] ?? 'unknown',
    packages: records.size,
    virtuals: [...providers.keys()].filter((n) => !records.has(n) && !n.includes('+')).length,
    complete: complete.size,
    shards: keys,
    sizeRatio: ratio,
  };
  writeFileSync(join(out, archiveIndexOf(suite)), `${JSON.stringify(index)}\n`);
  console.log(
    `${suite}: ${records.size} packages, ${index.virtuals} virtual, ${complete.size} with every path, ${keys.length} shards, status delta ${delta}`,
  );
}

const ratio = sizeRatio();
console.log(`size ratio (layer bytes / Installed-Size): ${ratio}`);
// bullseye's data is made on request only: no catalog image with apt runs it (see docs/packages.md)
const suites = (process.env.APT_ARCHIVE_SUITES ?? 'bookworm,trixie').split(',') as DebianSuite[];
for (const suite of suites) {
  if (!DEBIAN_SUITES.includes(suite)) throw new Error(`${suite}: not one of ${DEBIAN_SUITES.join(', ')}`);
  buildSuite(suite, ratio);
}
