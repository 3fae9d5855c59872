/**
 * A shell inside a container of an image: the engine's interpreter over the image's own files, as
 * the image's user (or --user), in its WORKDIR, with its ENV. Commands that only look (ls, cat,
 * find, du, which, id, env …) and the simple file commands run as in a RUN step, on a copy that
 * lives as long as the container; every other program found on PATH is reported as being there,
 * not run: the simulator runs no programs and has no network.
 */
import { toolCategories } from '../analysis/surface.ts';
import type { StageResult } from '../build/result.ts';
import { parsePasswd } from '../build/users.ts';
import { makeDirectories } from '../fs/edit.ts';
import { compareText } from '../fs/entry.ts';
import { basename, joinPath, resolveIn } from '../fs/path.ts';
import { type DirNode, realpath, stat } from '../fs/tree.ts';
import { type CommandModule, freshShellState, type RunUser, type ShellState } from '../shell/command.ts';
import { cat } from '../shell/commands/cat.ts';
import { chmod, chown } from '../shell/commands/chmod.ts';
import { cp, mv } from '../shell/commands/cp.ts';
import { dd } from '../shell/commands/dd.ts';
import { du } from '../shell/commands/du.ts';
import { echo } from '../shell/commands/echo.ts';
import { env, printenv } from '../shell/commands/env.ts';
import { find } from '../shell/commands/find.ts';
import { head, tail } from '../shell/commands/head.ts';
import { id, whoami } from '../shell/commands/identity.ts';
import { ln } from '../shell/commands/ln.ts';
import { ls } from '../shell/commands/ls.ts';
import { mkdir } from '../shell/commands/mkdir.ts';
import { printf } from '../shell/commands/printf.ts';
import { rm } from '../shell/commands/rm.ts';
import { shells } from '../shell/commands/shells.ts';
import { test } from '../shell/commands/test.ts';
import { touch } from '../shell/commands/touch.ts';
import { tr } from '../shell/commands/tr.ts';
import { wc } from '../shell/commands/wc.ts';
import { which } from '../shell/commands/which.ts';
import { shellOf } from '../shell/flavour.ts';
import { Interpreter, type Shell } from '../shell/interpreter.ts';
import { runUser } from '../shell/run.ts';
import { Output } from './output.ts';

/** The shells `docker run IMAGE sh` can open, by the file they resolve to. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'busybox', 'zsh', 'ksh', 'mksh']);

/** The builtins a shell knows without PATH, offered by tab completion. */
const BUILTINS = ['cd', 'echo', 'exit', 'export', 'pwd', 'set', 'unset', 'type', 'command', 'true', 'false'];

/** How many names tab completion offers at most. */
const COMPLETION_LIMIT = 200;

export interface ContainerSpec {
  /** The image as the user named it, for the status line. */
  readonly image: string;
  readonly stage: StageResult;
  /** The container's ID, 64 hex digits; its first 12 are the hostname. */
  readonly id: string;
  /** `--user`, else the image's USER. */
  readonly user?: string;
  /** `--workdir`, else the image's WORKDIR. */
  readonly workdir?: string;
  /** `--env` pairs, after the image's ENV. */
  readonly env?: readonly (readonly [string, string])[];
  /** `-t`: output goes to a terminal. */
  readonly tty: boolean;
}

/** Where the learner is, for the prompt and the status line. */
export interface ContainerPlace {
  readonly image: string;
  readonly id: string;
  readonly user: string;
  readonly uid: number;
  readonly cwd: string;
  /** The shell as it was started, e.g. `bash` or `/bin/sh`. */
  readonly shell: string;
  readonly flavour: Shell['flavour'];
}

/** Whether a program is a shell: `sh`, `bash`, busybox's applets run as sh … */
export function isShell(tree: DirNode, path: string, invoked: string): boolean {
  const real = basename(realpath(tree, path) ?? path);
  if (real === 'busybox') return SHELLS.has(basename(invoked)) && basename(invoked) !== 'busybox';
  return SHELLS.has(real.replace(/[\d.]+$/, '')) || SHELLS.has(real);
}

/** Says what a program found on PATH is, in place of running it. */
const notRun: CommandModule = {
  names: [],
  run({ path, state }) {
    const real = realpath(state.tree, path) ?? path;
    const categories = toolCategories(basename(path));
    const what = categories.includes('network-tool')
      ? ' It is a network tool: an attacker with a shell here could use it to download tools and reach other machines. (The simulated network is off.)'
      : categories.includes('package-manager')
        ? ' It is a package manager: an attacker could install whatever tool is missing.'
        : categories.includes('compiler')
          ? ' It is a compiler or build tool: an attacker could build tools here.'
          : '';
    state.notes.push(
      `${path}${real !== path ? ` (→ ${real})` : ''} is in the image, but the simulator does not run programs.${what}`,
    );
    return { status: 0 };
  },
};

/** `sh` typed inside the shell: a nested interactive shell is not simulated; `sh -c` is. */
const nestedShells: CommandModule = {
  names: shells.names,
  run(context) {
    if (context.args.length === 0 && context.stdin === '') {
      context.state.notes.push(
        `${context.name} would start a second shell inside this one; the simulator keeps you in the first.`,
      );
      return { status: 0 };
    }
    return shells.run(context);
  },
};

const MODULES: readonly CommandModule[] = [
  cat,
  chmod,
  chown,
  cp,
  dd,
  du,
  echo,
  env,
  find,
  head,
  id,
  ln,
  ls,
  mkdir,
  mv,
  nestedShells,
  printenv,
  printf,
  rm,
  tail,
  test,
  touch,
  tr,
  wc,
  which,
  whoami,
];

const REGISTRY: ReadonlyMap<string, CommandModule> = new Map(
  MODULES.flatMap((module) => module.names.map((name) => [name, module] as const)),
);

/** Whether the terminal's shell can run a program itself (ls, cat …) rather than only find it. */
export function runsItself(tree: DirNode, path: string, invoked: string): boolean {
  return REGISTRY.has(basename(invoked)) || REGISTRY.has(basename(realpath(tree, path) ?? path));
}

function fileText(tree: DirNode, path: string): string | undefined {
  const node = stat(tree, path);
  return node?.kind === 'file' ? node.content : undefined;
}

export class ContainerShell {
  private readonly spec: ContainerSpec;
  private readonly state: ShellState;
  private readonly shell: Shell;
  private readonly interpreter: Interpreter;
  /** bash shows "I have no name!" for a user that /etc/passwd does not list. */
  private readonly named: boolean;

  /**
   * Starts `invoked` (a shell, as the user typed it) in a container of the image. The run check
   * has already said the container starts, so the user exists and the shell is there.
   */
  constructor(spec: ContainerSpec, invoked: string, options: { readonly interactive: boolean }) {
    this.spec = spec;
    const tree = spec.stage.tree as DirNode;
    const config = spec.stage.config;
    const userSpec = spec.user ?? config?.user ?? '';
    const user: RunUser = runUser(userSpec, tree) ?? { name: userSpec, uid: 0, gid: 0, home: '/' };
    const name = userSpec.split(':')[0] ?? '';
    this.named =
      !/^\d+$/.test(name) ||
      parsePasswd(fileText(tree, '/etc/passwd') ?? '').some((entry) => entry.uid === user.uid);
    const imageEnv = config?.env ?? [];
    const path =
      imageEnv.find(([key]) => key === 'PATH')?.[1] ??
      '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const cwd = resolveIn('/', spec.workdir || config?.workdir || '/');
    const variables = new Map<string, string>([
      ['PATH', path],
      ['HOSTNAME', spec.id.slice(0, 12)],
      ...(spec.tty ? [['TERM', 'xterm'] as [string, string]] : []),
      ...imageEnv.filter(([key]) => key !== 'PATH'),
      ...(spec.env ?? []),
      ['HOME', user.home],
    ]);
    const program = invoked.includes('/')
      ? resolveIn(cwd, invoked)
      : (findProgram(tree, path, invoked) ?? invoked);
    this.shell = { path: invoked, flavour: shellOf(tree, program) };
    if (options.interactive) {
      variables.set('PWD', cwd);
      if (this.shell.flavour !== 'dash') variables.set('SHLVL', '1');
    }
    this.state = freshShellState({ tree, cwd, variables, user });
    if (stat(tree, cwd)?.kind !== 'dir') {
      // Docker creates a missing working directory when the container starts.
      try {
        this.state.tree = makeDirectories(tree, cwd, { mode: 0o755, uid: 0, gid: 0 });
      } catch {
        this.state.cwd = '/';
      }
    }
    this.interpreter = new Interpreter(this.state, this.shell, REGISTRY, {
      fallback: notRun,
      interactive: options.interactive,
      tty: spec.tty,
    });
  }

  /** Runs one line (or a `sh -c` script, or a command) and says what it printed and noted. */
  async run(line: string, columns = 80): Promise<{ output: Output; status: number; exited: boolean }> {
    this.state.variables.set('COLUMNS', String(columns));
    const result = await this.interpreter.run(line);
    this.state.variables.delete('COLUMNS');
    const output = new Output().out(result.stdout).err(result.stderr);
    for (const note of new Set(this.state.notes)) output.note(note);
    this.state.notes.length = 0;
    this.state.gaps.length = 0;
    return { output, status: result.status, exited: result.exited === true };
  }

  /** The prompt the image's shell prints: bash's `user@host:dir#`, busybox's `dir #`, dash's `#`. */
  prompt(): string {
    const { user, cwd, variables } = this.state;
    const sign = user.uid === 0 ? '#' : '$';
    const home = variables.get('HOME') ?? user.home;
    const shown =
      home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    if (this.shell.flavour === 'bash')
      return `${this.named ? user.name : 'I have no name!'}@${this.spec.id.slice(0, 12)}:${shown}${sign} `;
    if (this.shell.flavour === 'ash') return `${shown} ${sign} `;
    return `${sign} `;
  }

  place(): ContainerPlace {
    return {
      image: this.spec.image,
      id: this.spec.id.slice(0, 12),
      user: this.state.user.name,
      uid: this.state.user.uid,
      cwd: this.state.cwd,
      shell: this.shell.path,
      flavour: this.shell.flavour,
    };
  }

  /** Tab completion: commands on PATH for the first word, else paths from the current directory. */
  complete(line: string): { start: number; candidates: string[] } {
    // A word ends at a blank and at what starts a new command: ; & | ( and a backquote.
    const start = Math.max(...[' ', '\t', ';', '&', '|', '(', '`'].map((mark) => line.lastIndexOf(mark))) + 1;
    const word = line.slice(start);
    const before = line.slice(0, start).trimEnd();
    const first = before === '' || /[;&|(`]$/.test(before);
    if (first && !word.includes('/')) {
      const names = new Set(BUILTINS.filter((name) => name.startsWith(word)));
      for (const dir of (this.state.variables.get('PATH') ?? '').split(':')) {
        const node = stat(this.state.tree, dir);
        if (node?.kind !== 'dir') continue;
        for (const name of node.children.keys()) if (name.startsWith(word)) names.add(name);
        if (names.size > COMPLETION_LIMIT) break;
      }
      return { start, candidates: [...names].sort(compareText).slice(0, COMPLETION_LIMIT) };
    }
    const slash = word.lastIndexOf('/');
    const directory = slash === -1 ? '' : word.slice(0, slash + 1);
    const prefix = word.slice(slash + 1);
    const base = resolveIn(this.state.cwd, directory || '.');
    const node = stat(this.state.tree, base);
    if (node?.kind !== 'dir') return { start, candidates: [] };
    const candidates = [...node.children.keys()]
      .filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.')))
      .sort(compareText)
      .slice(0, COMPLETION_LIMIT)
      .map((name) => {
        const target = stat(this.state.tree, joinPath(base, name));
        return `${directory}${name}${target?.kind === 'dir' ? '/' : ''}`;
      });
    return { start, candidates };
  }
}

function findProgram(tree: DirNode, path: string, name: string): string | undefined {
  for (const dir of path.split(':')) {
    if (!dir) continue;
    const candidate = `${dir.replace(/\/$/, '')}/${name}`;
    if (stat(tree, candidate)) return candidate;
  }
  return undefined;
}
