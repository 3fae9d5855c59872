/**
 * The package data's format: what installing a pip wheel, a Debian or an Alpine package puts on disk,
 * and the Go toolchain's measured binary and cache sizes. Shared by the generator
 * (scripts/packages) and the loader (catalog.ts).
 *
 * Small facts live in one index per ecosystem (`pip/index.json`, `apt/<suite>.json`,
 * `apk/<version>.json`, `go.json` with `go-modules.json`); each installable unit's file list is a separate text file in the
 * catalog's layer encoding (src/lib/images/format.ts), fetched only when a build installs it.
 */

export const PACKAGES_FORMAT = 1;

/**
 * real: read from the real thing (a Debian package of the same version, a real install, a real build);
 * measured: a figure measured here with real tools (go build, apt-get in a chroot);
 * real-layout-calibrated: the file layout is real (Debian's build of the same software), sizes are
 *   scaled to a published figure;
 * modelled: laid out from recipes (APKBUILDs) and published package sizes, where nothing is reachable;
 * estimated: a figure we could not measure or source exactly; the note says how it was reached.
 */
export type DataProvenance = 'real' | 'measured' | 'real-layout-calibrated' | 'modelled' | 'estimated';

/** A figure with where it comes from. */
export interface SourcedFigure {
  readonly value: number;
  readonly provenance: DataProvenance;
  readonly source: string;
}

/* ---------------------------------------------------------------- pip */

/** A PEP 508 requirement: normalised name, specifier (may be empty) and environment marker. */
export interface PipRequirement {
  readonly name: string;
  readonly specifier: string;
  readonly marker?: string;
  /** as pip prints it: the name as the metadata spells it, specifiers sorted (`Werkzeug>=3.0.0`) */
  readonly text?: string;
}

export type Libc = 'glibc' | 'musl';

export interface PipWheel {
  readonly filename: string;
  /** the wheel's compatibility tags as its file name spells them, e.g. `py3-none-any` */
  readonly tag: string;
  readonly libc: 'any' | Libc;
  /** oldest glibc (manylinux_2_17 → "2.17") or musl (musllinux_1_2 → "1.2") the wheel runs on */
  readonly minLibc?: string;
  /** bytes of the .whl file: what pip downloads and keeps in its cache */
  readonly size: SourcedFigure;
  /** bytes installed in site-packages, `.pyc` files included */
  readonly installedSize: number;
  readonly fileCount: number;
  /** the file list, relative to the package data root */
  readonly files: string;
  /**
   * the name of the wheel's entry in pip's HTTP cache: sha224 of its URL, as pip 23 names cache files;
   * the URL's hash path on files.pythonhosted.org is not known here, so the file name stands in for it
   */
  readonly cacheKey: string;
  readonly provenance: DataProvenance;
  readonly note?: string;
}

/**
 * How pip builds the project when no wheel fits: `pure` needs no compiler; `optional-native` tries a C
 * extension and falls back to pure Python without a compiler; `native` fails without the tools in `needs`.
 */
export interface PipSdist {
  readonly filename: string;
  readonly build: 'pure' | 'optional-native' | 'native';
  /** what a build from source needs on the stage: commands (`gcc`, `pg_config`, `cargo`) or headers */
  readonly needs: readonly string[];
  /** what a build without a compiler installs, when it can succeed (`pure`, `optional-native`) */
  readonly built?: {
    readonly tag: string;
    readonly installedSize: number;
    readonly fileCount: number;
    readonly files: string;
  };
  readonly note: string;
}

export interface ConsoleScript {
  readonly name: string;
  /** `module:function`, as in entry_points.txt */
  readonly entry: string;
}

export interface PipRelease {
  /** PEP 503 normalised name: lower case, runs of `-_.` as `-` */
  readonly name: string;
  /** the name as the project spells it */
  readonly display: string;
  readonly version: string;
  readonly requiresPython: string;
  readonly requires: readonly PipRequirement[];
  /** optional features (`uvicorn[standard]`) and what they add */
  readonly extras: Readonly<Record<string, readonly PipRequirement[]>>;
  readonly consoleScripts: readonly ConsoleScript[];
  /** the importable top-level names */
  readonly topLevel: readonly string[];
  readonly distInfo: string;
  readonly wheels: readonly PipWheel[];
  readonly sdist: PipSdist;
  readonly provenance: DataProvenance;
  readonly source: string;
  readonly note?: string;
}

export interface PipIndex {
  readonly format: number;
  readonly generated: string;
  /** the interpreter the data is for: file names (`*.cpython-39.pyc`), tags (`cp39`) */
  readonly python: string;
  /**
   * the site-packages the .pyc sizes were compiled for: a .pyc records its source's path once, so
   * elsewhere (`--user`, a venv) each .pyc differs by the difference in that path's length
   */
  readonly pycSitePackages: string;
  readonly releases: readonly PipRelease[];
  /** what `pip install` leaves in /root/.cache/pip besides the wheels */
  readonly cache: {
    /** bytes pip 23's HTTP cache adds to each stored response (headers, serialisation) */
    readonly perEntryOverhead: SourcedFigure;
    /** the self-version-check file pip writes when the check is not disabled */
    readonly selfcheckBytes: SourcedFigure;
    /** its name: sha224 of the interpreter's sys.prefix (/usr/local in the python images) */
    readonly selfcheckKey: string;
  };
  readonly notes: readonly string[];
}

/**
 * Release histories of PyPI projects beyond the releases with real file lists (`pip/history.json`):
 * every release the gathered records know, with what each record says about it. Each release names
 * the record it came from (`sources[i]`). Fields a record does not give are absent, never guessed.
 */
export interface PipHistory {
  readonly format: number;
  readonly generated: string;
  /** lock files (`owner/repo@commit:path`) and Debian packages the releases were read from */
  readonly sources: readonly string[];
  /** the month of PyPI's project list the ranks and `latest` come from */
  readonly listMonth: string;
  /** the ratios that turn a wheel's download size into an installed size where none was measured */
  readonly installedPerWheelByte: { readonly pure: SourcedFigure; readonly native: SourcedFigure };
  readonly projects: Readonly<Record<string, PipProjectHistory>>;
  readonly notes: readonly string[];
}

export interface PipProjectHistory {
  /** rank among PyPI's most downloaded projects, when in the list's top 15,000 */
  readonly rank?: number;
  /** the newest version PyPI's list gives (as of `listMonth`): nothing newer existed then */
  readonly latest?: string;
  /** importable top-level names, from a Debian package of one release; absent when not known */
  readonly topLevel?: readonly string[];
  readonly consoleScripts?: readonly ConsoleScript[];
  /** index into `sources` of the record that gave `topLevel` and `consoleScripts` */
  readonly metaSource?: number;
  /**
   * true when `releases` is every release up to `latest`: read from the project's own release tags,
   * so a version between them that is not listed does not exist
   */
  readonly complete?: boolean;
  /** the project's distinct requirement lists, which releases name by index (most repeat) */
  readonly lists: readonly (readonly string[])[];
  /** newest first */
  readonly releases: readonly PipHistoryRelease[];
}

export interface PipHistoryRelease {
  readonly version: string;
  /** first upload, `YYYY-MM-DD` */
  readonly date?: string;
  /** Requires-Python; absent when the records do not say and no estimate can be made */
  readonly requiresPython?: string;
  /** true: no record gives Requires-Python; it is estimated from the releases around it (generator) */
  readonly pythonEstimated?: boolean;
  /**
   * PEP 508 requirements (`name[extra]specifier; marker`), as an index into the project's `lists`;
   * absent when unknown. From a uv.lock they lack specifiers (`specified: false`): uv records
   * which packages, not which versions
   */
  readonly requires?: number;
  /** each extra's requirements, as an index into `lists` */
  readonly extras?: Readonly<Record<string, number>>;
  readonly specified?: boolean;
  /** x86_64 Linux and pure wheels, as `tag` or `tag size` (bytes) */
  readonly wheels?: readonly string[];
  /** bytes of the sdist, when known (0: it has one, size unknown) */
  readonly sdist?: number;
  /** indexes into `sources` */
  readonly from: readonly number[];
}

/* ---------------------------------------------------------------- apt */

export type DebianSuite = 'bookworm' | 'trixie';

export interface AptPackage {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  readonly priority: string;
  readonly essential: boolean;
  /** the control file's Installed-Size, KiB */
  readonly installedKiB: number;
  /** bytes of the .deb (absent for the archive's packages: not kept) */
  readonly debSize?: number;
  /**
   * Pre-Depends and Depends, each group a list of alternatives by real package name (virtual names
   * resolved to the packages that provide them), in the order apt tries them
   */
  readonly depends: readonly (readonly string[])[];
  readonly recommends: readonly (readonly string[])[];
  readonly provides: readonly string[];
  /** bytes the package's files take on disk as Docker counts them (files once, symlink targets) */
  readonly size: number;
  readonly fileCount: number;
  /** the file list (package files, files its maintainer scripts create, its dpkg database files) */
  readonly files: string;
  /** bytes its stanza adds to /var/lib/dpkg/status */
  readonly statusBytes: number;
  /** bytes of its debconf templates (0: none); debconf's templates.dat grows by about this much */
  readonly debconfTemplatesBytes: number;
  /** how many conffiles it has (its status stanza lists each with its md5sum once configured) */
  readonly conffiles?: number;
  /** DT_SONAME of the shared libraries it puts where ldconfig looks (read from the .deb) */
  readonly sonames?: readonly string[];
  /** its development links ldconfig caches under their own name (libssl.so → libssl.so.3) */
  readonly ldconfigLinks?: readonly string[];
  /** its triggers member activates ldconfig: libc-bin rewrites ld.so.cache and aux-cache after it */
  readonly ldconfigTrigger?: boolean;
  /**
   * 'archive': from Debian's indexes alone (apt-archive.ts), not measured by a real install: its
   * control facts are real, its paths come from Contents and how its bytes split among them is estimated
   */
  readonly basis?: 'archive';
}

/**
 * What ldconfig's caches are built from: the base image's libraries (measured with `ldconfig -p`
 * in the real debian:SUITE) and the generator string glibc writes into /etc/ld.so.cache.
 */
export interface LdconfigData {
  readonly baseSonames: readonly string[];
  readonly generator: string;
  /** the paths dpkg's database holds in the base image, as dpkg counts them in its progress line */
  readonly dpkgPaths: number;
  readonly source: string;
}

/** dpkg's `path-exclude` / `path-include` rules (dpkg.cfg), the last matching rule deciding. */
export interface DpkgPathRule {
  readonly include: boolean;
  readonly glob: string;
}

export interface AptSuiteData {
  readonly format: number;
  readonly generated: string;
  readonly suite: DebianSuite;
  /** the curated packages a course Dockerfile may install by name */
  readonly curated: readonly string[];
  /** the package set every Debian image of the suite has (debian:SUITE minbase); the data starts from it */
  readonly base: readonly string[];
  readonly packages: readonly AptPackage[];
  /** virtual package → the real packages that provide it */
  readonly virtuals: Readonly<Record<string, readonly string[]>>;
  /** what `apt-get update` writes to /var/lib/apt/lists in the official image's configuration */
  readonly lists: {
    readonly files: readonly { readonly path: string; readonly size: number }[];
    readonly provenance: DataProvenance;
    readonly source: string;
  };
  /** the bookkeeping an `apt-get install` adds besides package files, measured per install */
  readonly overhead: AptOverhead;
  /** the slim images' dpkg configuration: what dpkg leaves out when a stage has this file */
  readonly slim: { readonly path: string; readonly rules: readonly DpkgPathRule[] };
  /** the libraries ldconfig caches in the base image (absent: the caches are fitted, not computed) */
  readonly ldconfig?: LdconfigData;
  /** real installs measured while generating, to check a resolver against */
  readonly measuredInstalls: readonly MeasuredInstall[];
  readonly notes: readonly string[];
}

/** Files apt and dpkg write on every install: size = fixed + perPackage × packages installed. */
export interface AptOverhead {
  readonly files: readonly {
    readonly path: string;
    readonly fixed: number;
    readonly perPackage: number;
    /** true: the file grows (a log); false: it is rewritten */
    readonly appends: boolean;
  }[];
  /** templates.dat growth / the installed packages' template bytes (measured median) */
  readonly debconfTemplatesRatio: number;
  readonly source: string;
}

export interface MeasuredInstall {
  /** e.g. `apt-get install -y --no-install-recommends curl` on debian:SUITE */
  readonly command: string;
  readonly installed: readonly string[];
  /** bytes the layer adds, as Docker counts */
  readonly layerSize: number;
}

/* ---------------------------------------------------------------- apk */

export interface ApkPackage {
  readonly name: string;
  readonly version: string;
  /** installed bytes, as `apk info -s` reports them */
  readonly installedSize: number;
  /** what the package depends on, by package name (so: and cmd: dependencies resolved) */
  readonly depends: readonly string[];
  readonly provides: readonly string[];
  readonly size: number;
  readonly fileCount: number;
  readonly files: string;
  readonly provenance: DataProvenance;
  readonly note: string;
}

export interface ApkData {
  readonly format: number;
  readonly generated: string;
  readonly release: string;
  readonly curated: readonly string[];
  /** the packages alpine:RELEASE has */
  readonly base: readonly string[];
  readonly packages: readonly ApkPackage[];
  /** `so:libz.so.1` or `cmd:curl` style names → the package that provides them */
  readonly provides: Readonly<Record<string, string>>;
  /** what `apk update` / `apk add` without --no-cache leave in /var/cache/apk */
  readonly indexCache: {
    readonly files: readonly { readonly path: string; readonly size: number }[];
    readonly provenance: DataProvenance;
    readonly source: string;
  };
  readonly notes: readonly string[];
}

/* ---------------------------------------------------------------- go */

export interface GoBuildMeasurement {
  /** the program's name under scripts/packages/go-programs */
  readonly program: string;
  /** the packages the program imports */
  readonly imports: readonly string[];
  /** the standard package the program exists to measure (its other imports only print) */
  readonly package?: string;
  /** cgo enabled for the build (gcc on PATH, CGO_ENABLED unset) */
  readonly cgo: boolean;
  /** the -ldflags value: '', '-s -w', '-s' or '-w' */
  readonly ldflags: string;
  /** -s (which implies -w since Go 1.22) */
  readonly stripped: boolean;
  readonly trimpath: boolean;
  /** -a -installsuffix cgo, as the course's scratch example builds */
  readonly rebuildAll: boolean;
  readonly goarch: string;
  readonly size: number;
  readonly linkage: 'static' | 'dynamic';
  readonly interpreter?: string;
  /** `ldd` output (dynamic binaries) */
  readonly libraries?: readonly string[];
  /** GOCACHE (/root/.cache/go-build) after a build that started with an empty cache */
  readonly coldCache?: { readonly bytes: number; readonly files: number };
  /** `file` output */
  readonly file: string;
}

export interface GoData {
  readonly format: number;
  readonly generated: string;
  /** `go version` of the measuring toolchain */
  readonly goVersion: string;
  readonly source: string;
  readonly measurements: readonly GoBuildMeasurement[];
  /** program → the standard packages it links (`go list -deps`, static build) */
  readonly stdDeps: Readonly<Record<string, readonly string[]>>;
  readonly model: GoSizeModel;
  /** what a `go build` leaves outside the source tree besides GOCACHE's entries */
  readonly leftBehind: readonly { readonly path: string; readonly kind: string; readonly bytes: number }[];
  readonly notes: readonly string[];
}

/**
 * Third-party Go modules, measured with Debian's golang-*-dev sources in GOPATH mode (go-modules.json):
 * what a library adds to a binary over a program with the same standard imports, and module sizes.
 */
export interface GoModuleData {
  readonly format: number;
  readonly generated: string;
  readonly goVersion: string;
  readonly source: string;
  /** each program of scripts/packages/go-modules/programs, built with CGO_ENABLED=0 */
  readonly programs: readonly GoThirdPartyProgram[];
  /** per directly imported third-party package: its measured contribution (single-library programs) */
  readonly libraries: readonly GoLibrary[];
  /** modules' source trees as Debian ships them */
  readonly modules: readonly GoModuleSource[];
  readonly model: {
    /** median bytes a measured library adds with the standard packages it uses (unstripped): the stand-in for an unmeasured import */
    readonly medianImportBytes: number;
    readonly medianSourceBytes: number;
    /** gzip-compressed tar / source bytes (median): the stand-in for a module zip's compression */
    readonly zipRatio: number;
    /** each combination predicted as its twin plus its libraries' contributions */
    readonly check: readonly {
      readonly program: string;
      readonly measured: number;
      readonly predicted: number;
    }[];
    readonly maxError: number;
    /** a module's `<version>.info`, `.mod` and `.ziphash` in the download cache (estimated) */
    readonly infoBytes: number;
    readonly modBytes: number;
    readonly ziphashBytes: number;
  };
  /**
   * Build modes, measured (behave.txt): a two-file fmt program as exe and pie, and a one-function
   * cgo library (`//export Add`, nothing imported) as c-shared and c-archive with its C header.
   */
  readonly buildModes: {
    readonly exe: number;
    readonly pie: number;
    readonly cShared: number;
    readonly cArchive: number;
    readonly cHeader: number;
  };
  readonly notes: readonly string[];
}

export interface GoThirdPartyProgram {
  readonly program: string;
  /** the program's own imports */
  readonly imports: readonly string[];
  /** every non-standard package it links (`go list -deps`) */
  readonly thirdParty: readonly string[];
  /** standard packages those non-standard packages import directly */
  readonly depStd: readonly string[];
  readonly size: number;
  readonly strippedSize: number;
  /** the same standard imports as blank imports, nothing else: what the libraries add is the difference */
  readonly twinSize: number;
  readonly twinStrippedSize: number;
}

export interface GoLibrary {
  readonly importPath: string;
  readonly program: string;
  readonly bytes: number;
  readonly strippedBytes: number;
  readonly depStd: readonly string[];
  /** how many non-standard packages it brings in */
  readonly packages: number;
}

export interface GoModuleSource {
  readonly path: string;
  readonly debianPackage?: string;
  readonly debianVersion?: string;
  readonly sourceBytes: number;
  readonly files: number;
  readonly gzipBytes?: number;
}

/** Coefficients fitted to the measurements (see docs/packages.md, "Go"). */
export interface GoSizeModel {
  /** bytes of `func main() {}`: the runtime alone, static, unstripped */
  readonly base: number;
  /** how many standard packages that program links */
  readonly runtimePackages: number;
  /** size with -ldflags="-s -w" / size without (median of the measured programs) */
  readonly stripRatio: number;
  /** bytes cgo's dynamic linking adds to an unstripped binary (median) */
  readonly cgoDynamicExtra: number;
  /** size with -trimpath / size without */
  readonly trimpathRatio: number;
  /** size for another GOARCH / amd64 size */
  readonly archRatio: Readonly<Record<string, number>>;
  /** GOCACHE after building `func main() {}` with an empty cache */
  readonly cacheBase: { readonly bytes: number; readonly files: number };
  /** GOCACHE bytes per third-party package (estimated from the standard packages' average) */
  readonly cachePerThirdPartyPackage: number;
  /** the largest relative error on the measured programs that combine packages, each predicted without its own measurement */
  readonly maxError: number;
}
