/**
 * The pinned pip releases for CPython 3.9 on linux/amd64 and the evidence behind each: which Debian
 * package gives the real module layout, the published wheel file names and sizes (pip's own
 * download logs in public repositories, and one PyPI file page, found through the code search index;
 * ids are that index's), and what a build from source needs. Node-only; read by pip.ts.
 *
 * Pins: the newest version that still declares Python 3.9 support (Requires-Python in the Debian
 * package's METADATA), preferring the version Debian packages, so the files are real. Where upstream
 * published a later 3.9-compatible patch release, the note says so.
 */

export type DebianSuite = 'bookworm' | 'trixie' | 'sid';

/** A wheel's size as pip printed it: "(103 kB)" is 103,000–103,999 bytes, "(19.5 MB)" ±50 kB. */
export interface PublishedSize {
  readonly bytes: number;
  readonly text: string;
}

export interface WheelSpec {
  readonly tag: string;
  readonly libc: 'any' | 'glibc' | 'musl';
  readonly minLibc?: string;
  readonly published?: PublishedSize;
  /** for a native wheel without a published size: the size relative to the glibc wheel's */
  readonly sameAs?: string;
  /** shared libraries auditwheel bundles into `<project>.libs/`, with relative weights */
  readonly bundled?: readonly (readonly [name: string, weight: number])[];
  readonly evidence: string;
}

export interface ReleaseSpec {
  readonly name: string;
  readonly display: string;
  readonly version: string;
  /** where the real files come from */
  readonly debian: {
    readonly suite: DebianSuite;
    readonly packages: readonly string[];
    readonly version: string;
  };
  readonly wheels: readonly WheelSpec[];
  readonly sdist: {
    readonly build: 'pure' | 'optional-native' | 'native';
    readonly needs: readonly string[];
    readonly note: string;
  };
  readonly requiresPython?: string;
  /** requirements to add where Debian's METADATA dropped upstream's */
  readonly addRequires?: readonly string[];
  /** console scripts when Debian's entry_points.txt differs from upstream's */
  readonly scripts?: readonly (readonly [name: string, entry: string])[];
  /**
   * files the wheel has and Debian's package lacks, with estimated sizes and what their content is
   * like (for the compressed size): `pem` text, `binary` (already compressed) or `text`
   */
  readonly addFiles?: readonly (readonly [path: string, bytes: number, like: 'pem' | 'binary' | 'text'])[];
  /** the size of an added file is solved so that the rebuilt wheel matches the published size */
  readonly solveSizeOf?: string;
  /** a regular expression for Debian's files the wheel does not have */
  readonly exclude?: string;
  /** add Debian bookworm's zoneinfo tree here (sizes solved from the published wheel) */
  readonly zoneinfo?: string;
  readonly note?: string;
}

const kb = (n: number, text = `${n} kB`): PublishedSize => ({
  bytes: Math.round(n * 1000 + (Number.isInteger(n) ? 500 : 0)),
  text,
});
const mb = (n: number): PublishedSize => ({ bytes: Math.round(n * 1_000_000), text: `${n} MB` });

const pipLog = (file: string, size: string, id: string) =>
  `pip log "Downloading ${file} (${size})" in public code (code search index id ${id})`;

const PURE = (
  name: string,
  version: string,
  size: PublishedSize,
  id: string,
  tag = 'py3-none-any',
): WheelSpec => ({
  tag,
  libc: 'any',
  published: size,
  evidence: pipLog(`${name}-${version}-${tag}.whl`, size.text, id),
});

const PURE_SDIST = { build: 'pure', needs: [], note: 'pure Python: builds without a compiler' } as const;

/** manylinux2014 wheels of projects built with cibuildwheel on CentOS 7/AlmaLinux 8. */
const M2014 = 'manylinux_2_17_x86_64.manylinux2014_x86_64';

/** What psycopg2-binary's wheels bundle in psycopg2_binary.libs/, glibc and musl alike, by weight. */
const PSYCOPG2_LIBS = [
  ['libpq.so.5.17', 346],
  ['libssl.so.3', 688],
  ['libcrypto.so.3', 4742],
  ['libgssapi_krb5.so.2.2', 339],
  ['libkrb5.so.3.3', 888],
  ['libk5crypto.so.3.1', 183],
  ['libkrb5support.so.0.1', 52],
  ['libcom_err.so.2.1', 18],
  ['libkeyutils.so.1.10', 22],
  ['libldap.so.2.0.200', 380],
  ['liblber.so.2.0.200', 64],
  ['libsasl2.so.3.0.0', 113],
] as const;

export const RELEASES: readonly ReleaseSpec[] = [
  {
    name: 'flask',
    display: 'Flask',
    version: '3.1.3',
    debian: { suite: 'sid', packages: ['python3-flask'], version: '3.1.3-4' },
    wheels: [PURE('flask', '3.1.3', kb(103), '71261628304')],
    sdist: PURE_SDIST,
  },
  {
    name: 'flask',
    display: 'Flask',
    version: '3.1.2',
    debian: { suite: 'sid', packages: ['python3-flask'], version: '3.1.3-4' },
    wheels: [
      {
        ...PURE('flask', '3.1.2', kb(103.3, '103 kB'), '46205681627'),
        evidence:
          'pip logs "Downloading flask-3.1.2-py3-none-any.whl (103 kB)" (code search index id 46205681627) and a progress bar of 103.3 kB (id 15615735613)',
      },
    ],
    sdist: PURE_SDIST,
    note: "the course's requirements.txt pin; its files are 3.1.3's (a patch release with the same module set), Debian has no 3.1.2",
  },
  {
    name: 'werkzeug',
    display: 'Werkzeug',
    version: '3.1.9',
    debian: { suite: 'sid', packages: ['python3-werkzeug'], version: '3.1.9-1' },
    wheels: [PURE('werkzeug', '3.1.9', kb(228), '70483857649')],
    sdist: PURE_SDIST,
  },
  {
    name: 'jinja2',
    display: 'Jinja2',
    version: '3.1.6',
    debian: { suite: 'sid', packages: ['python3-jinja2'], version: '3.1.6-4' },
    wheels: [PURE('jinja2', '3.1.6', kb(134), '11618456402')],
    sdist: PURE_SDIST,
  },
  {
    name: 'markupsafe',
    display: 'MarkupSafe',
    version: '3.0.3',
    debian: { suite: 'sid', packages: ['python3-markupsafe'], version: '3.0.3-2+b2' },
    wheels: [
      {
        tag: 'cp39-cp39-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64',
        libc: 'glibc',
        minLibc: '2.17',
        published: kb(20.5),
        evidence:
          'the PyPI file list of markupsafe 3.0.3 (uploaded 2025-09-27), code search index id 58618559250',
      },
      {
        tag: 'cp39-cp39-musllinux_1_2_x86_64',
        libc: 'musl',
        minLibc: '1.2',
        published: kb(20.6),
        evidence: 'the PyPI file list of markupsafe 3.0.3, code search index id 58618559250',
      },
    ],
    sdist: {
      build: 'optional-native',
      needs: ['gcc', 'Python.h'],
      note: 'markupsafe-3.0.3.tar.gz (80.3 kB, same PyPI page): the _speedups C extension is optional; without a compiler setup.py installs the pure-Python fallback (_native.py)',
    },
    note: 'no py3-none-any wheel is published (PyPI file list): pure Python only via the sdist fallback',
  },
  {
    name: 'itsdangerous',
    display: 'itsdangerous',
    version: '2.2.0',
    debian: { suite: 'sid', packages: ['python3-itsdangerous'], version: '2.2.0-4' },
    wheels: [PURE('itsdangerous', '2.2.0', kb(16), '68387435093')],
    sdist: PURE_SDIST,
  },
  {
    name: 'click',
    display: 'click',
    version: '8.1.8',
    debian: { suite: 'trixie', packages: ['python3-click'], version: '8.2.0+0.really.8.1.8-1' },
    wheels: [
      {
        ...PURE('click', '8.1.8', kb(98.2, '98 kB'), '60239230070'),
        evidence:
          'pip log "Downloading click-8.1.8-py3-none-any.whl (98 kB)" with a 98.2 kB progress bar (code search index id 60239230070)',
      },
    ],
    sdist: PURE_SDIST,
    note: 'the last click for Python 3.9: 8.2.0 requires Python >= 3.10 (Debian sid METADATA of 8.3.3 says >=3.10; Debian trixie reverted 8.2.0 to 8.1.8)',
  },
  {
    name: 'blinker',
    display: 'blinker',
    version: '1.9.0',
    debian: { suite: 'sid', packages: ['python3-blinker'], version: '1.9.0-2' },
    wheels: [PURE('blinker', '1.9.0', kb(8.5), '1721579870')],
    sdist: PURE_SDIST,
  },
  {
    name: 'importlib-metadata',
    display: 'importlib_metadata',
    version: '8.7.0',
    debian: { suite: 'trixie', packages: ['python3-importlib-metadata'], version: '8.7.0-1' },
    wheels: [PURE('importlib_metadata', '8.7.0', kb(27), '23774924497')],
    sdist: PURE_SDIST,
    note: 'needed by Flask on Python < 3.10 only; upstream 8.7.1 also supports 3.9',
  },
  {
    name: 'zipp',
    display: 'zipp',
    version: '3.21.0',
    debian: { suite: 'trixie', packages: ['python3-zipp'], version: '3.21.0-1' },
    wheels: [PURE('zipp', '3.21.0', kb(9.6), '36511371563')],
    sdist: PURE_SDIST,
    note: 'upstream 3.23.x also supports 3.9; 3.21.0 is the version Debian packages',
  },
  {
    name: 'gunicorn',
    display: 'gunicorn',
    version: '23.0.0',
    debian: { suite: 'trixie', packages: ['python3-gunicorn'], version: '23.0.0-1' },
    wheels: [PURE('gunicorn', '23.0.0', kb(85), '46205681627')],
    sdist: PURE_SDIST,
    note: 'gunicorn 26 requires Python >= 3.10 (Debian sid METADATA)',
  },
  {
    name: 'packaging',
    display: 'packaging',
    version: '26.2',
    debian: { suite: 'sid', packages: ['python3-packaging'], version: '26.2-3' },
    wheels: [PURE('packaging', '26.2', kb(100), '53839182100')],
    sdist: PURE_SDIST,
  },
  {
    name: 'requests',
    display: 'requests',
    version: '2.32.3',
    debian: { suite: 'trixie', packages: ['python3-requests'], version: '2.32.3+dfsg-5+deb13u1' },
    wheels: [PURE('requests', '2.32.3', kb(64), '51825629212')],
    sdist: PURE_SDIST,
    note: 'upstream 2.32.4 and 2.32.5 also support 3.9 (2.33 and later need 3.10); 2.32.3 is the version Debian packages',
  },
  {
    name: 'urllib3',
    display: 'urllib3',
    version: '2.3.0',
    debian: { suite: 'trixie', packages: ['python3-urllib3'], version: '2.3.0-3+deb13u2' },
    wheels: [PURE('urllib3', '2.3.0', kb(128), '5814606770')],
    sdist: PURE_SDIST,
    note: 'upstream 2.5.0 also supports 3.9; 2.3.0 is the version Debian trixie packages',
  },
  {
    name: 'idna',
    display: 'idna',
    version: '3.20',
    debian: { suite: 'sid', packages: ['python3-idna'], version: '3.20-1' },
    wheels: [PURE('idna', '3.20', kb(69), '70178522708')],
    sdist: PURE_SDIST,
  },
  {
    name: 'certifi',
    display: 'certifi',
    version: '2026.2.25',
    debian: { suite: 'sid', packages: ['python3-certifi'], version: '2026.10.23+ds-1' },
    wheels: [PURE('certifi', '2026.2.25', kb(153), '55796091144')],
    sdist: PURE_SDIST,
    addFiles: [['certifi/cacert.pem', 280_000, 'pem']],
    solveSizeOf: 'certifi/cacert.pem',
    note: "Debian's +ds package drops cacert.pem for the system bundle; the wheel's cacert.pem is sized so the rebuilt wheel matches the published 153 kB (module files from Debian's 2026.10.23, which are the same four files)",
  },
  {
    name: 'charset-normalizer',
    display: 'charset_normalizer',
    version: '3.4.7',
    debian: { suite: 'sid', packages: ['python3-charset-normalizer'], version: '3.4.7-2+b3' },
    wheels: [
      {
        tag: 'cp39-cp39-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64',
        libc: 'glibc',
        minLibc: '2.17',
        published: kb(208),
        evidence: pipLog(
          'charset_normalizer-3.4.7-cp39-cp39-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
          '208 kB',
          '57506028375',
        ),
      },
      {
        tag: 'cp39-cp39-musllinux_1_2_x86_64',
        libc: 'musl',
        minLibc: '1.2',
        sameAs: 'glibc',
        evidence:
          'estimated: musllinux wheels are built alongside the manylinux ones (mypyc); size taken as the glibc wheel’s',
      },
      PURE('charset_normalizer', '3.4.7', kb(135), '61429216845'),
    ],
    sdist: PURE_SDIST,
    note: 'the platform wheels are compiled with mypyc (md/cd modules and a hashed __mypyc helper); the py3-none-any wheel is the same code uncompiled',
  },
  {
    name: 'numpy',
    display: 'numpy',
    version: '2.0.2',
    debian: { suite: 'trixie', packages: ['python3-numpy'], version: '1:2.2.4+ds-1' },
    requiresPython: '>=3.9',
    scripts: [
      ['f2py', 'numpy.f2py.f2py2e:main'],
      ['numpy-config', 'numpy._configtool:main'],
    ],
    wheels: [
      {
        tag: `cp39-cp39-${M2014}`,
        libc: 'glibc',
        minLibc: '2.17',
        published: mb(19.5),
        bundled: [
          ['libscipy_openblas64_.so', 90],
          ['libgfortran.so.5.0.0', 8],
          ['libquadmath.so.0.0.0', 1],
        ],
        evidence: pipLog(`numpy-2.0.2-cp39-cp39-${M2014}.whl`, '19.5 MB', '57715592080'),
      },
      {
        tag: 'cp39-cp39-musllinux_1_1_x86_64',
        libc: 'musl',
        minLibc: '1.1',
        sameAs: 'glibc',
        bundled: [
          ['libscipy_openblas64_.so', 90],
          ['libgfortran.so.5.0.0', 8],
          ['libgcc_s.so.1', 0.5],
          ['libquadmath.so.0.0.0', 1],
        ],
        evidence:
          'the file name is in a hash-pinned requirements file listing numpy 2.0.2’s wheels (code search index id 20944088890); size estimated as the glibc wheel’s',
      },
    ],
    sdist: {
      build: 'native',
      needs: ['gcc', 'g++', 'Python.h'],
      note: 'meson-python build of C/C++ extensions; without a compiler pip fails in "Preparing metadata (pyproject.toml)"',
    },
    note: 'numpy 2.0.2 is the last release for Python 3.9 (2.1 requires 3.10); no Debian package has 2.0.x, so the layout is Debian trixie’s 2.2.4 (same numpy/_core structure, tests included as in the wheels), the BLAS libraries the wheel bundles in numpy.libs/ are named without their auditwheel hash, and native sizes are scaled to the published 19.5 MB wheel',
  },
  {
    name: 'pandas',
    display: 'pandas',
    version: '2.3.3',
    debian: { suite: 'sid', packages: ['python3-pandas', 'python3-pandas-lib'], version: '2.3.3+dfsg-6' },
    addRequires: ['tzdata>=2022.7'],
    wheels: [
      {
        tag: 'cp39-cp39-manylinux_2_24_x86_64.manylinux_2_28_x86_64',
        libc: 'glibc',
        minLibc: '2.24',
        published: mb(12.8),
        evidence: pipLog(
          'pandas-2.3.3-cp39-cp39-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
          '12.8 MB',
          '29218955682',
        ),
      },
      {
        tag: 'cp39-cp39-musllinux_1_2_x86_64',
        libc: 'musl',
        minLibc: '1.2',
        sameAs: 'glibc',
        evidence:
          'estimated: pandas publishes musllinux_1_2 wheels for its CPython versions; not confirmed for cp39 of 2.3.3; size taken as the glibc wheel’s',
      },
    ],
    sdist: {
      build: 'native',
      needs: ['gcc', 'g++', 'Python.h'],
      note: 'Cython and C extensions (meson-python); fails without a compiler',
    },
    note: "Debian's METADATA drops upstream's tzdata>=2022.7 requirement (Debian uses the system zoneinfo); it is restored here. Native sizes scaled to the published wheel",
  },
  {
    name: 'python-dateutil',
    display: 'python_dateutil',
    version: '2.9.0.post0',
    debian: { suite: 'trixie', packages: ['python3-dateutil'], version: '2.9.0-4' },
    wheels: [PURE('python_dateutil', '2.9.0.post0', kb(229), '45843372942', 'py2.py3-none-any')],
    sdist: PURE_SDIST,
    addRequires: ['six>=1.5'],
    addFiles: [['dateutil/zoneinfo/dateutil-zoneinfo.tar.gz', 156_000, 'binary']],
    solveSizeOf: 'dateutil/zoneinfo/dateutil-zoneinfo.tar.gz',
    note: '2.9.0.post0 only re-released 2.9.0 with fixed metadata; the files are Debian’s 2.9.0 plus the zoneinfo tarball Debian removes, sized so the rebuilt wheel matches the published 229 kB. Debian’s METADATA has no Requires-Dist; upstream’s six>=1.5 is restored',
  },
  {
    name: 'pytz',
    display: 'pytz',
    version: '2026.5',
    debian: { suite: 'sid', packages: ['python3-pytz'], version: '2026.5-1' },
    zoneinfo: 'pytz/zoneinfo',
    wheels: [PURE('pytz', '2026.5', kb(506), '70698133456', 'py2.py3-none-any')],
    sdist: PURE_SDIST,
    note: 'Debian links pytz to the system zoneinfo; the wheel ships its own pytz/zoneinfo tree: Debian bookworm’s tzdata zone files, sized so the rebuilt wheel matches the published 506 kB',
  },
  {
    name: 'tzdata',
    display: 'tzdata',
    version: '2025.2',
    debian: { suite: 'bookworm', packages: [], version: 'tzdata 2026b-0+deb12u1' },
    zoneinfo: 'tzdata/zoneinfo',
    wheels: [PURE('tzdata', '2025.2', kb(347), '43160895815', 'py2.py3-none-any')],
    sdist: PURE_SDIST,
    note: 'no Debian package: the layout is the IANA zone names of Debian’s tzdata (each region a Python package with __init__.py), sizes scaled to the published wheel',
  },
  {
    name: 'six',
    display: 'six',
    version: '1.17.0',
    debian: { suite: 'sid', packages: ['python3-six'], version: '1.17.0-3' },
    wheels: [PURE('six', '1.17.0', kb(11), '35164387359', 'py2.py3-none-any')],
    sdist: PURE_SDIST,
  },
  {
    name: 'psycopg2-binary',
    display: 'psycopg2-binary',
    version: '2.9.10',
    debian: { suite: 'trixie', packages: ['python3-psycopg2'], version: '2.9.10-1+b1' },
    wheels: [
      {
        tag: `cp39-cp39-${M2014}`,
        libc: 'glibc',
        minLibc: '2.17',
        published: mb(3.0),
        bundled: PSYCOPG2_LIBS,
        evidence: pipLog(`psycopg2_binary-2.9.10-cp39-cp39-${M2014}.whl`, '3.0 MB', '30366597203'),
      },
      {
        tag: 'cp39-cp39-musllinux_1_2_x86_64',
        libc: 'musl',
        minLibc: '1.2',
        sameAs: 'glibc',
        bundled: PSYCOPG2_LIBS,
        evidence:
          'estimated: psycopg2-binary builds musllinux wheels with the same bundled libraries; tag and size not confirmed for 2.9.10',
      },
    ],
    sdist: {
      build: 'native',
      needs: ['gcc', 'Python.h', 'pg_config'],
      note: 'psycopg2 from source needs a C compiler, Python headers and libpq-dev (pg_config); without pg_config pip stops with "pg_config executable not found"',
    },
    note: 'files of Debian’s psycopg2 2.9.10 (same version); the bundled libraries of psycopg2_binary.libs/ are named after Debian bookworm’s and weighted by their sizes there; native sizes scaled to the published 3.0 MB wheel',
  },
  {
    name: 'fastapi',
    display: 'fastapi',
    version: '0.115.11',
    debian: { suite: 'trixie', packages: ['python3-fastapi'], version: '0.115.11-4' },
    wheels: [PURE('fastapi', '0.115.11', kb(94), '46282086387')],
    sdist: PURE_SDIST,
    note: 'later 0.11x/0.12x releases also support 3.9; 0.115.11 is the version Debian trixie packages',
  },
  {
    name: 'starlette',
    display: 'starlette',
    version: '0.46.1',
    debian: { suite: 'trixie', packages: ['python3-starlette'], version: '0.46.1-3+deb13u3' },
    wheels: [PURE('starlette', '0.46.1', kb(71), '46282086387')],
    sdist: PURE_SDIST,
  },
  {
    name: 'pydantic',
    display: 'pydantic',
    version: '2.10.6',
    debian: { suite: 'trixie', packages: ['python3-pydantic'], version: '2.10.6-2' },
    wheels: [PURE('pydantic', '2.10.6', kb(431), '22238010112')],
    sdist: PURE_SDIST,
  },
  {
    name: 'pydantic-core',
    display: 'pydantic_core',
    version: '2.27.2',
    debian: { suite: 'trixie', packages: ['python3-pydantic-core'], version: '2.27.2-3+b1' },
    wheels: [
      {
        tag: `cp39-cp39-${M2014}`,
        libc: 'glibc',
        minLibc: '2.17',
        published: mb(2.0),
        evidence:
          'estimated: no log of the cp39 x86_64 wheel found; its macOS arm64 sibling is 1.8 MB (pip log, code search index id 5450460140)',
      },
      {
        tag: 'cp39-cp39-musllinux_1_1_x86_64',
        libc: 'musl',
        minLibc: '1.1',
        sameAs: 'glibc',
        evidence:
          'estimated: maturin builds musllinux_1_1 wheels for x86_64; size taken as the glibc wheel’s',
      },
    ],
    sdist: {
      build: 'native',
      needs: ['cargo', 'rustc'],
      note: 'a Rust extension built with maturin: without a Rust toolchain pip fails ("Cargo, the Rust package manager, is not installed")',
    },
  },
  {
    name: 'typing-extensions',
    display: 'typing_extensions',
    version: '4.16.0',
    debian: { suite: 'sid', packages: ['python3-typing-extensions'], version: '4.16.0-5' },
    wheels: [PURE('typing_extensions', '4.16.0', kb(45), '68353911035')],
    sdist: PURE_SDIST,
  },
  {
    name: 'annotated-types',
    display: 'annotated_types',
    version: '0.7.0',
    debian: { suite: 'trixie', packages: ['python3-annotated-types'], version: '0.7.0-1' },
    wheels: [PURE('annotated_types', '0.7.0', kb(13), '5450460140')],
    sdist: PURE_SDIST,
  },
  {
    name: 'anyio',
    display: 'anyio',
    version: '4.8.0',
    debian: { suite: 'trixie', packages: ['python3-anyio'], version: '4.8.0-3' },
    wheels: [PURE('anyio', '4.8.0', kb(96), '56976813683')],
    sdist: PURE_SDIST,
  },
  {
    name: 'sniffio',
    display: 'sniffio',
    version: '1.3.1',
    debian: { suite: 'sid', packages: ['python3-sniffio'], version: '1.3.1-2' },
    wheels: [PURE('sniffio', '1.3.1', kb(10), '18537105587')],
    sdist: PURE_SDIST,
  },
  {
    name: 'exceptiongroup',
    display: 'exceptiongroup',
    version: '1.2.2',
    debian: { suite: 'trixie', packages: ['python3-exceptiongroup'], version: '1.2.2-1' },
    wheels: [
      {
        tag: 'py3-none-any',
        libc: 'any',
        published: { bytes: 17_203, text: '16.8 KiB' },
        evidence:
          'uv log "Downloading exceptiongroup-1.2.2-py3-none-any.whl (16.8 KiB)" (code search index id 61707785918)',
      },
    ],
    sdist: PURE_SDIST,
  },
  {
    name: 'uvicorn',
    display: 'uvicorn',
    version: '0.32.0',
    debian: { suite: 'trixie', packages: ['python3-uvicorn'], version: '0.32.0-3' },
    wheels: [PURE('uvicorn', '0.32.0', kb(63), '69675643589')],
    sdist: PURE_SDIST,
    note: 'later releases up to 0.35 also support 3.9; 0.32.0 is the version Debian trixie packages',
  },
  {
    name: 'h11',
    display: 'h11',
    version: '0.16.0',
    debian: { suite: 'sid', packages: ['python3-h11'], version: '0.16.0-2' },
    wheels: [PURE('h11', '0.16.0', kb(37), '1263799802')],
    sdist: PURE_SDIST,
    exclude: '^h11/tests/',
    note: 'the wheel has no tests; Debian’s package adds h11/tests',
  },
];

/**
 * License files in each wheel's dist-info, by release name: path inside the dist-info and typical
 * size of that license text. Estimated (the texts are standard; the exact files were not reachable);
 * they matter only for the installed and download sizes.
 */
export const LICENSES: Readonly<Record<string, readonly (readonly [path: string, bytes: number])[]>> = {
  flask: [['licenses/LICENSE.txt', 1475]],
  werkzeug: [['licenses/LICENSE.txt', 1475]],
  jinja2: [['licenses/LICENSE.txt', 1475]],
  markupsafe: [['licenses/LICENSE.txt', 1475]],
  itsdangerous: [['LICENSE.txt', 1475]],
  click: [['LICENSE.txt', 1475]],
  blinker: [['LICENSE.txt', 1054]],
  'importlib-metadata': [['licenses/LICENSE', 11358]],
  zipp: [['licenses/LICENSE', 1023]],
  gunicorn: [['LICENSE', 1136]],
  packaging: [
    ['licenses/LICENSE', 197],
    ['licenses/LICENSE.APACHE', 10174],
    ['licenses/LICENSE.BSD', 1344],
  ],
  requests: [['LICENSE', 10142]],
  urllib3: [['licenses/LICENSE.txt', 1093]],
  idna: [['licenses/LICENSE.md', 1541]],
  certifi: [['licenses/LICENSE', 989]],
  'charset-normalizer': [['licenses/LICENSE', 1071]],
  numpy: [['LICENSE.txt', 47755]],
  pandas: [['LICENSE', 61000]],
  'python-dateutil': [['LICENSE', 2889]],
  pytz: [['LICENSE.txt', 1088]],
  tzdata: [
    ['LICENSE', 564],
    ['licenses/LICENSE_APACHE', 11357],
  ],
  six: [['LICENSE', 1066]],
  'psycopg2-binary': [['LICENSE', 2852]],
  fastapi: [['licenses/LICENSE', 1086]],
  starlette: [['licenses/LICENSE.md', 1518]],
  pydantic: [['licenses/LICENSE', 1129]],
  'pydantic-core': [['licenses/LICENSE', 1080]],
  'typing-extensions': [['licenses/LICENSE', 13936]],
  'annotated-types': [['licenses/LICENSE', 1083]],
  anyio: [['LICENSE', 1081]],
  sniffio: [
    ['LICENSE', 185],
    ['LICENSE.APACHE2', 11358],
    ['LICENSE.MIT', 1046],
  ],
  exceptiongroup: [['LICENSE', 3704]],
  uvicorn: [['licenses/LICENSE.md', 1526]],
  h11: [['LICENSE.txt', 1124]],
};
