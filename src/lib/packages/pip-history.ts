/**
 * The releases `pip/history.json` knows, as pip releases: their real dependencies, Requires-Python
 * and wheel tags, with files that are estimates (one module per top-level name, sized from the
 * wheel's download size) because no installed file list was measured for them.
 */

import { type LayerEntry, plainFile } from '../fs/entry.ts';
import type {
  Libc,
  PipHistory,
  PipHistoryRelease,
  PipProjectHistory,
  PipRelease,
  PipRequirement,
  PipWheel,
} from './format.ts';

/** The file-list path of an estimated wheel: the catalog builds its entries instead of loading them. */
export const ESTIMATED_FILES = 'estimated:';

/** A wheel of unknown size: a typical small pure wheel (estimated), used only to size its files. */
const UNKNOWN_WHEEL_BYTES = 100_000;

export function historyReleases(history: PipHistory, name: string, project: PipProjectHistory): PipRelease[] {
  return project.releases.map((r) => historyRelease(history, name, project, r));
}

function historyRelease(
  history: PipHistory,
  name: string,
  project: PipProjectHistory,
  r: PipHistoryRelease,
): PipRelease {
  const underscored = name.replace(/-/g, '_');
  const list = (i: number | undefined) => (i === undefined ? [] : (project.lists[i] ?? []));
  const { requires, extras } = splitExtras(
    list(r.requires),
    Object.fromEntries(Object.entries(r.extras ?? {}).map(([k, i]) => [k, list(i)])),
  );
  const wheels = (r.wheels ?? []).flatMap((w) => wheelOf(history, name, r.version, w));
  const native = wheels.length > 0 && wheels.every((w) => w.libc !== 'any');
  const sources = r.from.map((i) => history.sources[i]).filter(Boolean);
  return {
    name,
    display: name,
    version: r.version,
    requiresPython: r.requiresPython ?? '',
    requires,
    extras,
    consoleScripts: project.consoleScripts ?? [],
    topLevel: project.topLevel ?? [underscored],
    distInfo: `${underscored}-${r.version}.dist-info`,
    wheels: wheels.length > 0 || r.sdist !== undefined ? wheels : [unknownWheel(history, name, r.version)],
    sdist: {
      filename: `${underscored}-${r.version}.tar.gz`,
      build: native ? 'native' : 'pure',
      needs: native ? ['gcc'] : [],
      note: 'from the release history: what a build from source needs is estimated from its wheels',
    },
    provenance: 'estimated',
    source: sources.join('; '),
    ...(notes(r) ? { note: notes(r) } : {}),
  };
}

export const NO_DEPENDENCIES = 'dependencies not in the records';
export const PYTHON_ESTIMATED = 'Requires-Python estimated';

function notes(r: PipHistoryRelease): string {
  return [r.requires === undefined ? NO_DEPENDENCIES : '', r.pythonEstimated ? PYTHON_ESTIMATED : '']
    .filter(Boolean)
    .join('; ');
}

/** poetry writes extras' requirements into the dependencies with an `extra == "x"` marker. */
function splitExtras(
  all: readonly string[],
  extras: Readonly<Record<string, readonly string[]>>,
): { requires: PipRequirement[]; extras: Record<string, PipRequirement[]> } {
  const out: Record<string, PipRequirement[]> = {};
  const requires: PipRequirement[] = [];
  for (const [extra, list] of Object.entries(extras))
    out[extra] = list.flatMap((t) => requirementOf(t) ?? []);
  for (const text of all) {
    const req = requirementOf(text);
    if (!req) continue;
    const extra = /extra\s*==\s*["']([^"']+)["']/.exec(req.marker ?? '')?.[1];
    if (extra) out[extra] = [...(out[extra] ?? []), req];
    else requires.push(req);
  }
  return { requires, extras: out };
}

function requirementOf(text: string): PipRequirement | undefined {
  const m = /^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?([^;]*)(?:;\s*(.*))?$/.exec(text.trim());
  if (!m) return undefined;
  const written = m[1] as string;
  const specifier = (m[2] ?? '').trim();
  return {
    name: written.toLowerCase().replace(/[-_.]+/g, '-'),
    specifier,
    ...(m[3] ? { marker: m[3] } : {}),
    text: `${written}${specifier.split(',').filter(Boolean).sort().join(',')}`,
  };
}

/** `manylinux_2_17` → glibc 2.17; the legacy names stand for their glibc; `musllinux_1_2` → musl 1.2. */
export function platformOf(platform: string): { libc: 'any' | Libc; minLibc?: string } | undefined {
  if (platform === 'any') return { libc: 'any' };
  const versions: { libc: Libc; min: string }[] = [];
  for (const p of platform.split('.')) {
    const legacy = { manylinux1_x86_64: '2.5', manylinux2010_x86_64: '2.12', manylinux2014_x86_64: '2.17' }[
      p
    ];
    const many = /^manylinux_(\d+)_(\d+)_x86_64$/.exec(p);
    const musl = /^musllinux_(\d+)_(\d+)_x86_64$/.exec(p);
    if (legacy) versions.push({ libc: 'glibc', min: legacy });
    else if (many) versions.push({ libc: 'glibc', min: `${many[1]}.${many[2]}` });
    else if (musl) versions.push({ libc: 'musl', min: `${musl[1]}.${musl[2]}` });
  }
  const first = versions[0];
  if (!first) return undefined;
  // A compressed tag set names the same build several ways: the oldest libc is the requirement.
  const min = versions
    .map((v) => v.min)
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]) || a.localeCompare(b))[0];
  return { libc: first.libc, ...(min ? { minLibc: min } : {}) };
}

function wheelOf(history: PipHistory, name: string, version: string, spec: string): PipWheel[] {
  const [tag = '', bytes] = spec.split(' ');
  const platform = platformOf(tag.split('-')[2] ?? '');
  if (!platform) return [];
  const size = bytes === undefined ? undefined : Number(bytes);
  const ratio =
    platform.libc === 'any' ? history.installedPerWheelByte.pure : history.installedPerWheelByte.native;
  const download = size ?? UNKNOWN_WHEEL_BYTES;
  const filename = `${name.replace(/-/g, '_')}-${version}-${tag}.whl`;
  return [
    {
      filename,
      tag,
      libc: platform.libc,
      ...(platform.minLibc ? { minLibc: platform.minLibc } : {}),
      size:
        size === undefined
          ? { value: UNKNOWN_WHEEL_BYTES, provenance: 'estimated', source: 'size not in the records' }
          : { value: size, provenance: 'real', source: 'the size a uv.lock records for this file' },
      installedSize: Math.round(download * ratio.value),
      fileCount: 0,
      files: `${ESTIMATED_FILES}${name}/${version}/${tag}`,
      cacheKey: filename,
      provenance: 'estimated',
      note: `installed files estimated: ${ratio.value} × the download size (${ratio.source})`,
    },
  ];
}

/** A release the records list without its files: assumed to ship one pure wheel (estimated). */
function unknownWheel(history: PipHistory, name: string, version: string): PipWheel {
  const wheel = wheelOf(history, name, version, 'py3-none-any')[0] as PipWheel;
  return {
    ...wheel,
    note: `the records do not list this release's files: a pure wheel is assumed; ${wheel.note}`,
  };
}

/**
 * Estimated files of a wheel: each top-level module a package whose `__init__.py` holds the
 * estimated bytes, and the dist-info pip writes (METADATA, WHEEL, RECORD, INSTALLER, top_level.txt).
 */
export function estimatedFiles(release: PipRelease, wheel: PipWheel): LayerEntry[] {
  const file = (path: string, size: number) => plainFile(path, size, undefined, release.name);
  const info = release.distInfo;
  const meta = [
    file(`${info}/METADATA`, 2_000),
    file(`${info}/WHEEL`, 100),
    file(`${info}/INSTALLER`, 4),
    file(`${info}/top_level.txt`, release.topLevel.join('\n').length + 1),
    file(`${info}/RECORD`, 200),
    ...(release.consoleScripts.length
      ? [
          file(
            `${info}/entry_points.txt`,
            40 + release.consoleScripts.reduce((n, s) => n + s.name.length + s.entry.length + 3, 0),
          ),
        ]
      : []),
  ];
  const metaBytes = meta.reduce((n, e) => n + e.size, 0);
  const tops = release.topLevel.length > 0 ? release.topLevel : [release.name.replace(/-/g, '_')];
  const share = Math.max(0, Math.round((wheel.installedSize - metaBytes) / tops.length));
  // A platform wheel's bytes are mostly compiled code: one extension module holds them, so the
  // stage's C library decides whether it loads, as it would for the real files.
  const cp = /^cp3(\d+)/.exec(wheel.tag)?.[1];
  const so =
    wheel.libc === 'any' || !cp
      ? undefined
      : `.cpython-3${cp}-x86_64-linux-${wheel.libc === 'musl' ? 'musl' : 'gnu'}.so`;
  const modules = tops.flatMap((top) => [
    { path: top, kind: 'dir' as const, mode: 0o755, uid: 0, gid: 0, size: 0, pkg: release.name },
    ...(so
      ? [
          file(`${top}/__init__.py`, Math.round(share * 0.2)),
          file(`${top}/_${top}${so}`, Math.round(share * 0.8)),
        ]
      : [file(`${top}/__init__.py`, share)]),
  ]);
  return [...modules, { path: info, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 }, ...meta];
}
