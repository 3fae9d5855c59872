/**
 * Adds the images derived from the generated catalog (run after build.ts, or alone on the committed
 * data): CPython 3.10–3.14 from the 3.9 layers, Go 1.27 from the 1.26 tree, Alpine 3.21/3.23/3.24,
 * Debian 13 distroless and the uv image. Each derived layer says what it was derived from and how
 * it was sized (docs/catalog.md, Derived images). Node-only: `node scripts/catalog/derive.ts [DIR]`.
 */
import type { HistoryRecord, ImageRecord, LayerEntry, PublishedFigure } from '../../src/lib/images/format.ts';
import { type Layer, openCatalogEdit } from './catalog-edit.ts';
import { GO_FIGURES, PYTHON_RELEASES, type PythonRelease, type RepoInfoFigure } from './derive-data.ts';
import { deriveDistroless } from './derive-distroless.ts';
import { calibrate, layerBytes } from './layers.ts';

const OUT = process.argv[2] ?? 'public/catalog';
const MB = 1_000_000;
const edit = openCatalogEdit(OUT);
const { images, layerById, layerOf, addLayer, addImage, imageByRef, sizeOf } = edit;

const repoInfo = (f: RepoInfoFigure, ownTag: string): PublishedFigure => ({
  size: f.mb * MB,
  ...(f.tag === ownTag ? {} : { estimate: true }),
  source: {
    text: `docker-library/repo-info ${f.path} (${f.tag}${f.tag === ownTag ? '' : `, a sibling of ${ownTag}`})`,
    url: `https://github.com/docker-library/repo-info/blob/master/${f.path}`,
    date: f.date,
  },
});

// --- CPython 3.10–3.14 ------------------------------------------------------------------------

/** The 3.9 python layer with its paths, links and shebangs renamed for `minor` and its removals applied. */
function renamePython(source: Layer, minor: string, removed: readonly RegExp[]): Layer {
  const [major, min] = minor.split('.') as [string, string];
  const rename = (text: string) =>
    text.replaceAll('python3.9', `python${minor}`).replaceAll('cpython-39-', `cpython-${major}${min}-`);
  const entries: LayerEntry[] = [];
  for (const e of source.entries) {
    const path = rename(e.path);
    if (e.pkg === undefined && removed.some((r) => r.test(path))) continue;
    const exec = e.exec?.kind === 'script' ? { ...e.exec, shebang: rename(e.exec.shebang) } : e.exec;
    entries.push({
      ...e,
      path,
      ...(e.target !== undefined ? { target: rename(e.target) } : {}),
      ...(exec ? { exec } : {}),
    });
  }
  return { header: source.header, entries };
}

/** What the official images stopped shipping: setuptools and wheel from 3.12, distutils (PEP 632), lib2to3 from 3.13. */
function removedIn(minor: string): RegExp[] {
  const n = Number(minor.split('.')[1]);
  const site = `/usr/local/lib/python${minor}/site-packages/`;
  const gone: RegExp[] = [];
  if (n >= 12) {
    gone.push(
      new RegExp(`^${site}(setuptools|wheel|pkg_resources|_distutils_hack|distutils-precedence)`),
      new RegExp(`^/usr/local/lib/python${minor}/distutils(/|$)`),
      /^\/usr\/local\/bin\/wheel$/,
    );
  }
  if (n >= 13)
    gone.push(new RegExp(`^/usr/local/lib/python${minor}/lib2to3(/|$)`), /^\/usr\/local\/bin\/2to3/);
  return gone;
}

function removalNote(minor: string): string {
  const n = Number(minor.split('.')[1]);
  if (n < 12) return '';
  return `, without what the official image no longer ships (setuptools, wheel, distutils${n >= 13 ? ', lib2to3' : ''})`;
}

/** Bytes of the files the CPython model contributes (not the real Debian/Alpine packages in the same layer). */
const modelBytes = (l: Layer) => layerBytes(l.entries.filter((e) => e.pkg === undefined));

function pythonLayer(
  source: Layer,
  release: PythonRelease,
  modelTarget: number,
  createdBy: string,
  how: string,
): string {
  const layer = renamePython(source, release.minor, removedIn(release.minor));
  const fixed = layerBytes(layer.entries.filter((e) => e.pkg !== undefined));
  const factor = calibrate(layer.entries, fixed + modelTarget, (e) => e.pkg === undefined);
  return addLayer(
    layer,
    createdBy,
    'calibrated',
    `calibrated: the CPython 3.9 model (Debian's python3.9 packages mapped to /usr/local) renamed for ${release.minor}${removalNote(release.minor)}; pip keeps the 3.9 model's 23.0.1 files; ${how}; scale factor ${factor.toFixed(3)}`,
  );
}

function pythonEnv(r: PythonRelease): string[] {
  return [
    'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...(r.lang ? ['LANG=C.UTF-8'] : []),
    ...(r.gpgKey ? [`GPG_KEY=${r.gpgKey}`] : []),
    `PYTHON_VERSION=${r.version}`,
    `PYTHON_SHA256=${r.sha256}`,
  ];
}

/** The 3.9 image's history with this release's ENV lines and layers. */
function pythonHistory(
  template: ImageRecord,
  r: PythonRelease,
  swap: ReadonlyMap<string, string>,
): HistoryRecord[] {
  const env = pythonEnv(r).filter((e) => !e.startsWith('PATH='));
  const rows: HistoryRecord[] = [];
  for (const row of template.history) {
    const layer = row.layer && (swap.get(row.layer) ?? row.layer);
    if (/^ENV (LANG|GPG_KEY|PYTHON_VERSION|PYTHON_SHA256)=/.test(row.createdBy)) {
      const name = row.createdBy.slice(4).split('=')[0] as string;
      const value = env.find((e) => e.startsWith(`${name}=`));
      if (value) rows.push({ createdBy: `ENV ${value}` });
      continue;
    }
    const createdBy = row.createdBy.replace(/setuptools==[\d.]+ wheel<[\d.]+/, '').trimEnd();
    rows.push(
      layer ? { createdBy: Number(r.minor.split('.')[1]) >= 12 ? createdBy : row.createdBy, layer } : row,
    );
  }
  return rows;
}

type PyVariant = 'trixie' | 'bookworm' | 'slim-trixie' | 'slim-bookworm' | 'alpine3.24' | 'alpine3.23';

/** Every tag that names this image: the full version, the minor, and the floating ones if it is the newest. */
function pythonTags(r: PythonRelease, variant: PyVariant, newest: boolean): string[] {
  const short: Record<PyVariant, string | undefined> = {
    trixie: '',
    'slim-trixie': 'slim',
    'alpine3.24': 'alpine',
    bookworm: undefined,
    'slim-bookworm': undefined,
    'alpine3.23': undefined,
  };
  const suffixes = [
    `-${variant}`,
    ...(short[variant] !== undefined ? [short[variant] ? `-${short[variant]}` : ''] : []),
  ];
  const versions = [r.version, r.minor, ...(newest ? ['3'] : [])];
  const tags = versions.flatMap((v) => suffixes.map((s) => `python:${v}${s}`));
  if (newest) tags.push(...suffixes.map((s) => `python:${s ? s.slice(1) : 'latest'}`));
  return tags;
}

const py39 = {
  trixie: imageByRef('python:3.9.25-trixie'),
  bookworm: imageByRef('python:3.9.25-bookworm'),
  'slim-trixie': imageByRef('python:3.9.25-slim-trixie'),
  'slim-bookworm': imageByRef('python:3.9.25-slim-bookworm'),
  alpine: imageByRef('python:3.9.25-alpine3.22'),
};
/** The python layer is the second to last (before the symlinks) in every 3.9 image. */
const pyLayerId = (image: ImageRecord) => image.layers[image.layers.length - 2] as string;
const slimModel39 = modelBytes(layerOf(pyLayerId(py39['slim-trixie'])));
const fullModel39 = modelBytes(layerOf(pyLayerId(py39.trixie)));

const alpineBases = deriveAlpine();
const newestPython = PYTHON_RELEASES[PYTHON_RELEASES.length - 1] as PythonRelease;
const slimModelOf = new Map<string, number>();

for (const r of PYTHON_RELEASES) {
  // The slim-trixie figure sizes the CPython model: what the image holds beyond its real Debian layers.
  const slimT = py39['slim-trixie'];
  const slimLibs = layerBytes(layerOf(pyLayerId(slimT)).entries.filter((e) => e.pkg !== undefined));
  const slimBase = sizeOf(slimT.layers.filter((id) => id !== pyLayerId(slimT)));
  slimModelOf.set(r.minor, r.slimTrixie.mb * MB - slimBase - slimLibs);
}

/**
 * Alpine's CPython is smaller than Debian's and shrinks less from release to release, so its size
 * follows the slim model along the line through the two releases with a published Alpine figure.
 */
const ALPINE_POINTS = PYTHON_RELEASES.flatMap((r) => {
  const figure = r.figures['alpine3.24'];
  if (!figure) return [];
  const base = sizeOf(
    py39.alpine.layers
      .filter((id) => id !== pyLayerId(py39.alpine))
      .map((id, i) => (i === 0 ? alpineBases['alpine3.24'].layer : id)),
  );
  const libs = layerBytes(layerOf(pyLayerId(py39.alpine)).entries.filter((e) => e.pkg !== undefined));
  return [{ slim: slimModelOf.get(r.minor) as number, alpine: figure.mb * MB - base - libs, figure }];
});
function alpineModel(slim: number): number {
  const [a, b] = ALPINE_POINTS as [(typeof ALPINE_POINTS)[number], (typeof ALPINE_POINTS)[number]];
  return a.alpine + ((slim - a.slim) * (b.alpine - a.alpine)) / (b.slim - a.slim);
}

for (const r of PYTHON_RELEASES) {
  const model = slimModelOf.get(r.minor) as number;
  const newest = r === newestPython;
  const sized = `sized from ${r.slimTrixie.path} (${r.slimTrixie.tag}, ${r.slimTrixie.mb} MB)`;
  for (const variant of ['slim-trixie', 'slim-bookworm', 'trixie', 'bookworm'] as const) {
    const template = py39[variant];
    const old = pyLayerId(template);
    const slim = variant.startsWith('slim');
    const target = slim ? model : (fullModel39 * model) / slimModel39;
    const how = slim
      ? `${sized} less the real Debian layers and run-time libraries`
      : `the full build's 3.9 model (${(fullModel39 / MB).toFixed(1)} MB) scaled by this release's slim model against 3.9's; ${sized}`;
    const layer = pythonLayer(
      layerOf(old),
      r,
      target,
      template.history.find((h) => h.layer === old)?.createdBy ?? '',
      how,
    );
    const ref = `python:${r.version}-${variant}`;
    const figure = r.figures[variant];
    addImage({
      ref,
      tags: pythonTags(r, variant, newest),
      config: { ...template.config, Env: pythonEnv(r) },
      layers: template.layers.map((id) => (id === old ? layer : id)),
      history: pythonHistory(template, r, new Map([[old, layer]])),
      ...(figure ? { published: repoInfo(figure, ref.slice('python:'.length)) } : {}),
      ...(template.packageDb ? { packageDb: template.packageDb } : {}),
      notes: [
        `Debian layers are real (the same as python:3.9's); the /usr/local CPython ${r.version} layer is the 3.9 model renamed and calibrated (see the layer note).`,
        ...(figure
          ? []
          : ["No published figure for this variant: its size is the model's, not checked against a record."]),
      ],
    });
  }
  for (const variant of ['alpine3.24', 'alpine3.23'] as const) {
    const template = py39.alpine;
    const old = pyLayerId(template);
    const layer = pythonLayer(
      layerOf(old),
      r,
      alpineModel(model),
      template.history.find((h) => h.layer === old)?.createdBy ?? '',
      `sized by a straight line through the two published Alpine figures (${ALPINE_POINTS.map((p) => `python:${p.figure.tag} ${p.figure.mb} MB`).join(', ')}) against their releases' slim models; ${sized}`,
    );
    const base = alpineBases[variant];
    const ref = `python:${r.version}-${variant}`;
    const figure = r.figures[variant];
    const swap = new Map([
      [old, layer],
      [template.layers[0] as string, base.layer],
    ]);
    addImage({
      ref,
      tags: pythonTags(r, variant, newest),
      config: { ...template.config, Env: pythonEnv(r) },
      layers: template.layers.map((id) => swap.get(id) ?? id),
      history: pythonHistory(template, r, swap).map((row) =>
        row.layer === base.layer ? { ...row, createdBy: base.createdBy } : row,
      ),
      ...(figure ? { published: repoInfo(figure, ref.slice('python:'.length)) } : {}),
      ...(template.packageDb ? { packageDb: template.packageDb } : {}),
      notes: [
        `Alpine ${base.version} base and the CPython ${r.version} layer are modelled (see the layer notes).`,
        ...(figure
          ? []
          : ["No published figure for this variant: its size is the model's, not checked against a record."]),
      ],
    });
  }
}

// Python 3.9 is end of life: the images stay (the course walks through them), and say so.
for (let i = 0; i < images.length; i++) {
  const image = images[i] as ImageRecord;
  if (image.ref.startsWith('python:3.9.') && !image.notes.some((n) => n.includes('end of life'))) {
    images[i] = {
      ...image,
      notes: [
        ...image.notes,
        'Python 3.9 is end of life (October 2025): the official library stopped building its tags on 2025-11-03, so they pull the last image, which gets no more fixes.',
      ],
    };
  }
}

// --- Go 1.27 and the missing 1.26 variants ----------------------------------------------------

/**
 * One Go tree per release, shared by every variant as the official images share the release
 * tarball: 1.27 is the 1.26 tree calibrated on golang:1.27.0-trixie's figure, so the bookworm and
 * Alpine figures check it.
 */
function goImages(): void {
  const g126 = imageByRef('golang:1.26.5-trixie');
  const g126Alpine = imageByRef('golang:1.26.5-alpine3.24');
  const goId = g126.layers[g126.layers.length - 2] as string;
  const debianBase = {
    trixie: g126.layers.slice(0, -2),
    bookworm: imageByRef('golang:1.25.13-bookworm').layers.slice(0, -2),
  };
  const goPath = g126.layers[g126.layers.length - 1] as string;
  const alpineCa = g126Alpine.layers[1] as string;
  const trixieFigure = GO_FIGURES['1.27.0-trixie'] as RepoInfoFigure;
  const go127 = (() => {
    const tree = layerOf(goId);
    const entries = [...tree.entries];
    const target = trixieFigure.mb * MB - sizeOf([...debianBase.trixie, goPath]);
    const factor = calibrate(entries, target, () => true);
    return addLayer(
      { header: tree.header, entries },
      layerById.get(goId)?.createdBy ?? '',
      'calibrated',
      `calibrated: the Go 1.26 tree (Debian's golang-1.26 packages in the release tarball's layout) scaled by ${factor.toFixed(3)} so golang:1.27.0-trixie matches ${trixieFigure.path} (${trixieFigure.mb} MB); the same tree in every 1.27 variant`,
    );
  })();
  const variants = [
    ['1.27.0', 'trixie', go127],
    ['1.27.0', 'bookworm', go127],
    ['1.27.0', 'alpine3.24', go127],
    ['1.27.0', 'alpine3.23', go127],
    ['1.26.5', 'bookworm', goId],
    ['1.26.5', 'alpine3.23', g126Alpine.layers[2] as string],
  ] as const;
  for (const [version, variant, go] of variants) {
    const alpine = variant.startsWith('alpine');
    const template = alpine ? g126Alpine : g126;
    const base = alpine
      ? [alpineBases[variant as 'alpine3.24' | 'alpine3.23'].layer, alpineCa]
      : debianBase[variant as 'trixie' | 'bookworm'];
    const ids = [...base, go, goPath];
    const templateBase = template.layers.slice(0, -2);
    const swap = new Map<string, string>([
      [template.layers[template.layers.length - 2] as string, go],
      ...templateBase.map((id, i) => [id, base[i] as string] as [string, string]),
    ]);
    const env = template.config.Env.map((e) =>
      e.startsWith('GOLANG_VERSION=') ? `GOLANG_VERSION=${version}` : e,
    );
    const figure = GO_FIGURES[`${version}-${variant}`];
    const ref = `golang:${version}-${variant}`;
    addImage({
      ref,
      tags: goTags(version, variant),
      config: { ...template.config, Env: env },
      layers: ids,
      history: template.history.map((row) => {
        if (row.createdBy.startsWith('ENV GOLANG_VERSION='))
          return { createdBy: `ENV GOLANG_VERSION=${version}` };
        if (row.createdBy.startsWith('ADD alpine-minirootfs') && alpine) {
          const b = alpineBases[variant as 'alpine3.24' | 'alpine3.23'];
          return { createdBy: b.createdBy, layer: b.layer };
        }
        if (row.createdBy.startsWith('# debian.sh'))
          return {
            createdBy: row.createdBy.replace('trixie', variant),
            ...(row.layer ? { layer: swap.get(row.layer) ?? row.layer } : {}),
          };
        return row.layer ? { ...row, layer: swap.get(row.layer) ?? row.layer } : row;
      }),
      ...(figure ? { published: repoInfo(figure, ref.slice('golang:'.length)) } : {}),
      ...(template.packageDb ? { packageDb: template.packageDb } : {}),
      notes: [
        alpine
          ? 'No C compiler: cgo is off by default and Go binaries are static. Alpine and Go layers are modelled (see the layer notes).'
          : 'Debian layers are real; /usr/local/go is modelled from Debian packages and calibrated (see the layer note). gcc is present, so cgo is on by default.',
        ...(figure
          ? []
          : ["No published figure for this variant: its size is the model's, not checked against a record."]),
      ],
    });
  }
}

/** golang's tags for a release: full, minor, and (for the newest release) `1` and the bare variant. */
function goTags(version: string, variant: string): string[] {
  const minor = version.split('.').slice(0, 2).join('.');
  const newest = version.startsWith('1.27.');
  const short = variant === 'trixie' ? [''] : variant === 'alpine3.24' ? ['-alpine'] : [];
  const suffixes = [`-${variant}`, ...short];
  const versions = [version, minor, ...(newest ? ['1'] : [])];
  const tags = versions.flatMap((v) => suffixes.map((s) => `golang:${v}${s}`));
  if (newest) tags.push(...suffixes.map((s) => `golang:${s ? s.slice(1) : 'latest'}`));
  return tags;
}

goImages();

// --- Alpine ----------------------------------------------------------------------------------

interface AlpineBase {
  readonly layer: string;
  readonly version: string;
  readonly createdBy: string;
}

/** alpine:3.24 is the catalog's modelled 3.24.1 layer; 3.23 and 3.21 are it (or 3.22) with their release files. */
function deriveAlpine(): Record<'alpine3.24' | 'alpine3.23', AlpineBase> {
  const a324 = imageByRef('golang:1.26.5-alpine3.24').layers[0] as string;
  const a322 = imageByRef('alpine:3.22').layers[0] as string;
  const release = (from: string, version: string, fromVersion: string): string => {
    const source = layerOf(from);
    const minor = version.split('.').slice(0, 2).join('.');
    const fix = (text: string) =>
      text
        .replaceAll(fromVersion, version)
        .replaceAll(`v${fromVersion.split('.').slice(0, 2).join('.')}`, `v${minor}`);
    const contents = Object.fromEntries(Object.entries(source.header.contents).map(([p, t]) => [p, fix(t)]));
    const packages = source.header.packages.map((p) =>
      p.name === 'alpine-release' ? { ...p, version: `${version}-r0` } : p,
    );
    return addLayer(
      { header: { ...source.header, packages, contents }, entries: source.entries },
      `ADD alpine-minirootfs-${version}-x86_64.tar.gz / # buildkit`,
      'modelled',
      `modelled: the Alpine ${fromVersion} model with the ${version} release files (/etc/alpine-release, os-release); other package versions are ${fromVersion}'s`,
    );
  };
  const a323 = release(a324, '3.23.5', '3.24.1');
  const a321 = release(a322, '3.21.7', '3.22.6');
  const alpineImage = (layer: string, version: string, tags: string[], published?: PublishedFigure) =>
    addImage({
      ref: `alpine:${version.split('.').slice(0, 2).join('.')}`,
      tags,
      config: imageByRef('alpine:3.22').config,
      layers: [layer],
      history: [
        { createdBy: `ADD alpine-minirootfs-${version}-x86_64.tar.gz / # buildkit`, layer },
        { createdBy: 'CMD ["/bin/sh"]' },
      ],
      ...(published ? { published } : {}),
      packageDb: { manager: 'apk', path: '/lib/apk/db/installed' },
      notes: ['Modelled from the package list (see the layer note).'],
    });
  alpineImage(a324, '3.24.1', ['alpine:3.24.1', 'alpine:3.24', 'alpine:3', 'alpine:latest'], {
    size: 8.43 * MB,
    estimate: true,
    source: {
      text: "the Alpine 3.24.1 packages' installed sizes in repo-info repos/golang/local/1.26.5-alpine.md (no alpine:3.24 record read)",
    },
  });
  alpineImage(a323, '3.23.5', ['alpine:3.23.5', 'alpine:3.23']);
  alpineImage(a321, '3.21.7', ['alpine:3.21.7', 'alpine:3.21']);
  return {
    'alpine3.24': {
      layer: a324,
      version: '3.24.1',
      createdBy: 'ADD alpine-minirootfs-3.24.1-x86_64.tar.gz / # buildkit',
    },
    'alpine3.23': {
      layer: a323,
      version: '3.23.5',
      createdBy: 'ADD alpine-minirootfs-3.23.5-x86_64.tar.gz / # buildkit',
    },
  };
}

// --- ghcr.io/astral-sh/uv: what `COPY --from=ghcr.io/astral-sh/uv /uv /uvx /bin/` copies ------------

{
  const UV = { version: '0.12.5', uv: 26_799_352, uvx: 350_584 };
  const bin = (path: string, size: number): LayerEntry => ({
    path,
    kind: 'file',
    mode: 0o755,
    uid: 0,
    gid: 0,
    size,
    exec: { kind: 'elf', linkage: 'static' },
  });
  const layer = addLayer(
    { header: { format: 1, packages: [], contents: {} }, entries: [bin('/uv', UV.uv), bin('/uvx', UV.uvx)] },
    'COPY /uv /uvx / # buildkit',
    'modelled',
    "modelled: uv's scratch image holds the two static musl binaries (astral-sh/uv Dockerfile: FROM scratch, COPY, WORKDIR /io, ENTRYPOINT /uv); their sizes are the only measured ones found, uv 0.3's release binaries (26,799,352 and 350,584 B, wolfi-dev/os#27150, 2024-08); later releases are larger",
  );
  addImage({
    ref: `ghcr.io/astral-sh/uv:${UV.version}`,
    tags: [`ghcr.io/astral-sh/uv:${UV.version}`, 'ghcr.io/astral-sh/uv:0.12', 'ghcr.io/astral-sh/uv:latest'],
    config: {
      Env: [],
      Cmd: null,
      Entrypoint: ['/uv'],
      User: '',
      WorkingDir: '/io',
      ExposedPorts: {},
      Labels: {},
    },
    layers: [layer],
    history: [
      { createdBy: 'COPY /uv /uvx / # buildkit', layer },
      { createdBy: 'WORKDIR /io' },
      { createdBy: 'ENTRYPOINT ["/uv"]' },
    ],
    notes: [
      'No shell and no libc: the image exists to be copied from (COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/).',
      'The binaries are modelled: paths and static linkage as the release builds them, sizes from an older release (see the layer note).',
    ],
  });
}

deriveDistroless(edit);

// --- write -------------------------------------------------------------------------------------

for (const line of edit.write()) console.log(line);
