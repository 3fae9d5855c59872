/**
 * Builds the apk data for Alpine 3.22 from apk-packages.ts: each package's files laid out as its
 * recipe installs them, with the installed size shared among them (the catalog's Alpine model does
 * the same for the base image). Node-only.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { type Exec, encodeLayer, type LayerEntry } from '../../src/lib/images/format.ts';
import type { ApkData, ApkPackage } from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import { ALPINE_BASE_322, APK_322, type ApkSpec } from './apk-packages.ts';
import { CURATED_APK } from './curated.ts';

const MUSL = '/lib/ld-musl-x86_64.so.1';

function execOf(kind: string | undefined, path: string): Exec | undefined {
  if (kind === 'bin') return { kind: 'elf', linkage: 'dynamic', interpreter: MUSL };
  if (kind === 'so') return { kind: 'elf', linkage: 'shared' };
  if (kind === 'script')
    return { kind: 'script', shebang: path.includes('/pip') ? '/usr/bin/python3' : '/bin/sh' };
  return undefined;
}

function entriesOf(spec: ApkSpec): LayerEntry[] {
  const out = new Map<string, LayerEntry>();
  const dir = (path: string) => {
    for (let d = posix.dirname(path); d !== '/' && !out.has(d); d = posix.dirname(d)) {
      out.set(d, { path: d, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, pkg: spec.name });
    }
  };
  const total = spec.files.reduce((n, [, w]) => n + w, 0) || 1;
  for (const [path, weight, kind] of spec.files) {
    dir(path);
    const exec = execOf(kind, path);
    out.set(path, {
      path,
      kind: 'file',
      mode: exec ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: Math.round((spec.kib * 1024 * weight) / total),
      pkg: spec.name,
      ...(exec ? { exec } : {}),
    });
  }
  for (const [path, target] of spec.links ?? []) {
    dir(path);
    out.set(path, {
      path,
      kind: 'symlink',
      mode: 0o777,
      uid: 0,
      gid: 0,
      size: Buffer.byteLength(target),
      target,
      pkg: spec.name,
    });
  }
  return [...out.values()];
}

export function buildApk(generated: string): { data: ApkData; files: Map<string, string>; report: string[] } {
  const files = new Map<string, string>();
  const known = new Set([...ALPINE_BASE_322, ...APK_322.map((p) => p.name)]);
  const report = APK_322.flatMap((p) =>
    p.depends
      .filter((d) => !known.has(d))
      .map((d) => `apk 3.22: ${p.name} depends on ${d}, which the data does not model`),
  );
  const packages: ApkPackage[] = APK_322.map((spec) => {
    const entries = entriesOf(spec);
    const path = `apk/3.22/${spec.name}.txt`;
    files.set(
      path,
      encodeLayer(
        { format: 1, packages: [{ name: spec.name, version: spec.version, arch: 'x86_64' }], contents: {} },
        entries,
      ),
    );
    const estimated = spec.source.startsWith('estimated');
    return {
      name: spec.name,
      version: spec.version,
      installedSize: spec.kib * 1024,
      depends: spec.depends,
      provides: spec.name === 'postgresql17-dev' ? ['postgresql-dev'] : [],
      size: entries.reduce((n, e) => n + e.size, 0),
      fileCount: entries.filter((e) => e.kind !== 'dir').length,
      files: path,
      provenance: estimated ? 'estimated' : 'modelled',
      note: estimated
        ? spec.source
        : `installed size from ${spec.source}; files laid out as the aports recipe installs them`,
    };
  });
  // apk names its index files after a checksum of the repository URL; sha1 stands in for it here.
  const index = (repo: string, size: number) => ({
    path: `/var/cache/apk/APKINDEX.${createHash('sha1').update(`https://dl-cdn.alpinelinux.org/alpine/v3.22/${repo}`).digest('hex').slice(0, 8)}.tar.gz`,
    size,
  });
  const data: ApkData = {
    format: PACKAGES_FORMAT,
    generated,
    release: '3.22',
    curated: [...CURATED_APK],
    base: ALPINE_BASE_322,
    packages,
    provides: { 'postgresql-dev': 'postgresql17-dev' },
    indexCache: {
      files: [index('main', 950_000), index('community', 2_500_000)],
      provenance: 'estimated',
      source:
        'estimated: v3.22 main holds about 5,800 x86_64 packages and community about 19,000, at roughly 400 bytes of index text each, gzip about 2.5:1; no mirror was reachable to measure',
    },
    notes: [
      'No Alpine mirror is reachable from the generator: the data is modelled. Installed sizes come from docker-library/repo-info records of official images on Alpine 3.22 where one lists the package (the note names it), otherwise they are estimates from the Debian packages of the same software.',
      'Dependencies follow the aports recipes (depends= and the so: dependencies abuild adds), reduced to package names.',
      'apk add without --no-cache stores the repository indexes in /var/cache/apk (the official images have no /etc/apk/cache link, so the packages themselves are not kept).',
      'wget: busybox provides a wget applet in alpine:3.22 already; the wget package is GNU wget and replaces the applet link.',
    ],
  };
  return { data, files, report };
}
