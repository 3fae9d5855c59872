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
    const users = parsePasswd(fileText(this.tree, '/etc/passwd') ?? '');
    if (name === '' || /^\d+$/.test(name)) {
      // Docker sets HOME from the user's passwd entry, found by number too, else /.
      const uid = Number(name || '0');
      this.home = users.find((entry) => entry.uid === uid)?.home ?? (uid === 0 ? '/root' : '/');
      return undefined;
    }
    const user = users.find((entry) => entry.name === name);
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

  /**
   * What the program itself does first: for Python, open the script (or take the -c code) and
   * import its modules. A script whose shebang names Python is run by that interpreter.
   */
  private programFailure(path: string, args: readonly string[]): Failure | undefined {
    const real = realpath(this.tree, path) ?? path;
    if (!isPython(real)) return this.shebangPythonFailure(path);
    const call = parsePythonArgs(args);
    // `-c`: sys.path[0] is the working directory; statements may share a line with `;`
    if (call.kind === 'code')
      return this.importFailure(call.code.replace(/;\s*/g, '\n'), this.workdir, path, call.flags);
    if (call.kind !== 'script') return undefined;
    const scriptPath = resolveIn(this.workdir, call.script);
    const node = stat(this.tree, scriptPath);
    if (node?.kind !== 'file' && node?.kind !== 'hardlink') {
      const script = call.script;
      const shown = script.startsWith('/') ? script : `${this.workdir === '/' ? '' : this.workdir}/${script}`;
      return {
        code: 'run/file-not-found',
        message: `python: can't open file '${shown}': [Errno 2] No such file or directory`,
        hint: this.nearbyScripts(scriptPath),
      };
    }
    return node.kind === 'file' && node.content !== undefined
      ? this.importFailure(node.content, dirname(scriptPath), path, call.flags)
      : undefined;
  }

  /** `CMD ["/app.py"]` with `#!/opt/venv/bin/python` or `#!/usr/bin/env python3`: that interpreter's imports. */
  private shebangPythonFailure(path: string): Failure | undefined {
    const node = stat(this.tree, path);
    if (node?.kind !== 'file' || node.content === undefined) return undefined;
    const [interpreter = '', next] = (shebangOf(node) ?? '').split(/\s+/);
    const python =
      basename(interpreter) === 'env' && next
        ? findOnPath(this.tree, this.env.get('PATH') ?? '', next)
        : interpreter;
    if (!python || !isPython(realpath(this.tree, python) ?? python)) return undefined;
    return this.importFailure(node.content, dirname(path), python, new Set());
  }

  private nearbyScripts(scriptPath: string): string | undefined {
    const dir = stat(this.tree, dirname(scriptPath));
    if (dir?.kind !== 'dir') return `There is no ${dirname(scriptPath)} in the image.`;
    const scripts = [...dir.children.keys()].filter((name) => name.endsWith('.py'));
    return scripts.length ? `${dirname(scriptPath)} holds ${scripts.join(', ')}.` : undefined;
  }

  /**
   * Python's search path, as sys.path lists it: getpath finds the standard library from the
   * interpreter's real path (or a venv's `home`), site.py adds site-packages. `executable` is
   * sys.executable, the path as found, not resolved: a venv's bin/python symlink makes a venv.
   */
  private searchPath(executable: string, first: string, flags: ReadonlySet<string>): string[] {
    const real = realpath(this.tree, executable) ?? executable;
    const venv = this.venvOf(executable);
    const copied = venv?.home !== undefined && lstat(this.tree, executable)?.kind !== 'symlink';
    const prefix = dirname(copied && venv?.home ? venv.home : dirname(real));
    const version =
      /python(\d+\.\d+)/.exec(basename(real))?.[1] ?? /^(\d+\.\d+)/.exec(venv?.version ?? '')?.[1] ?? '3.9';
    const lib = joinPath(prefix, 'lib', `python${version}`);
    const isolated = flags.has('I');
    const env = (name: string) => (isolated || flags.has('E') ? undefined : this.env.get(name));
    const extra = (env('PYTHONPATH') ?? '').split(':').filter(Boolean);
    // site.py: the user site is off with -s, -I, PYTHONNOUSERSITE, or in a venv without the system's site
    const userOff = flags.has('s') || isolated || env('PYTHONNOUSERSITE') || (venv && !venv.systemSite);
    const userBase = env('PYTHONUSERBASE') ?? joinPath(this.env.get('HOME') ?? this.home, '.local');
    const site = [
      ...(venv ? [joinPath(venv.prefix, 'lib', `python${version}`, 'site-packages')] : []),
      ...(userOff ? [] : [joinPath(userBase, 'lib', `python${version}`, 'site-packages')]),
      ...(venv && !venv.systemSite ? [] : sitePackagesOf(prefix, version)),
    ];
    return [
      ...(isolated ? [] : [first]),
      ...extra,
      lib,
      joinPath(lib, 'lib-dynload'),
      ...(flags.has('S') ? [] : site),
    ];
  }

  /** site.py's venv(): a pyvenv.cfg beside the executable or one folder up. */
  private venvOf(executable: string): Venv | undefined {
    const bin = dirname(executable);
    const config = [joinPath(bin, 'pyvenv.cfg'), joinPath(dirname(bin), 'pyvenv.cfg')].find(
      (path) => stat(this.tree, path)?.kind === 'file',
    );
    if (!config) return undefined;
    const text = fileText(this.tree, config);
    if (text === undefined)
      this.notes.push(
        `The simulator does not know what ${config} says; it reads it as a venv without the system's site-packages.`,
      );
    const values = parsePyvenvCfg(text ?? '');
    return {
      prefix: dirname(bin),
      home: values.get('home'),
      version: values.get('version') ?? values.get('version_info'),
      systemSite: (values.get('include-system-site-packages') ?? 'false').toLowerCase() === 'true',
    };
  }

  private importFailure(
    source: string,
    first: string,
    interpreter: string,
    flags: ReadonlySet<string>,
  ): Failure | undefined {
    const modules = topLevelImports(source);
    const searchPath = this.searchPath(interpreter, first, flags);
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

interface Venv {
  /** sys.prefix: the folder above the executable's */
  readonly prefix: string;
  readonly home: string | undefined;
  readonly version: string | undefined;
  readonly systemSite: boolean;
}

const isPython = (path: string) => /^python[\d.]*$/.test(basename(path));

/** `key = value` lines of pyvenv.cfg, keys lower-cased as site.py reads them. */
function parsePyvenvCfg(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return values;
}

/**
 * The site-packages of an installation prefix. Debian's python3 (prefix /usr) uses dist-packages:
 * /usr/local/lib/python3.X/dist-packages, /usr/lib/python3/dist-packages (the sys.path of
 * bookworm's python3 3.11, read in oracle/bookworm-python3), and /usr/lib/python3.X/dist-packages.
 */
function sitePackagesOf(prefix: string, version: string): string[] {
  if (prefix === '/usr')
    return [
      `/usr/local/lib/python${version}/dist-packages`,
      '/usr/lib/python3/dist-packages',
      `/usr/lib/python${version}/dist-packages`,
    ];
  return [joinPath(prefix, 'lib', `python${version}`, 'site-packages')];
}

type PythonCall =
  | { readonly kind: 'script'; readonly script: string; readonly flags: ReadonlySet<string> }
  | { readonly kind: 'code'; readonly code: string; readonly flags: ReadonlySet<string> }
  | { readonly kind: 'other' };

/** Python's command line: one-letter flags (-s, -E, -I, -S …), then -c CODE, -m MODULE or a script. */
export function parsePythonArgs(args: readonly string[]): PythonCall {
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-') return { kind: 'other' };
    if (!arg.startsWith('-')) return { kind: 'script', script: arg, flags };
    if (arg === '--') {
      const script = args[i + 1];
      return script === undefined ? { kind: 'other' } : { kind: 'script', script, flags };
    }
    if (arg.startsWith('--')) continue;
    for (let at = 1; at < arg.length; at++) {
      const letter = arg[at] as string;
      const rest = arg.slice(at + 1);
      if (letter === 'c') {
        const code = rest || args[i + 1];
        return code === undefined ? { kind: 'other' } : { kind: 'code', code, flags };
      }
      if (letter === 'm') return { kind: 'other' };
      if (letter === 'W' || letter === 'X') {
        if (rest === '') i++;
        break;
      }
      flags.add(letter);
    }
  }
  return { kind: 'other' };
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
