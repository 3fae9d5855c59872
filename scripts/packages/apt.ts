/**
 * Builds the apt data of one suite from the real installs apt-measure.ts recorded: every package
 * any install brought in, with its files as dpkg unpacked them, the files its maintainer scripts
 * made (byte-compiled Python, update-alternatives links, CA certificate links), its dpkg database
 * files, its control fields from the .deb, and apt's own bookkeeping fitted per install. Node-only.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { encodeLayer, type LayerEntry } from '../../src/lib/images/format.ts';
import { parseDpkgPathRules } from '../../src/lib/packages/apt.ts';
import type {
  AptOverhead,
  AptPackage,
  AptSuiteData,
  DebianSuite,
  MeasuredInstall,
} from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import type { InstallRun, MeasuredEntry } from './apt-measure.ts';
import { CURATED_APT } from './curated.ts';

interface Control {
  name: string;
  version: string;
  arch: string;
  priority: string;
  essential: boolean;
  installedKiB: number;
  debSize: number;
  depends: string;
  preDepends: string;
  recommends: string;
  provides: string[];
  statusBytes: number;
  templatesBytes: number;
}

/** The fields of every .deb apt downloaded for the installs, by package name. */
function readControls(archives: string): Map<string, Control> {
  const out = new Map<string, Control>();
  for (const file of readdirSync(archives).filter((f) => f.endsWith('.deb'))) {
    const path = join(archives, file);
    const control = execFileSync('dpkg-deb', ['-f', path], { encoding: 'utf8' });
    const field = (name: string) =>
      new RegExp(`^${name}: (.*(?:\\n .*)*)`, 'mi').exec(control)?.[1]?.replace(/\n /g, ' ') ?? '';
    const member = (name: string) => {
      try {
        return execFileSync('dpkg-deb', ['--info', path, name], {
          encoding: 'utf8',
          stdio: ['pipe', 'pipe', 'ignore'],
        });
      } catch {
        return ''; // the package has no such control member
      }
    };
    const conffiles = member('conffiles');
    const name = field('Package');
    out.set(name, {
      name,
      version: field('Version'),
      arch: field('Architecture'),
      priority: field('Priority'),
      essential: field('Essential') === 'yes',
      installedKiB: Number(field('Installed-Size') || 0),
      debSize: statSync(path).size,
      depends: field('Depends'),
      preDepends: field('Pre-Depends'),
      recommends: field('Recommends'),
      provides: splitList(field('Provides')).map((g) => g[0] ?? ''),
      // dpkg's status stanza: the control fields, a Status line, the conffiles with their md5sums, a blank line
      statusBytes:
        Buffer.byteLength(control) +
        'Status: install ok installed\n'.length +
        (conffiles.trim()
          ? 'Conffiles:\n'.length +
            conffiles
              .trim()
              .split('\n')
              .reduce((n, l) => n + l.length + 35, 0)
          : 0) +
        1,
      templatesBytes: Buffer.byteLength(member('templates')),
    });
  }
  return out;
}

/** `a (>= 1), b | c:any` → [['a'], ['b', 'c']] */
export function splitList(text: string): string[][] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) =>
      g.split('|').map((alt) =>
        alt
          .trim()
          .replace(/\s*\(.*\)$/, '')
          .replace(/:\w+$/, '')
          .replace(/\s*\[.*\]$/, ''),
      ),
    );
}

/** Base packages' Provides, from the root's dpkg status. */
function baseProvides(root: string): Map<string, string[]> {
  const provides = new Map<string, string[]>();
  for (const stanza of readFileSync(join(root, 'var/lib/dpkg/status'), 'utf8').split('\n\n')) {
    const name = /^Package: (.*)$/m.exec(stanza)?.[1];
    const list = /^Provides: (.*)$/m.exec(stanza)?.[1];
    if (name && list)
      for (const [v] of splitList(list)) if (v) provides.set(v, [...(provides.get(v) ?? []), name]);
  }
  return provides;
}

const OVERHEAD = [
  ['/var/log/apt/history.log', true],
  ['/var/log/apt/term.log', true],
  ['/var/log/apt/eipp.log.xz', false],
  ['/var/log/dpkg.log', true],
  ['/var/lib/apt/extended_states', false],
  ['/etc/ld.so.cache', false],
  ['/var/cache/ldconfig/aux-cache', false],
  ['/var/lib/dpkg/lock', false],
  ['/var/lib/dpkg/triggers/Lock', false],
] as const;

const STATUS = new Set(['/var/lib/dpkg/status', '/var/lib/dpkg/status-old']);

export function buildApt(
  work: string,
  suite: DebianSuite,
  slimCfg: string,
  generated: string,
): { data: AptSuiteData; files: Map<string, string>; report: string[] } {
  const dir = join(work, `apt-${suite}`);
  const runs = JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8')) as InstallRun[];
  const base = JSON.parse(readFileSync(join(dir, 'base-packages.json'), 'utf8')) as string[];
  const controls = readControls(join(dir, 'archives'));
  const provides = baseProvides(join(dir, 'base'));
  for (const c of controls.values())
    for (const v of c.provides) provides.set(v, [...(provides.get(v) ?? []), c.name]);
  const report: string[] = [];
  const files = new Map<string, string>();

  const names = [...new Set(runs.flatMap((r) => r.installed))].sort();
  const packages: AptPackage[] = [];
  for (const name of names) {
    const control = controls.get(name);
    if (!control) throw new Error(`${suite}: no .deb for ${name}`);
    const run = runs.find((r) => r.installed.includes(name)) as InstallRun;
    const entries = packageEntries(name, run);
    const path = `apt/${suite}/${name}.txt`;
    files.set(
      path,
      encodeLayer(
        { format: 1, packages: [{ name, version: control.version, arch: control.arch }], contents: {} },
        entries,
      ),
    );
    packages.push({
      name,
      version: control.version,
      arch: control.arch,
      priority: control.priority,
      essential: control.essential,
      installedKiB: control.installedKiB,
      debSize: control.debSize,
      depends: resolveGroups(
        splitList([control.preDepends, control.depends].filter(Boolean).join(', ')),
        provides,
      ),
      recommends: resolveGroups(splitList(control.recommends), provides),
      provides: control.provides,
      size: entries.reduce((n, e) => n + (e.kind === 'file' || e.kind === 'symlink' ? e.size : 0), 0),
      fileCount: entries.filter((e) => e.kind !== 'dir').length,
      files: path,
      statusBytes: control.statusBytes,
      debconfTemplatesBytes: control.templatesBytes,
    });
  }
  const known = new Set([...base, ...names]);
  for (const p of packages) {
    for (const group of p.depends) {
      if (!group.some((n) => known.has(n)))
        report.push(`${suite}: ${p.name} depends on ${group.join(' | ')}, which no install brought`);
    }
  }
  const virtuals: Record<string, string[]> = {};
  for (const [v, providers] of provides) {
    const real = [...new Set(providers)].filter((n) => known.has(n));
    if (real.length && !known.has(v)) virtuals[v] = real;
  }
  const overhead = {
    ...fitOverhead(runs),
    debconfTemplatesRatio: debconfRatio(runs, controls, join(dir, 'base')),
  };
  report.push(...checkStatus(runs, packages, statSync(join(dir, 'base/var/lib/dpkg/status')).size));
  const data: AptSuiteData = {
    format: PACKAGES_FORMAT,
    generated,
    suite,
    curated: CURATED_APT.filter((n) => names.includes(n) || base.includes(n) || virtuals[n] !== undefined),
    base,
    packages,
    virtuals,
    lists: {
      files: readFileSync(join(dir, 'lists.tsv'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t'))
        .map(([path = '', size = '0']) => ({ path, size: Number(size) }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
      provenance: 'measured',
      source: `apt-get update in debian:${suite} (the catalog's root filesystem, its sources and the official image's apt configuration: Acquire::GzipIndexes, no translations), ${generated}`,
    },
    overhead,
    slim: { path: '/etc/dpkg/dpkg.cfg.d/docker', rules: parseDpkgPathRules(slimCfg) },
    measuredInstalls: runs.map(measuredInstall),
    notes: [
      `Each curated package was installed with apt-get install -y, with and without --no-install-recommends, in a fresh copy of debian:${suite} after apt-get update; the files are what those installs left, read with lstat.`,
      'Files a maintainer script creates are attributed to the package: byte-compiled .pyc files to the package of the .py, update-alternatives links to the package of their target, /etc/ssl/certs to ca-certificates.',
      'Installs in the slim images leave out what /etc/dpkg/dpkg.cfg.d/docker excludes (docs but copyright, man pages, locales); the file lists are from the full image and carry those paths.',
      'Versions are those of the mirror on the day of generation; dependencies are not version-checked.',
    ],
  };
  return { data, files, report };
}

/** The entries one package contributes to a run's layer: its own paths, generated files, parents. */
function packageEntries(name: string, run: InstallRun): LayerEntry[] {
  const byPath = new Map(run.entries.map((e) => [e.path, e]));
  const owner = (e: MeasuredEntry): string | undefined => e.pkg ?? generatedOwner(e, byPath, run.installed);
  const mine = run.entries.filter((e) => e.kind !== 'dir' && owner(e) === name && !STATUS.has(e.path));
  const paths = new Set(mine.map((e) => e.path));
  for (const e of mine) {
    for (let d = posix.dirname(e.path); d !== '/'; d = posix.dirname(d)) {
      if (byPath.get(d)?.kind === 'dir') paths.add(d);
    }
  }
  const firstByInode = new Map<string, string>();
  return [...paths]
    .sort()
    .map((p) => byPath.get(p) as MeasuredEntry)
    .map((e): LayerEntry => {
      const common = { path: e.path, mode: e.mode, uid: e.uid, gid: e.gid, pkg: name };
      if (e.kind === 'dir') return { ...common, kind: 'dir', size: 0 };
      if (e.kind === 'symlink') return { ...common, kind: 'symlink', size: e.size, target: e.target ?? '' };
      const first = firstByInode.get(e.inode);
      if (first) return { ...common, kind: 'hardlink', size: 0, target: first };
      firstByInode.set(e.inode, e.path);
      return { ...common, kind: 'file', size: e.size, ...(e.exec ? { exec: e.exec } : {}) };
    });
}

/** Which installed package's maintainer scripts made an unowned path. */
function generatedOwner(
  e: MeasuredEntry,
  byPath: ReadonlyMap<string, MeasuredEntry>,
  installed: readonly string[],
): string | undefined {
  const p = e.path;
  const info = /^\/var\/lib\/dpkg\/info\/([^/:]+?)(?::\w+)?\.[a-z]+$/.exec(p);
  if (info) return installed.includes(info[1] ?? '') ? info[1] : undefined;
  const pyc = /^(.*)\/__pycache__(?:\/([^/]+?)\.cpython-\d+(?:\.opt-\d)?\.pyc)?$/.exec(p);
  if (pyc) {
    const source = pyc[2] ? byPath.get(`${pyc[1]}/${pyc[2]}.py`) : undefined;
    if (source?.pkg) return source.pkg;
    const sibling = [...byPath.values()].find(
      (x) => x.pkg && posix.dirname(x.path) === pyc[1] && x.path.endsWith('.py'),
    );
    return sibling?.pkg;
  }
  if (
    /^\/etc\/ssl\/certs\/|^\/etc\/ca-certificates\.conf$|^\/usr\/local\/share\/ca-certificates$|^\/var\/lib\/dpkg\/triggers\/update-ca-certificates/.test(
      p,
    )
  )
    return installed.includes('ca-certificates') ? 'ca-certificates' : undefined;
  const alternative = /^\/(?:etc|var\/lib\/dpkg)\/alternatives\/(.+)$/.exec(p);
  if (alternative) {
    const link = byPath.get(`/etc/alternatives/${alternative[1]}`);
    return link?.target ? byPath.get(link.target)?.pkg : undefined;
  }
  if (e.kind === 'symlink' && e.target) {
    const target = e.target.startsWith('/') ? e.target : posix.join(posix.dirname(p), e.target);
    const t = byPath.get(target);
    if (t?.pkg) return t.pkg;
    if (t) return generatedOwner(t, byPath, installed);
  }
  const python = installed.find((n) => /^python3\.\d+-minimal$/.test(n));
  if (/^\/usr\/local\/lib\/python3\.\d+/.test(p) && python) return python;
  if (/^\/etc\/python3(\/|$)|^\/var\/lib\/python(\/|$)/.test(p) && installed.includes('python3-minimal'))
    return 'python3-minimal';
  if (/^\/etc\/rcS\.d\/S\d\dprocps$/.test(p) && installed.includes('procps')) return 'procps';
  if (/^\/var\/lib\/systemd\/deb-systemd-user-helper-enabled\/.*?([\w.-]+\.socket)(\.dsh-also)?$/.test(p)) {
    const unit = /([\w.-]+\.socket)(?:\.dsh-also)?$/.exec(p)?.[1];
    const owner = [...byPath.values()].find((x) => x.pkg && x.path.endsWith(`/systemd/user/${unit}`));
    return owner?.pkg;
  }
  return undefined;
}

function resolveGroups(groups: string[][], provides: ReadonlyMap<string, string[]>): string[][] {
  return groups.map((group) => [...new Set(group.flatMap((n) => [n, ...(provides.get(n) ?? [])]))]);
}

/** size = fixed + perPackage × packages installed, least squares over the runs that wrote the file. */
function fitOverhead(runs: readonly InstallRun[]): Omit<AptOverhead, 'debconfTemplatesRatio'> {
  const files = OVERHEAD.map(([path, appends]) => {
    const points = runs
      .filter((r) => r.installed.length > 0)
      .flatMap((r) => {
        const e = r.entries.find((x) => x.path === path);
        return e ? [[r.installed.length, e.size] as const] : [];
      });
    const n = points.length || 1;
    const mx = points.reduce((s, [x]) => s + x, 0) / n;
    const my = points.reduce((s, [, y]) => s + y, 0) / n;
    const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
    const perPackage = sxx ? sxy / sxx : 0;
    return {
      path,
      fixed: Math.round(my - perPackage * mx),
      perPackage: Math.round(perPackage * 10) / 10,
      appends,
    };
  });
  return {
    files,
    source: `fitted to the ${runs.filter((r) => r.installed.length > 0).length} measured installs: size = fixed + perPackage × packages installed`,
  };
}

/** How much templates.dat grows per byte of the installed packages' debconf templates (median of the installs). */
function debconfRatio(
  runs: readonly InstallRun[],
  controls: ReadonlyMap<string, Control>,
  base: string,
): number {
  const before = statSync(join(base, 'var/cache/debconf/templates.dat')).size;
  const ratios = runs.flatMap((r) => {
    const after = r.entries.find((e) => e.path === '/var/cache/debconf/templates.dat');
    const templates = r.installed.reduce((n, p) => n + (controls.get(p)?.templatesBytes ?? 0), 0);
    return after && templates ? [(after.size - before) / templates] : [];
  });
  ratios.sort((a, b) => a - b);
  return Math.round((ratios[ratios.length >> 1] ?? 1) * 1000) / 1000;
}

/** How well the stanza sizes add up to the status file growth each install measured. */
function checkStatus(
  runs: readonly InstallRun[],
  packages: readonly AptPackage[],
  baseStatus: number,
): string[] {
  const stanza = new Map(packages.map((p) => [p.name, p.statusBytes]));
  let worst = 0;
  for (const r of runs) {
    const status = r.entries.find((e) => e.path === '/var/lib/dpkg/status');
    if (!status || r.installed.length === 0) continue;
    const predicted = r.installed.reduce((n, p) => n + (stanza.get(p) ?? 0), 0);
    const measured = status.size - baseStatus;
    worst = Math.max(worst, Math.abs(predicted - measured) / Math.max(1, measured));
  }
  return [`status stanza sizes vs measured /var/lib/dpkg/status growth: worst ${(worst * 100).toFixed(1)}%`];
}

function measuredInstall(r: InstallRun): MeasuredInstall {
  const counted = new Set<string>();
  let layerSize = 0;
  for (const e of r.entries) {
    if (e.kind === 'symlink') layerSize += e.size;
    else if (e.kind === 'file' && !counted.has(e.inode)) {
      counted.add(e.inode);
      layerSize += e.size;
    }
  }
  return {
    command: `apt-get install -y ${r.recommends ? '' : '--no-install-recommends '}${r.packages}`,
    installed: r.installed,
    layerSize,
  };
}
