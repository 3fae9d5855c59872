/**
 * Real `apt-get install` runs: for each suite, a copy of the catalog's debian:SUITE root filesystem
 * gets `apt-get update` (the lists are measured), then each curated package is installed in a fresh
 * copy, with and without --no-install-recommends, and the changed paths are written out as JSON for
 * build.ts. Needs root, the catalog's roots (CATALOG_WORK) and a Debian mirror. Node-only.
 * Usage: node scripts/packages/apt-measure.ts WORK SUITE...
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ScannedEntry, scanRootfs } from '../catalog/scan-rootfs.ts';
import { CURATED_APT } from './curated.ts';

const [work = '/var/tmp/packages', ...suites] = process.argv.slice(2);
const catalog = process.env.CATALOG_WORK ?? '/var/tmp/catalog';

/** One measured entry: what a layer would carry for the path. */
export type MeasuredEntry = Omit<ScannedEntry, 'inode' | 'mtimeMs'> & { readonly inode: string };

export interface InstallRun {
  readonly suite: string;
  readonly packages: string;
  readonly recommends: boolean;
  readonly status: number;
  readonly output: string;
  readonly installed: readonly string[];
  readonly entries: readonly MeasuredEntry[];
}

function sh(cmd: string, args: string[], opts: { input?: string } = {}): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
    ...opts,
  });
}

/** Runs a command in the chroot with /proc mounted and the shared .deb cache bound in. */
function inRoot(root: string, archives: string, command: string): { status: number; output: string } {
  mkdirSync(join(root, 'var/cache/apt-shared/partial'), { recursive: true });
  sh('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
  sh('mount', ['--bind', archives, join(root, 'var/cache/apt-shared')]);
  try {
    const output = sh('chroot', [
      root,
      '/usr/bin/env',
      '-i',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'DEBIAN_FRONTEND=noninteractive',
      'HOME=/root',
      '/bin/sh',
      '-c',
      `${command} 2>&1`,
    ]);
    return { status: 0, output };
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    return { status: err.status ?? 1, output: err.stdout ?? '' };
  } finally {
    sh('umount', [join(root, 'var/cache/apt-shared')]);
    sh('umount', [join(root, 'proc')]);
    rmSync(join(root, 'var/cache/apt-shared'), { recursive: true, force: true });
  }
}

function changed(a: ScannedEntry | undefined, b: ScannedEntry): boolean {
  return (
    !a ||
    a.kind !== b.kind ||
    a.mode !== b.mode ||
    a.size !== b.size ||
    a.target !== b.target ||
    a.uid !== b.uid ||
    a.gid !== b.gid ||
    (b.kind === 'file' && a.mtimeMs !== b.mtimeMs)
  );
}

function measureSuite(suite: string): void {
  const dir = join(work, `apt-${suite}`);
  const base = join(dir, 'base');
  const archives = join(dir, 'archives');
  mkdirSync(join(archives, 'partial'), { recursive: true });
  rmSync(base, { recursive: true, force: true });
  sh('cp', ['-a', join(catalog, 'roots', `${suite}-debian`), base]);
  const update = inRoot(base, archives, 'apt-get update');
  if (update.status !== 0) throw new Error(`apt-get update failed in ${suite}: ${update.output}`);
  const lists = sh('find', [join(base, 'var/lib/apt/lists'), '-type', 'f', '-printf', '%P\t%s\n']);
  writeFileSync(join(dir, 'lists.tsv'), lists);
  const before = scanRootfs(base);
  writeFileSync(join(dir, 'base-packages.json'), JSON.stringify([...before.packages.keys()].sort()));
  const runs: InstallRun[] = [];
  for (const pkg of CURATED_APT) {
    for (const recommends of [false, true]) {
      const root = join(dir, 'run');
      rmSync(root, { recursive: true, force: true });
      sh('cp', ['-a', base, root]);
      const flags = recommends ? '' : '--no-install-recommends ';
      const command = `apt-get install -y ${flags}-o Dir::Cache::Archives=/var/cache/apt-shared/ ${pkg}`;
      const result = inRoot(root, archives, command);
      const after = scanRootfs(root);
      const entries: MeasuredEntry[] = [];
      for (const e of after.entries.values()) {
        if (!changed(before.entries.get(e.path), e)) continue;
        const { mtimeMs: _m, ...rest } = e;
        entries.push(rest);
      }
      const installed = [...after.packages.keys()].filter((n) => !before.packages.has(n)).sort();
      runs.push({
        suite,
        packages: pkg,
        recommends,
        status: result.status,
        output: result.output.slice(-4000),
        installed,
        entries,
      });
      console.log(
        `${suite} ${pkg}${recommends ? ' (recommends)' : ''}: status ${result.status}, ${installed.length} packages, ${entries.length} paths`,
      );
    }
  }
  rmSync(join(dir, 'run'), { recursive: true, force: true });
  writeFileSync(join(dir, 'runs.json'), JSON.stringify(runs));
}

for (const suite of suites) measureSuite(suite);
