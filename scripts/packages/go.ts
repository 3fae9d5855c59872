/**
 * Turns go-measure.sh's JSON lines into go.json: every measured build, the standard packages each
 * program links, and the size model's coefficients fitted to them, with its leave-one-out error.
 * Node-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoBuildMeasurement, GoData, GoSizeModel } from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import { createGoCatalog } from '../../src/lib/packages/go.ts';
import { emptyGoModules } from './go-modules.ts';

interface Line {
  goVersion?: string;
  deb?: string;
  program?: string;
  variant?: string;
  env?: string;
  args?: string;
  size?: number;
  file?: string;
  interpreter?: string;
  ldd?: string;
  cacheBytes?: number | null;
  cacheFiles?: number | null;
  stdDeps?: string[];
  leftBehind?: string;
  kind?: string;
  bytes?: number;
}

/** The packages a program under go-programs imports, read from its import block. */
function importsOf(programs: string, name: string): string[] {
  const source = readFileSync(join(programs, name, 'main.go'), 'utf8');
  const block = /import\s*\(([^)]*)\)/.exec(source)?.[1] ?? /import\s+("[^"]+")/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').sort();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2 : 1;
};

export function buildGo(
  jsonl: string,
  programs: string,
  generated: string,
): { data: GoData; report: string[] } {
  const lines = readFileSync(jsonl, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  const header = lines.find((l) => l.goVersion);
  const measurements: GoBuildMeasurement[] = [];
  const stdDeps: Record<string, string[]> = {};
  for (const l of lines) {
    if (!l.program || l.size === undefined) continue;
    const args = l.args ?? '';
    const ldflags = /-ldflags="?([^"]*)"?/.exec(args)?.[1]?.trim() ?? '';
    const cgo = !(l.env ?? '').includes('CGO_ENABLED=0');
    const dynamic = Boolean(l.interpreter);
    const imports = importsOf(programs, l.program);
    const pkg = l.program.replace(/-/g, '/');
    const m: GoBuildMeasurement = {
      program: l.program,
      imports,
      ...(imports.includes(pkg) ? { package: pkg } : {}),
      cgo,
      ldflags,
      stripped: /(^|\s)-s(\s|$)/.test(ldflags),
      trimpath: args.includes('-trimpath'),
      rebuildAll: /(^|\s)-a(\s|$)/.test(args),
      goarch: /GOARCH=(\w+)/.exec(l.env ?? '')?.[1] ?? 'amd64',
      size: l.size,
      linkage: dynamic ? 'dynamic' : 'static',
      ...(dynamic ? { interpreter: l.interpreter } : {}),
      ...(dynamic && l.ldd ? { libraries: l.ldd.split('\n').map((s) => s.trim()) } : {}),
      ...(l.cacheBytes ? { coldCache: { bytes: l.cacheBytes, files: l.cacheFiles ?? 0 } } : {}),
      file: l.file ?? '',
    };
    measurements.push(m);
    if (l.variant === 'static' && l.stdDeps) stdDeps[l.program] = [...l.stdDeps].sort();
  }
  const find = (program: string, variant: (m: GoBuildMeasurement) => boolean) =>
    measurements.find((m) => m.program === program && variant(m));
  const plain = (m: GoBuildMeasurement) =>
    m.ldflags === '' && !m.trimpath && !m.rebuildAll && m.goarch === 'amd64';
  const empty = find('empty', (m) => plain(m) && !m.cgo);
  if (!empty?.coldCache) throw new Error('no measurement of the empty program');
  const ratios = (a: (m: GoBuildMeasurement) => boolean, b: (m: GoBuildMeasurement) => boolean) =>
    measurements.filter(a).flatMap((x) => {
      const y = find(x.program, b);
      return y ? [x.size / y.size] : [];
    });
  const staticSw = (m: GoBuildMeasurement) =>
    !m.cgo && m.ldflags === '-s -w' && !m.trimpath && !m.rebuildAll && m.goarch === 'amd64';
  const staticPlain = (m: GoBuildMeasurement) => plain(m) && !m.cgo;
  const dynamicPlain = (m: GoBuildMeasurement) => plain(m) && m.linkage === 'dynamic';
  const model: GoSizeModel = {
    base: empty.size,
    runtimePackages: stdDeps.empty?.length ?? 0,
    stripRatio: median(ratios(staticSw, staticPlain)),
    cgoDynamicExtra: Math.round(
      median(
        measurements.filter(dynamicPlain).flatMap((d) => {
          const s = find(d.program, staticPlain);
          return s ? [d.size - s.size] : [];
        }),
      ),
    ),
    trimpathRatio: median(
      ratios(
        (m) => m.trimpath && m.cgo && m.ldflags === '',
        (m) => plain(m) && m.cgo,
      ),
    ),
    archRatio: { arm64: median(ratios((m) => m.goarch === 'arm64' && m.ldflags === '', staticPlain)) },
    cacheBase: empty.coldCache,
    cachePerThirdPartyPackage: Math.round(
      median(
        measurements
          .filter((m) => m.coldCache && !m.cgo)
          .map((m) => (m.coldCache?.bytes ?? 0) / (stdDeps[m.program]?.length ?? 1)),
      ),
    ),
    maxError: 0,
  };
  const data: GoData = {
    format: PACKAGES_FORMAT,
    generated,
    goVersion: header?.goVersion?.replace(/^go version /, '') ?? '',
    source: `measured with Debian's ${header?.deb ?? 'golang package'} (trixie-backports) in the catalog's golang:1 C-toolchain stage (trixie, gcc 14), ${generated}`,
    measurements,
    stdDeps,
    model,
    // GOCACHE's 256 two-hex-digit directories hold the entries the cold-cache figures count.
    leftBehind: lines.flatMap((l) =>
      l.leftBehind && !/\/go-build\/[0-9a-f]{2}$/.test(l.leftBehind)
        ? [
            {
              path: l.leftBehind,
              kind: l.kind === 'directory' ? 'dir' : 'file',
              bytes: l.kind === 'directory' ? 0 : (l.bytes ?? 0),
            },
          ]
        : [],
    ),
    notes: [
      'golang:1 is Go 1.26.5; the measuring toolchain is Debian’s 1.26.11 build of the same minor release. Patch releases change the linker’s output little; sizes are used unscaled (an estimate, not measured).',
      'Sizes are of the binary file; "static" builds have no ELF interpreter, "dynamic" ones load /lib64/ld-linux-x86-64.so.2 and libc.so.6.',
      'With cgo on, programs that do not use net or os/user are still static (runtime/cgo is not linked); their sizes equal the CGO_ENABLED=0 builds within a few bytes.',
      'No module proxy was reachable, so only standard-library programs were built; third-party modules are estimated. A standard-library-only build creates no module cache (/go/pkg/mod).',
      'Go 1.23 and later keep local telemetry counters: a first build writes five 16 KiB counter files under /root/.config/go/telemetry/local (measured).',
      '-ldflags=-s gives the same binary as -s -w (-s implies -w since Go 1.22); -w alone strips DWARF only.',
    ],
  };
  // Leave-one-out on the programs that combine packages: each is predicted from the others.
  const report: string[] = [];
  let maxError = 0;
  for (const m of measurements.filter(
    (x) => plain(x) && !x.package && x.program !== 'empty' && (!x.cgo || x.linkage === 'dynamic'),
  )) {
    const without = { ...data, measurements: measurements.filter((x) => x.program !== m.program) };
    const predicted = createGoCatalog(without, emptyGoModules('')).binarySize({
      imports: m.imports,
      stripped: false,
      cgo: m.linkage === 'dynamic',
    });
    const error = (predicted - m.size) / m.size;
    maxError = Math.max(maxError, Math.abs(error));
    report.push(
      `${m.program}${m.linkage === 'dynamic' ? ' (cgo)' : ''}: measured ${m.size}, model ${predicted} (${(error * 100).toFixed(1)}%)`,
    );
  }
  return { data: { ...data, model: { ...model, maxError: Math.round(maxError * 1000) / 1000 } }, report };
}
