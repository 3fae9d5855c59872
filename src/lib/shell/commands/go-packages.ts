/**
 * How the go command turns `go build`'s arguments into packages: .go files named on the command
 * line (one synthesized package, "command-line-arguments"), directories (`.`, `./cmd/x`), `./...`
 * and import paths inside the main module; then each package's files, constraints and imports,
 * followed through the module's own packages.
 */

import { joinPath } from '../../fs/path.ts';
import { type GoModFile, parseGoMod } from '../../packages/go-modules.ts';
import { type BuildContext, fileIncluded, type GoFileHeader, parseGoFile } from '../../packages/go-source.ts';
import type { CommandContext } from '../command.ts';

export interface MainModule {
  readonly root: string;
  readonly mod: GoModFile;
}

export interface GoPackage {
  /** the import path (`example.com/app/cmd/x`), or `command-line-arguments` for named files */
  readonly importPath: string;
  readonly dir: string;
  readonly name: string;
  /** the .go files that take part in the build */
  readonly files: readonly string[];
  /** what those files import */
  readonly imports: readonly string[];
  /** files whose content the simulator does not have */
  readonly unreadable: number;
}

export type Resolved = { readonly packages: readonly GoPackage[] } | { readonly error: string };

export const NO_GO_MOD =
  "go: go.mod file not found in current directory or any parent directory; see 'go help modules'";

/** The module root: the nearest directory at or above `dir` with a go.mod. */
export function findMainModule(context: CommandContext, dir: string): MainModule | undefined {
  for (let current = dir; ; current = joinPath(current, '..')) {
    const path = joinPath(current, 'go.mod');
    if (context.fs.stat(path)?.kind === 'file') {
      return { root: current, mod: parseGoMod(context.fs.read(path) ?? '') };
    }
    if (current === '/') return undefined;
  }
}

interface ReadFile {
  readonly name: string;
  readonly header?: GoFileHeader;
}

function readGoFile(context: CommandContext, path: string, name: string): ReadFile {
  const text = context.fs.read(path);
  const header = text === undefined ? undefined : parseGoFile(text);
  return header ? { name, header } : { name };
}

/** A package from the files it is made of; an error in the go command's words when none takes part. */
function packageOf(
  importPath: string,
  dir: string,
  files: readonly ReadFile[],
  build: BuildContext | 'all files',
): GoPackage | { error: string } {
  if (files.length === 0) return { error: `no Go files in ${dir}` };
  const included = files.filter(
    (f) => build === 'all files' || !f.header || fileIncluded(f.name, f.header, build),
  );
  if (included.length === 0)
    return { error: `package ${importPath}: build constraints exclude all Go files in ${dir}` };
  const names = [...new Set(included.flatMap((f) => (f.header ? [f.header.packageName] : [])))];
  if (names.length > 1) {
    const [a, b] = included.filter((f) => f.header);
    return {
      error: `found packages ${a?.header?.packageName} (${a?.name}) and ${b?.header?.packageName} (${b?.name}) in ${dir}`,
    };
  }
  const imports = [...new Set(included.flatMap((f) => f.header?.imports ?? []))].filter((i) => i !== 'C');
  return {
    importPath,
    dir,
    // An unreadable file is taken to be the package's own kind: main where the rest is unknown.
    name: names[0] ?? 'main',
    files: included.map((f) => f.name),
    imports: imports.sort(),
    unreadable: included.filter((f) => !f.header).length,
  };
}

/** The package in a directory (the files the go command would consider: *.go, tests aside). */
export function loadDir(
  context: CommandContext,
  dir: string,
  importPath: string,
  build: BuildContext,
): GoPackage | { error: string } {
  const node = context.fs.stat(dir);
  if (node?.kind !== 'dir') return { error: `stat ${dir}: directory not found` };
  const files = [...node.children]
    .filter(([name, child]) => name.endsWith('.go') && !name.endsWith('_test.go') && child.kind === 'file')
    .map(([name]) => readGoFile(context, joinPath(dir, name), name));
  return packageOf(importPath, dir, files, build);
}

/** `go build a.go b.go`: one package of exactly these files, which must share a directory. */
export function loadFiles(context: CommandContext, args: readonly string[], build: BuildContext): Resolved {
  for (const arg of args) {
    if (!arg.endsWith('.go')) return { error: `named files must be .go files: ${arg}` };
    if (context.fs.stat(arg)?.kind !== 'file')
      return { error: `stat ${context.fs.resolve(arg)}: no such file or directory` };
  }
  const dirs = new Set(args.map((arg) => context.fs.resolve(joinPath(arg, '..'))));
  if (dirs.size > 1) {
    const [a, b] = [...dirs];
    return { error: `named files must all be in one directory; have ${a}/ and ${b}/` };
  }
  const dir = [...dirs][0] as string;
  // Named files are built whatever their //go:build lines say (`go run gen.go` with `//go:build
  // ignore`), but cgo files still need cgo (measured: CGO_ENABLED=0 leaves "no Go source files").
  const files = args
    .map((arg) => readGoFile(context, context.fs.resolve(arg), arg.split('/').at(-1) ?? arg))
    .filter((f) => build.cgo || !f.header?.imports.includes('C'));
  if (files.length === 0) return { error: 'go: no Go source files' };
  const pkg = packageOf('command-line-arguments', dir, files, 'all files');
  return 'error' in pkg ? pkg : { packages: [pkg] };
}

/** Every directory under `dir` with .go files, as `./...` walks it (vendor, testdata, _x, .x and nested modules skipped). */
function walkPackages(context: CommandContext, dir: string, top: string): string[] {
  const node = context.fs.stat(dir);
  if (node?.kind !== 'dir') return [];
  if (dir !== top && context.fs.stat(joinPath(dir, 'go.mod'))?.kind === 'file') return [];
  const found: string[] = [];
  if ([...node.children].some(([name, child]) => name.endsWith('.go') && child.kind === 'file'))
    found.push(dir);
  for (const [name, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (child.kind !== 'dir' || name === 'vendor' || name === 'testdata' || /^[._]/.test(name)) continue;
    found.push(...walkPackages(context, joinPath(dir, name), top));
  }
  return found;
}

/** The import path of a directory inside the main module. */
export function importPathOf(module: MainModule, dir: string): string {
  return dir === module.root
    ? module.mod.path
    : `${module.mod.path}${dir.slice(module.root === '/' ? 0 : module.root.length)}`;
}

/** Package patterns (`.`, `./cmd/x`, `./...`, `example.com/app/x`) inside the main module. */
export function loadPatterns(
  context: CommandContext,
  module: MainModule,
  patterns: readonly string[],
  build: BuildContext,
): Resolved {
  const packages: GoPackage[] = [];
  for (const pattern of patterns.length ? patterns : ['.']) {
    const local = pattern.startsWith('.') || pattern.startsWith('/');
    const inModule = pattern === module.mod.path || pattern.startsWith(`${module.mod.path}/`);
    if (!local && !inModule) {
      if (!pattern.split('/')[0]?.includes('.')) return { error: `package ${pattern} is not in std` };
      return { error: `no required module provides package ${pattern}; to add it:\n\tgo get ${pattern}` };
    }
    const path = local ? pattern : `.${pattern.slice(module.mod.path.length)}` || '.';
    const recursive = path.endsWith('/...') || path === '...';
    const dir = context.fs.resolve(recursive ? path.replace(/\/?\.\.\.$/, '') || '.' : path);
    if (dir !== module.root && !dir.startsWith(`${module.root === '/' ? '' : module.root}/`))
      return { error: `directory ${dir} outside main module or its selected dependencies` };
    const dirs = recursive ? walkPackages(context, dir, module.root) : [dir];
    if (recursive && dirs.length === 0) continue;
    for (const d of dirs) {
      const pkg = loadDir(context, d, importPathOf(module, d), build);
      if ('error' in pkg) {
        // ./... skips directories whose files are all excluded; a named directory is an error.
        if (recursive && pkg.error.includes('build constraints exclude')) continue;
        return { error: pkg.error };
      }
      if (!packages.some((p) => p.dir === pkg.dir)) packages.push(pkg);
    }
  }
  return { packages };
}
