/**
 * The packages an image carries, read from the files in its final tree: dpkg's status (and
 * distroless's status.d), apk's installed database, Python's dist-info METADATA, and the build
 * info of Go binaries. Each package says where it was read, so a learner can check it.
 */
import { type DirNode, stat, walk } from '../fs/tree.ts';
import type { GoBuildInfo } from './go-buildinfo.ts';

export type Ecosystem = 'deb' | 'apk' | 'pypi' | 'golang';

export const ECOSYSTEMS: readonly Ecosystem[] = ['deb', 'apk', 'pypi', 'golang'];

export interface FoundPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly arch?: string;
  readonly license?: string;
  /** The file it was read from (the database, the METADATA, the Go binary). */
  readonly source: string;
}

export interface PackageInventory {
  readonly packages: readonly FoundPackage[];
  readonly counts: Readonly<Record<Ecosystem, number>>;
  /** The distribution, from os-release (`debian`, `alpine`), for package URLs. */
  readonly distro: string | null;
}

/** `Key: value` paragraphs separated by blank lines, continuation lines ignored. */
function paragraphs(text: string, separator: RegExp): Map<string, string>[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const match = separator.exec(line);
        if (match?.[1] && !fields.has(match[1])) fields.set(match[1], (match[2] ?? '').trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

function dpkg(text: string, source: string): FoundPackage[] {
  return paragraphs(text, /^([A-Za-z-]+):\s?(.*)$/)
    .filter((p) => p.has('Package') && (p.get('Status') ?? 'install ok installed').endsWith(' installed'))
    .map((p) => ({
      ecosystem: 'deb' as const,
      name: p.get('Package') as string,
      version: p.get('Version') ?? '',
      ...(p.get('Architecture') ? { arch: p.get('Architecture') as string } : {}),
      source,
    }));
}

function apk(text: string, source: string): FoundPackage[] {
  return paragraphs(text, /^([A-Za-z]):(.*)$/)
    .filter((p) => p.has('P'))
    .map((p) => ({
      ecosystem: 'apk' as const,
      name: p.get('P') as string,
      version: p.get('V') ?? '',
      ...(p.get('A') ? { arch: p.get('A') as string } : {}),
      ...(p.get('L') ? { license: p.get('L') as string } : {}),
      source,
    }));
}

function python(text: string, source: string): FoundPackage[] {
  const headers = paragraphs(text.split(/\r?\n\r?\n/)[0] ?? '', /^([A-Za-z-]+):\s?(.*)$/)[0];
  const name = headers?.get('Name');
  if (!name) return [];
  const license = headers?.get('License-Expression') ?? headers?.get('License');
  return [
    {
      ecosystem: 'pypi',
      name,
      version: headers?.get('Version') ?? '',
      ...(license && license !== 'UNKNOWN' && license.length < 80 ? { license } : {}),
      source,
    },
  ];
}

function golang(info: GoBuildInfo, source: string): FoundPackage[] {
  const modules = [
    { path: 'stdlib', version: info.goVersion },
    ...(info.main && info.main.version !== ''
      ? [info.main]
      : info.path
        ? [{ path: info.path, version: '(devel)' }]
        : []),
    ...info.deps,
  ];
  return modules.map((m) => ({ ecosystem: 'golang' as const, name: m.path, version: m.version, source }));
}

function distroOf(tree: DirNode): string | null {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const file = stat(tree, path);
    if (file?.kind === 'file' && file.content) return /^ID="?([^"\n]+)"?$/m.exec(file.content)?.[1] ?? null;
  }
  return null;
}

export function packageInventory(
  tree: DirNode,
  goBuilds: ReadonlyMap<object, GoBuildInfo>,
): PackageInventory {
  const packages: FoundPackage[] = [];
  for (const [path, node] of walk(tree)) {
    if (node.kind !== 'file') continue;
    const go = goBuilds.get(node);
    if (go) packages.push(...golang(go, path));
    const text = node.content;
    if (text === undefined) continue;
    if (path === '/var/lib/dpkg/status' || path.startsWith('/var/lib/dpkg/status.d/'))
      packages.push(...dpkg(text, path));
    else if (path === '/lib/apk/db/installed') packages.push(...apk(text, path));
    else if (/\.(dist-info\/METADATA|egg-info\/PKG-INFO)$/.test(path)) packages.push(...python(text, path));
  }
  const counts = { deb: 0, apk: 0, pypi: 0, golang: 0 };
  for (const p of packages) counts[p.ecosystem]++;
  return { packages, counts, distro: distroOf(tree) };
}
