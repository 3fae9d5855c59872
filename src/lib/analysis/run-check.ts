/**
 * Would the container start? `docker run` of an image, followed as far as the files allow: the
 * command from ENTRYPOINT/CMD, the user from the image's /etc/passwd, the executable through PATH
 * and symlinks, its ELF interpreter or shebang, and for Python scripts the script file and the
 * imports of its first lines against the interpreter's search path.
 */
import type { StageResult } from '../build/result.ts';
import { parsePasswd } from '../build/users.ts';
import { type Certainty, certaintyOf, combine, gap, gapsOf, KNOWN, unknown } from '../certainty.ts';
import { basename, dirname, joinPath, resolveIn } from '../fs/path.ts';
import { type DirNode, findOnPath, lstat, realpath, stat, type TreeNode, walk } from '../fs/tree.ts';
import { OPTIONAL_NATIVE, PYTHON_BUILTIN_MODULES } from './python-facts.ts';

export type RunErrorCode =
  | 'run/no-command'
  | 'run/no-shell'
  | 'run/exec-not-found'
  | 'run/permission-denied'
  | 'run/missing-dynamic-linker'
  | 'run/user-not-found'
  | 'run/file-not-found'
  | 'run/module-not-found'
  | 'run/native-incompatible';

export interface RunCheck {
  readonly starts: boolean;
  readonly argv: readonly string[];
  readonly user: string;
  readonly error: null | { readonly code: RunErrorCode; readonly message: string; readonly hint?: string };
  /** What the check could not know (a file whose content the simulator lacks, for instance). */
  readonly notes: readonly string[];
  /**
   * How sure the verdict is: a failure over something an unfollowed step may have made is
   * unknown; any verdict on an image with gaps carries them.
   */
  readonly certainty: Certainty;
}

/** Failures over something missing: an unfollowed step may have put it there. */
const MISSING: ReadonlySet<RunErrorCode> = new Set([
  'run/exec-not-found',
  'run/file-not-found',
  'run/module-not-found',
  'run/user-not-found',
  'run/missing-dynamic-linker',
  'run/no-shell',
]);

/** The verdict's certainty from the image's and from what the check itself could not read. */
function verdictCertainty(
  stage: StageResult,
  failure: Failure | undefined,
  notes: readonly string[],
): Certainty {
  const unknownGaps = gapsOf(stage.certainty).filter((g) => g.level === 'unknown');
  // Steps it could not follow make any verdict an estimate; only a failure over something they
  // may have made is unknown.
  const image = certaintyOf(gapsOf(stage.certainty).map((g) => ({ ...g, level: 'estimated' as const })));
  const own = notes.map((note) => gap('estimated', 'no-data', note));
  if (failure && MISSING.has(failure.code) && unknownGaps.length > 0) {
    const lines = [...new Set(unknownGaps.flatMap((g) => (g.line === undefined ? [] : [g.line])))];
    return combine(
      unknown(
        'depends',
        `The simulated image lacks what the container needs (${failure.message}), but ${lines.length ? `line ${lines.join(', ')}` : 'an earlier step'} was not followed by the simulator and may have provided it.`,
      ),
      image,
    );
  }
  return combine(image, certaintyOf(own));
}

export interface RunOptions {
  /** `docker run IMAGE cmd…`: replaces CMD. */
  readonly command?: readonly string[];
  /** `--entrypoint`: replaces ENTRYPOINT (and clears CMD unless a command is given). */
  readonly entrypoint?: string;
  /** `--user`. */
  readonly user?: string;
}

type Failure = { code: RunErrorCode; message: string; hint?: string };

function argvOf(stage: StageResult, options: RunOptions): string[] {
  const config = stage.config;
  const entrypoint =
    options.entrypoint !== undefined ? [options.entrypoint] : [...(config?.entrypoint ?? [])];
  const cmd = options.command ?? (options.entrypoint !== undefined ? [] : [...(config?.cmd ?? [])]);
  return [...entrypoint, ...cmd];
}

function fileText(tree: DirNode, path: string): string | undefined {
  const node = stat(tree, path);
  return node?.kind === 'file' ? node.content : undefined;
}

/** The shebang line of a script: from the catalog's facts, or from the text the simulator knows. */
function shebangOf(node: TreeNode): string | undefined {
  if (node.kind !== 'file') return undefined;
  if (node.exec?.kind === 'script') return node.exec.shebang;
  if (node.content?.startsWith('#!')) return node.content.slice(2).split('\n')[0]?.trim();
  return undefined;
}

class RunChecker {
  private readonly tree: DirNode;
  private readonly workdir: string;
  private readonly env: Map<string, string>;
  private readonly notes: string[] = [];
  private home = '/root';
  private readonly stage: StageResult;

  constructor(stage: StageResult) {
    this.stage = stage;
    this.tree = stage.tree as DirNode;
    this.workdir = stage.config?.workdir || '/';
    this.env = new Map(stage.config?.env ?? []);
  }

  run(argv: string[], user: string): RunCheck {
    const failure = this.userFailure(user) ?? this.commandFailure(argv);
    return {
      starts: failure === undefined,
      argv,
      user: user || 'root',
      error: failure ?? null,
      notes: this.notes,
      certainty: verdictCertainty(this.stage, failure, this.notes),
    };
  }

  private userFailure(spec: string): Failure | undefined {
    const name = spec.split(':')[0] ?? '';
    if (name === '' || /^\d+$/.test(name)) {
      if (name !== '' && name !== '0') this.home = '/';
      return undefined;
    }
    const user = parsePasswd(fileText(this.tree, '/etc/passwd') ?? '').find((entry) => entry.name === name);
    if (!user) {
      return {
        code: 'run/user-not-found',
        message: `unable to find user ${name}: no matching entries in passwd file`,
        hint: stat(this.tree, '/etc/passwd')
          ? `Add the user to this image, or use a numeric UID such as USER 65532.`
          : `This image has no /etc/passwd: copy one in, or use a numeric UID.`,
      };
    }
    this.home = user.home;
    return undefined;
  }

  /** The executable for argv[0], as runc finds it: a path as given, else the image's PATH. */
  private commandFailure(argv: readonly string[]): Failure | undefined {
    const [program, ...args] = argv;
    if (program === undefined)
      return {
        code: 'run/no-command',
        message: 'no command specified',
        hint: 'Give the image a CMD or an ENTRYPOINT.',
      };
    let path: string | undefined;
    if (program.includes('/')) {
      path = resolveIn(this.workdir, program);
      if (!stat(this.tree, path)) {
        const shellForm = program === '/bin/sh' && argv[1] === '-c';
        return {
          code: shellForm ? 'run/no-shell' : 'run/exec-not-found',
          message: `exec: "${program}": stat ${program}: no such file or directory`,
          hint: shellForm
            ? 'CMD or ENTRYPOINT in shell form needs /bin/sh, which this image does not have: use the exec (JSON) form.'
            : undefined,
        } as Failure;
      }
    } else {
      path = findOnPath(this.tree, this.env.get('PATH') ?? '', program);
      if (path === undefined)
        return {
          code: 'run/exec-not-found',
          message: `exec: "${program}": executable file not found in $PATH`,
          hint: `No ${program} on the image's PATH (${this.env.get('PATH') ?? 'unset'}).`,
        };
    }
    return this.executableFailure(path, program) ?? this.programFailure(path, args);
  }

  private executableFailure(path: string, shown: string, depth = 0): Failure | undefined {
    const node = stat(this.tree, path);
    const real = realpath(this.tree, path) ?? path;
    if (!node || node.kind === 'dir' || (node.mode & 0o111) === 0) {
      return {
        code: 'run/permission-denied',
        message: `exec: "${shown}": permission denied`,
        hint:
          node?.kind === 'dir'
            ? `${shown} is a directory.`
            : `${real} is not executable: COPY --chmod=755 or chmod +x it.`,
      };
    }
    const data = node.kind === 'hardlink' ? stat(this.tree, node.target) : node;
    if (data?.kind !== 'file') return undefined;
    const exec = data.exec;
    if (exec?.kind === 'elf' && exec.linkage === 'dynamic' && !stat(this.tree, exec.interpreter)) {
      return {
        code: 'run/missing-dynamic-linker',
        message: `exec ${real}: no such file or directory`,
        hint: `${real} is dynamically linked and needs ${exec.interpreter}, which this image does not have${exec.interpreter.includes('musl') ? ' (it was built against musl)' : ' (it was built against glibc)'}. Build it static (CGO_ENABLED=0) or run it on a base with that C library.`,
      };
    }
    const shebang = shebangOf(data);
    if (shebang !== undefined && depth === 0) {
      const [interpreter = '', next] = shebang.split(/\s+/);
      if (!stat(this.tree, interpreter)) {
        return {
          code: 'run/exec-not-found',
          message: `exec ${real}: no such file or directory`,
          hint: `Its first line asks for ${interpreter}, which this image does not have.`,
        };
      }
      if (
        basename(interpreter) === 'env' &&
        next &&
        !findOnPath(this.tree, this.env.get('PATH') ?? '', next)
      ) {
        return {
          code: 'run/exec-not-found',
          message: `/usr/bin/env: '${next}': No such file or directory`,
          hint: `The script runs ${next} through env, and there is no ${next} on PATH.`,
        };
      }
      return this.executableFailure(interpreter, interpreter, depth + 1);
    }
    if (!exec && data.content === undefined)
      this.notes.push(
        `The simulator does not know what kind of file ${real} is; it assumes the kernel can run it.`,
      );
    return undefined;
  }

  /** What the program itself does first: for Python, open the script and import its modules. */
  private programFailure(path: string, args: readonly string[]): Failure | undefined {
    const real = basename(realpath(this.tree, path) ?? path);
    const python = /^python[\d.]*$/.exec(real);
    if (!python) return undefined;
    const script = args.find((arg) => !arg.startsWith('-'));
    if (args.includes('-m') || args.includes('-c') || script === undefined) return undefined;
    const scriptPath = resolveIn(this.workdir, script);
    const node = stat(this.tree, scriptPath);
    if (node?.kind !== 'file' && node?.kind !== 'hardlink') {
      const shown = script.startsWith('/') ? script : `${this.workdir === '/' ? '' : this.workdir}/${script}`;
      return {
        code: 'run/file-not-found',
        message: `python: can't open file '${shown}': [Errno 2] No such file or directory`,
        hint: this.nearbyScripts(scriptPath),
      };
    }
    return node.kind === 'file' && node.content !== undefined
      ? this.importFailure(node.content, dirname(scriptPath), path)
      : undefined;
  }

  private nearbyScripts(scriptPath: string): string | undefined {
    const dir = stat(this.tree, dirname(scriptPath));
    if (dir?.kind !== 'dir') return `There is no ${dirname(scriptPath)} in the image.`;
    const scripts = [...dir.children.keys()].filter((name) => name.endsWith('.py'));
    return scripts.length ? `${dirname(scriptPath)} holds ${scripts.join(', ')}.` : undefined;
  }

  /** Python's search path for the image's interpreter, as sys.path lists it. */
  private searchPath(interpreterPath: string, scriptDir: string): string[] {
    const real = realpath(this.tree, interpreterPath) ?? interpreterPath;
    const prefix = dirname(dirname(real));
    const version = /python(\d+\.\d+)/.exec(basename(real))?.[1] ?? '3.9';
    const lib = joinPath(prefix, 'lib', `python${version}`);
    const extra = (this.env.get('PYTHONPATH') ?? '').split(':').filter(Boolean);
    const userBase = this.env.get('PYTHONUSERBASE') ?? joinPath(this.home, '.local');
    return [
      scriptDir,
      ...extra,
      lib,
      joinPath(lib, 'lib-dynload'),
      joinPath(userBase, 'lib', `python${version}`, 'site-packages'),
      joinPath(lib, 'site-packages'),
    ];
  }

  private importFailure(source: string, scriptDir: string, interpreter: string): Failure | undefined {
    const modules = topLevelImports(source);
    const searchPath = this.searchPath(interpreter, scriptDir);
    const musl = stat(this.tree, '/lib/ld-musl-x86_64.so.1') !== undefined;
    for (const module of modules) {
      if (PYTHON_BUILTIN_MODULES.has(module)) continue;
      const found = searchPath.map((dir) => this.findModule(dir, module)).find((hit) => hit !== undefined);
      if (!found) {
        return {
          code: 'run/module-not-found',
          message: `ModuleNotFoundError: No module named '${module}'`,
          hint: `Python looked in ${searchPath.join(', ')}.`,
        };
      }
      const incompatible = this.nativeMismatch(found, musl);
      if (incompatible && !OPTIONAL_NATIVE.has(module)) {
        const wanted = musl ? 'glibc (manylinux)' : 'musl (musllinux)';
        return {
          code: 'run/native-incompatible',
          message: `ImportError: Error loading shared library ${musl ? 'ld-linux-x86-64.so.2' : 'ld-musl-x86_64.so.1'}: No such file or directory (needed by ${incompatible})`,
          hint: `${module} ships a compiled extension built for ${wanted}, and this image's C library is ${musl ? 'musl' : 'glibc'}. Install it in a stage with the same C library as the final image.`,
        };
      }
      if (incompatible)
        this.notes.push(
          `${module}'s compiled speedups (${incompatible}) cannot load here, but it falls back to pure Python.`,
        );
    }
    this.noteIndirectMismatches(searchPath, new Set(modules), musl);
    return undefined;
  }

  /**
   * Packages the script does not import itself but its imports may (Flask → Jinja2 → MarkupSafe):
   * a compiled extension for the other C library is noted, as a fallback or as a likely failure.
   */
  private noteIndirectMismatches(
    searchPath: readonly string[],
    direct: ReadonlySet<string>,
    musl: boolean,
  ): void {
    for (const dir of searchPath.filter((path) => path.endsWith('site-packages'))) {
      const site = stat(this.tree, dir);
      if (site?.kind !== 'dir') continue;
      for (const [name, node] of site.children) {
        if (direct.has(name) || node.kind !== 'dir' || name.includes('.')) continue;
        const incompatible = this.nativeMismatch(joinPath(dir, name), musl);
        if (!incompatible) continue;
        this.notes.push(
          OPTIONAL_NATIVE.has(name)
            ? `${name}'s compiled speedups (${incompatible}) cannot load here, but it falls back to pure Python.`
            : `${name} has a compiled extension built for ${musl ? 'glibc' : 'musl'} (${incompatible}): importing it would fail here.`,
        );
      }
    }
  }

  private findModule(dir: string, module: string): string | undefined {
    const base = joinPath(dir, module);
    if (stat(this.tree, `${base}.py`) || stat(this.tree, `${base}.pyc`)) return `${base}.py`;
    if (stat(this.tree, base)?.kind === 'dir') return base;
    const parent = stat(this.tree, dir);
    if (parent?.kind !== 'dir') return undefined;
    const extension = [...parent.children.keys()].find(
      (name) => name.startsWith(`${module}.`) && name.endsWith('.so'),
    );
    return extension ? joinPath(dir, extension) : undefined;
  }

  /** A compiled extension inside the module built for the other C library, if any. */
  private nativeMismatch(found: string, musl: boolean): string | undefined {
    const node = lstat(this.tree, found);
    const files = node?.kind === 'dir' ? [...walk(node, found)] : node ? [[found, node] as const] : [];
    const mismatched: string[] = [];
    for (const [path, file] of files) {
      if (file.kind !== 'file' || file.exec?.kind !== 'elf' || file.exec.linkage !== 'shared') continue;
      const libc = file.exec.libc;
      if (libc !== undefined && (libc === 'musl') !== musl) mismatched.push(path);
    }
    // Name the extension an import loads, not a test helper that happens to sort first.
    return mismatched.find((path) => !/_tests?\b|\/tests?\//.test(path)) ?? mismatched[0];
  }
}

/** The modules a script imports at top level (first lines, not inside functions). */
export function topLevelImports(source: string): string[] {
  const modules = new Set<string>();
  for (const line of source.split('\n')) {
    if (/^\s/.test(line)) continue;
    const from = /^from\s+([A-Za-z_][\w]*)[\w.]*\s+import\b/.exec(line);
    if (from?.[1]) modules.add(from[1]);
    const plain = /^import\s+(.+)$/.exec(line);
    for (const part of plain?.[1]?.split(',') ?? []) {
      const name = /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
      if (name) modules.add(name);
    }
  }
  return [...modules];
}

/** `docker run` of a built stage. */
export function checkRun(stage: StageResult, options: RunOptions = {}): RunCheck {
  if (!stage.tree || !stage.config) {
    return {
      starts: false,
      argv: [],
      user: '',
      error: { code: 'run/no-command', message: 'the image was not built' },
      notes: [],
      certainty: KNOWN,
    };
  }
  return new RunChecker(stage).run(argvOf(stage, options), options.user ?? stage.config.user);
}
