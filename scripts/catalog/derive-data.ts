/**
 * The published facts derive.ts builds on: each CPython release's ENV as its repo-info record lists
 * it, and the records' "Virtual Size" figures. Read from docker-library/repo-info (repos/python/local).
 */

/** Every derived image's notes end with this line, so a new run can drop the old ones first. */
export const DERIVED_MARK = 'Derived from the generated catalog by scripts/catalog/derive.ts.';

export interface RepoInfoFigure {
  /** the record, e.g. repos/python/local/3.14-slim.md */
  readonly path: string;
  /** the full tag the record describes (its heading) */
  readonly tag: string;
  /** "Virtual Size" in decimal MB */
  readonly mb: number;
  /** the record's Created date */
  readonly date: string;
}

export interface PythonRelease {
  readonly minor: string;
  readonly version: string;
  readonly sha256: string;
  /** 3.14 verifies with Sigstore and has no GPG_KEY */
  readonly gpgKey?: string;
  /** 3.13 and later images no longer set LANG=C.UTF-8 */
  readonly lang: boolean;
  /** the figure that sizes the CPython model (slim-trixie) */
  readonly slimTrixie: RepoInfoFigure;
  /** every figure read for the release's variants (a sibling patch release's when that is all there is) */
  readonly figures: Partial<Record<string, RepoInfoFigure>>;
}

const fig = (path: string, tag: string, mb: number, date: string): RepoInfoFigure => ({
  path,
  tag,
  mb,
  date,
});
const KEY_310 = 'A035C8C19219BA821ECEA86B64E628F8D684696D';
const KEY_312 = '7169605F62C751356D054A26A821E680E5FA6305';

const slim310 = fig('repos/python/local/3.10-slim-trixie.md', '3.10.21-slim-trixie', 130.44, '2026-09-01');
const slim311 = fig('repos/python/local/3.11-slim.md', '3.11.15-slim-trixie', 124.84, '2026-08-05');
const slim312 = fig('repos/python/local/3.12-slim-trixie.md', '3.12.14-slim-trixie', 119.42, '2026-09-19');
const slim313 = fig('repos/python/local/3.13-slim.md', '3.13.15-slim-trixie', 126.25, '2026-09-01');
const slim314 = fig('repos/python/local/3.14-slim.md', '3.14.7-slim-trixie', 119.46, '2026-08-05');

export const PYTHON_RELEASES: readonly PythonRelease[] = [
  {
    minor: '3.10',
    version: '3.10.21',
    sha256: 'a0da1e72132e950154eca0f6f47d5db828454700de20e5113667940d81e0db04',
    gpgKey: KEY_310,
    lang: true,
    slimTrixie: slim310,
    figures: {
      'slim-trixie': slim310,
      // research/images.md: python:3.10.21-alpine3.24, repo-info local, 2026-08-13
      'alpine3.24': fig('repos/python/local/3.10-alpine3.24.md', '3.10.21-alpine3.24', 51.86, '2026-08-13'),
    },
  },
  {
    minor: '3.11',
    version: '3.11.15',
    sha256: '272179ddd9a2e41a0fc8e42e33dfbdca0b3711aa5abf372d3f2d51543d09b625',
    gpgKey: KEY_310,
    lang: true,
    slimTrixie: slim311,
    figures: { 'slim-trixie': slim311 },
  },
  {
    minor: '3.12',
    version: '3.12.14',
    sha256: '5c8462af5790baf43a321a1559dbe0db06d1be4300fb85fb53c40060668e548a',
    gpgKey: KEY_312,
    lang: true,
    slimTrixie: slim312,
    figures: {
      'slim-trixie': slim312,
      'slim-bookworm': fig(
        'repos/python/local/3.12-slim-bookworm.md',
        '3.12.13-slim-bookworm',
        124.3,
        '2026-08-05',
      ),
    },
  },
  {
    minor: '3.13',
    version: '3.13.15',
    sha256: '1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76',
    gpgKey: KEY_312,
    lang: false,
    slimTrixie: slim313,
    figures: { 'slim-trixie': slim313 },
  },
  {
    minor: '3.14',
    version: '3.14.7',
    sha256: '3b48dac8fb59f62eaa67ac83c1eb12bda1b7a08406dd286e252c11a66be27f81',
    lang: false,
    slimTrixie: slim314,
    figures: {
      'slim-trixie': slim314,
      'slim-bookworm': fig(
        'repos/python/local/3.14-slim-bookworm.md',
        '3.14.7-slim-bookworm',
        122.32,
        '2026-08-05',
      ),
      'alpine3.24': fig('repos/python/local/3.14-alpine.md', '3.14.7-alpine3.24', 47.79, '2026-08-05'),
      // "~ 1.12 Gb" and "~ 1.03 Gb": two decimals of a gigabyte
      trixie: fig('repos/python/local/3.14-trixie.md', '3.14.6-trixie', 1120, '2026-06-24'),
      bookworm: fig('repos/python/local/3.14-bookworm.md', '3.14.6-bookworm', 1030, '2026-06-24'),
    },
  },
];

/** golang records (repos/golang/local), keyed by the tag derive.ts builds. */
export const GO_FIGURES: Partial<Record<string, RepoInfoFigure>> = {
  '1.27.0-trixie': fig('repos/golang/local/1.27.0-trixie.md', '1.27.0-trixie', 885.2, '2026-08-25'),
  '1.27.0-bookworm': fig('repos/golang/local/1.27.0-bookworm.md', '1.27.0-bookworm', 844.84, '2026-08-19'),
  '1.27.0-alpine3.24': fig('repos/golang/local/1.27-alpine.md', '1.27.0-alpine3.24', 252.74, '2026-08-19'),
  '1.26.5-alpine3.23': fig(
    'repos/golang/local/1.26-alpine3.23.md',
    '1.26.6-alpine3.23',
    241.35,
    '2026-08-13',
  ),
};
