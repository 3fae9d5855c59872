/**
 * The distroless images derive.ts adds: static, base-nossl, base, cc and python3 for Debian 12 and
 * 13, each as latest, nonroot, debug and debug-nonroot. Package layers are the real Debian
 * packages (one layer a package, as rules_distroless adds them), which distroless-debs.sh
 * downloads; the generated files and the debug busybox are modelled.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageConfig, LayerEntry } from '../../src/lib/images/format.ts';
import type { CatalogEdit } from './catalog-edit.ts';
import { readTree, withParents } from './layers.ts';

/** Where distroless-debs.sh put the packages (run.sh: CATALOG_WORK/distroless-debs). */
const DEBS =
  process.env.DISTROLESS_DEBS ?? join(process.env.CATALOG_WORK ?? '/var/tmp/catalog', 'distroless-debs');

type Distro = 'debian12' | 'debian13';
const SUITE: Record<Distro, 'bookworm' | 'trixie'> = { debian12: 'bookworm', debian13: 'trixie' };

/** Package sets from GoogleContainerTools/distroless (base/, cc/, python3/python.bzl), by Debian name per release. */
const PACKAGES = {
  static: { debian12: [], debian13: ['base-files', 'netbase', 'tzdata', 'media-types'] },
  'base-nossl': { debian12: [], debian13: ['libc6'] },
  base: { debian12: [], debian13: ['libssl3t64'] },
  cc: {
    debian12: ['libgcc-s1', 'libgomp1', 'libstdc++6'],
    debian13: ['libgcc-s1', 'libgomp1', 'libstdc++6'],
  },
  python3: {
    debian12: [
      'libbz2-1.0',
      'libdb5.3',
      'libexpat1',
      'liblzma5',
      'libsqlite3-0',
      'libuuid1',
      'libncursesw6',
      'libtinfo6',
      'python3-distutils',
      'zlib1g',
      'libcom-err2',
      'libcrypt1',
      'libgssapi-krb5-2',
      'libk5crypto3',
      'libkeyutils1',
      'libkrb5-3',
      'libkrb5support0',
      'libnsl2',
      'libreadline8',
      'libtirpc3',
      'libffi8',
      'libpython3.11-minimal',
      'libpython3.11-stdlib',
      'python3.11-minimal',
    ],
    debian13: [
      'libbz2-1.0',
      'libdb5.3t64',
      'libexpat1',
      'liblzma5',
      'libsqlite3-0',
      'libuuid1',
      'libncursesw6',
      'libtinfo6',
      'zlib1g',
      'libcom-err2',
      'libcrypt1',
      'libgssapi-krb5-2',
      'libk5crypto3',
      'libkeyutils1',
      'libkrb5-3',
      'libkrb5support0',
      'libnsl2',
      'libreadline8t64',
      'libtirpc3t64',
      'libffi8',
      'libpython3.13-minimal',
      'libpython3.13-stdlib',
      'python3.13-minimal',
    ],
  },
} as const;
type Flavour = keyof typeof PACKAGES;
const FLAVOURS: readonly Flavour[] = ['static', 'base-nossl', 'base', 'cc', 'python3'];
const PYTHON: Record<Distro, string> = { debian12: '3.11', debian13: '3.13' };

/** Every file of a downloaded .deb, as rules_distroless lays a package down, plus its status.d record. */
function debLayer(edit: CatalogEdit, distro: Distro, name: string): string {
  const dir = join(DEBS, SUITE[distro]);
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  if (!file) throw new Error(`derive: no ${name} .deb in ${dir} (apt-get download it; docs/catalog.md)`);
  const deb = join(dir, file);
  const field = (f: string) => execFileSync('dpkg-deb', ['-f', deb, f], { encoding: 'utf8' }).trim();
  const version = field('Version');
  const arch = field('Architecture');
  const root = mkdtempSync(join(tmpdir(), 'distroless-'));
  try {
    execFileSync('dpkg-deb', ['-x', deb, root]);
    const entries: LayerEntry[] = readTree(root).map((e) =>
      e.kind === 'dir'
        ? { path: e.path, kind: 'dir', mode: e.mode, uid: 0, gid: 0, size: 0 }
        : e.kind === 'symlink'
          ? {
              path: e.path,
              kind: 'symlink',
              mode: 0o777,
              uid: 0,
              gid: 0,
              size: 0,
              target: e.target ?? '',
              pkg: name,
            }
          : {
              path: e.path,
              kind: 'file',
              mode: e.mode,
              uid: 0,
              gid: 0,
              size: e.size,
              pkg: name,
              ...(e.exec ? { exec: e.exec } : {}),
            },
    );
    entries.push({
      path: `/var/lib/dpkg/status.d/${name}`,
      kind: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: 600,
      pkg: name,
    });
    return edit.addLayer(
      {
        header: { format: 1, packages: [{ name, version, arch }], contents: {} },
        entries: withParents(entries),
      },
      `bazel build //… (rules_distroless) deb ${name}_${version}`,
      'real',
      `real: every file of the Debian ${SUITE[distro]} ${name} ${version} package (apt-get download), which distroless adds whole; the status.d record's size is estimated`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const debianOsRelease = (distro: Distro) =>
  distro === 'debian12'
    ? { VERSION_ID: '12', VERSION: 'Debian GNU/Linux 12 (bookworm)' }
    : { VERSION_ID: '13', VERSION: 'Debian GNU/Linux 13 (trixie)' };

/** The generated files layer (passwd, group, os-release …) of debian12, with debian13's os-release. */
function generatedLayer(edit: CatalogEdit, distro: Distro, debian12Generated: string): string {
  if (distro === 'debian12') return debian12Generated;
  const source = edit.layerOf(debian12Generated);
  const os = debianOsRelease(distro);
  const fix = (text: string) =>
    text
      .replace('VERSION_ID="12"', `VERSION_ID="${os.VERSION_ID}"`)
      .replace('Debian GNU/Linux 12 (bookworm)', os.VERSION);
  const contents = Object.fromEntries(Object.entries(source.header.contents).map(([p, t]) => [p, fix(t)]));
  const entries = source.entries.map((e) =>
    contents[e.path] !== undefined ? { ...e, size: Buffer.byteLength(contents[e.path] as string) } : e,
  );
  return edit.addLayer(
    { header: { ...source.header, contents }, entries },
    edit.layerById.get(debian12Generated)?.createdBy ?? '',
    'modelled',
    "modelled: the debian12 generated files with Debian 13's os-release; the CA bundle keeps bookworm's size",
  );
}

/** The debug images' busybox: modelled as the busybox image's applets moved under /busybox. */
function busyboxLayer(edit: CatalogEdit): string {
  const busybox = edit.imageByRef('busybox:1.38.0-glibc');
  const source = edit.layerOf(busybox.layers[0] as string);
  const entries = source.entries
    .filter((e) => e.path === '/bin' || e.path.startsWith('/bin/'))
    .map((e) => ({
      ...e,
      path: e.path.replace(/^\/bin/, '/busybox'),
      ...(e.kind === 'hardlink' && e.target ? { target: e.target.replace(/^\/bin/, '/busybox') } : {}),
    }));
  return edit.addLayer(
    { header: { format: 1, packages: [], contents: {} }, entries },
    'bazel build //… busybox (debug)',
    'modelled',
    "modelled: distroless' debug images carry busybox in /busybox; here busybox:1.38.0-glibc's binary and applet links, moved there",
  );
}

export function deriveDistroless(edit: CatalogEdit): void {
  const static12 = edit.imageByRef('gcr.io/distroless/static-debian12:latest');
  const base12 = edit.imageByRef('gcr.io/distroless/base-debian12:latest');
  const generated12 = static12.layers[static12.layers.length - 1] as string;
  const own: Record<Distro, Record<Flavour, string[]>> = {
    debian12: {
      static: [...static12.layers],
      'base-nossl': [base12.layers[static12.layers.length] as string],
      base: [base12.layers[static12.layers.length + 1] as string],
      cc: [],
      python3: [],
    },
    debian13: { static: [], 'base-nossl': [], base: [], cc: [], python3: [] },
  };
  const debug = busyboxLayer(edit);
  for (const distro of ['debian12', 'debian13'] as const) {
    let layers: string[] = [];
    for (const flavour of FLAVOURS) {
      const added = [
        ...own[distro][flavour],
        ...PACKAGES[flavour][distro].map((name) => debLayer(edit, distro, name)),
      ];
      if (distro === 'debian13' && flavour === 'static')
        added.push(generatedLayer(edit, distro, generated12));
      if (flavour === 'python3') added.push(pythonAliases(edit, distro));
      // Each flavour builds on the one before: base-nossl on static, base adds libssl, cc on base, python3 on cc.
      layers = flavour === 'static' ? added : [...layers, ...added];
      addVariants(edit, distro, flavour, layers, debug);
    }
  }
}

function pythonAliases(edit: CatalogEdit, distro: Distro): string {
  const target = `/usr/bin/python${PYTHON[distro]}`;
  const link = (path: string): LayerEntry => ({
    path,
    kind: 'symlink',
    mode: 0o777,
    uid: 0,
    gid: 0,
    size: 0,
    target,
  });
  return edit.addLayer(
    {
      header: { format: 1, packages: [], contents: {} },
      entries: withParents([link('/usr/bin/python'), link('/usr/bin/python3')]),
    },
    'bazel build //python3:python_aliases',
    'modelled',
    'modelled: the two symlinks python3/python.bzl makes (python, python3 → the versioned interpreter)',
  );
}

const ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
];

function addVariants(
  edit: CatalogEdit,
  distro: Distro,
  flavour: Flavour,
  layers: string[],
  busybox: string,
): void {
  const name = `gcr.io/distroless/${flavour}-${distro}`;
  for (const tag of ['latest', 'nonroot', 'debug', 'debug-nonroot'] as const) {
    const ref = `${name}:${tag}`;
    // The arch-suffixed tag is the same linux/amd64 image; the bare name is the default distro, debian13.
    const bare = `gcr.io/distroless/${flavour}:${tag}`;
    const tags = [ref, `${ref}-amd64`, ...(distro === 'debian13' ? [bare, `${bare}-amd64`] : [])];
    const existing = edit.images.findIndex((i) => i.ref === ref);
    if (existing >= 0) {
      const image = edit.images[existing] as (typeof edit.images)[number];
      edit.images[existing] = { ...image, tags: [...new Set([...image.tags, ...tags])] };
      continue;
    }
    const isDebug = tag.startsWith('debug');
    const nonroot = tag.endsWith('nonroot');
    const ids = isDebug ? [...layers, busybox] : layers;
    const python = flavour === 'python3';
    const config: Partial<ImageConfig> = {
      Env: [
        isDebug ? `${ENV[0]}:/busybox` : (ENV[0] as string),
        ENV[1] as string,
        ...(python ? ['LANG=C.UTF-8'] : []),
      ],
      User: nonroot ? '65532' : '0',
      WorkingDir: nonroot ? '/home/nonroot' : '/',
      Entrypoint: python ? [`/usr/bin/python${PYTHON[distro]}`] : isDebug ? ['/busybox/sh'] : null,
      Cmd: null,
    };
    edit.addImage({
      ref,
      tags,
      config: { ExposedPorts: {}, Labels: {}, ...config } as ImageConfig,
      layers: ids,
      history: ids.map((id) => ({ createdBy: edit.layerById.get(id)?.createdBy ?? '', layer: id })),
      packageDb: { manager: 'dpkg', path: '/var/lib/dpkg/status.d' },
      notes: [
        `${flavour === 'static' ? 'No libc: only static binaries run.' : flavour === 'python3' ? `CPython ${PYTHON[distro]} from Debian's packages, on cc.` : 'glibc for dynamically linked binaries.'} ${isDebug ? 'Debug: a busybox shell in /busybox.' : 'No shell, no package manager.'}`,
        `Package files are real Debian ${SUITE[distro]} packages; the generated files${isDebug ? ' and busybox' : ''} are modelled. No published size was found to check against.`,
      ],
    });
  }
}
