/**
 * `go build`, `go mod download` and `go install`: reads the context's go.mod and the imports of
 * its .go files, decides cgo as the go command does (on when CGO_ENABLED is unset and a C
 * compiler is on PATH), links dynamically against the stage's libc when cgo is on and the program
 * uses net or os/user, and writes a binary whose size comes from measured builds.
 */

import { gap } from '../../certainty.ts';
import { basename, joinPath } from '../../fs/path.ts';
import { findOnPath, stat } from '../../fs/tree.ts';
import type { GoCatalog } from '../../packages/go.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';

/** Packages whose use with cgo on makes the go command link against the C library. */
const CGO_PACKAGES = new Set(['net', 'net/http', 'os/user', 'net/smtp', 'net/rpc', 'crypto/x509']);

interface BuildFlags {
  output?: string;
  ldflags: string;
  tags: string;
  trimpath: boolean;
  all: boolean;
  packages: string[];
}

function parseFlags(args: readonly string[]): BuildFlags {
  const flags: BuildFlags = { ldflags: '', tags: '', trimpath: false, all: false, packages: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (name === '-o') flags.output = value();
    else if (name === '-ldflags') flags.ldflags = value();
    else if (name === '-tags') flags.tags = value();
    else if (name === '-trimpath') flags.trimpath = true;
    else if (name === '-a') flags.all = true;
    else if (
      name === '-installsuffix' ||
      name === '-gcflags' ||
      name === '-mod' ||
      name === '-buildvcs' ||
      name === '-p'
    )
      value();
    else if (!arg.startsWith('-')) flags.packages.push(arg);
  }
  return flags;
}

/** The module root: the nearest directory at or above `dir` with a go.mod. */
function findModule(context: CommandContext, dir: string): { root: string; path: string } | undefined {
  for (let current = dir; ; current = joinPath(current, '..')) {
    const text = context.fs.read(joinPath(current, 'go.mod'));
    if (text !== undefined || context.fs.stat(joinPath(current, 'go.mod'))) {
      return { root: current, path: /^module\s+(\S+)/m.exec(text ?? '')?.[1] ?? basename(current) };
    }
    if (current === '/') return undefined;
  }
}

/** The standard-library imports of the .go files in a package directory (tests excluded). */
function importsOf(
  context: CommandContext,
  dir: string,
): { files: number; imports: string[]; unknown: number } {
  const node = context.fs.stat(dir);
  const imports = new Set<string>();
  let files = 0;
  let unknown = 0;
  if (node?.kind !== 'dir') return { files, imports: [], unknown };
  for (const [name, child] of node.children) {
    if (!name.endsWith('.go') || name.endsWith('_test.go') || child.kind !== 'file') continue;
    files++;
    if (child.content === undefined) {
      unknown++;
      continue;
    }
    const block = /import\s*\(([^)]*)\)/s.exec(child.content)?.[1] ?? '';
    for (const match of block.matchAll(/"([^"]+)"/g)) imports.add(match[1] as string);
    for (const match of child.content.matchAll(/^import\s+(?:\w+\s+)?"([^"]+)"/gm))
      imports.add(match[1] as string);
  }
  return { files, imports: [...imports].sort(), unknown };
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
  cgo: boolean,
): void {
  const { fs, state, env } = context;
  const { uid, gid } = state.user;
  const cache = env.get('GOCACHE') ?? joinPath(state.user.home, '.cache/go-build');
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
  const home = state.user.home;
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

function goBuild(context: CommandContext, model: GoCatalog, install: boolean): CommandResult {
  const { fs, state, env } = context;
  const flags = parseFlags(context.args.slice(1));
  const module = findModule(context, state.cwd);
  if (!module)
    return fail(
      `go: go.mod file not found in current directory or any parent directory; see 'go help modules'`,
    );
  const target = flags.packages.find((pkg) => pkg !== './...' && pkg !== '.') ?? '.';
  const dir = fs.resolve(target);
  const { files, imports, unknown } = importsOf(context, dir);
  if (files === 0) return fail(`no Go files in ${dir}`);
  const external = imports.filter((name) => name.split('/')[0]?.includes('.'));
  const cgoSetting = env.get('CGO_ENABLED');
  const compiler = findOnPath(state.tree, env.get('PATH') ?? '', env.get('CC') ?? 'gcc');
  const cgo = cgoSetting === undefined ? compiler !== undefined : cgoSetting === '1';
  const goos = env.get('GOOS') ?? 'linux';
  const goarch = env.get('GOARCH') ?? 'amd64';
  const stripped = /-s\b/.test(flags.ldflags) && /-w\b/.test(flags.ldflags);
  const dynamic = cgo && goos === 'linux' && imports.some((name) => CGO_PACKAGES.has(name));
  const musl = stat(state.tree, '/lib/ld-musl-x86_64.so.1') !== undefined;
  const estimate = model.binary({ imports, stripped, cgo: dynamic });
  const size = estimate.size;
  const name = basename(module.path);
  let output =
    flags.output ??
    (install ? joinPath(env.get('GOBIN') ?? joinPath(env.get('GOPATH') ?? '/go', 'bin'), name) : name);
  if (fs.stat(output)?.kind === 'dir' || output.endsWith('/')) output = joinPath(fs.resolve(output), name);
  if (flags.output === undefined && flags.packages.includes('./...')) {
    state.notes.push(
      'go build ./... with several packages writes no binary; this one has one main package, so it was built as go build . would.',
    );
  }
  const exec = dynamic
    ? ({
        kind: 'elf',
        linkage: 'dynamic',
        interpreter: musl ? '/lib/ld-musl-x86_64.so.1' : '/lib64/ld-linux-x86-64.so.2',
      } as const)
    : ({ kind: 'elf', linkage: 'static' } as const);
  const { uid, gid } = state.user;
  fs.put(output, {
    kind: 'file',
    mode: 0o755,
    uid,
    gid,
    size,
    exec,
    contentId: `go:${module.path}:${imports.join(',')}:${stripped}:${dynamic}:${goos}/${goarch}`,
  });
  if (env.get('GOCACHE') !== 'off') writeBuildCache(context, model, imports, dynamic);
  state.notes.push(
    `go build wrote ${fs.resolve(output)} (${(size / 1e6).toFixed(1)} MB, ${dynamic ? `dynamically linked against ${musl ? 'musl' : 'glibc'} because cgo is on and it uses ${imports.filter((i) => CGO_PACKAGES.has(i)).join(', ')}` : 'statically linked'}${stripped ? ', stripped with -s -w' : ''}); its size is ${model.source}.`,
  );
  if (estimate.basis === 'model')
    state.gaps.push(
      gap(
        'estimated',
        'model',
        `The binary's size is modelled from measured builds (starting from ${estimate.from}), not measured for these imports.`,
      ),
    );
  if (cgoSetting === undefined && compiler)
    state.notes.push(`cgo was on by default: CGO_ENABLED is unset and ${compiler} is on PATH.`);
  if (flags.all)
    state.notes.push(
      '-a rebuilds the standard library too; with Go 1.20+ it only makes the build slower, and -installsuffix cgo is obsolete.',
    );
  if (unknown > 0)
    noteGap(
      state,
      'no-data',
      `${unknown} .go file(s) had unknown content; their imports could not be read.`,
      'estimated',
    );
  if (external.length > 0)
    noteGap(
      state,
      'no-data',
      `Modules outside the standard library (${external.join(', ')}) are not simulated: their code is not counted in the size.`,
      'estimated',
    );
  return { status: 0 };
}

/** `go`, with the size model loaded when a build first needs it. */
export function goCommand(loadModel: () => Promise<GoCatalog>): CommandModule {
  return {
    names: ['go'],
    async run(context) {
      const [sub] = context.args;
      if (sub === 'build') return goBuild(context, await loadModel(), false);
      if (sub === 'install') return goBuild(context, await loadModel(), true);
      if (sub === 'mod' && context.args[1] === 'download') {
        const module = findModule(context, context.state.cwd);
        if (!module)
          return fail(
            `go: go.mod file not found in current directory or any parent directory; see 'go help modules'`,
          );
        const requires = /^require\s/m.test(context.fs.read(joinPath(module.root, 'go.mod')) ?? '');
        if (requires) {
          noteGap(
            context.state,
            'no-data',
            'go mod download fetches the required modules; the simulator has no module proxy, so their files are not shown.',
          );
        }
        return { status: 0 };
      }
      if (sub === 'version')
        return {
          status: 0,
          stdout: `go version go${context.env.get('GOLANG_VERSION') ?? '1'} linux/amd64\n`,
        };
      noteGap(context.state, 'not-followed', `go ${sub ?? ''} is not simulated.`);
      return { status: 0 };
    },
  };
}
