/**
 * Go binary and build-cache sizes from real builds: an exact measurement when the program's imports
 * and flags match a measured one, otherwise the closest measured program plus what the other
 * imported packages add (see docs/packages.md, "Go").
 */

import type { GoBuildMeasurement, GoData, GoModuleData } from './format.ts';

export interface GoBuildInput {
  /** every package the program's .go files import */
  readonly imports: readonly string[];
  /** `-ldflags="-s -w"` (or `-s`, which implies -w since Go 1.22) */
  readonly stripped: boolean;
  /** cgo on and the program links runtime/cgo (it uses net or os/user): a dynamic binary */
  readonly cgo: boolean;
  readonly trimpath?: boolean;
  readonly goarch?: string;
  /** -buildmode other than exe: scaled by the measured ratio of that mode to exe */
  readonly buildmode?: 'pie' | 'c-shared' | 'c-archive';
}

export interface GoBinaryEstimate {
  readonly size: number;
  readonly linkage: 'static' | 'dynamic';
  /** measured: a build with these imports and flags was measured; model: derived from measurements */
  readonly basis: 'measured' | 'model';
  /** the measured program the figure starts from */
  readonly from: string;
  /** packages the data has no measurement for (third-party modules, unmeasured std packages) */
  readonly estimatedImports: readonly string[];
  /** third-party imports whose contribution was measured (go-modules.json's libraries) */
  readonly modules: readonly string[];
}

/** A module's size in the module cache: Debian's source of the same module, or the median module. */
export interface GoModuleSourceEstimate {
  readonly sourceBytes: number;
  readonly zipBytes: number;
  readonly basis: 'debian' | 'median';
}

export interface GoCacheEstimate {
  readonly bytes: number;
  readonly files: number;
  readonly basis: 'measured' | 'model';
}

export interface GoCatalog {
  readonly data: GoData;
  /** Where the figures come from, in a step's words ("measured … with Go 1.26.11"); the full
   * provenance (package, stage, date) stays in the data's `source` and `notes`. */
  readonly source: string;
  binary(input: GoBuildInput): GoBinaryEstimate;
  binarySize(input: GoBuildInput): number;
  /** what a build with an empty cache leaves in GOCACHE (/root/.cache/go-build) */
  buildCache(input: { readonly imports: readonly string[]; readonly cgo?: boolean }): GoCacheEstimate;
  buildCacheSize(input: { readonly imports: readonly string[]; readonly cgo?: boolean }): number;
  readonly modules: GoModuleData;
  moduleSource(path: string): GoModuleSourceEstimate;
  /** the download cache's small files per module (estimated) */
  readonly moduleFiles: { readonly info: number; readonly mod: number; readonly ziphash: number };
  /** what an unmeasured third-party import adds (the median measured library) */
  readonly thirdPartyImportBytes: number;
  /** a binary from `go install module@version`, whose source is not in the data */
  readonly remoteBinary: { readonly size: number; readonly basis: string };
  readonly cHeaderBytes: number;
}

/** A standard-library import path has no dot in its first element (`net/http`, not `github.com/…`). */
export function isStdImport(path: string): boolean {
  return !(path.split('/')[0] ?? '').includes('.');
}

/** Bytes an unmeasured standard package adds when nothing measured includes it (estimated). */
const UNMEASURED_STD_BYTES = 50_000;
export function createGoCatalog(data: GoData, modules: GoModuleData): GoCatalog {
  const unstripped = data.measurements.filter(
    (m) => m.ldflags === '' && !m.trimpath && !m.rebuildAll && m.goarch === 'amd64' && !m.cgo,
  );
  const closure = (m: GoBuildMeasurement) => new Set(data.stdDeps[m.program] ?? []);
  const subsetOf = (m: GoBuildMeasurement, imports: ReadonlySet<string>) =>
    m.imports.every((i) => imports.has(i));

  /** The largest measured program whose imports are all among `imports`, and what the rest adds. */
  const staticUnstripped = (imports: ReadonlySet<string>) => {
    const base = unstripped
      .filter((m) => subsetOf(m, imports))
      .reduce<GoBuildMeasurement | undefined>(
        (best, m) => (!best || m.size > best.size ? m : best),
        undefined,
      );
    const start = base ?? (unstripped.find((m) => m.program === 'empty') as GoBuildMeasurement);
    const included = closure(start);
    let size = start.size;
    const estimated: string[] = [];
    const rest = [...imports].filter((i) => !included.has(i));
    const anchors = rest
      .map((i) => unstripped.find((m) => m.package === i))
      .filter((m): m is GoBuildMeasurement => m !== undefined)
      .sort((a, b) => b.size - a.size);
    for (const anchor of anchors) {
      // Inclusion–exclusion with a measured stand-in for the shared part: the largest measured
      // program whose packages are all both in the anchor's closure and already linked.
      const own = closure(anchor);
      const shared = unstripped
        .filter((m) => m.package !== undefined && [...closure(m)].every((p) => own.has(p) && included.has(p)))
        .reduce((best, m) => Math.max(best, m.size), data.model.base);
      size += anchor.size - shared;
      for (const p of own) included.add(p);
    }
    for (const i of rest) {
      if (included.has(i) || anchors.some((a) => a.package === i)) continue;
      estimated.push(i);
      size += UNMEASURED_STD_BYTES;
    }
    return {
      size,
      from: start,
      exact: base !== undefined && base.imports.length === imports.size,
      estimated,
    };
  };

  const library = (path: string) => modules.libraries.find((l) => l.importPath === path);

  /** A build mode's bytes over exe's: pie from the same program; c-shared/c-archive over the empty program. */
  const modeRatio = (mode: GoBuildInput['buildmode']): number => {
    const m = modules.buildModes;
    if (mode === 'pie') return m.pie / m.exe;
    if (mode === 'c-shared') return m.cShared / data.model.base;
    if (mode === 'c-archive') return m.cArchive / data.model.base;
    return 1;
  };

  const binary = (input: GoBuildInput): GoBinaryEstimate => {
    if (input.buildmode) {
      const exe = binary({ ...input, buildmode: undefined });
      return { ...exe, size: Math.round(exe.size * modeRatio(input.buildmode)), basis: 'model' };
    }
    const imports = new Set(input.imports);
    const thirdParty = [...imports].filter((i) => !isStdImport(i));
    const libraries = thirdParty.map(library).filter((l) => l !== undefined);
    const unmeasured = thirdParty.filter((i) => !library(i));
    if (thirdParty.length) {
      // A library's own standard imports are linked too; its own code is its measured contribution.
      for (const i of thirdParty) imports.delete(i);
      for (const l of libraries) for (const p of l.depStd) imports.add(p);
    }
    const extra =
      libraries.reduce((sum, l) => sum + l.bytes, 0) + unmeasured.length * modules.model.medianImportBytes;
    const goarch = input.goarch ?? 'amd64';
    const linkage = input.cgo ? 'dynamic' : 'static';
    const exact = data.measurements.find(
      (m) =>
        m.imports.length === imports.size &&
        subsetOf(m, imports) &&
        m.ldflags !== '-w' &&
        m.stripped === input.stripped &&
        m.linkage === linkage &&
        (linkage === 'dynamic' || !m.cgo) &&
        m.trimpath === (input.trimpath ?? false) &&
        !m.rebuildAll &&
        m.goarch === goarch,
    );
    if (exact && thirdParty.length === 0)
      return {
        size: exact.size,
        linkage,
        basis: 'measured',
        from: exact.program,
        estimatedImports: [],
        modules: [],
      };
    const base = staticUnstripped(imports);
    let size = base.size + extra;
    if (input.cgo) size += data.model.cgoDynamicExtra;
    if (input.stripped) size *= data.model.stripRatio;
    if (input.trimpath) size *= data.model.trimpathRatio;
    size *= data.model.archRatio[goarch] ?? 1;
    return {
      size: Math.round(size),
      linkage,
      basis: 'model',
      from: base.from.program,
      // Standard packages a measured library brought in are part of its measurement, not guesses.
      estimatedImports: [...base.estimated.filter((i) => input.imports.includes(i)), ...unmeasured],
      modules: libraries.map((l) => l.importPath),
    };
  };

  const buildCache = (input: {
    readonly imports: readonly string[];
    readonly cgo?: boolean;
  }): GoCacheEstimate => {
    const imports = new Set(input.imports.filter(isStdImport));
    const cold = data.measurements.filter((m) =>
      input.cgo ? m.coldCache && m.linkage === 'dynamic' : m.coldCache && !m.cgo,
    );
    const exact = cold.find((m) => m.imports.length === imports.size && subsetOf(m, imports));
    if (exact?.coldCache) return { ...exact.coldCache, basis: 'measured' };
    const { from } = staticUnstripped(imports);
    const start = cold.find((m) => m.program === from.program)?.coldCache ?? data.model.cacheBase;
    // Each package the go command compiles adds its action entries; scale by the packages in play.
    const all = new Set(data.stdDeps[from.program] ?? []);
    for (const i of imports) for (const p of data.stdDeps[anchorOf(i)] ?? [i]) all.add(p);
    const factor = all.size / Math.max(1, (data.stdDeps[from.program] ?? []).length);
    const external = input.imports.length - imports.size;
    return {
      bytes: Math.round(start.bytes * factor + external * data.model.cachePerThirdPartyPackage),
      files: Math.round(start.files * factor + external * 2),
      basis: 'model',
    };
  };

  const anchorOf = (path: string) => data.measurements.find((m) => m.package === path)?.program ?? '';

  const medianModule = modules.model.medianSourceBytes;
  const moduleSource = (path: string): GoModuleSourceEstimate => {
    const known = modules.modules.find((m) => m.path === path);
    const sourceBytes = known?.sourceBytes ?? medianModule;
    return {
      sourceBytes,
      zipBytes: Math.round(known?.gzipBytes ?? sourceBytes * modules.model.zipRatio),
      basis: known ? 'debian' : 'median',
    };
  };
  // A fetched command is a program of its own: a net/http server with one unmeasured library.
  const remote = binary({
    imports: ['log', 'net/http', '?.invalid/unmeasured'],
    stripped: false,
    cgo: false,
  });

  return {
    data,
    modules,
    moduleSource,
    moduleFiles: {
      info: modules.model.infoBytes,
      mod: modules.model.modBytes,
      ziphash: modules.model.ziphashBytes,
    },
    thirdPartyImportBytes: modules.model.medianImportBytes,
    remoteBinary: {
      size: remote.size,
      basis: `estimated as a net/http server plus the median measured library (${(modules.model.medianImportBytes / 1e6).toFixed(1)} MB)`,
    },
    cHeaderBytes: modules.buildModes.cHeader,
    source: `measured by building the same program with Go ${data.goVersion.replace(/^go(\S+).*$/, '$1')}`,
    binary,
    binarySize: (input) => binary(input).size,
    buildCache,
    buildCacheSize: (input) => buildCache(input).bytes,
  };
}
