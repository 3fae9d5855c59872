/**
 * What one real .deb holds, read with dpkg-deb: its control fields and members, and every path of
 * its data archive (directories, empty ones too, with their modes and owners; hard links; symlink
 * targets). dpkg unpacks exactly these paths and copies the control members (but `control`) to
 * /var/lib/dpkg/info. Node-only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerEntry } from '../../src/lib/images/format.ts';
import { readExec } from '../catalog/scan-rootfs.ts';

export interface DebFile {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  readonly multiArchSame: boolean;
  /** the control file as dpkg-deb prints it */
  readonly control: string;
  /** control members dpkg copies to /var/lib/dpkg/info, by member name: their bytes */
  readonly members: ReadonlyMap<string, number>;
  readonly conffiles: readonly string[];
  readonly templatesBytes: number;
  readonly debSize: number;
  /** the data archive's paths in archive order (without the root "./") */
  readonly entries: readonly LayerEntry[];
  /** DT_SONAME of each shared library it puts in the multiarch folder ldconfig scans */
  readonly sonames: readonly string[];
  /** whether its triggers member activates libc-bin's ldconfig trigger */
  readonly ldconfigTrigger: boolean;
}

/** The folder of ld.so.conf.d/x86_64-linux-gnu.conf that ldconfig reads first (/usr/lib's is the same inode). */
const LIB_DIR = /^\.?\/(?:usr\/)?lib\/x86_64-linux-gnu\/((?:lib|ld-)[^/]*\.so[^/]*)$/;

/** DT_SONAME of the ELF shared objects among the package's files, as ldconfig reads them. */
function sonames(entries: readonly LayerEntry[], extracted: string): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.kind !== 'file' || !LIB_DIR.test(e.path)) continue;
    let dynamic = '';
    try {
      dynamic = run(['readelf', '-d', join(extracted, e.path)]);
    } catch {
      continue; // not an ELF file (a linker script such as libc.so)
    }
    const soname = /\(SONAME\)\s+Library soname: \[(.*)\]/.exec(dynamic)?.[1];
    if (soname) out.add(soname);
  }
  return [...out].sort();
}

function run(args: string[]): string {
  return execFileSync(args[0] as string, args.slice(1), {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

/** The control member's field, folded lines joined. */
export function controlField(control: string, name: string): string {
  return new RegExp(`^${name}: (.*(?:\\n .*)*)`, 'mi').exec(control)?.[1]?.replace(/\n /g, ' ') ?? '';
}

const KINDS: Record<string, LayerEntry['kind']> = { d: 'dir', '-': 'file', l: 'symlink', h: 'hardlink' };

/** `tar -tv --numeric-owner` lines → entries (GNU tar's listing: mode owner size date time name). */
function parseListing(listing: string, extracted: string, name: string): LayerEntry[] {
  const out: LayerEntry[] = [];
  for (const line of listing.split('\n')) {
    const m = /^(\S)(\S{9}) (\d+)\/(\d+) +(\d+) \S+ \S+ \.(\/.*?)(?: (->|link to) (.*))?$/.exec(line);
    if (!m) continue;
    const [, type = '', perms = '', uid = '0', gid = '0', size = '0', rawPath = '', , target] = m;
    const path = rawPath.replace(/\/$/, '');
    if (path === '') continue;
    const kind = KINDS[type];
    if (!kind) throw new Error(`${name}: unexpected tar entry ${line}`);
    const mode = modeBits(perms);
    const common = { path, kind, mode, uid: Number(uid), gid: Number(gid), pkg: name };
    if (kind === 'dir') out.push({ ...common, size: 0 });
    else if (kind === 'symlink') out.push({ ...common, size: Buffer.byteLength(target ?? ''), target });
    else if (kind === 'hardlink') out.push({ ...common, size: 0, target: (target ?? '').replace(/^\./, '') });
    else {
      const exec = readExec(join(extracted, path), mode, path);
      out.push({ ...common, size: Number(size), ...(exec ? { exec } : {}) });
    }
  }
  return out;
}

/** `rwxr-sr-x` → 0o2755 */
function modeBits(perms: string): number {
  let mode = 0;
  const special = [0o4000, 0o2000, 0o1000];
  for (let i = 0; i < 9; i++) {
    const c = perms[i] ?? '-';
    const bit = 1 << (8 - i);
    if (c !== '-' && c !== 'S' && c !== 'T') mode |= bit;
    if ((c === 's' || c === 'S' || c === 't' || c === 'T') && i % 3 === 2)
      mode |= special[Math.floor(i / 3)] ?? 0;
  }
  return mode;
}

export function readDeb(path: string): DebFile {
  const control = run(['dpkg-deb', '-f', path]);
  const info = run(['dpkg-deb', '-I', path]);
  const members = new Map<string, number>();
  for (const m of info.matchAll(/^ +(\d+) bytes, +\d+ lines? +\*? *(\S+)/gm))
    if (m[2] !== 'control') members.set(m[2] as string, Number(m[1]));
  const member = (name: string) => (members.has(name) ? run(['dpkg-deb', '-I', path, name]) : '');
  const name = controlField(control, 'Package');
  const extracted = mkdtempSync(join(tmpdir(), 'deb-'));
  try {
    run(['dpkg-deb', '-x', path, extracted]);
    const listing = execFileSync(
      'sh',
      ['-c', `dpkg-deb --fsys-tarfile "$0" | tar -tv --numeric-owner`, path],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    const entries = parseListing(listing, extracted, name);
    return {
      name,
      version: controlField(control, 'Version'),
      arch: controlField(control, 'Architecture'),
      multiArchSame: controlField(control, 'Multi-Arch') === 'same',
      control,
      members,
      conffiles: member('conffiles')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      templatesBytes: members.get('templates') ?? 0,
      debSize: statSync(path).size,
      entries,
      sonames: sonames(entries, extracted),
      ldconfigTrigger: /^\s*activate(?:-noawait)?\s+ldconfig\s*$/m.test(member('triggers')),
    };
  } finally {
    rmSync(extracted, { recursive: true, force: true });
  }
}

/** /var/lib/dpkg/info/<name>[:arch] */
export function infoStem(deb: DebFile): string {
  return `/var/lib/dpkg/info/${deb.name}${deb.multiArchSame ? `:${deb.arch}` : ''}`;
}

/** The files dpkg keeps for the package in /var/lib/dpkg/info: its control members and the .list. */
export function infoEntries(deb: DebFile): LayerEntry[] {
  const stem = infoStem(deb);
  const scripts = new Set(['preinst', 'postinst', 'prerm', 'postrm', 'config']);
  // .list: "/." then each path of the data archive, a line each
  const list = 3 + deb.entries.reduce((n, e) => n + Buffer.byteLength(e.path) + 1, 0);
  const out: LayerEntry[] = [{ path: `${stem}.list`, kind: 'file', mode: 0o644, uid: 0, gid: 0, size: list }];
  for (const [member, size] of deb.members)
    out.push({
      path: `${stem}.${member}`,
      kind: 'file',
      mode: scripts.has(member) ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size,
    });
  return out.map((e) => ({ ...e, pkg: deb.name }));
}

/**
 * Bytes of the package's stanza in /var/lib/dpkg/status: its control fields, the Status line, the
 * Conffiles (" <path> <md5>" a line) and the blank line that ends it.
 */
export function statusBytes(deb: DebFile): number {
  const conffiles =
    deb.conffiles.length === 0
      ? 0
      : 'Conffiles:\n'.length + deb.conffiles.reduce((n, c) => n + Buffer.byteLength(c) + 35, 0);
  return Buffer.byteLength(deb.control) + 'Status: install ok installed\n'.length + conffiles + 1;
}
