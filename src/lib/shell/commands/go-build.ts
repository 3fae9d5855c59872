/**
 * `go build` and `go install` of local packages: resolves the arguments as the go command does
 * (named .go files, directories, `./...`), checks every third-party import against go.mod, go.sum
 * or vendor/, fetches missing modules into the module cache, decides cgo (on when CGO_ENABLED is
 * unset and a C compiler is on PATH), and writes each main package's binary where the go command
 * would, sized from measured builds.
 */

import { gap } from '../../certainty.ts';
import type { Exec } from '../../fs/entry.ts';
import { basename, joinPath } from '../../fs/path.ts';
import { findOnPath, stat } from '../../fs/tree.ts';
import { type GoCatalog, isStdImport } from '../../packages/go.ts';
import { defaultExecName, type ModuleVersion, moduleOf, parseGoSum } from '../../packages/go-modules.ts';
import type { BuildContext } from '../../packages/go-source.ts';
import { type CommandContext, type CommandResult, fail, noteGap } from '../command.ts';
import { type BuildFlags, parseBuildFlags, strippedBy } from './go-flags.ts';
import { gopath, missingModules, writeModules } from './go-module-cache.ts';
import {
  findMainModule,
  type GoPackage,
  importPathOf,
  loadDir,
  loadFiles,
  loadPatterns,
  type MainModule,
  NO_GO_MOD,
} from './go-packages.ts';

/** Packages whose use with cgo on makes the go command link against the C library. */
const CGO_PACKAGES = new Set(['net', 'net/http', 'os/user', 'net/smtp', 'net/rpc', 'crypto/x509']);

interface Toolchain {
  readonly build: BuildContext;
  /** the compiler cgo runs: $CC, else gcc */
  readonly cc: string;
  /** the C compiler cgo's default found, when CGO_ENABLED is unset */
  readonly compiler?: string;
  readonly cgoSetting?: string;
}

function toolchain(context: CommandContext, flags: BuildFlags): Toolchain {
  const { env, state } = context;
  const cgoSetting = env.get('CGO_ENABLED');
  const cc = env.get('CC');
  // Since Go 1.20 cgo defaults to off when CC is unset and gcc is not on PATH; a CC that is set
  // keeps it on, found or not (measured: CC=nope go env CGO_ENABLED prints 1).
  const compiler = findOnPath(state.tree, env.get('PATH') ?? '', cc || 'gcc');
  const cgo = cgoSetting === undefined ? compiler !== undefined || Boolean(cc) : cgoSetting === '1';
  return {
    build: { goos: env.get('GOOS') ?? 'linux', goarch: env.get('GOARCH') ?? 'amd64', cgo, tags: flags.tags },
    cc: cc || 'gcc',
    ...(compiler ? { compiler } : {}),
    ...(cgoSetting !== undefined ? { cgoSetting } : {}),
  };
}

/** Where in the importing file an import is, as the go command prefixes its errors (`main.go:4:2: `). */
function importPosition(context: CommandContext, pkg: GoPackage, path: string): string {
  for (const file of pkg.files) {
    const lines = (context.fs.read(joinPath(pkg.dir, file)) ?? '').split('\n');
    const line = lines.findIndex((l) => l.includes(`"${path}"`));
    if (line !== -1) {
      const text = lines[line] as string;
      const column = text.indexOf(`"${path}"`) + 1;
      return `${pkg.files.length && pkg.importPath === 'command-line-arguments' ? file : joinPath(pkg.dir, file).replace(`${context.state.cwd}/`, '')}:${line + 1}:${column}: `;
    }
  }
  return '';
}

interface Closure {
  readonly std: Set<string>;
  readonly thirdParty: Map<string, { readonly from: GoPackage }>;
  readonly unreadable: number;
}

/** Every import the packages reach, following the main module's own packages. */
function importClosure(
  context: CommandContext,
  roots: readonly GoPackage[],
  module: MainModule | undefined,
  build: BuildContext,
): Closure | { error: string } {
  const std = new Set<string>();
  const thirdParty = new Map<string, { from: GoPackage }>();
  const seen = new Set<string>();
  let unreadable = 0;
  const queue = [...roots];
  while (queue.length) {
    const pkg = queue.shift() as GoPackage;
    if (seen.has(pkg.dir)) continue;
    seen.add(pkg.dir);
    unreadable += pkg.unreadable;
    for (const path of pkg.imports) {
      if (isStdImport(path)) std.add(path);
      else if (module && (path === module.mod.path || path.startsWith(`${module.mod.path}/`))) {
        const dir = joinPath(module.root, path.slice(module.mod.path.length));
        const local = loadDir(context, dir, importPathOf(module, dir), build);
        if ('error' in local) return { error: `${importPosition(context, pkg, path)}${local.error}` };
        queue.push(local);
      } else if (!thirdParty.has(path)) thirdParty.set(path, { from: pkg });
    }
  }
  return { std, thirdParty, unreadable };
}

function vendorMode(context: CommandContext, module: MainModule, flags: BuildFlags): boolean {
  const flag = flags.mod ?? /-mod=(\w+)/.exec(context.env.get('GOFLAGS') ?? '')?.[1];
  if (flag) return flag === 'vendor';
  const [, minor] = (module.mod.go ?? '1.0').split('.').map(Number);
  // Since Go 1.14 a vendor/modules.txt makes -mod=vendor the default when go.mod says go 1.14+.
  return (minor ?? 0) >= 14 && context.fs.stat(joinPath(module.root, 'vendor/modules.txt'))?.kind === 'file';
}

/**
 * go.mod's requires against vendor/modules.txt's `# path version` and `## explicit` lines: a
 * mismatch stops the build with the go command's "inconsistent vendoring" message.
 */
function vendorInconsistency(context: CommandContext, module: MainModule): string | undefined {
  const text = context.fs.read(joinPath(module.root, 'vendor/modules.txt'));
  if (text === undefined) return undefined;
  const explicit = new Set<string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const header = /^# (\S+) (\S+)/.exec(line);
    if (header) current = `${header[1]}@${header[2]}`;
    else if (current && line.startsWith('## explicit')) explicit.add(current);
  }
  const required = new Set(module.mod.requires.map((r) => `${r.path}@${r.version}`));
  const problems = [
    ...[...required]
      .filter((r) => !explicit.has(r))
      .map(
        (r) => `\t${r}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`,
      ),
    ...[...explicit]
      .filter((e) => !required.has(e))
      .map(
        (e) => `\t${e}: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod`,
      ),
  ];
  if (problems.length === 0) return undefined;
  return `go: inconsistent vendoring in ${module.root}:\n${problems.join('\n')}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor`;
}

/**
 * The modules the third-party imports come from: each must be required by go.mod and hashed in
 * go.sum (or vendored, in vendor mode). Returns the modules to fetch, or the go command's error.
 */
function requiredModules(
  context: CommandContext,
  closure: Closure,
  module: MainModule | undefined,
  flags: BuildFlags,
): { modules: ModuleVersion[]; vendored: boolean } | { error: string } {
  const entries = [...closure.thirdParty];
  if (!module) {
    const [path, { from }] = entries[0] ?? ['', { from: undefined }];
    if (from)
      return {
        error: `${importPosition(context, from, path)}no required module provides package ${path}: ${NO_GO_MOD.slice(4)}`,
      };
    return { modules: [], vendored: false };
  }
  const vendored = vendorMode(context, module, flags);
  if (vendored) {
    const inconsistent = vendorInconsistency(context, module);
    if (inconsistent) return { error: inconsistent };
  }
  const sum = parseGoSum(context.fs.read(joinPath(module.root, 'go.sum')) ?? '');
  const modules = new Map<string, ModuleVersion>();
  for (const [path, { from }] of entries) {
    if (vendored) {
      if (!context.fs.stat(joinPath(module.root, 'vendor', path)))
        return {
          error: `${importPosition(context, from, path)}cannot find module providing package ${path}: import lookup disabled by -mod=vendor`,
        };
      continue;
    }
    const owner = moduleOf(
      path,
      module.mod.requires.map((r) => r.path),
    );
    const required = module.mod.requires.find((r) => r.path === owner);
    if (!required)
      return {
        error: `${importPosition(context, from, path)}no required module provides package ${path}; to add it:\n\tgo get ${path}`,
      };
    if (!module.mod.localReplaces.includes(required.path)) {
      if (!sum.zips.some((z) => z.path === required.path && z.version === required.version))
        return {
          error: `${importPosition(context, from, path)}missing go.sum entry for module providing package ${path} (imported by ${from.importPath}); to add:\n\tgo get ${from.importPath}`,
        };
      modules.set(required.path, required);
    }
  }
  return { modules: [...modules.values()], vendored };
}

interface Output {
  readonly path: string;
  readonly pkg: GoPackage;
}

/** Where each main package's binary goes, or the go command's error. */
function outputs(
  context: CommandContext,
  packages: readonly GoPackage[],
  flags: BuildFlags,
  install: boolean,
  build: BuildContext,
): Output[] | { error: string } {
  const { env, fs } = context;
  const mains = packages.filter((p) => p.name === 'main');
  const nameOf = (pkg: GoPackage) =>
    pkg.importPath === 'command-line-arguments'
      ? (pkg.files[0] ?? 'main').replace(/\.go$/, '')
      : defaultExecName(pkg.importPath);
  if (install) {
    const cross = build.goos !== 'linux' || build.goarch !== 'amd64';
    if (cross && env.get('GOBIN'))
      return { error: 'go: cannot install cross-compiled binaries when GOBIN is set' };
    const bin =
      env.get('GOBIN') || joinPath(gopath(context), 'bin', cross ? `${build.goos}_${build.goarch}` : '');
    return mains.map((pkg) => ({ path: joinPath(bin, nameOf(pkg)), pkg }));
  }
  // Measured: -buildmode=c-shared names the library `lib` (no .so), c-archive `lib.a`.
  const suffix = flags.buildmode === 'c-archive' ? '.a' : '';
  if (flags.output !== undefined) {
    if (flags.output.endsWith('/') || fs.stat(flags.output)?.kind === 'dir')
      return mains.map((pkg) => ({ path: joinPath(fs.resolve(flags.output as string), nameOf(pkg)), pkg }));
    if (packages.length > 1)
      return { error: `go: cannot write multiple packages to non-directory ${flags.output}` };
    return packages.map((pkg) => ({ path: fs.resolve(flags.output as string), pkg }));
  }
  // Several packages, or one that is not main: compiled and checked, nothing written.
  if (packages.length !== 1 || mains.length !== 1) return [];
  const pkg = mains[0] as GoPackage;
  const name = suffix ? `${nameOf(pkg)}${suffix}` : nameOf(pkg);
  return [{ path: fs.resolve(name), pkg }];
}

/** What the go command says when there is no go.mod and the arguments are not named files. */
function outsideModule(patterns: readonly string[], install: boolean): string {
  const recursive = patterns.find((p) => p.includes('...'));
  if (recursive)
    return `pattern ${recursive}: directory prefix ${recursive.replace(/\/?\.\.\.$/, '') || '.'} does not contain main module or its selected dependencies`;
  const remote = patterns.find((p) => !p.startsWith('.') && !p.startsWith('/'));
  if (install && remote)
    return `go: 'go install' requires a version when current directory is not in a module\n\tTry 'go install ${remote}@latest' to install the latest version`;
  if (remote) return `no required module provides package ${remote}: ${NO_GO_MOD.slice(4)}`;
  return NO_GO_MOD;
}

export async function goBuild(
  context: CommandContext,
  model: GoCatalog,
  install: boolean,
): Promise<CommandResult> {
  const command = install ? 'install' : 'build';
  const parsed = parseBuildFlags(context.args.slice(1), command);
  if ('error' in parsed) return fail(parsed.error, 2);
  const { flags } = parsed;
  const { env, state } = context;
  const tools = toolchain(context, flags);
  const { build } = tools;
  const gopathMode = env.get('GO111MODULE') === 'off';
  const module = gopathMode ? undefined : findMainModule(context, state.cwd);
  // Named .go files make one package when any of them exists as a file (else they are patterns).
  const fileArgs = flags.packages.some((p) => p.endsWith('.go') && context.fs.stat(p)?.kind === 'file');
  let resolved: ReturnType<typeof loadPatterns>;
  if (fileArgs) resolved = loadFiles(context, flags.packages, build);
  else if (module) resolved = loadPatterns(context, module, flags.packages, build);
  else if (gopathMode) {
    const pkg = loadDir(context, state.cwd, `_${state.cwd}`, build);
    resolved = 'error' in pkg ? pkg : { packages: [{ ...pkg, importPath: basename(state.cwd) }] };
  } else return fail(outsideModule(flags.packages, install));
  if ('error' in resolved) return fail(resolved.error);
  const { packages } = resolved;
  if ((flags.buildmode === 'c-shared' || flags.buildmode === 'c-archive') && !build.cgo)
    return fail(`-buildmode=${flags.buildmode} requires external (cgo) linking, but cgo is not enabled`);
  const closure = importClosure(context, packages, module, build);
  if ('error' in closure) return fail(closure.error);
  const linksCgo =
    build.cgo &&
    (flags.buildmode === 'c-shared' ||
      flags.buildmode === 'c-archive' ||
      [...closure.std].some((i) => CGO_PACKAGES.has(i)));
  if (linksCgo && !tools.compiler)
    return fail(
      `# runtime/cgo\ncgo: C compiler "${tools.cc}" not found: exec: "${tools.cc}": executable file not found in $PATH`,
    );
  const needed = requiredModules(context, closure, gopathMode ? module : module, flags);
  if ('error' in needed) return fail(needed.error);
  const targets = outputs(context, packages, flags, install, build);
  if ('error' in targets) return fail(targets.error);

  const fetched = missingModules(context, needed.modules);
  if (fetched.length) writeModules(context, model, fetched);
  for (const target of targets) writeBinary(context, model, tools, flags, target, closure);
  if (targets.length === 0)
    state.notes.push(
      packages.length > 1
        ? `go ${command} compiled ${packages.length} packages and wrote no binary: with several packages and no -o directory the go command only checks that they build.`
        : `go ${command} compiled ${packages[0]?.importPath}, which is not a main package: nothing is written.`,
    );
  if (env.get('GOCACHE') !== 'off')
    writeBuildCache(context, model, [...closure.std, ...closure.thirdParty.keys()], tools);
  if (closure.unreadable > 0)
    noteGap(
      state,
      'no-data',
      `${closure.unreadable} .go file(s) had unknown content; their imports could not be read.`,
      'estimated',
    );
  if (needed.vendored)
    state.notes.push(
      'go.mod says go 1.14 or later and vendor/modules.txt exists, so the build read modules from vendor/ (-mod=vendor).',
    );
  return { status: 0 };
}

function execOf(context: CommandContext, dynamic: boolean, buildmode: BuildFlags['buildmode']): Exec {
  const musl = stat(context.state.tree, '/lib/ld-musl-x86_64.so.1') !== undefined;
  if (buildmode === 'c-shared') return { kind: 'elf', linkage: 'shared', libc: musl ? 'musl' : 'glibc' };
  if (!dynamic && buildmode !== 'pie') return { kind: 'elf', linkage: 'static' };
  return {
    kind: 'elf',
    linkage: 'dynamic',
    interpreter: musl ? '/lib/ld-musl-x86_64.so.1' : '/lib64/ld-linux-x86-64.so.2',
  };
}

function writeBinary(
  context: CommandContext,
  model: GoCatalog,
  tools: Toolchain,
  flags: BuildFlags,
  target: Output,
  closure: Closure,
): void {
  const { state, fs } = context;
  const { build } = tools;
  const std = [...closure.std];
  const dynamic = build.cgo && build.goos === 'linux' && std.some((name) => CGO_PACKAGES.has(name));
  const stripped = strippedBy(flags.ldflags);
  const estimate = model.binary({
    imports: [...std, ...closure.thirdParty.keys()].sort(),
    stripped,
    cgo: dynamic,
    trimpath: flags.trimpath,
    goarch: build.goarch,
    ...(flags.buildmode === 'pie' || flags.buildmode === 'c-shared' || flags.buildmode === 'c-archive'
      ? { buildmode: flags.buildmode }
      : {}),
  });
  const exec = execOf(context, dynamic, flags.buildmode);
  const { uid, gid } = state.user;
  const path = target.path;
  const archive = flags.buildmode === 'c-archive';
  fs.put(path, {
    kind: 'file',
    mode: archive ? 0o644 : 0o755,
    uid,
    gid,
    size: estimate.size,
    ...(archive ? {} : { exec }),
    contentId: `go:${target.pkg.importPath}:${estimate.size}:${stripped}:${dynamic}:${build.goos}/${build.goarch}:${flags.buildmode}`,
  });
  if (flags.buildmode === 'c-shared' || archive)
    fs.put(`${path.replace(/\.(so|a)$/, '')}.h`, {
      kind: 'file',
      mode: 0o644,
      uid,
      gid,
      size: model.cHeaderBytes,
    });
  const linkage = dynamic
    ? `dynamically linked because cgo is on and it uses ${std.filter((i) => CGO_PACKAGES.has(i)).join(', ')}`
    : flags.buildmode === 'pie'
      ? 'a position-independent executable (-buildmode=pie)'
      : flags.buildmode === 'c-shared'
        ? 'a shared library'
        : archive
          ? 'a C archive'
          : 'statically linked';
  state.notes.push(
    `go ${context.args[0]} wrote ${fs.resolve(path)} (${(estimate.size / 1e6).toFixed(1)} MB, ${linkage}${stripped ? ', stripped with -s -w' : ''}); its size is ${estimate.basis === 'measured' ? model.source : 'modelled from measured builds'}.`,
  );
  if (estimate.basis === 'model')
    state.gaps.push(
      gap(
        'estimated',
        'model',
        `The binary's size is modelled from measured builds (starting from ${estimate.from}${estimate.modules.length ? `, plus measured modules ${estimate.modules.join(', ')}` : ''}), not measured for these imports.`,
      ),
    );
  if (estimate.estimatedImports.some((i) => !isStdImport(i)))
    noteGap(
      state,
      'no-data',
      `Third-party packages without a measurement (${estimate.estimatedImports.filter((i) => !isStdImport(i)).join(', ')}) each add ${(model.thirdPartyImportBytes / 1e6).toFixed(1)} MB, the median of the measured libraries: estimated.`,
      'estimated',
    );
  if (tools.cgoSetting === undefined && tools.compiler && dynamic)
    state.notes.push(`cgo was on by default: CGO_ENABLED is unset and ${tools.compiler} is on PATH.`);
  if (tools.cgoSetting === undefined && !tools.compiler && std.some((i) => CGO_PACKAGES.has(i)))
    state.notes.push(
      'cgo was off by default: no C compiler (gcc) is on PATH, so net and os/user use their pure Go versions.',
    );
  if (flags.all)
    state.notes.push(
      '-a rebuilds the standard library too; with Go 1.20+ it only makes the build slower, and -installsuffix cgo is obsolete.',
    );
}

/**
 * What a build leaves in GOCACHE and in ~/.config/go: the measured byte and file counts, spread
 * over the cache's two-hex-digit directories (the files' names and split are modelled), plus the
 * telemetry counters the go command writes, as measured.
 */
function writeBuildCache(
  context: CommandContext,
  model: GoCatalog,
  imports: readonly string[],
  tools: Toolchain,
): void {
  const { fs, state, env } = context;
  const { uid, gid } = state.user;
  const home = env.get('HOME') ?? state.user.home;
  const cache = env.get('GOCACHE') || joinPath(home, '.cache/go-build');
  const cgo = tools.build.cgo && imports.some((i) => CGO_PACKAGES.has(i));
  const estimate = model.buildCache({ imports, cgo });
  const files = Math.max(1, estimate.files);
  const each = Math.floor(estimate.bytes / files);
  const entries = Array.from({ length: files }, (_, i) => {
    const hex = (i % 256).toString(16).padStart(2, '0');
    const size = i === 0 ? estimate.bytes - each * (files - 1) : each;
    return {
      path: joinPath(cache, hex, `${hex}${i.toString(16).padStart(6, '0')}-d`),
      kind: 'file' as const,
      mode: 0o644,
      uid,
      gid,
      size,
    };
  });
  const leftBehind = model.data.leftBehind
    .filter((entry) => entry.kind === 'file')
    .map((entry) => ({
      path: entry.path.replace('/root/.cache/go-build', cache).replace(/^\/root(?=\/)/, home),
      kind: 'file' as const,
      mode: 0o644,
      uid,
      gid,
      size: entry.bytes,
    }));
  fs.putAll([...entries, ...leftBehind]);
  if (estimate.basis === 'model')
    state.gaps.push(
      gap('estimated', 'model', `The size of the build cache in ${cache} is modelled from measured builds.`),
    );
  state.notes.push(
    `The build left ${(estimate.bytes / 1e6).toFixed(1)} MB in ${estimate.files} files in ${cache} (${estimate.basis === 'measured' ? 'measured' : 'modelled from measurements'}): build in a separate stage, or use RUN --mount=type=cache,target=${cache}.`,
  );
}
