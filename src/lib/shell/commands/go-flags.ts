/**
 * The build flags `go build` and `go install` share, parsed as the go command's flag package does:
 * `-flag value` or `-flag=value`, one or two dashes, and an unknown flag is an error (which is what
 * `go build -ldflags=-s -w` meets: the shell splits it and `-w` is no build flag).
 */

export type BuildMode =
  | 'default'
  | 'exe'
  | 'pie'
  | 'c-shared'
  | 'c-archive'
  | 'archive'
  | 'shared'
  | 'plugin';

export interface BuildFlags {
  readonly output?: string;
  readonly ldflags: string;
  readonly tags: readonly string[];
  readonly trimpath: boolean;
  /** -a: rebuild everything */
  readonly all: boolean;
  readonly buildmode: BuildMode;
  /** -mod: readonly, vendor or mod */
  readonly mod?: string;
  readonly packages: readonly string[];
}

const VALUE_FLAGS = new Set([
  'o',
  'ldflags',
  'tags',
  'gcflags',
  'asmflags',
  'gccgoflags',
  'installsuffix',
  'mod',
  'modfile',
  'buildmode',
  'buildvcs',
  'p',
  'pkgdir',
  'overlay',
  'pgo',
  'compiler',
  'toolexec',
  'coverpkg',
  'covermode',
  'C',
  'cover',
]);
const BOOL_FLAGS = new Set([
  'a',
  'n',
  'v',
  'x',
  'race',
  'msan',
  'asan',
  'trimpath',
  'work',
  'linkshared',
  'modcacherw',
  'json',
]);
const MODES = new Set<string>([
  'default',
  'exe',
  'pie',
  'c-shared',
  'c-archive',
  'archive',
  'shared',
  'plugin',
]);

export type ParsedFlags = { readonly flags: BuildFlags } | { readonly error: string };

export function parseBuildFlags(args: readonly string[], command: 'build' | 'install'): ParsedFlags {
  let output: string | undefined;
  let ldflags = '';
  let tags: string[] = [];
  let trimpath = false;
  let all = false;
  let buildmode: BuildMode = 'default';
  let mod: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if (BOOL_FLAGS.has(name) || (name === 'buildvcs' && inline === undefined)) {
      if (name === 'trimpath') trimpath = inline !== 'false';
      if (name === 'a') all = inline !== 'false';
      continue;
    }
    if (!VALUE_FLAGS.has(name)) return { error: usage(`flag provided but not defined: -${name}`, command) };
    const value = inline ?? args[++i];
    if (value === undefined) return { error: usage(`flag needs an argument: -${name}`, command) };
    if (name === 'o') output = value;
    else if (name === 'ldflags') ldflags = value;
    else if (name === 'tags') tags = value.split(/[,\s]+/).filter(Boolean);
    else if (name === 'mod') mod = value;
    else if (name === 'buildmode') {
      if (!MODES.has(value)) return { error: `-buildmode=${value} not supported on linux/amd64` };
      buildmode = value as BuildMode;
    }
  }
  return {
    flags: {
      ...(output !== undefined ? { output } : {}),
      ldflags,
      tags,
      trimpath,
      all,
      buildmode,
      ...(mod !== undefined ? { mod } : {}),
      packages: args.slice(i),
    },
  };
}

function usage(problem: string, command: 'build' | 'install'): string {
  const line =
    command === 'build'
      ? 'usage: go build [-o output] [build flags] [packages]'
      : 'usage: go install [build flags] [packages]';
  return `${problem}\n${line}\nRun 'go help ${command}' for details.`;
}

/** -ldflags `-s` strips the symbol table and, since Go 1.22, DWARF too; `-w` alone strips DWARF. */
export function strippedBy(ldflags: string): boolean {
  return /(^|\s)-s(\s|=|$)/.test(ldflags);
}
