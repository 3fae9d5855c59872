/**
 * Builds the pip data: for each pinned release, the files its wheels install in site-packages,
 * from Debian's package of the same software (module files with their real bytes), `.pyc` files
 * compiled by a real CPython 3.9, a wheel-style dist-info, and native files scaled so that the
 * rebuilt wheel's deflated size matches the published wheel's. Node-only; needs python3.9.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { encodeLayer, type LayerEntry } from '../../src/lib/images/format.ts';
import type {
  PipIndex,
  PipRelease,
  PipRequirement,
  PipWheel,
  SourcedFigure,
} from '../../src/lib/packages/format.ts';
import { PACKAGES_FORMAT } from '../../src/lib/packages/format.ts';
import { consoleScriptSize } from '../../src/lib/packages/pip-script.ts';
import { LICENSES, RELEASES, type ReleaseSpec, type WheelSpec } from './pip-releases.ts';

interface PyFile {
  /** relative to site-packages */
  path: string;
  size: number;
  /** bytes used to estimate the compressed size; may be a proxy of another length */
  content: Buffer;
  native: boolean;
  solve: boolean;
}

export interface PipBuildOptions {
  readonly debs: string;
  readonly zoneinfo: string;
  readonly caBundle: string;
  readonly python39: string;
  readonly stage: string;
  readonly generated: string;
}

const SO_RE = /\.cpython-3\d+-x86_64-linux-gnu\.so$/;
const SO_39 = '.cpython-39-x86_64-linux-gnu.so';
const DEFAULT_INTERPRETER = '/usr/local/bin/python3.9';
/** Where the python images' pip installs; the .pyc sizes are those of files compiled there. */
const PYC_SITE_PACKAGES = '/usr/local/lib/python3.9/site-packages';

export function buildPip(opts: PipBuildOptions): {
  index: PipIndex;
  files: Map<string, string>;
  report: string[];
} {
  const files = new Map<string, string>();
  const report: string[] = [];
  const staged = RELEASES.map((spec) => ({ spec, sources: collectSources(spec, opts) }));
  const pyc = compileAll(staged, opts);
  const releases = staged.map(({ spec, sources }) =>
    buildRelease(spec, sources, readDebianMetadata(spec, opts.debs), pyc, files, report),
  );
  const index: PipIndex = {
    format: PACKAGES_FORMAT,
    generated: opts.generated,
    python: '3.9',
    pycSitePackages: PYC_SITE_PACKAGES,
    releases,
    cache: {
      perEntryOverhead: {
        value: 600,
        provenance: 'estimated',
        source:
          "pip 23.0's HTTP cache stores each response with its headers, serialised by CacheControl; a few hundred bytes per wheel, estimated",
      },
      selfcheckBytes: {
        value: 180,
        provenance: 'estimated',
        source:
          "pip's self version check writes one small JSON file under selfcheck/ (last check time and latest version)",
      },
      selfcheckKey: sha224('/usr/local'),
    },
    notes: [
      'Module files are the bytes of Debian packages of the same software (see each release); .pyc files were compiled by CPython 3.9.18, whose bytecode format is that of 3.9.25.',
      'dist-info holds METADATA (Debian’s, which is generated from upstream’s pyproject), WHEEL, entry_points.txt and top_level.txt where the project has them, INSTALLER, RECORD (computed for the real file list) and the license files, whose sizes are the typical sizes of those license texts (estimated).',
      'Wheel sizes are the published ones (pip logs, PyPI); for native wheels the compiled files are scaled so that the rebuilt wheel deflates to the published size.',
    ],
  };
  return { index, files, report };
}

/* ---------------------------------------------------------------- sources */

function collectSources(spec: ReleaseSpec, opts: PipBuildOptions): PyFile[] {
  const out = new Map<string, PyFile>();
  for (const pkg of spec.debian.packages) {
    const root = join(opts.debs, spec.debian.suite, pkg);
    const site = join(root, 'usr/lib/python3/dist-packages');
    if (!existsSync(site)) throw new Error(`${spec.name}: ${site} missing (run the download step)`);
    walkSite(root, site, '', out);
  }
  if (spec.exclude) {
    const re = new RegExp(spec.exclude);
    for (const path of [...out.keys()]) if (re.test(path)) out.delete(path);
  }
  if (spec.zoneinfo) addZoneinfo(spec, opts.zoneinfo, out);
  for (const [path, bytes, like] of spec.addFiles ?? []) {
    out.set(path, {
      path,
      size: bytes,
      content: proxyContent(like, bytes, opts),
      native: false,
      solve: spec.solveSizeOf === path,
    });
  }
  return [...out.values()];
}

function walkSite(root: string, dir: string, rel: string, out: Map<string, PyFile>): void {
  for (const name of readdirSync(dir).sort()) {
    if (rel === '' && /\.(dist|egg)-info$/.test(name)) continue;
    if (name === '__pycache__') continue;
    const full = join(dir, name);
    const path = rel ? `${rel}/${name}` : name;
    const st = lstatSync(full);
    if (st.isSymbolicLink()) {
      // Debian moves arch-dependent trees out of dist-packages and links them back; follow them
      // when the target is in the same package, drop links into the rest of the system.
      const target = readlinkSync(full);
      const resolved = target.startsWith('/') ? join(root, target) : join(dirname(full), target);
      if (resolved.startsWith(root) && existsSync(resolved)) {
        if (lstatSync(resolved).isDirectory()) walkSite(root, resolved, path, out);
        else addFile(out, path, resolved);
      }
      continue;
    }
    if (st.isDirectory()) walkSite(root, full, path, out);
    else if (st.isFile()) addFile(out, path, full);
  }
}

function addFile(out: Map<string, PyFile>, path: string, full: string): void {
  const native = SO_RE.test(path) || /__mypyc\.cpython/.test(path);
  const mapped = path.replace(SO_RE, SO_39);
  if (out.has(mapped)) return; // Debian ships one .so per supported Python: keep one
  const content = readFileSync(full);
  out.set(mapped, { path: mapped, size: content.length, content, native, solve: false });
}

/** The IANA zone files (no posix/ or right/ copies), as tzdata and pytz wheels carry them. */
function addZoneinfo(spec: ReleaseSpec, zoneinfo: string, out: Map<string, PyFile>): void {
  const dest = spec.zoneinfo as string;
  const isTzdata = dest.startsWith('tzdata/');
  const dirs = new Set<string>();
  const names: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (
        rel === '' &&
        (name === 'posix' || name === 'right' || name === 'posixrules' || name === 'localtime')
      )
        continue;
      const full = join(dir, name);
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(full);
      const real = st.isSymbolicLink() ? join(dirname(full), readlinkSync(full)) : full;
      if (!existsSync(real)) continue;
      if (lstatSync(real).isDirectory()) {
        dirs.add(path);
        walk(real, path);
      } else {
        const content = readFileSync(real);
        out.set(`${dest}/${path}`, {
          path: `${dest}/${path}`,
          size: content.length,
          content,
          native: false,
          solve: true,
        });
        if (!path.includes('.') && /^[A-Z]/.test(path)) names.push(path);
      }
    }
  };
  walk(zoneinfo, '');
  if (!isTzdata) return;
  // tzdata makes every zoneinfo directory an importable package (importlib.resources reads them).
  const empty = Buffer.alloc(0);
  for (const d of ['', ...dirs]) {
    const path = d ? `${dest}/${d}/__init__.py` : `${dest}/__init__.py`;
    out.set(path, { path, size: 0, content: empty, native: false, solve: false });
  }
  const init = Buffer.from(
    '# IANA versions like 2020a are not valid PEP 440 identifiers; the recommended\n# way to translate the version is to use YYYY.n where `n` is a 0-based index.\n__version__ = "2025.2"\n\n# This exposes the original IANA version number.\nIANA_VERSION = "2025b"\n',
  );
  out.set('tzdata/__init__.py', {
    path: 'tzdata/__init__.py',
    size: init.length,
    content: init,
    native: false,
    solve: false,
  });
  const zones = Buffer.from(`${names.sort().join('\n')}\n`);
  out.set('tzdata/zones', {
    path: 'tzdata/zones',
    size: zones.length,
    content: zones,
    native: false,
    solve: false,
  });
}

function proxyContent(like: 'pem' | 'binary' | 'text', bytes: number, opts: PipBuildOptions): Buffer {
  if (like === 'binary') {
    // already-compressed data: a deterministic pseudo-random stream does not deflate either
    const out = Buffer.alloc(bytes);
    let x = 0x9e3779b9;
    for (let i = 0; i < bytes; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  }
  const sample =
    like === 'pem' ? readFileSync(opts.caBundle) : Buffer.from('lorem ipsum dolor sit amet '.repeat(64));
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += sample.length) sample.copy(out, i, 0, Math.min(sample.length, bytes - i));
  return out;
}

/* ---------------------------------------------------------------- .pyc */

/** Compiles every release's .py files with CPython 3.9 as pip does; returns pyc size by `release/path`. */
function compileAll(
  staged: { spec: ReleaseSpec; sources: PyFile[] }[],
  opts: PipBuildOptions,
): Map<string, number> {
  rmSync(opts.stage, { recursive: true, force: true });
  const dirs: string[] = [];
  for (const { spec, sources } of staged) {
    const dir = join(opts.stage, `${spec.name}-${spec.version}`);
    dirs.push(dir);
    for (const f of sources) {
      if (!f.path.endsWith('.py')) continue;
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
  }
  // pip compiles each installed .py with compileall.compile_file(force=True, quiet=True); files that
  // do not compile (newer syntax) are skipped silently, as pip does. A .pyc records its source's
  // path, so each tree is compiled as if it were in the python images' site-packages (ddir).
  const script = [
    'import compileall, sys',
    'for d in sys.argv[2:]:',
    '    compileall.compile_dir(d, ddir=sys.argv[1], force=True, quiet=2)',
  ].join('\n');
  execFileSync(opts.python39, ['-c', script, PYC_SITE_PACKAGES, ...dirs], { stdio: 'pipe' });
  const sizes = new Map<string, number>();
  for (const { spec, sources } of staged) {
    const dir = join(opts.stage, `${spec.name}-${spec.version}`);
    for (const f of sources) {
      if (!f.path.endsWith('.py')) continue;
      const pyc = pycPath(f.path);
      const full = join(dir, pyc);
      if (existsSync(full)) sizes.set(`${spec.name}-${spec.version}/${pyc}`, lstatSync(full).size);
    }
  }
  return sizes;
}

function pycPath(py: string): string {
  const dir = posix.dirname(py);
  const base = posix.basename(py, '.py');
  return `${dir === '.' ? '' : `${dir}/`}__pycache__/${base}.cpython-39.pyc`;
}

/* ---------------------------------------------------------------- releases */

function buildRelease(
  spec: ReleaseSpec,
  sources: PyFile[],
  meta: DebianMetadata,
  pyc: Map<string, number>,
  out: Map<string, string>,
  report: string[],
): PipRelease {
  const distInfo = `${wheelName(spec)}-${spec.version}.dist-info`;
  const scripts = spec.scripts
    ? spec.scripts.map(([name, entry]) => ({ name, entry }))
    : meta.scripts.filter((s) => !/^f2py3/.test(s.name));
  const requires = [...meta.requires, ...(spec.addRequires ?? []).map(parseRequirement)];
  const wheels: PipWheel[] = [];
  let glibcScale = 1;
  for (const w of spec.wheels) {
    const isPureTag = w.libc === 'any';
    const modules = sources.filter((f) => !(isPureTag && f.native));
    const bundled = (w.bundled ?? []).map(([name, weight]) => bundledLib(spec, name, weight, sources));
    const all = [...modules, ...bundled];
    let scale = 1;
    if (w.sameAs) scale = glibcScale;
    else if (w.published && (all.some((f) => f.native) || all.some((f) => f.solve))) {
      scale = solveScale(all, w.published.bytes, distInfo, spec, w, meta, scripts);
      if (w.libc === 'glibc') glibcScale = scale;
    }
    const sized = all.map((f) => (f.native || f.solve ? { ...f, size: Math.round(f.size * scale) } : f));
    const info = distInfoFiles(distInfo, spec, w, meta, scripts, sized);
    const wheelBytes = zipSize([...sized, ...info.inWheel]);
    const entries = toEntries(spec, sized, info.installed, pyc);
    const filename = `${wheelName(spec)}-${spec.version}-${w.tag}.whl`;
    const filesPath = `pip/${filename.replace(/\.whl$/, '')}.txt`;
    out.set(
      filesPath,
      encodeLayer(
        { format: 1, packages: [{ name: spec.name, version: spec.version, arch: w.tag }], contents: {} },
        entries,
      ),
    );
    const sibling = w.sameAs ? wheels.find((x) => x.libc === w.sameAs)?.size : undefined;
    const size: SourcedFigure = w.published
      ? {
          value: w.published.bytes,
          provenance: w.evidence.startsWith('estimated') ? 'estimated' : 'real',
          source: w.evidence,
        }
      : sibling
        ? { value: sibling.value, provenance: 'estimated', source: w.evidence }
        : { value: wheelBytes, provenance: 'estimated', source: 'deflate size of the rebuilt wheel' };
    if (w.published) {
      const delta = (wheelBytes - w.published.bytes) / w.published.bytes;
      report.push(
        `${filename}: rebuilt ${wheelBytes} B vs published ${w.published.text} (${(delta * 100).toFixed(1)}%)${scale !== 1 ? `, native/solved files ×${scale.toFixed(3)}` : ''}`,
      );
    }
    const installedSize = entries.reduce((n, e) => n + (e.kind === 'file' ? e.size : 0), 0);
    wheels.push({
      filename,
      tag: w.tag,
      libc: w.libc,
      ...(w.minLibc ? { minLibc: w.minLibc } : {}),
      size,
      installedSize,
      fileCount: entries.filter((e) => e.kind === 'file').length,
      files: filesPath,
      cacheKey: sha224(`https://files.pythonhosted.org/packages/${filename}`),
      provenance: wheelProvenance(spec, w, scale),
      ...(w.sameAs
        ? { note: `estimated: files as the ${w.sameAs} wheel, with the musl build's bundled libraries` }
        : {}),
    });
  }
  const built = sdistBuild(spec, sources, distInfo, meta, scripts, pyc, out);
  return {
    name: spec.name,
    display: spec.display,
    version: spec.version,
    requiresPython: spec.requiresPython ?? meta.requiresPython,
    requires: requires.filter((r) => !r.marker?.includes('extra ==')),
    extras: extrasOf(requires),
    consoleScripts: scripts,
    topLevel: topLevelOf(sources),
    distInfo,
    wheels,
    sdist: {
      filename: `${wheelName(spec)}-${spec.version}.tar.gz`,
      build: spec.sdist.build,
      needs: spec.sdist.needs,
      ...(built ? { built } : {}),
      note: spec.sdist.note,
    },
    provenance: releaseProvenance(spec),
    source: `Debian ${spec.debian.suite} ${spec.debian.packages.join(', ') || 'tzdata'} ${spec.debian.version}`,
    ...(spec.note ? { note: spec.note } : {}),
  };
}

/** The distribution name as wheel and dist-info names spell it today: normalised, `_` for `-`. */
function wheelName(spec: ReleaseSpec): string {
  return spec.name.replace(/-/g, '_');
}

function releaseProvenance(spec: ReleaseSpec): PipRelease['provenance'] {
  const debianVersion = spec.debian.version.replace(/^\d+:/, '').replace(/[+-].*$/, '');
  const sameVersion =
    debianVersion === spec.version || spec.debian.version.includes(`really.${spec.version}`);
  const native = spec.wheels.some((w) => w.libc !== 'any');
  if (sameVersion && !native && !spec.solveSizeOf && !spec.zoneinfo) return 'real';
  return 'real-layout-calibrated';
}

function wheelProvenance(spec: ReleaseSpec, w: WheelSpec, scale: number): PipWheel['provenance'] {
  if (w.sameAs || w.evidence.startsWith('estimated')) return 'estimated';
  if (scale !== 1) return 'real-layout-calibrated';
  return releaseProvenance(spec);
}

/** A library auditwheel copies into `<project>.libs/`; sized by weight against the release's own native files. */
function bundledLib(spec: ReleaseSpec, name: string, weight: number, sources: PyFile[]): PyFile {
  const native = sources.filter((f) => f.native);
  const nativeBytes = native.reduce((n, f) => n + f.size, 0) || 1;
  const total =
    (spec.wheels.find((w) => w.libc === 'glibc')?.bundled ?? []).reduce((n, [, wt]) => n + wt, 0) || weight;
  // The bundled libraries together are taken as twice the project's own compiled code until
  // calibration scales both to the published wheel; their relative sizes follow the weights.
  const size = Math.round((2 * nativeBytes * weight) / total);
  const proxy = Buffer.concat(native.map((f) => f.content)).subarray(0, Math.max(1, size));
  const content =
    proxy.length >= size
      ? proxy
      : Buffer.concat(Array(Math.ceil(size / Math.max(1, proxy.length))).fill(proxy)).subarray(0, size);
  const dir = `${wheelName(spec)}.libs`;
  return { path: `${dir}/${name}`, size, content, native: true, solve: false };
}

/** The factor for native (or solved) files that makes the rebuilt wheel deflate to `published` bytes. */
function solveScale(
  all: PyFile[],
  published: number,
  distInfo: string,
  spec: ReleaseSpec,
  w: WheelSpec,
  meta: DebianMetadata,
  scripts: { name: string; entry: string }[],
): number {
  const scalable = all.filter((f) => f.native || f.solve);
  const fixed = all.filter((f) => !(f.native || f.solve));
  const info = distInfoFiles(distInfo, spec, w, meta, scripts, all).inWheel;
  const fixedZip = zipSize([...fixed, ...info]);
  const headers = scalable.reduce((n, f) => n + 76 + 2 * Buffer.byteLength(f.path), 0);
  const compressed = zipSize(scalable) - 22 - headers;
  const k = (published - fixedZip - headers) / compressed;
  if (!(k > 0.05 && k < 20)) throw new Error(`${spec.name} ${w.tag}: calibration factor ${k} is implausible`);
  return k;
}

/** Bytes of a zip holding these files, deflated as wheel builders do (zlib level 6). */
function zipSize(files: readonly { path: string; size: number; content: Buffer }[]): number {
  let n = 22;
  for (const f of files) {
    const data = f.content.length === f.size ? f.content : f.content;
    const ratio = data.length ? deflateRawSync(data, { level: 6 }).length / data.length : 0;
    const compressed = Math.min(f.size, Math.round(f.size * ratio)) + (f.size === 0 ? 2 : 0);
    const name = Buffer.byteLength(f.path);
    n += 30 + name + compressed + 46 + name;
  }
  return n;
}

/* ---------------------------------------------------------------- dist-info */

interface DebianMetadata {
  requiresPython: string;
  requires: PipRequirement[];
  scripts: { name: string; entry: string }[];
  metadata: Buffer;
  topLevel?: Buffer;
  entryPoints?: Buffer;
}

function readDebianMetadata(spec: ReleaseSpec, debs: string): DebianMetadata {
  if (spec.debian.packages.length === 0) {
    const metadata = Buffer.from(
      `Metadata-Version: 2.1\nName: ${spec.display}\nVersion: ${spec.version}\nSummary: Provider of IANA time zone data\nHome-page: https://github.com/python/tzdata\nAuthor: Python Software Foundation\nAuthor-email: datetime-sig@python.org\nLicense: Apache-2.0\nRequires-Python: >=2\nDescription-Content-Type: text/markdown\nLicense-File: LICENSE\nLicense-File: licenses/LICENSE_APACHE\n\n${'tzdata: Python package providing IANA time zone data\n'.repeat(20)}`,
    );
    return { requiresPython: '>=2', requires: [], scripts: [], metadata };
  }
  for (const pkg of spec.debian.packages) {
    const site = join(debs, spec.debian.suite, pkg, 'usr/lib/python3/dist-packages');
    if (!existsSync(site)) continue;
    const info = readdirSync(site).find((n) => /\.(dist|egg)-info$/.test(n));
    if (!info) continue;
    const dir = join(site, info);
    const metadataFile = existsSync(join(dir, 'METADATA')) ? join(dir, 'METADATA') : join(dir, 'PKG-INFO');
    const metadata = readFileSync(metadataFile);
    const text = metadata.toString('utf8');
    const header = text.split(/\n\n/)[0] ?? '';
    const requires = [...header.matchAll(/^Requires-Dist: (.*)$/gm)].map((m) => parseRequirement(m[1] ?? ''));
    if (existsSync(join(dir, 'requires.txt')))
      requires.push(...parseRequiresTxt(readFileSync(join(dir, 'requires.txt'), 'utf8')));
    const ep = existsSync(join(dir, 'entry_points.txt'))
      ? readFileSync(join(dir, 'entry_points.txt'))
      : undefined;
    return {
      requiresPython: /^Requires-Python: (.*)$/m.exec(header)?.[1]?.trim() ?? '',
      requires,
      scripts: ep ? consoleScriptsOf(ep.toString('utf8')) : [],
      metadata,
      ...(existsSync(join(dir, 'top_level.txt'))
        ? { topLevel: readFileSync(join(dir, 'top_level.txt')) }
        : {}),
      ...(ep ? { entryPoints: ep } : {}),
    };
  }
  throw new Error(`${spec.name}: no dist-info or egg-info in ${spec.debian.packages.join(', ')}`);
}

export function parseRequirement(text: string): PipRequirement {
  const [req = '', marker] = text.split(';').map((s) => s.trim());
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*\(?([^)]*)\)?$/.exec(req);
  if (!m) throw new Error(`cannot parse requirement ${text}`);
  const name = (m[1] ?? '').toLowerCase().replace(/[-_.]+/g, '-');
  const specifier = (m[3] ?? '').replace(/\s+/g, '');
  return marker ? { name, specifier, marker } : { name, specifier };
}

function parseRequiresTxt(text: string): PipRequirement[] {
  const out: PipRequirement[] = [];
  let section = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const s = /^\[(.*)\]$/.exec(line);
    if (s) {
      section = s[1] ?? '';
      continue;
    }
    const [extra, cond] = section.split(':');
    const markers = [extra ? `extra == "${extra}"` : '', cond ?? ''].filter(Boolean).join(' and ');
    out.push(parseRequirement(markers ? `${line}; ${markers}` : line));
  }
  return out;
}

function consoleScriptsOf(text: string): { name: string; entry: string }[] {
  const section = /\[console_scripts\]([^[]*)/.exec(text)?.[1] ?? '';
  return section
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('='))
    .map((l) => {
      const [name = '', entry = ''] = l.split('=').map((s) => s.trim());
      return { name, entry };
    });
}

function extrasOf(requires: PipRequirement[]): Record<string, PipRequirement[]> {
  const extras: Record<string, PipRequirement[]> = {};
  for (const r of requires) {
    const m = /extra == ['"]([^'"]+)['"]/.exec(r.marker ?? '');
    if (!m?.[1]) continue;
    const rest = (r.marker ?? '')
      .replace(/\s*and\s*extra == ['"][^'"]+['"]|extra == ['"][^'"]+['"]\s*(and\s*)?/, '')
      .trim();
    const req = rest
      ? { name: r.name, specifier: r.specifier, marker: rest }
      : { name: r.name, specifier: r.specifier };
    extras[m[1]] = [...(extras[m[1]] ?? []), req];
  }
  return extras;
}

function topLevelOf(sources: PyFile[]): string[] {
  const names = new Set<string>();
  for (const f of sources) {
    const first = f.path.split('/')[0] ?? '';
    if (f.path.includes('/')) names.add(first);
    else if (first.endsWith('.py')) names.add(first.slice(0, -3));
  }
  return [...names].filter((n) => !n.endsWith('.libs')).sort();
}

interface InfoFiles {
  /** files inside the .whl's dist-info */
  inWheel: PyFile[];
  /** the dist-info as installed (adds INSTALLER, rewrites RECORD) */
  installed: PyFile[];
}

function distInfoFiles(
  distInfo: string,
  spec: ReleaseSpec,
  w: WheelSpec,
  meta: DebianMetadata,
  scripts: { name: string; entry: string }[],
  files: readonly PyFile[],
): InfoFiles {
  const text = (path: string, body: string | Buffer): PyFile => {
    const content = typeof body === 'string' ? Buffer.from(body) : body;
    return { path: `${distInfo}/${path}`, size: content.length, content, native: false, solve: false };
  };
  const purelib = w.libc === 'any';
  const tags = w.tag.split('-');
  const expanded = (tags[2] ?? 'any')
    .split('.')
    .flatMap((plat) => (tags[0] ?? 'py3').split('.').map((py) => `Tag: ${py}-${tags[1]}-${plat}`));
  const wheel = text(
    'WHEEL',
    `Wheel-Version: 1.0\nGenerator: ${purelib ? 'flit 3.12.0' : 'setuptools (80.9.0)'}\nRoot-Is-Purelib: ${purelib}\n${expanded.join('\n')}\n\n`,
  );
  const base = [text('METADATA', meta.metadata), wheel, ...licenseFiles(spec, distInfo)];
  if (meta.entryPoints || scripts.length) {
    base.push(
      text(
        'entry_points.txt',
        meta.entryPoints && !spec.scripts
          ? meta.entryPoints
          : `[console_scripts]\n${scripts.map((s) => `${s.name} = ${s.entry}`).join('\n')}\n`,
      ),
    );
  }
  if (meta.topLevel) base.push(text('top_level.txt', meta.topLevel));
  const recordFor = (list: readonly PyFile[], extra: string[]) => {
    const lines = list.map((f) => `${f.path},sha256=${'x'.repeat(43)},${f.size}`);
    return `${[...lines, ...extra, `${distInfo}/RECORD,,`].join('\n')}\n`;
  };
  const inWheel = [...base, text('RECORD', recordFor([...files, ...base], []))];
  const installer = text('INSTALLER', 'pip\n');
  const scriptLines = scripts.map((s) => {
    const size = consoleScriptSize(s.entry, DEFAULT_INTERPRETER);
    return `../../../bin/${s.name},sha256=${'x'.repeat(43)},${size}`;
  });
  const pycLines = files.filter((f) => f.path.endsWith('.py')).map((f) => `${pycPath(f.path)},,`);
  const installed = [
    ...base,
    installer,
    text('RECORD', recordFor([...files, ...base, installer], [...scriptLines, ...pycLines])),
  ];
  return { inWheel, installed };
}

function licenseFiles(spec: ReleaseSpec, distInfo: string): PyFile[] {
  return (LICENSES[spec.name] ?? []).map(([path, bytes]) => {
    const like = bytes > 9000 ? '/usr/share/common-licenses/Apache-2.0' : '/usr/share/common-licenses/BSD';
    const sample = readFileSync(like);
    const content = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i += sample.length)
      sample.copy(content, i, 0, Math.min(sample.length, bytes - i));
    return { path: `${distInfo}/${path}`, size: bytes, content, native: false, solve: false };
  });
}

/* ---------------------------------------------------------------- entries */

function toEntries(
  spec: ReleaseSpec,
  files: PyFile[],
  info: PyFile[],
  pyc: Map<string, number>,
): LayerEntry[] {
  const entries = new Map<string, LayerEntry>();
  const dir = (path: string) => {
    for (let d = posix.dirname(path); d !== '.' && !entries.has(d); d = posix.dirname(d)) {
      entries.set(d, { path: d, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, pkg: spec.name });
    }
  };
  for (const f of [...files, ...info]) {
    dir(f.path);
    const so = f.native || /\.so(\.|$)/.test(f.path);
    entries.set(f.path, {
      path: f.path,
      kind: 'file',
      mode: so ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: f.size,
      pkg: spec.name,
      ...(so ? { exec: { kind: 'elf', linkage: 'shared' } as const } : {}),
    });
    if (f.path.endsWith('.py')) {
      const size = pyc.get(`${spec.name}-${spec.version}/${pycPath(f.path)}`);
      if (size !== undefined) {
        const p = pycPath(f.path);
        dir(p);
        entries.set(p, { path: p, kind: 'file', mode: 0o644, uid: 0, gid: 0, size, pkg: spec.name });
      }
    }
  }
  return [...entries.values()];
}

/** What an sdist build without a compiler installs, when it can (pure, or the optional-native fallback). */
function sdistBuild(
  spec: ReleaseSpec,
  sources: PyFile[],
  distInfo: string,
  meta: DebianMetadata,
  scripts: { name: string; entry: string }[],
  pyc: Map<string, number>,
  out: Map<string, string>,
): PipRelease['sdist']['built'] {
  if (spec.sdist.build !== 'optional-native') return undefined;
  const pure = sources.filter((f) => !f.native);
  const w: WheelSpec = {
    tag: 'py3-none-any',
    libc: 'any',
    evidence: 'built from the sdist without the C extension',
  };
  const info = distInfoFiles(distInfo, spec, w, meta, scripts, pure);
  const entries = toEntries(spec, pure, info.installed, pyc);
  const files = `pip/${spec.name}-${spec.version}-sdist-pure.txt`;
  out.set(
    files,
    encodeLayer(
      {
        format: 1,
        packages: [{ name: spec.name, version: spec.version, arch: 'py3-none-any' }],
        contents: {},
      },
      entries,
    ),
  );
  return {
    tag: 'py3-none-any',
    installedSize: entries.reduce((n, e) => n + e.size, 0),
    fileCount: entries.filter((e) => e.kind === 'file').length,
    files,
  };
}

function sha224(name: string): string {
  return createHash('sha224').update(name).digest('hex');
}
