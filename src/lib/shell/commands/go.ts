/**
 * `go`: build and install (go-build.ts), `go install pkg@version` (a module the data does not
 * have: the binary lands where the go command puts it, its size estimated and said so),
 * `go mod download` (the module cache sized from go.mod and go.sum) and `go version`/`go env`.
 */

import { joinPath } from '../../fs/path.ts';
import { findOnPath } from '../../fs/tree.ts';
import type { GoCatalog } from '../../packages/go.ts';
import {
  defaultExecName,
  escapeModulePath,
  modulesToDownload,
  parseGoSum,
} from '../../packages/go-modules.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { goBuild } from './go-build.ts';
import { parseBuildFlags } from './go-flags.ts';
import { gopath, missingModules, moduleCacheDir, writeModules } from './go-module-cache.ts';
import { findMainModule } from './go-packages.ts';

/** `go install example.com/cmd/x@v1.2.3`: outside (and regardless of) the main module. */
function installRemote(context: CommandContext, model: GoCatalog, pkgs: readonly string[]): CommandResult {
  const { env, state, fs } = context;
  const bin = env.get('GOBIN') || joinPath(gopath(context), 'bin');
  const versions = new Set(pkgs.map((p) => p.slice(p.indexOf('@') + 1)));
  if (versions.size > 1)
    return fail(
      `go: ${pkgs[1]}: all arguments must refer to packages in the same module at the same version (@${[...versions][0]})`,
    );
  const { uid, gid } = state.user;
  const estimate = model.remoteBinary;
  for (const arg of pkgs) {
    const at = arg.indexOf('@');
    const path = arg.slice(0, at);
    const version = arg.slice(at + 1);
    if (!path.split('/')[0]?.includes('.'))
      return fail(`go: ${arg}: malformed module path "${path}": missing dot in first path element`);
    const target = joinPath(bin, defaultExecName(path));
    fs.put(target, {
      kind: 'file',
      mode: 0o755,
      uid,
      gid,
      size: estimate.size,
      exec: { kind: 'elf', linkage: 'static' },
      contentId: `go-install:${arg}`,
    });
    // A version query (@latest, @main) resolves through the proxy: its version is unknown here.
    if (/^v\d+\.\d+\.\d+/.test(version)) {
      const wanted = missingModules(context, [{ path, version }]);
      if (wanted.length) writeModules(context, model, wanted);
    }
    noteGap(
      state,
      'no-data',
      `go install ${arg} fetched a module the simulator has no data for: ${target} is ${(estimate.size / 1e6).toFixed(1)} MB, ${estimate.basis}; whether it links the C library (cgo with net or os/user) is not known, so it is taken to be static.${/^v\d/.test(version) ? '' : ` The version ${version} resolves to is unknown, so its module cache is not shown.`}`,
      'estimated',
    );
  }
  return { status: 0 };
}

function modDownload(context: CommandContext, model: GoCatalog): CommandResult {
  const { fs, state } = context;
  const args = context.args.slice(2).filter((a) => !a.startsWith('-'));
  const module = findMainModule(context, state.cwd);
  if (args.some((a) => a.includes('@'))) {
    const wanted = args.map((a) => ({
      path: a.slice(0, a.indexOf('@')),
      version: a.slice(a.indexOf('@') + 1),
    }));
    const exact = wanted.filter((m) => /^v\d+\.\d+\.\d+/.test(m.version));
    writeModules(context, model, missingModules(context, exact));
    if (exact.length < wanted.length)
      noteGap(
        state,
        'no-data',
        'A version query (@latest) resolves through the module proxy: which version, and so its files, is unknown.',
      );
    return { status: 0 };
  }
  if (!module) return fail("go: no modules specified (see 'go help mod download')");
  const sum = parseGoSum(fs.read(joinPath(module.root, 'go.sum')) ?? '');
  const zips = modulesToDownload(module.mod, sum);
  if (zips.length === 0) return { status: 0, stderr: 'go: no module dependencies to download\n' };
  const zipKeys = new Set(zips.map((m) => `${m.path}@${m.version}`));
  const modsOnly = sum.mods.filter((m) => !zipKeys.has(`${m.path}@${m.version}`));
  const missing = missingModules(context, zips);
  const written = writeModules(
    context,
    model,
    missing,
    modsOnly.filter(
      (m) =>
        !fs.stat(
          joinPath(
            moduleCacheDir(context),
            'cache/download',
            escapeModulePath(m.path),
            '@v',
            `${m.version}.mod`,
          ),
        ),
    ),
  );
  state.notes.push(
    `go mod download fetched ${missing.length} module(s) into ${moduleCacheDir(context)} (${(written / 1e6).toFixed(1)} MB estimated): ${module.mod.go && Number(module.mod.go.split('.')[1]) >= 17 ? 'at go 1.17+ the modules go.mod requires' : 'every module in go.sum'}.`,
  );
  return { status: 0 };
}

function goEnv(context: CommandContext): CommandResult {
  const { env } = context;
  const home = env.get('HOME') ?? context.state.user.home;
  // Since Go 1.20 cgo defaults to off when CC is unset and gcc is not on PATH (a set CC keeps it on).
  const compiler = findOnPath(context.state.tree, env.get('PATH') ?? '', env.get('CC') || 'gcc');
  const cgo = env.get('CGO_ENABLED') ?? (compiler || env.get('CC') ? '1' : '0');
  const values: Record<string, string> = {
    GOPATH: gopath(context),
    GOBIN: env.get('GOBIN') ?? '',
    GOMODCACHE: moduleCacheDir(context),
    GOCACHE: env.get('GOCACHE') || joinPath(home, '.cache/go-build'),
    CGO_ENABLED: cgo,
    GOOS: env.get('GOOS') ?? 'linux',
    GOARCH: env.get('GOARCH') ?? 'amd64',
    GO111MODULE: env.get('GO111MODULE') ?? '',
    GOFLAGS: env.get('GOFLAGS') ?? '',
  };
  const names = context.args.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    noteGap(
      context.state,
      'not-followed',
      'go env without names prints every setting; the simulator prints the ones it models.',
      'estimated',
    );
    return {
      status: 0,
      stdout: Object.entries(values)
        .map(([k, v]) => `${k}='${v}'\n`)
        .join(''),
    };
  }
  return { status: 0, stdout: names.map((n) => `${values[n] ?? env.get(n) ?? ''}\n`).join('') };
}

/** `go`, with the size model loaded when a build first needs it. */
export function goCommand(loadModel: () => Promise<GoCatalog>): CommandModule {
  return {
    names: ['go'],
    async run(context) {
      const [sub] = context.args;
      if (sub === 'build') return goBuild(context, await loadModel(), false);
      if (sub === 'install') {
        const parsed = parseBuildFlags(context.args.slice(1), 'install');
        const remote = 'flags' in parsed ? parsed.flags.packages.filter((p) => p.includes('@')) : [];
        if (remote.length) {
          if ('flags' in parsed && remote.length < parsed.flags.packages.length)
            return fail(
              `go: ${parsed.flags.packages.find((p) => !p.includes('@'))}: all arguments must refer to packages in the same module at the same version (@${remote[0]?.split('@')[1]})`,
            );
          return installRemote(context, await loadModel(), remote);
        }
        return goBuild(context, await loadModel(), true);
      }
      if (sub === 'mod' && context.args[1] === 'download') return modDownload(context, await loadModel());
      if (sub === 'env') return goEnv(context);
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
