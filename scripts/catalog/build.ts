/**
 * Generates the base image catalog (public/catalog) from the root filesystems built by
 * debian-rootfs.sh, the extracted packages in /var/tmp/catalog/x, busybox's published rootfs and the
 * Alpine/CPython/Go models. Run by `npm run catalog` (see docs/catalog.md). Node-only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  type CatalogIndex,
  encodeLayer,
  FORMAT_VERSION,
  type HistoryRecord,
  type ImageConfig,
  type ImageRecord,
  type LayerEntry,
  type LayerRecord,
  type PackageRecord,
  type PublishedFigure,
} from '../../src/lib/images/format.ts';
import { ALPINE_GROUP, ALPINE_PASSWD, type ApkPackage, alpinePackages, apkDatabase, KIB } from './alpine.ts';
import { imageConfig } from './catalog-edit.ts';
import { goPath, modelGo } from './go.ts';
import { type BuiltLayer, calibrate, diffSnapshots, layerBytes, readTree, withParents } from './layers.ts';
import { modelPython, pythonSymlinks } from './python.ts';
import { type Snapshot, scanRootfs } from './scan-rootfs.ts';

const WORK = process.env.CATALOG_WORK ?? '/var/tmp/catalog';
const ROOTS = join(WORK, 'roots');
const X = join(WORK, 'x');
const OUT = process.argv[2] ?? 'public/catalog';
const MB = 1_000_000;

const layers: LayerRecord[] = [];
const images: ImageRecord[] = [];

function addLayer(l: BuiltLayer): string {
  const text = encodeLayer(
    {
      format: FORMAT_VERSION,
      packages: l.packages,
      ...(l.removedPackages.length ? { removedPackages: l.removedPackages } : {}),
      contents: l.contents,
    },
    l.entries,
  );
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  if (!layers.some((r) => r.id === id)) {
    writeFileSync(join(OUT, 'layers', `${id}.txt`), text);
    layers.push({
      id,
      createdBy: l.createdBy,
      size: layerBytes(l.entries),
      entries: l.entries.length,
      wireBytes: gzipSync(text, { level: 9 }).length,
      provenance: l.provenance,
      note: l.note,
    });
  }
  return id;
}

function sizeOf(ids: readonly string[]): number {
  return ids.reduce((n, id) => n + (layers.find((l) => l.id === id)?.size ?? 0), 0);
}

interface ImageSpec {
  ref: string;
  tags: string[];
  layers: string[];
  history: HistoryRecord[];
  config: Partial<ImageConfig>;
  published?: PublishedFigure;
  digest?: ImageRecord['digest'];
  notes: string[];
}

function packageDb(ref: string): Pick<ImageRecord, 'packageDb'> {
  if (ref.startsWith('gcr.io/distroless/'))
    return { packageDb: { manager: 'dpkg', path: '/var/lib/dpkg/status.d' } };
  if (/^(debian|python|golang):/.test(ref) && !ref.includes('alpine')) {
    return { packageDb: { manager: 'dpkg', path: '/var/lib/dpkg/status' } };
  }
  if (ref.includes('alpine')) return { packageDb: { manager: 'apk', path: '/lib/apk/db/installed' } };
  return {};
}

function addImage(s: ImageSpec): void {
  images.push({
    ref: s.ref,
    tags: s.tags,
    platform: 'linux/amd64',
    ...(s.digest ? { digest: s.digest } : {}),
    config: imageConfig(s.config),
    layers: s.layers,
    history: s.history,
    size: sizeOf(s.layers),
    ...(s.published ? { published: s.published } : {}),
    ...packageDb(s.ref),
    notes: s.notes,
  });
}

const real = (
  createdBy: string,
  built: Omit<BuiltLayer, 'createdBy' | 'provenance' | 'note'>,
  note: string,
): BuiltLayer => ({
  ...built,
  createdBy,
  provenance: 'real',
  note,
});

const modelled = (
  createdBy: string,
  entries: LayerEntry[],
  provenance: 'modelled' | 'calibrated',
  note: string,
  packages: PackageRecord[] = [],
  contents: Record<string, string> = {},
): BuiltLayer => ({ createdBy, entries, packages, removedPackages: [], contents, provenance, note });

// --- Debian -----------------------------------------------------------------------------------

const snapshots = new Map<string, Snapshot>();
function snap(name: string): Snapshot {
  let s = snapshots.get(name);
  if (!s) {
    s = scanRootfs(join(ROOTS, name));
    snapshots.set(name, s);
  }
  return s;
}
const diff = (from: string | undefined, to: string) =>
  diffSnapshots(join(ROOTS, to), from ? snap(from) : undefined, snap(to));

const APT = (pkgs: string) =>
  `RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ${pkgs}; rm -rf /var/lib/apt/lists/*`;
const CURL = 'ca-certificates curl gnupg netbase sq wget';
const SCM = 'git mercurial openssh-client subversion procps';
const FULL =
  'autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip xz-utils zlib1g-dev';
const GOTOOLS = 'g++ gcc libc6-dev make pkg-config';
const PYDEPS = 'libbluetooth-dev tk-dev uuid-dev';
const DEBOOTSTRAP = 'real: debootstrap --variant=minbase from the Debian mirror, debuerreotype clean-up';

interface DebianLayers {
  debian: string;
  slim: string;
  slimPydeps: string;
  curl: string;
  scm: string;
  full: string;
  pydeps: string;
  gotools: string;
}

function debianLayers(suite: string): DebianLayers {
  const rel = `${suite} (+${suite}-updates, ${suite}-security)`;
  return {
    debian: addLayer(
      real(
        `# debian.sh --arch 'amd64' out/ '${suite}'`,
        diff(undefined, `${suite}-debian`),
        `${DEBOOTSTRAP}, ${rel}`,
      ),
    ),
    slim: addLayer(
      real(
        `# debian.sh --arch 'amd64' out/ '${suite}' (slim)`,
        diff(undefined, `${suite}-slim`),
        `${DEBOOTSTRAP} + debuerreotype-slimify`,
      ),
    ),
    slimPydeps: addLayer(
      real(
        APT('ca-certificates netbase tzdata'),
        diff(`${suite}-slim`, `${suite}-slim-pydeps`),
        `real: apt-get install in the ${suite}-slim rootfs`,
      ),
    ),
    curl: addLayer(
      real(
        APT(CURL),
        diff(`${suite}-debian`, `${suite}-curl`),
        'real: buildpack-deps curl package set installed with apt',
      ),
    ),
    scm: addLayer(
      real(
        APT(SCM),
        diff(`${suite}-curl`, `${suite}-scm`),
        'real: buildpack-deps scm package set installed with apt',
      ),
    ),
    full: addLayer(
      real(
        APT(FULL),
        diff(`${suite}-scm`, `${suite}-full`),
        'real: buildpack-deps package set installed with apt',
      ),
    ),
    pydeps: addLayer(
      real(
        APT(PYDEPS),
        diff(`${suite}-full`, `${suite}-pydeps`),
        "real: the python image's run-time deps installed with apt",
      ),
    ),
    gotools: addLayer(
      real(
        APT(GOTOOLS),
        diff(`${suite}-scm`, `${suite}-gotools`),
        "real: the golang image's C toolchain installed with apt",
      ),
    ),
  };
}

// --- the catalog --------------------------------------------------------------------------------

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'layers'), { recursive: true });

/** A repo-info citation; `what` starts with the record's path when it is known. */
const repoInfo = (what: string, date: string) => {
  const path = /^repos\/\S+\.md/.exec(what)?.[0];
  return {
    text: `docker-library/repo-info ${what}`,
    ...(path ? { url: `https://github.com/docker-library/repo-info/blob/master/${path}` } : {}),
    date,
  };
};

const deb = { bookworm: debianLayers('bookworm'), trixie: debianLayers('trixie') };

const debianImage = (suite: 'bookworm' | 'trixie', version: string, published: PublishedFigure) => {
  addImage({
    ref: `debian:${suite}`,
    tags: [
      `debian:${suite}`,
      `debian:${version}`,
      ...(suite === 'trixie' ? ['debian:latest', 'debian:stable'] : []),
    ],
    layers: [deb[suite].debian],
    history: [
      { createdBy: `# debian.sh --arch 'amd64' out/ '${suite}'`, layer: deb[suite].debian },
      { createdBy: 'CMD ["bash"]' },
    ],
    config: { Cmd: ['bash'] },
    published,
    notes: ['Files, modes, owners and packages are those of a real debootstrap --variant=minbase rootfs.'],
  });
  addImage({
    ref: `debian:${suite}-slim`,
    tags: [
      `debian:${suite}-slim`,
      `debian:${version}-slim`,
      ...(suite === 'trixie' ? ['debian:stable-slim'] : []),
    ],
    layers: [deb[suite].slim],
    history: [
      { createdBy: `# debian.sh --arch 'amd64' out/ '${suite}' (slim)`, layer: deb[suite].slim },
      { createdBy: 'CMD ["bash"]' },
    ],
    config: { Cmd: ['bash'] },
    published:
      suite === 'bookworm'
        ? { size: 74.83 * MB, source: repoInfo('repos/debian/local/bookworm-slim.md', '2026-09-18') }
        : {
            size: 78.64 * MB,
            source: repoInfo('repos/debian/local/13-slim.md (debian:trixie-slim)', '2026-08-24'),
          },
    notes: [
      'debuerreotype-slimify applied to the real minbase rootfs: no docs except copyright, no man pages or locales.',
    ],
  });
};
debianImage('bookworm', '12', {
  size: 116.57 * MB,
  compressedSize: 48.5 * MB,
  source: repoInfo(
    'repos/debian/local/bookworm.md (Virtual Size); compressed from repos/buildpack-deps/remote/bookworm.md',
    '2026-07-13',
  ),
});
debianImage('trixie', '13', {
  size: 117.89 * MB,
  source: repoInfo(
    'repos/debian/local/trixie.md (an early trixie build; later point releases are a little larger)',
    '2025-02-03',
  ),
});

// --- python:3.9 on Debian ------------------------------------------------------------------

const PY_ENV = [
  'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'LANG=C.UTF-8',
  'GPG_KEY=E3FF2839C048B25C084DEBE9B26995E310250568',
  'PYTHON_VERSION=3.9.25',
  'PYTHON_SHA256=00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834',
];
const PY_BUILD =
  'RUN set -eux; wget -O python.tar.xz "https://www.python.org/ftp/python/$PYTHON_VERSION/Python-$PYTHON_VERSION.tar.xz"; … ./configure --enable-loadable-sqlite-extensions --enable-optimizations --enable-option-checking=fatal --enable-shared --with-ensurepip; make -j; make install; … pip install setuptools==79.0.1 wheel<0.46';
const PY_LINKS =
  'RUN set -eux; for src in idle3 pip3 pydoc3 python3 python3-config; do dst="$(echo "$src" | tr -d 3)"; [ -s "/usr/local/bin/$src" ]; [ ! -e "/usr/local/bin/$dst" ]; ln -svT "$src" "/usr/local/bin/$dst"; done';
const PY_NOTE =
  'calibrated: CPython 3.9 modelled from Debian bullseye python3.9 3.9.2 packages mapped to /usr/local (tests, .pyc and libpython*.a removed as the Dockerfile does), pip 23.0.1 from Debian python3-pip-whl, setuptools (78.1.1 contents named 79.0.1) and wheel (0.46.1 contents named 0.45.1) from Debian wheel packages; file sizes scaled so the layer has the size `docker history` shows';
const symlinkLayer = addLayer(
  modelled(PY_LINKS, pythonSymlinks(), 'modelled', 'modelled: the five symlinks the Dockerfile creates'),
);

function pythonLayer(
  libc: 'glibc' | 'musl',
  target: number,
  note: string,
  base: LayerEntry[] = [],
  packages: PackageRecord[] = [],
): string {
  const model = modelPython(libc);
  const entries = withParents(
    [...base, ...model],
    (p) => p === '/usr' || p === '/usr/local' || p.split('/').length <= 3,
  );
  const isModel = new Set(model.map((e) => e.path));
  const factor = calibrate(entries, target, (e) => isModel.has(e.path));
  return addLayer(
    modelled(PY_BUILD, entries, 'calibrated', `${note}; scale factor ${factor.toFixed(3)}`, packages),
  );
}

const pyFullLayer = pythonLayer('glibc', 59.3 * MB, `${PY_NOTE} (59.3 MB, 3.9.25 docker history)`);
for (const suite of ['trixie', 'bookworm'] as const) {
  const d = deb[suite];
  const ids = [d.debian, d.curl, d.scm, d.full, d.pydeps, pyFullLayer, symlinkLayer];
  const tags =
    suite === 'trixie'
      ? ['python:3.9.25-trixie', 'python:3.9-trixie', 'python:3.9.25', 'python:3.9']
      : ['python:3.9.25-bookworm', 'python:3.9-bookworm'];
  addImage({
    ref: `python:3.9.25-${suite}`,
    tags,
    layers: ids,
    history: [
      { createdBy: `# debian.sh --arch 'amd64' out/ '${suite}'`, layer: d.debian },
      { createdBy: 'CMD ["bash"]' },
      { createdBy: APT(CURL), layer: d.curl },
      { createdBy: APT(SCM), layer: d.scm },
      { createdBy: APT(FULL), layer: d.full },
      { createdBy: 'ENV PATH=/usr/local/bin:$PATH' },
      { createdBy: 'ENV LANG=C.UTF-8' },
      { createdBy: APT(PYDEPS), layer: d.pydeps },
      { createdBy: 'ENV GPG_KEY=E3FF2839C048B25C084DEBE9B26995E310250568' },
      { createdBy: 'ENV PYTHON_VERSION=3.9.25' },
      { createdBy: 'ENV PYTHON_SHA256=00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834' },
      { createdBy: PY_BUILD, layer: pyFullLayer },
      { createdBy: PY_LINKS, layer: symlinkLayer },
      { createdBy: 'CMD ["python3"]' },
    ],
    config: { Env: PY_ENV, Cmd: ['python3'] },
    published:
      suite === 'trixie'
        ? {
            size: 1020 * MB + 19.9 * MB + 59.3 * MB,
            source: {
              text: 'derived: buildpack-deps:trixie "~ 1.02 Gb" (repo-info repos/buildpack-deps/local/trixie.md, 2026-08-25) + the 19.9 MB deps and 59.3 MB python layers of python 3.9.25-trixie\'s docker history (research/images.md §1.2)',
            },
          }
        : {
            size: 929.95 * MB + 17 * MB + 59.3 * MB,
            compressedSize: 376 * MB,
            source: {
              text: 'derived: buildpack-deps:bookworm 929.95 MB (repo-info local, 2026-07) + deps ≈17 MB + python 59.3 MB; compressed from the python:3.10.21-bookworm sibling (repo-info remote)',
            },
          },
    notes: [
      'Debian layers are real (debootstrap + apt with the official package sets).',
      'The /usr/local CPython 3.9.25 layer is modelled from Debian packages of CPython 3.9.2 and calibrated to the published layer size.',
      ...(suite === 'bookworm'
        ? []
        : ['python:3.9 has pointed to 3.9.25-trixie since 2025-08-08 (docker-library/python 093598a).']),
    ],
  });
}

// python:3.9-slim: the python layer also holds the .so packages the ldd scan keeps, which are real.
for (const suite of ['trixie', 'bookworm'] as const) {
  const d = deb[suite];
  const libs = diff(`${suite}-slim-pydeps`, `${suite}-slim-pylibs`);
  const pySlim = pythonLayer(
    'glibc',
    39.5 * MB,
    `${PY_NOTE} (39.5 MB, 3.9.25-slim docker history, which includes the real run-time .so packages kept by the ldd scan)`,
    libs.entries,
    libs.packages,
  );
  const tags =
    suite === 'trixie'
      ? ['python:3.9.25-slim-trixie', 'python:3.9-slim-trixie', 'python:3.9.25-slim', 'python:3.9-slim']
      : ['python:3.9.25-slim-bookworm', 'python:3.9-slim-bookworm'];
  addImage({
    ref: `python:3.9.25-slim-${suite}`,
    tags,
    layers: [d.slim, d.slimPydeps, pySlim, symlinkLayer],
    history: [
      { createdBy: `# debian.sh --arch 'amd64' out/ '${suite}' (slim)`, layer: d.slim },
      { createdBy: 'CMD ["bash"]' },
      { createdBy: 'ENV PATH=/usr/local/bin:$PATH' },
      { createdBy: 'ENV LANG=C.UTF-8' },
      { createdBy: APT('ca-certificates netbase tzdata'), layer: d.slimPydeps },
      { createdBy: 'ENV GPG_KEY=E3FF2839C048B25C084DEBE9B26995E310250568' },
      { createdBy: 'ENV PYTHON_VERSION=3.9.25' },
      { createdBy: 'ENV PYTHON_SHA256=00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834' },
      { createdBy: PY_BUILD, layer: pySlim },
      { createdBy: PY_LINKS, layer: symlinkLayer },
      { createdBy: 'CMD ["python3"]' },
    ],
    config: { Env: PY_ENV, Cmd: ['python3'] },
    published:
      suite === 'trixie'
        ? {
            size: (78.6 + 3.81 + 39.5) * MB,
            compressedSize: 44.9 * MB,
            source: {
              text: 'python 3.9.25-slim-trixie docker history (78.6 + 3.81 + 39.5 MB); compressed from hylang:1-python3.9-trixie (repo-info remote, 2025-10)',
            },
          }
        : {
            size: 122.34 * MB,
            compressedSize: 46.7 * MB,
            source: {
              text: 'sibling python:3.14.7-slim-bookworm 122.34 MB (repo-info local); compressed 3.9.21-slim-bookworm layers via hylang (repo-info remote, 2025-02)',
            },
          },
    notes: [
      'Debian layers are real; the python layer is modelled and calibrated (see the layer note).',
      'gcc and the other build deps were purged by the build: none are present.',
    ],
  });
}

// --- golang on Debian --------------------------------------------------------------------

const GO_ENV = (v: string) => [
  'PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  `GOLANG_VERSION=${v}`,
  'GOTOOLCHAIN=local',
  'GOPATH=/go',
];
const GO_COPY = 'COPY /target/ / # buildkit (COPY --from=build --link)';
const GO_MKDIR = 'RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"';
const goPathLayer = addLayer(
  modelled(GO_MKDIR, goPath(), 'modelled', 'modelled: the three directories the Dockerfile creates'),
);

function goLayer(minor: '1.25' | '1.26', target: number, source: string): string {
  const entries = withParents(modelGo(minor), (p) => p === '/usr' || p === '/usr/local');
  const factor = calibrate(entries, target, () => true);
  return addLayer(
    modelled(
      GO_COPY,
      entries,
      'calibrated',
      `calibrated: Go ${minor} toolchain tree from Debian golang-${minor}-go/-src (trixie-backports) mapped to /usr/local/go; tools marked static as the release tarball's are; sizes scaled by ${factor.toFixed(3)} so the image matches ${source}`,
    ),
  );
}

const goDebian = (
  suite: 'bookworm' | 'trixie',
  version: string,
  tags: string[],
  published: PublishedFigure,
  digest?: ImageRecord['digest'],
) => {
  const d = deb[suite];
  const minor = version.startsWith('1.25') ? '1.25' : '1.26';
  const base = [d.debian, d.curl, d.scm, d.gotools];
  const go = goLayer(minor, (published.size as number) - sizeOf(base), published.source.text);
  addImage({
    ref: `golang:${version}-${suite}`,
    ...(digest ? { digest } : {}),
    tags,
    layers: [...base, go, goPathLayer],
    history: [
      { createdBy: `# debian.sh --arch 'amd64' out/ '${suite}'`, layer: d.debian },
      { createdBy: 'CMD ["bash"]' },
      { createdBy: APT(CURL), layer: d.curl },
      { createdBy: APT(SCM), layer: d.scm },
      { createdBy: APT(GOTOOLS), layer: d.gotools },
      ...GO_ENV(version).map((e) => ({ createdBy: `ENV ${e}` })),
      { createdBy: GO_COPY, layer: go },
      { createdBy: GO_MKDIR, layer: goPathLayer },
      { createdBy: 'WORKDIR /go' },
    ],
    config: { Env: GO_ENV(version), Cmd: ['bash'], WorkingDir: '/go' },
    published,
    notes: [
      'Debian layers are real; /usr/local/go is modelled from Debian packages of the same Go minor version and calibrated.',
      'gcc is present, so cgo is on by default: net/http binaries are dynamically linked.',
    ],
  });
};
goDebian(
  'trixie',
  '1.26.5',
  [
    'golang:1.26.5-trixie',
    'golang:1.26-trixie',
    'golang:1-trixie',
    'golang:trixie',
    'golang:1.26.5',
    'golang:1.26',
    'golang:1',
    'golang:latest',
  ],
  {
    size: 873.6 * MB,
    compressedSize: 312_291_984,
    source: repoInfo(
      'repos/golang/local/1-trixie.md (golang:1.26.5-trixie); compressed: a remote record, section golang:1-trixie, linux/amd64 entry with the same Image ID sha256:3d0c205d…',
      '2026-07-07',
    ),
  },
  {
    value: 'sha256:bf0bf2dd9146b6d1a79ddc35ebcd7cca2f49d47091accefe3a12b8483a3c9ed6',
    source: repoInfo(
      'a remote record, section golang:1-trixie: the linux/amd64 manifest of Image ID sha256:3d0c205d…',
      '2026-07',
    ),
  },
);
goDebian('bookworm', '1.25.13', ['golang:1.25.13-bookworm', 'golang:1.25-bookworm'], {
  size: 807.36 * MB,
  compressedSize: 289.7 * MB,
  source: repoInfo(
    'repos/golang/local/1.25-bookworm.md; compressed from repos/golang/remote/1.25-bookworm.md (1.25.12)',
    '2026-08-13',
  ),
});

// --- Alpine -----------------------------------------------------------------------------------

const apk = (name: string, version: string, kib: number): ApkPackage => ({
  name,
  version,
  installed: Math.round(kib * KIB),
});
const ALPINE_322 = [
  apk('alpine-baselayout', '3.7.0-r0', 6441 / KIB),
  apk('alpine-baselayout-data', '3.7.0-r0', 18),
  apk('alpine-keys', '2.5-r0', 13),
  apk('alpine-release', '3.22.6-r0', 343 / KIB),
  apk('apk-tools', '2.14.12-r0', 68),
  apk('busybox', '1.37.0-r20', 798),
  apk('busybox-binsh', '1.37.0-r20', 1 / KIB),
  apk('ca-certificates-bundle', '20260909-r0', 177),
  apk('libapk2', '2.14.12-r0', 179),
  apk('libcrypto3', '3.5.8-r0', 5103),
  apk('libssl3', '3.5.8-r0', 823),
  apk('musl', '1.2.5-r12', 646),
  apk('musl-utils', '1.2.5-r12', 54),
  apk('scanelf', '1.3.8-r1', 65),
  apk('ssl_client', '1.37.0-r20', 14),
  apk('zlib', '1.3.2-r0', 101),
];
const ALPINE_324 = [
  apk('alpine-baselayout', '3.7.2-r1', 6552 / KIB),
  apk('alpine-baselayout-data', '3.7.2-r1', 18),
  apk('alpine-keys', '2.6-r0', 12),
  apk('alpine-release', '3.24.1-r0', 343 / KIB),
  apk('apk-tools', '3.0.6-r0', 112),
  apk('busybox', '1.37.0-r31', 794),
  apk('busybox-binsh', '1.37.0-r31', 1 / KIB),
  apk('ca-certificates-bundle', '20260611-r0', 175),
  apk('libapk', '3.0.6-r0', 270),
  apk('libcrypto3', '3.5.7-r0', 5091),
  apk('libssl3', '3.5.7-r0', 819),
  apk('musl', '1.2.6-r2', 654),
  apk('musl-utils', '1.2.6-r2', 54),
  apk('scanelf', '1.3.9-r1', 65),
  apk('ssl_client', '1.37.0-r31', 14),
  apk('zlib', '1.3.2-r0', 105),
];
const ALPINE_NOTE =
  "modelled: package list, versions and installed sizes from the repo-info record; files laid out as the aports recipes install them with the installed size shared among them; busybox applet links from busybox 1.37 applet table under Alpine's busybox config (aports main/busybox/busyboxconfig, 1.27.2-era copy in the index); the apk database files are sized from the package and file counts";

function alpineBase(version: string, pkgs: ApkPackage[], source: string): string {
  const { entries, records } = alpinePackages(pkgs);
  const files = [...entries, ...apkDatabase(pkgs, entries.length)];
  const release = version.split('.').slice(0, 2).join('.');
  const contents = {
    '/etc/passwd': ALPINE_PASSWD,
    '/etc/group': ALPINE_GROUP,
    '/etc/alpine-release': `${version}\n`,
    '/usr/lib/os-release': `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${release}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
  };
  for (const [path, text] of Object.entries(contents)) {
    const i = files.findIndex((e) => e.path === path);
    if (i >= 0) files[i] = { ...(files[i] as LayerEntry), size: Buffer.byteLength(text) };
  }
  return addLayer(
    modelled(
      `ADD alpine-minirootfs-${version}-x86_64.tar.gz / # buildkit`,
      withParents(files),
      'modelled',
      `${ALPINE_NOTE}; ${source}`,
      records,
      contents,
    ),
  );
}

const alpine322 = alpineBase('3.22.6', ALPINE_322, 'repo-info repos/alpine/local/3.22.md (2026-09-17)');
const alpine324 = alpineBase(
  '3.24.1',
  ALPINE_324,
  'repo-info repos/golang/local/1.26.5-alpine.md (alpine 3.24.1 packages, 2026-07-07)',
);
addImage({
  ref: 'alpine:3.22',
  // `alpine` alone is `alpine:latest` once parsed; the course pins latest to 3.22.
  tags: ['alpine:3.22.6', 'alpine:3.22', 'alpine:latest'],
  layers: [alpine322],
  history: [
    { createdBy: 'ADD alpine-minirootfs-3.22.6-x86_64.tar.gz / # buildkit', layer: alpine322 },
    { createdBy: 'CMD ["/bin/sh"]' },
  ],
  config: { Cmd: ['/bin/sh'] },
  digest: {
    value: 'sha256:3e9b4b680bfc9fb5269227cffbd6d42be39fbf7c0b908123913864aa4447e764',
    source: {
      text: 'the linux/amd64 manifest of alpine:3.22.6, as quoted in public pull logs whose config digest is the Image ID sha256:c83674e1… of repo-info repos/alpine/local/3.22.md',
    },
  },
  published: {
    size: 8.3 * MB,
    compressedSize: 3_792_075,
    source: repoInfo(
      'repos/alpine/local/3.22.md; compressed: the single layer of the same manifest (3,792,075 B)',
      '2026-09-17',
    ),
  },
  notes: [
    'Modelled from the package list (see the layer note). alpine:latest is pinned to 3.22 in this course.',
  ],
});

const caTz = addLayer(
  modelled(
    'RUN set -eux; apk add --no-cache ca-certificates tzdata',
    (() => {
      const pkgs = [apk('ca-certificates', '20260611-r0', 207), apk('tzdata', '2026c-r0', 433)];
      return withParents(alpinePackages(pkgs).entries, (p) => p.split('/').length <= 3);
    })(),
    'modelled',
    'modelled: versions and sizes from the python:3.10.21-alpine3.24 repo-info record',
    [
      { name: 'ca-certificates', version: '20260611-r0', arch: 'x86_64' },
      { name: 'tzdata', version: '2026c-r0', arch: 'x86_64' },
    ],
  ),
);
const RUNDEPS = [
  apk('gdbm', '1.26-r0', 71),
  apk('keyutils-libs', '1.6.3-r4', 17),
  apk('krb5-conf', '1.0-r2', 450 / KIB),
  apk('krb5-libs', '1.22.2-r1', 1747),
  apk('libbz2', '1.0.8-r6', 76),
  apk('libcom_err', '1.47.4-r0', 17),
  apk('libffi', '3.5.2-r1', 38),
  apk('libintl', '1.0-r0', 133),
  apk('libncursesw', '6.6_p20260516-r0', 334),
  apk('libnsl', '2.0.1-r2', 29),
  apk('libpanelw', '6.6_p20260516-r0', 17),
  apk('libtirpc', '1.3.5-r1', 166),
  apk('libtirpc-conf', '1.3.5-r1', 1302 / KIB),
  apk('libuuid', '2.42.1-r0', 29),
  apk('libverto', '0.3.2-r2', 21),
  apk('ncurses-terminfo-base', '6.6_p20260516-r0', 100),
  apk('readline', '8.3.3-r1', 292),
  apk('sqlite-libs', '3.53.2-r0', 1602),
  apk('xz-libs', '5.8.3-r0', 221),
];
{
  const rundeps = alpinePackages(RUNDEPS);
  const pyAlpineTarget = 51.86 * MB - sizeOf([alpine322, caTz, symlinkLayer]);
  const pyAlpine = pythonLayer(
    'musl',
    pyAlpineTarget,
    `${PY_NOTE.replace('docker history', 'image total')}; .python-rundeps modelled from python:3.10.21-alpine3.24's package list; ELF interpreter /lib/ld-musl-x86_64.so.1; calibrated so the image totals 51.86 MB, the python:3.10.21-alpine3.24 sibling (no 3.9 figure is published)`,
    rundeps.entries,
    rundeps.records,
  );
  addImage({
    ref: 'python:3.9.25-alpine3.22',
    tags: ['python:3.9.25-alpine3.22', 'python:3.9-alpine3.22', 'python:3.9.25-alpine', 'python:3.9-alpine'],
    layers: [alpine322, caTz, pyAlpine, symlinkLayer],
    history: [
      { createdBy: 'ADD alpine-minirootfs-3.22.6-x86_64.tar.gz / # buildkit', layer: alpine322 },
      { createdBy: 'CMD ["/bin/sh"]' },
      { createdBy: 'ENV PATH=/usr/local/bin:$PATH' },
      { createdBy: 'ENV LANG=C.UTF-8' },
      { createdBy: 'RUN set -eux; apk add --no-cache ca-certificates tzdata', layer: caTz },
      { createdBy: 'ENV GPG_KEY=E3FF2839C048B25C084DEBE9B26995E310250568' },
      { createdBy: 'ENV PYTHON_VERSION=3.9.25' },
      { createdBy: 'ENV PYTHON_SHA256=00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834' },
      { createdBy: PY_BUILD.replace('--enable-optimizations ', ''), layer: pyAlpine },
      { createdBy: PY_LINKS, layer: symlinkLayer },
      { createdBy: 'CMD ["python3"]' },
    ],
    config: { Env: PY_ENV, Cmd: ['python3'] },
    published: {
      size: 51.86 * MB,
      estimate: true,
      compressedSize: (3.8 + 0.46 + 15.4) * MB,
      source: {
        text: 'no uncompressed figure for 3.9.25-alpine3.22: sibling python:3.10.21-alpine3.24 51.86 MB (repo-info local, 2026-08-13); compressed 3.80+0.46+15.40 MB from hylang:1-python3.9-alpine (repo-info remote, 2025-10-31)',
      },
    },
    notes: [
      'Alpine base and python layers are modelled (see the layer notes).',
      'Build deps (gcc, make, …) were removed by `apk del .build-deps`: no compiler, no bash, no curl.',
    ],
  });
}

function goAlpine(
  version: string,
  tags: string[],
  published: PublishedFigure,
  digest?: ImageRecord['digest'],
): void {
  const minor = version.startsWith('1.25') ? '1.25' : '1.26';
  const ca = addLayer(
    modelled(
      'RUN apk add --no-cache ca-certificates',
      withParents(
        alpinePackages([apk('ca-certificates', '20260611-r0', 207)]).entries,
        (p) => p.split('/').length <= 3,
      ),
      'modelled',
      'modelled: version and size from the golang:1.26.5-alpine3.24 repo-info record',
      [{ name: 'ca-certificates', version: '20260611-r0', arch: 'x86_64' }],
    ),
  );
  const base = [alpine324, ca];
  const go = goLayer(
    minor,
    (published.size as number) - sizeOf([...base, goPathLayer]),
    published.source.text,
  );
  addImage({
    ref: `golang:${version}-alpine3.24`,
    ...(digest ? { digest } : {}),
    tags,
    layers: [...base, go, goPathLayer],
    history: [
      { createdBy: 'ADD alpine-minirootfs-3.24.1-x86_64.tar.gz / # buildkit', layer: alpine324 },
      { createdBy: 'CMD ["/bin/sh"]' },
      { createdBy: 'RUN apk add --no-cache ca-certificates', layer: ca },
      ...GO_ENV(version).map((e) => ({ createdBy: `ENV ${e}` })),
      { createdBy: GO_COPY, layer: go },
      { createdBy: GO_MKDIR, layer: goPathLayer },
      { createdBy: 'WORKDIR /go' },
    ],
    config: { Env: GO_ENV(version), Cmd: ['/bin/sh'], WorkingDir: '/go' },
    published,
    notes: [
      'No C compiler: cgo is off by default and Go binaries are static.',
      'Alpine and Go layers are modelled (see the layer notes).',
    ],
  });
}
goAlpine(
  '1.26.5',
  [
    'golang:1.26.5-alpine3.24',
    'golang:1.26.5-alpine',
    'golang:1.26-alpine3.24',
    'golang:1.26-alpine',
    'golang:1-alpine3.24',
    'golang:1-alpine',
    'golang:alpine3.24',
    'golang:alpine',
  ],
  {
    size: 241.26 * MB,
    compressedSize: 71_380_009,
    source: repoInfo(
      'repos/golang/local/1.26.5-alpine.md; compressed: a remote record, section golang:alpine3.24, linux/amd64 entry with the same Image ID sha256:7849a63a…',
      '2026-07-07',
    ),
  },
  {
    value: 'sha256:111d79159b2326f7e80c4a4706e1ba166acb0e2611df853955f3621828cd49e8',
    source: repoInfo(
      'a remote record, section golang:alpine3.24: the linux/amd64 manifest of Image ID sha256:7849a63a…',
      '2026-07',
    ),
  },
);
goAlpine(
  '1.25.13',
  ['golang:1.25.13-alpine3.24', 'golang:1.25.13-alpine', 'golang:1.25-alpine3.24', 'golang:1.25-alpine'],
  {
    size: 215.26 * MB,
    compressedSize: 64.4 * MB,
    source: repoInfo('repos/golang/local/1.25-alpine.md and remote/1.25-alpine.md', '2026-08-13'),
  },
);

// --- busybox: the real published rootfs ---------------------------------------------------------

{
  const root = join(WORK, 'busybox/root');
  const built = diffSnapshots(root, undefined, scanRootfs(root));
  const layer = addLayer(
    real(
      'BusyBox 1.38.0 (glibc), Debian 13',
      built,
      'real: docker-library/busybox dist-amd64 latest/glibc/amd64/rootfs.tar.gz, read entry by entry',
    ),
  );
  addImage({
    ref: 'busybox:1.38.0-glibc',
    tags: [
      'busybox:1.38.0-glibc',
      'busybox:1.38-glibc',
      'busybox:1-glibc',
      'busybox:glibc',
      'busybox:1.38.0',
      'busybox:1.38',
      'busybox:1',
      'busybox:latest',
    ],
    layers: [layer],
    history: [{ createdBy: 'BusyBox 1.38.0 (glibc), Debian 13', layer }],
    config: { Cmd: ['sh'] },
    digest: {
      value: 'sha256:1cfa4e2b09e127b9c4ed43578d3f3c18e7d44ea47b9ea98475c0cbe9086525f8',
      source: { text: 'manifest digest in docker-library/busybox dist-amd64 latest/glibc/amd64/index.json' },
    },
    published: {
      size: 4.45 * MB,
      compressedSize: 2_226_327,
      source: {
        text: 'repo-info repos/busybox/local/latest.md "~ 4.45 Mb" (2026-05); compressed: the layer size in the dist-amd64 image manifest',
      },
    },
    notes: [
      'Every path is real: the published rootfs tarball, with its 400-odd hard links to /bin/[ (busybox).',
    ],
  });
}

// --- scratch -----------------------------------------------------------------------------------

addImage({
  ref: 'scratch',
  tags: ['scratch'],
  layers: [],
  history: [],
  config: { Env: [] },
  published: {
    size: 0,
    compressedSize: 0,
    source: { text: 'by definition: FROM scratch starts from no layers' },
  },
  notes: ['The empty image: no files, no users, no shell.'],
});

// --- distroless ---------------------------------------------------------------------------------

function debLayer(pkg: string, version: string): BuiltLayer {
  const entries: LayerEntry[] = [];
  for (const e of readTree(join(X, pkg))) {
    if (e.kind === 'dir') entries.push({ path: e.path, kind: 'dir', mode: e.mode, uid: 0, gid: 0, size: 0 });
    else if (e.kind === 'symlink')
      entries.push({
        path: e.path,
        kind: 'symlink',
        mode: 0o777,
        uid: 0,
        gid: 0,
        size: 0,
        target: e.target ?? '',
        pkg,
      });
    else
      entries.push({
        path: e.path,
        kind: 'file',
        mode: e.mode,
        uid: 0,
        gid: 0,
        size: e.size,
        pkg,
        ...(e.exec ? { exec: e.exec } : {}),
      });
  }
  const status = `/var/lib/dpkg/status.d/${pkg}`;
  entries.push({ path: status, kind: 'file', mode: 0o644, uid: 0, gid: 0, size: 600, pkg });
  return {
    createdBy: `bazel build //base:… (rules_distroless) deb ${pkg}_${version}`,
    entries: withParents(entries),
    packages: [{ name: pkg, version, arch: 'amd64' }],
    removedPackages: [],
    contents: {},
    provenance: 'real',
    note: `real: every file of the Debian bookworm ${pkg} ${version} package, which static.bzl adds whole (rules_distroless deb.package)`,
  };
}

const debVersion = (pkg: string): string =>
  readFileSync(join(WORK, 'apt/debs/.versions'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${pkg} `))
    ?.split(' ')[1] ?? '';

const DISTROLESS_PASSWD =
  'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n';
const DISTROLESS_GROUP = 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n';
const staticDebs = ['base-files', 'netbase', 'tzdata', 'media-types'].map((p) =>
  addLayer(debLayer(p, debVersion(p))),
);
const caBundle = snap('bookworm-curl').entries.get('/etc/ssl/certs/ca-certificates.crt');
const generated = (() => {
  const f = (path: string, text: string): LayerEntry => ({
    path,
    kind: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: Buffer.byteLength(text),
  });
  const d = (path: string, mode: number, uid = 0): LayerEntry => ({
    path,
    kind: 'dir',
    mode,
    uid,
    gid: uid,
    size: 0,
  });
  const osRelease =
    'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\nSUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"\nBUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"\n';
  const nsswitch =
    'passwd:         files\ngroup:          files\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n';
  const entries = [
    f('/etc/passwd', DISTROLESS_PASSWD),
    f('/etc/group', DISTROLESS_GROUP),
    f('/etc/os-release', osRelease),
    f('/etc/nsswitch.conf', nsswitch),
    {
      path: '/etc/ssl/certs/ca-certificates.crt',
      kind: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: caBundle?.size ?? 0,
    } as LayerEntry,
    d('/tmp', 0o1777),
    d('/root', 0o700),
    d('/home', 0o755),
    d('/home/nonroot', 0o700, 65532),
  ];
  return addLayer({
    createdBy: 'bazel build //static:… (passwd, group, os-release, nsswitch.conf, CA bundle, /tmp, homes)',
    entries: withParents(entries),
    packages: [],
    removedPackages: [],
    contents: {
      '/etc/passwd': DISTROLESS_PASSWD,
      '/etc/group': DISTROLESS_GROUP,
      '/etc/os-release': osRelease,
      '/etc/nsswitch.conf': nsswitch,
    },
    provenance: 'modelled',
    note: "modelled from GoogleContainerTools/distroless static/ (passwd, group, nsswitch.conf, os-release as its BUILD files write them); the CA bundle has the size of Debian bookworm ca-certificates' bundle",
  });
})();
const baseDebs = ['libc6', 'libssl3'].map((p) => addLayer(debLayer(p, debVersion(p))));
const DISTROLESS_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
];
for (const [flavour, extra, published] of [
  [
    'static',
    [] as string[],
    {
      size: 2 * 1024 * 1024,
      estimate: true,
      source: {
        text: 'distroless README (@cd08076): "around 2 MiB"; static-debian11 was reported at 2.36–2.43 MB (codenotary/immudb#1366, 2022-09; keptn/lifecycle-toolkit#1087, 2023-03)',
      },
    },
  ],
  [
    'base',
    baseDebs,
    {
      size: 20.3 * MB,
      estimate: true,
      source: {
        text: 'base (debian11) nonroot 20.3 MB in codenotary/immudb#1366 and keptn/lifecycle-toolkit#1087; no debian12 figure found',
      },
    },
  ],
] as const) {
  for (const nonroot of [false, true]) {
    const name = `gcr.io/distroless/${flavour}-debian12`;
    const ids = [...staticDebs, generated, ...extra];
    addImage({
      ref: `${name}:${nonroot ? 'nonroot' : 'latest'}`,
      tags: nonroot ? [`${name}:nonroot`] : [`${name}:latest`],
      layers: ids,
      history: ids.map((id) => ({ createdBy: layers.find((l) => l.id === id)?.createdBy ?? '', layer: id })),
      config: {
        Env: DISTROLESS_ENV,
        User: nonroot ? '65532' : '0',
        WorkingDir: nonroot ? '/home/nonroot' : '/',
        Entrypoint: null,
        Cmd: null,
      },
      published,
      notes: [
        'No shell, no package manager' +
          (flavour === 'static'
            ? ', no libc: only static binaries run.'
            : '; glibc and libssl3 for dynamically linked binaries.'),
        'Package files are real Debian bookworm packages; the generated files are modelled from the distroless build files.',
      ],
    });
  }
}

// --- index ---------------------------------------------------------------------------------------

const index: CatalogIndex = {
  format: FORMAT_VERSION,
  generated: new Date().toISOString().slice(0, 10),
  images,
  layers,
  nearest: [
    {
      repository: 'golang',
      modelled: ['1.25.13-bookworm', '1.25.13-alpine3.24', '1.26.5-trixie', '1.26.5-alpine3.24'],
    },
  ],
};
writeFileSync(join(OUT, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
for (const i of images) {
  const p = i.published?.size;
  const delta = p ? `${(((i.size - p) / p) * 100).toFixed(1)}%` : 'n/a';
  console.log(
    `${i.ref.padEnd(44)} ${(i.size / MB).toFixed(2).padStart(8)} MB  published ${p ? (p / MB).toFixed(2) : '-'} (${delta})`,
  );
}
