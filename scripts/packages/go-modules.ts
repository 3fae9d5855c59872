/**
 * Turns go-modules/measure.txt (measure-modules.sh's output) into go-modules.json: each
 * third-party program's size and its "twin" (the same standard imports, blank, nothing else), what
 * each library adds, the modules' Debian source sizes, and the check of the additive model on the
 * programs that combine libraries. Node-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  GoData,
  GoLibrary,
  GoModuleData,
  GoModuleSource,
  GoThirdPartyProgram,
} from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import { createGoCatalog, isStdImport } from '../../src/lib/packages/go.ts';
import { parseGoFile } from '../../src/lib/packages/go-source.ts';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2 : 0;
};

const words = (line: string | undefined) =>
  (line ?? '').split(':').slice(1).join(':').trim().split(/\s+/).filter(Boolean);
const field = (line: string, name: string) =>
  Number(new RegExp(`${name}=(\\d+)`).exec(line)?.[1] ?? Number.NaN);

/**
 * `go`: go.json's standard-library data. A library's contribution is the program's size (scaled
 * to go.json's Go version by the fmt program both toolchains built) less what go.json's model
 * gives for the program's standard imports plus the library's own; where that model already
 * exceeds the program (the library uses little of what it imports), the library's standard
 * imports are left out and it carries them in its own bytes.
 */
export function buildGoModules(
  dir: string,
  go: GoData,
  generated: string,
): { data: GoModuleData; report: string[] } {
  const lines = readFileSync(join(dir, 'measure.txt'), 'utf8').split('\n');
  const behave = readFileSync(join(dir, 'behave.txt'), 'utf8');
  const goVersion = /GOVERSION go version (\S+)/.exec(lines.join('\n'))?.[1] ?? 'unknown';
  const programs: GoThirdPartyProgram[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('PROG ')) return;
    const program = line.split(/\s+/)[1] as string;
    const source = readFileSync(join(dir, 'programs', program, 'main.go'), 'utf8');
    programs.push({
      program,
      imports: [...(parseGoFile(source)?.imports ?? [])].sort(),
      thirdParty: words(lines[i + 1]),
      depStd: words(lines[i + 3]),
      size: field(line, 'size'),
      strippedSize: field(line, 'sw'),
      twinSize: field(line, 'twin'),
      twinStrippedSize: field(line, 'twinsw'),
    });
  });
  const behaveExe = /go build -ldflags="-s -w" -o sw main\.go util\.go[^\n]*\n\s*\| \d+\n\s*\| (\d+)/.exec(
    behave,
  );
  const fmt = go.measurements.find(
    (m) => m.program === 'fmt' && !m.cgo && m.ldflags === '' && !m.trimpath && m.goarch === 'amd64',
  );
  const scale = (fmt?.size ?? 1) / Number(behaveExe?.[1] ?? 1);
  const std = createGoCatalog(go, emptyGoModules(generated));
  const stdSize = (imports: readonly string[]) => std.binarySize({ imports, stripped: false, cgo: false });
  const ownStd = (p: GoThirdPartyProgram) => p.imports.filter(isStdImport);
  const libraries: GoLibrary[] = programs
    .filter((p) => !p.program.startsWith('combo-'))
    .map((p) => {
      const withDeps = [...new Set([...ownStd(p), ...p.depStd])];
      const full = Math.round(p.size * scale) - stdSize(withDeps);
      const depStd = full >= 0 ? p.depStd : [];
      const bytes = full >= 0 ? full : Math.round(p.size * scale) - stdSize(ownStd(p));
      return {
        importPath: p.imports.find((i) => !isStdImport(i)) as string,
        program: p.program,
        bytes,
        strippedBytes: Math.round(bytes * (p.strippedSize / p.size)),
        depStd,
        packages: p.thirdParty.length,
      };
    });
  const debs = new Map(
    lines
      .filter((l) => l.startsWith('DEB '))
      .map((l) => l.split(/\s+/))
      .map(([, name, version]) => [name as string, version as string]),
  );
  const gzip = new Map(
    lines
      .filter((l) => l.startsWith('GZ '))
      .map((l) => [l.split(/\s+/)[1] as string, Number(l.split(/\s+/)[2])]),
  );
  const modules: GoModuleSource[] = lines
    .filter((l) => l.startsWith('SRC '))
    .map((l) => {
      const path = l.split(/\s+/)[1] as string;
      const debianPackage = `golang-${path
        .replace(/^github\.com\//, 'github-')
        .replace(/^golang\.org\/x\//, 'golang-x-')
        .replace(/^gopkg\.in\//, 'gopkg-')
        .replace(/\//g, '-')
        .toLowerCase()}-dev`;
      const debianVersion = debs.get(debianPackage);
      const gz = gzip.get(path);
      return {
        path,
        ...(debianVersion ? { debianPackage, debianVersion } : {}),
        sourceBytes: field(l, 'bytes'),
        files: field(l, 'files'),
        ...(gz ? { gzipBytes: gz } : {}),
      };
    });
  const byImport = new Map(libraries.map((l) => [l.importPath, l]));
  const check = programs
    .filter((p) => p.program.startsWith('combo-'))
    .map((p) => {
      const libs = p.imports.filter((i) => !isStdImport(i)).map((i) => byImport.get(i));
      const imports = [...new Set([...ownStd(p), ...libs.flatMap((l) => l?.depStd ?? [])])];
      return {
        program: p.program,
        measured: Math.round(p.size * scale),
        predicted: stdSize(imports) + libs.reduce((sum, l) => sum + (l?.bytes ?? 0), 0),
      };
    });
  const maxError = Math.max(0, ...check.map((c) => Math.abs(c.predicted - c.measured) / c.measured));
  const sizeOf = (file: string) =>
    Number(
      new RegExp(`-rw\\S*\\s+\\d+\\s+\\S+\\s+\\S+\\s+(\\d+) .* ${file.replace('.', '\\.')}\\n`).exec(
        behave,
      )?.[1] ?? 0,
    );
  const pie = /file pie[^\n]*\n[^\n]*\n\s*\| (\d+)/.exec(behave);
  const data: GoModuleData = {
    format: PACKAGES_FORMAT,
    generated,
    goVersion,
    source: `measured with Debian's ${goVersion} (the oracle's trixie-golang image) and Debian's golang-*-dev sources, GOPATH mode, CGO_ENABLED=0`,
    programs,
    libraries,
    modules,
    model: {
      // With its standard imports: an unmeasured library's are unknown too.
      medianImportBytes: Math.round(
        median(
          programs
            .filter((p) => !p.program.startsWith('combo-'))
            .map((p) => Math.round(p.size * scale) - stdSize(ownStd(p))),
        ),
      ),
      medianSourceBytes: Math.round(median(modules.map((m) => m.sourceBytes))),
      zipRatio:
        Math.round(
          median(modules.filter((m) => m.gzipBytes).map((m) => (m.gzipBytes as number) / m.sourceBytes)) *
            1000,
        ) / 1000,
      check,
      maxError: Math.round(maxError * 1000) / 1000,
      // `{"Version":"v1.9.1","Time":"2023-06-01T00:00:00Z"}` and a typical go.mod: estimated.
      infoBytes: 50,
      modBytes: 1_000,
      // `h1:` and a base64 SHA-256: 47 bytes.
      ziphashBytes: 47,
    },
    buildModes: {
      exe: Number(behaveExe?.[1] ?? 0),
      pie: Number(pie?.[1] ?? 0),
      cShared: sizeOf('libadd.so'),
      cArchive: sizeOf('libadd.a'),
      cHeader: sizeOf('libadd.h'),
    },
    notes: [
      `A library adds its program's size, scaled to go.json's Go version by ${scale.toFixed(3)} (the fmt program both toolchains built), less go.json's model of the program's standard imports and the library's own: estimated.`,
      'Debian’s sources are Debian’s versions of each module (vendored copies removed, some test data dropped): module sizes are estimates for other versions.',
      'A module zip’s size is estimated from the gzip-compressed tar of the same source (zip compresses file by file).',
    ],
  };
  const report = [
    `${libraries.length} libraries, median ${data.model.medianImportBytes} bytes; ${modules.length} module sources, median ${data.model.medianSourceBytes} bytes`,
    ...check.map(
      (c) =>
        `${c.program}: measured ${c.measured}, predicted ${c.predicted} (${(((c.predicted - c.measured) / c.measured) * 100).toFixed(1)}%)`,
    ),
  ];
  return { data, report };
}

/** No third-party data: go.json's model alone (the standard part of a program, the leave-one-out check). */
export function emptyGoModules(generated: string): GoModuleData {
  return {
    format: PACKAGES_FORMAT,
    generated,
    goVersion: '',
    source: '',
    programs: [],
    libraries: [],
    modules: [],
    model: {
      medianImportBytes: 0,
      medianSourceBytes: 0,
      zipRatio: 0,
      check: [],
      maxError: 0,
      infoBytes: 0,
      modBytes: 0,
      ziphashBytes: 0,
    },
    buildModes: { exe: 0, pie: 0, cShared: 0, cArchive: 0, cHeader: 0 },
    notes: [],
  };
}
