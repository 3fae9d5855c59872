/**
 * Refreshes one suite's apt data from the packages' real .debs (`apt-get download` from the mirror,
 * see fetch-apt-debs.sh) and adds packages to it: each package's files become what its data archive
 * holds (every directory, empty ones too), on the merged-/usr layout the images have; its
 * /var/lib/dpkg/info files are its control members (md5sums, conffiles, maintainer scripts, shlibs,
 * symbols, triggers, templates) and the .list dpkg writes; its status stanza size follows from the
 * control file. Files maintainer scripts made, measured by apt-measure.ts, are kept.
 * Node-only. Usage: node scripts/packages/apt-debs.ts SUITE DEBDIR [OUT] [LDCONFIG_P DPKG_PATHS]
 * (in the real debian:SUITE: the output of `ldconfig -p`, for the ldconfig caches, and the count of
 * `cat /var/lib/dpkg/info/*.list | sort -u`, for dpkg's progress line; fetch-apt-debs.sh makes both)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLayer, encodeLayer, type LayerEntry } from '../../src/lib/images/format.ts';
import type { AptPackage, AptSuiteData, LdconfigData } from '../../src/lib/packages/format.ts';
import { splitList } from './apt.ts';
import { controlField, type DebFile, infoEntries, infoStem, readDeb, statusBytes } from './deb-file.ts';
import { MAINTAINER_EFFECTS } from './maintainer-effects.ts';

/** The images' merged /usr: dpkg writes /bin/x through the /bin → usr/bin symlink. */
const MERGED = /^\/(bin|sbin|lib|lib32|lib64|libx32)(\/|$)/;

function onMergedUsr(path: string): string {
  return path.replace(MERGED, '/usr/$1$2');
}

/** The package's own paths as they land on disk (the top-level symlinked folders are the image's). */
function debEntries(deb: DebFile): LayerEntry[] {
  return deb.entries
    .filter((e) => !(e.kind === 'dir' && MERGED.test(e.path) && !e.path.slice(1).includes('/')))
    .map((e) => ({
      ...e,
      path: onMergedUsr(e.path),
      ...(e.kind === 'hardlink' && e.target ? { target: onMergedUsr(e.target) } : {}),
    }));
}

function groups(text: string, virtuals: Readonly<Record<string, readonly string[]>>): string[][] {
  return splitList(text).map((g) => [...new Set(g.flatMap((n) => [n, ...(virtuals[n] ?? [])]))]);
}

function packageRecord(
  deb: DebFile,
  entries: readonly LayerEntry[],
  files: string,
  previous: AptPackage | undefined,
  virtuals: Readonly<Record<string, readonly string[]>>,
): AptPackage {
  const field = (name: string) => controlField(deb.control, name);
  return {
    name: deb.name,
    version: deb.version,
    arch: deb.arch,
    priority: field('Priority'),
    essential: field('Essential') === 'yes',
    installedKiB: Number(field('Installed-Size') || 0),
    debSize: deb.debSize,
    depends:
      previous?.version === deb.version
        ? previous.depends
        : groups([field('Pre-Depends'), field('Depends')].filter(Boolean).join(', '), virtuals),
    recommends:
      previous?.version === deb.version ? previous.recommends : groups(field('Recommends'), virtuals),
    provides: splitList(field('Provides')).map((g) => g[0] ?? ''),
    size: entries.reduce((n, e) => n + (e.kind === 'file' || e.kind === 'symlink' ? e.size : 0), 0),
    fileCount: entries.filter((e) => e.kind !== 'dir').length,
    files,
    statusBytes: statusBytes(deb),
    debconfTemplatesBytes: deb.templatesBytes,
    ...(deb.conffiles.length > 0 ? { conffiles: deb.conffiles.length } : {}),
    ...(deb.sonames.length > 0 ? { sonames: deb.sonames } : {}),
    ...(deb.ldconfigTrigger ? { ldconfigTrigger: true } : {}),
  };
}

/** The package's entries: the .deb's, its dpkg database files, and what its scripts made (measured). */
function mergeEntries(deb: DebFile, measured: readonly LayerEntry[]): LayerEntry[] {
  const before = new Map(measured.map((e) => [e.path, e]));
  // A maintainer script may change a file's owner and mode (dpkg-statoverride: ssh-agent setgid _ssh).
  const own = [...debEntries(deb), ...infoEntries(deb)].map((e): LayerEntry => {
    const m = before.get(e.path);
    if (m?.kind !== e.kind) return e;
    return { ...e, mode: m.mode, uid: m.uid, gid: m.gid, ...(m.exec && !e.exec ? { exec: m.exec } : {}) };
  });
  const paths = new Set(own.map((e) => e.path));
  const stem = `${infoStem(deb)}.`;
  const generated = measured.filter((e) => !paths.has(e.path) && !e.path.startsWith(stem));
  const known = new Set([...paths, ...generated.map((e) => e.path)]);
  const scripted = (MAINTAINER_EFFECTS[deb.name]?.(own) ?? []).filter((e) => !known.has(e.path));
  return [...own, ...generated, ...scripted];
}

const LIB = '/usr/lib/x86_64-linux-gnu/';

/**
 * The extra keys ldconfig caches for a package's development links: glibc's ldconfig keeps a
 * symlink as its own cache key when its name is the library's soname or a `.so` name the soname
 * starts with (libz.so → libz.so.1.2.13, soname libz.so.1); the versioned files themselves are
 * cached under their soname (elf/ldconfig.c, search_dir).
 */
function ldconfigLinks(deb: DebFile, sonames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const e of debEntries(deb)) {
    if (e.kind !== 'symlink' || !e.path.startsWith(LIB)) continue;
    const name = e.path.slice(LIB.length);
    if (name.includes('/') || !/^(lib|ld-).*\.so$/.test(name)) continue;
    if ([...sonames].some((s) => s.startsWith(`${name}.`))) out.push(name);
  }
  return out;
}

export function refreshSuite(
  data: AptSuiteData,
  debs: readonly DebFile[],
  readFiles: (path: string) => readonly LayerEntry[],
): { data: AptSuiteData; files: Map<string, string>; report: string[] } {
  const sonames = new Set([...(data.ldconfig?.baseSonames ?? []), ...debs.flatMap((d) => d.sonames)]);
  const byName = new Map(data.packages.map((p) => [p.name, p]));
  const files = new Map<string, string>();
  const report: string[] = [];
  const packages = new Map(byName);
  for (const deb of debs) {
    if (data.base.includes(deb.name)) continue;
    const previous = byName.get(deb.name);
    const path = previous?.files ?? `apt/${data.suite}/${deb.name}.txt`;
    const entries = mergeEntries(deb, previous ? readFiles(path) : []);
    files.set(
      path,
      encodeLayer(
        { format: 1, packages: [{ name: deb.name, version: deb.version, arch: deb.arch }], contents: {} },
        entries,
      ),
    );
    const record = packageRecord(deb, entries, path, previous, data.virtuals);
    const links = ldconfigLinks(deb, sonames);
    packages.set(deb.name, links.length > 0 ? { ...record, ldconfigLinks: links } : record);
    if (!previous) report.push(`${data.suite}: added ${deb.name} ${deb.version}`);
    else if (previous.version !== deb.version)
      report.push(`${data.suite}: ${deb.name} ${previous.version} → ${deb.version}`);
  }
  for (const name of byName.keys())
    if (!debs.some((d) => d.name === name))
      report.push(`${data.suite}: no .deb for ${name}: kept as measured`);
  const virtuals: Record<string, string[]> = Object.fromEntries(
    Object.entries(data.virtuals).map(([k, v]) => [k, [...v]]),
  );
  for (const p of packages.values())
    for (const v of p.provides)
      if (!packages.has(v)) virtuals[v] = [...new Set([...(virtuals[v] ?? []), p.name])];
  const note =
    'Package files (every path of the .deb, empty folders included, on merged /usr), /var/lib/dpkg/info files and status stanza sizes are read from the real .debs by apt-debs.ts; files maintainer scripts make are from the measured installs.';
  return {
    data: {
      ...data,
      packages: [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
      virtuals,
      notes: [...data.notes.filter((n) => n !== note), note],
    },
    files,
    report,
  };
}

/** `ldconfig -p` of the real base image → the libraries its caches hold and glibc's generator string. */
export function parseLdconfigP(text: string, dpkgPaths: number, source: string): LdconfigData {
  const lines = text.split('\n');
  const generator = /^Cache generated by: (.*)$/m.exec(text)?.[1] ?? '';
  const baseSonames = [
    ...new Set(lines.flatMap((l) => (/^\t(\S+) \(/.exec(l) ? [/^\t(\S+) \(/.exec(l)?.[1] as string] : []))),
  ].sort();
  return { baseSonames, generator, dpkgPaths, source };
}

if (import.meta.main) {
  const [suite = 'bookworm', debDir = '', out = 'public/packages', ldconfigP, dpkgPaths = '0'] =
    process.argv.slice(2);
  const dataPath = join(out, 'apt', `${suite}.json`);
  const data = JSON.parse(readFileSync(dataPath, 'utf8')) as AptSuiteData;
  const debs = readdirSync(debDir)
    .filter((f) => f.endsWith('.deb'))
    .map((f) => readDeb(join(debDir, f)));
  const ldconfig = ldconfigP
    ? parseLdconfigP(
        readFileSync(ldconfigP, 'utf8'),
        Number(dpkgPaths),
        `ldconfig -p and the paths of /var/lib/dpkg/info/*.list in the real debian:${suite} (the oracle's base), ${new Date().toISOString().slice(0, 10)}`,
      )
    : data.ldconfig;
  const result = refreshSuite(
    { ...data, ...(ldconfig ? { ldconfig } : {}) },
    debs,
    (path) => decodeLayer(readFileSync(join(out, path), 'utf8')).entries,
  );
  for (const [path, text] of result.files) writeFileSync(join(out, path), text);
  writeFileSync(dataPath, `${JSON.stringify({ ...result.data, ...(ldconfig ? { ldconfig } : {}) })}\n`);
  for (const line of result.report) console.log(line);
}
