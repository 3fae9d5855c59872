/**
 * What dpkg writes while apt installs packages in the simple order (one `dpkg --unpack` run for
 * all, then one `--configure` run that also processes libc-bin's ldconfig trigger): the lines of
 * /var/log/dpkg.log and the state /var/lib/dpkg/status-old keeps (dpkg's status as the last run
 * opened it). Modelled from dpkg's formats and checked against recorded real installs; apt orders
 * some installs differently (immediate configuration for Pre-Depends), which this does not follow.
 */
import type { AptPackage } from './format.ts';

/** apt's default of dpkg::install::recursive::minimum */
const RECURSIVE_MINIMUM = 5;

/** `2026-12-07 19:05:11 ` before every dpkg.log line */
const STAMP = 'YYYY-MM-DD HH:MM:SS '.length;

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** libc-bin's version, from glibc's ldconfig generator string `ldconfig (Debian GLIBC 2.36-9+deb12u14) …` */
export function libcVersion(generator: string): string | undefined {
  return /\(Debian GLIBC (\S+)\)/.exec(generator)?.[1];
}

/** Bytes dpkg.log grows by when `packages` are installed (in apt's order). */
export function dpkgLogBytes(
  packages: readonly AptPackage[],
  libc: string | undefined,
  triggered: readonly AptPackage[] = [],
): number {
  const lines: string[] = ['startup archives unpack'];
  const libcBin = libc === undefined ? undefined : `libc-bin:amd64 ${libc}`;
  let pending = false;
  for (const p of packages) {
    const id = `${p.name}:${p.arch} ${p.version}`;
    lines.push(`install ${p.name}:${p.arch} <none> ${p.version}`);
    if (p.ldconfigTrigger && libcBin && !pending) {
      lines.push(`status triggers-pending ${libcBin}`);
      pending = true;
    }
    lines.push(`status half-installed ${id}`, `status unpacked ${id}`);
  }
  lines.push('startup packages configure');
  for (const p of packages) {
    const id = `${p.name}:${p.arch} ${p.version}`;
    lines.push(
      `configure ${id} <none>`,
      `status unpacked ${id}`,
      `status half-configured ${id}`,
      `status installed ${id}`,
    );
  }
  if (pending && libcBin)
    lines.push(
      `trigproc ${libcBin} <none>`,
      `status half-configured ${libcBin}`,
      `status installed ${libcBin}`,
    );
  // a package whose postinst activates its own trigger (ca-certificates) has it processed last
  for (const p of triggered) {
    const id = `${p.name}:${p.arch} ${p.version}`;
    lines.push(`status triggers-pending ${id}`, `trigproc ${id} <none>`);
    lines.push(`status half-configured ${id}`, `status installed ${id}`);
  }
  return lines.reduce((n, line) => n + STAMP + bytes(line) + 1, 0);
}

/**
 * status-old minus status after the install: the configure run opened a status in which each new
 * package was `unpacked` (one byte shorter than `installed`, its conffiles marked `newconffile`)
 * and libc-bin, when a package activated ldconfig, was `triggers-pending` with a
 * `Triggers-Pending: ldconfig` line.
 */
export function statusOldDelta(packages: readonly AptPackage[], libc: string | undefined): number {
  const pending = libc !== undefined && packages.some((p) => p.ldconfigTrigger);
  const libcBin = pending
    ? bytes('triggers-pending') - bytes('installed') + bytes('Triggers-Pending: ldconfig\n')
    : 0;
  // an unpacked package's conffiles carry `newconffile` where a configured one has its md5sum
  const conffiles = packages.reduce((n, p) => n + (p.conffiles ?? 0), 0) * (32 - bytes('newconffile'));
  return libcBin - packages.length * (bytes('installed') - bytes('unpacked')) - conffiles;
}

/**
 * The path apt hands dpkg for a package's .deb: the archive itself, or, for more than
 * `dpkg::install::recursive::minimum` (5) packages, a numbered link in a temporary folder
 * (`/tmp/apt-dpkg-install-XXXXXX`, the number as wide as the last index) that dpkg unpacks with
 * --recursive in apt's order. Recorded: 5 packages (perl) are not numbered, 10 (libpq5) are.
 */
function debPath(p: AptPackage, index: number, count: number): string {
  const deb = `${p.name}_${p.version.replace(':', '%3a')}_${p.arch}.deb`;
  if (count <= RECURSIVE_MINIMUM) return `/var/cache/apt/archives/${deb}`;
  const width = String(count - 1).length;
  return `/tmp/apt-dpkg-install-XXXXXX/${String(index).padStart(width, '0')}-${deb}`;
}

/**
 * dpkg's summarize_filename (src/main/unpack.c): while the name is longer than 30 characters and
 * has a slash, drop everything up to the slash, then show the rest after `.../`.
 */
export function summarizeFilename(path: string): string {
  let rest = path;
  while (rest.length > 30 && rest.includes('/')) rest = rest.slice(rest.indexOf('/') + 1);
  return rest === path ? path : `.../${rest}`;
}

/** How dpkg names a package in its messages: `libreadline8:amd64` for Multi-Arch: same ones. */
export type DpkgName = (pkg: AptPackage) => string;

/**
 * Bytes /var/log/apt/term.log grows by: apt's header and footer (fixed-width dates) around dpkg's
 * messages, each ending in \r\n (dpkg writes to a terminal): per package Selecting, the database
 * reading progress (first package only; `installed` is how many paths dpkg's database has),
 * Preparing to unpack (the .deb's path as dpkg shortens it), Unpacking; then Setting up each; then libc-bin's
 * trigger. `printed` gives what a package's maintainer scripts print after its Setting up line;
 * `triggered`, the packages that process a trigger of their own last, and what that prints.
 */
export function termLogBytes(
  packages: readonly AptPackage[],
  dpkgName: DpkgName,
  installed: number,
  libc: string | undefined,
  printed: (pkg: AptPackage) => readonly string[] = () => [],
  triggered: readonly { readonly pkg: AptPackage; readonly printed: readonly string[] }[] = [],
): number {
  const progress = readingDatabase(installed);
  const lines: string[] = [];
  packages.forEach((p, i) => {
    lines.push(`Selecting previously unselected package ${dpkgName(p)}.`);
    if (i === 0) lines.push(progress);
    const deb = summarizeFilename(debPath(p, i, packages.length));
    lines.push(`Preparing to unpack ${deb} ...`, `Unpacking ${dpkgName(p)} (${p.version}) ...`);
  });
  for (const p of packages) lines.push(`Setting up ${dpkgName(p)} (${p.version}) ...`, ...printed(p));
  if (libc !== undefined && packages.some((p) => p.ldconfigTrigger))
    lines.push(`Processing triggers for libc-bin (${libc}) ...`);
  for (const { pkg, printed } of triggered)
    lines.push(`Processing triggers for ${dpkgName(pkg)} (${pkg.version}) ...`, ...printed);
  return termLog(lines);
}

/** dpkg's database progress line: each step ends in a carriage return, redrawing the line. */
function readingDatabase(installed: number): string {
  const reading = '(Reading database ... ';
  let progress = `${reading}\r`;
  for (let percent = 5; percent <= 100; percent += 5) progress += `${reading}${percent}%\r`;
  return `${progress}${reading}${installed} files and directories currently installed.)`;
}

/** apt's header and footer (fixed-width dates) around dpkg's lines, each ending in \r\n. */
function termLog(lines: readonly string[]): number {
  const date = 'YYYY-MM-DD  HH:MM:SS';
  const body = lines.reduce((n, line) => n + bytes(line) + 2, 0);
  return bytes(`\nLog started: ${date}\n`) + body + bytes(`Log ended: ${date}\n`);
}

/**
 * dpkg.log of `apt-get remove/purge`, recorded (apt-bookworm-purge, -purge-autoremove): one
 * remove run (each package installed → half-configured → half-installed → config-files →
 * not-installed; a package without conffiles leaves nothing to purge), libc-bin's trigger marked
 * pending by the first library that activates it, then apt's two `dpkg --configure --pending`
 * runs, the first processing that trigger (`apt-get autoremove` runs it once: apt-bookworm-autoremove).
 */
export function dpkgRemoveLogBytes(
  packages: readonly AptPackage[],
  libc: string | undefined,
  configureRuns: 1 | 2 = 2,
): number {
  const lines: string[] = ['startup packages remove'];
  const libcBin = libc === undefined ? undefined : `libc-bin:amd64 ${libc}`;
  let pending = false;
  for (const p of packages) {
    const id = `${p.name}:${p.arch} ${p.version}`;
    lines.push(`status installed ${id}`, `remove ${id} <none>`);
    if (p.ldconfigTrigger && libcBin && !pending) {
      lines.push(`status triggers-pending ${libcBin}`);
      pending = true;
    }
    lines.push(`status half-configured ${id}`, `status half-installed ${id}`, `status config-files ${id}`);
    lines.push(`status not-installed ${p.name}:${p.arch} <none>`);
  }
  lines.push('startup packages configure');
  if (pending && libcBin)
    lines.push(
      `trigproc ${libcBin} <none>`,
      `status half-configured ${libcBin}`,
      `status installed ${libcBin}`,
    );
  if (configureRuns === 2) lines.push('startup packages configure');
  return lines.reduce((n, line) => n + STAMP + bytes(line) + 1, 0);
}

/** term.log of a remove run: the database progress line, `Removing` each, libc-bin's trigger. */
export function termRemoveLogBytes(
  packages: readonly AptPackage[],
  dpkgName: DpkgName,
  installed: number,
  libc: string | undefined,
): number {
  const lines = [
    readingDatabase(installed),
    ...packages.map((p) => `Removing ${dpkgName(p)} (${p.version}) ...`),
  ];
  if (libc !== undefined && packages.some((p) => p.ldconfigTrigger))
    lines.push(`Processing triggers for libc-bin (${libc}) ...`);
  return termLog(lines);
}
