/**
 * Runs a parsed script against a stage: builtins in the shell, other commands found through PATH
 * in the stage's own filesystem and run by their module. Exit statuses propagate as sh does.
 */
import { basename } from '../fs/path.ts';
import { findOnPath, realpath, stat } from '../fs/tree.ts';
import type { AndOr, Command, Pipeline, Redirect, Script, SimpleCommand } from './ast.ts';
import { type Bytes, concatBytes, deviceAt } from './bytes.ts';
import { type CommandModule, type CommandResult, FileSystem, noteGap, type ShellState } from './command.ts';
import {
  ExpansionFailure,
  type ExpansionScope,
  expandToFields,
  expandToString,
  POSITIONAL_SEPARATOR,
  patternRegex,
} from './expand.ts';
import type { Shell } from './flavour.ts';
import { heredocWord, parseScript, ShellSyntaxError } from './parse.ts';
import { readLine } from './read.ts';

export type { Shell, ShellFlavour } from './flavour.ts';

export interface RunOutput {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The commands that ran, in order, as the shell resolved them. */
  readonly commands: readonly string[];
  /** True when the script ended the shell itself (`exit`), rather than running to its end. */
  readonly exited?: boolean;
}

/**
 * Bounds on what one script may do, so that hostile input (nested loops, a script that runs
 * itself through `sh -c "$X"`, a variable doubled in a loop) ends with an error instead of hanging
 * the worker: commands run (builtins and loop iterations included), `sh -c` nesting, the size of
 * one expanded word, and the output all commands printed.
 */
export const SHELL_LIMITS = {
  commands: 100_000,
  /** Iterations of one `while`/`until`/`for` loop. */
  loop: 10_000,
  /** Function calls in progress at once: dash's own limit, also the simulator's for bash and ash. */
  functions: 1000,
  depth: 32,
  wordChars: 1 << 20,
  outputChars: 8 << 20,
} as const;

/** A script went past SHELL_LIMITS: it stops with status 2, as a shell that runs out of resources. */
class ShellLimitExceeded extends Error {}

interface Budget {
  commands: number;
  output: number;
}

export interface InterpreterOptions {
  /**
   * Runs a command found on PATH that has no module. Without one the command is skipped and the
   * step marked uncertain (a build); the terminal passes one that says the file is there.
   */
  readonly fallback?: CommandModule;
  /** An interactive shell's messages: bash drops the `line N:` of a script. */
  readonly interactive?: boolean;
  /** Standard output is a terminal (`docker run -t`): `ls` prints columns unless piped. */
  readonly tty?: boolean;
  /** How deep in `sh -c` this shell is (and the deepest `.` nesting); children share their parent's budget. */
  readonly depth?: number;
  readonly budget?: Budget;
  /** `$1`…: a script file's arguments. */
  readonly positional?: readonly string[];
}

/** A stream as text: opaque bytes (dd's, a device's) print nothing the simulator can show. */
function textOf(data: Bytes): string {
  return typeof data === 'string' ? data : '';
}

class ExitSignal {
  readonly status: number;

  constructor(status: number) {
    this.status = status;
  }
}

/** `return`: ends the function (or the `.` file) being run. */
class ReturnSignal extends ExitSignal {}

/** `break N` / `continue N`: leaves (or restarts) the Nth enclosing loop. */
class LoopSignal {
  readonly levels: number;
  readonly next: boolean;

  constructor(levels: number, next: boolean) {
    this.levels = levels;
    this.next = next;
  }
}

interface Io {
  stdin: Bytes;
  stdout: Bytes;
  stderr: string;
  /** Whether standard output is the terminal (an interactive shell's, not a pipe or a file). */
  tty: boolean;
}

interface Saved {
  readonly cwd: string;
  readonly variables: Map<string, string>;
  readonly exported: Set<string>;
  readonly umask: number;
}

const BUILTINS = new Set([
  'cd',
  'export',
  'unset',
  'set',
  ':',
  'true',
  'false',
  'exit',
  'pwd',
  'umask',
  'command',
  'type',
  'shift',
  'trap',
  'wait',
  'readonly',
  'local',
  'hash',
  'ulimit',
  'break',
  'continue',
  'return',
  'read',
]);

export class Interpreter {
  private readonly state: ShellState;
  private readonly shell: Shell;
  private readonly modules: ReadonlyMap<string, CommandModule>;
  private readonly fs: FileSystem;
  private readonly options: InterpreterOptions;
  private readonly budget: Budget;
  private lastStatus = 0;
  private line = 1;
  /** How deep in `.` this shell is: a file that sources itself stops at SHELL_LIMITS.depth. */
  private sourcing = 0;
  /** The functions defined so far, by name. */
  private readonly functions = new Map<string, Command>();
  /** `$1`…: the script's, or the running function's, arguments. */
  private positional: readonly string[] = [];
  /** Function calls in progress. */
  private calls = 0;
  /** Loops in progress, for `break` and `continue`. */
  private loops = 0;
  readonly commands: string[] = [];

  constructor(
    state: ShellState,
    shell: Shell,
    modules: ReadonlyMap<string, CommandModule>,
    options: InterpreterOptions = {},
  ) {
    this.state = state;
    this.shell = shell;
    this.modules = modules;
    this.options = options;
    this.budget = options.budget ?? { commands: 0, output: 0 };
    this.fs = new FileSystem(state);
    this.positional = options.positional ?? [];
  }

  /**
   * Parses and runs a script; a syntax error is the shell's exit status 2, as sh reports it. An
   * interpreter can run several scripts in turn (an interactive shell's lines): each starts with
   * a fresh budget, and `$?` carries over.
   */
  async run(source: string, stdin = ''): Promise<RunOutput> {
    const io: Io = { stdin, stdout: '', stderr: '', tty: this.options.tty === true };
    if (!this.options.budget) {
      this.budget.commands = 0;
      this.budget.output = 0;
      this.commands.length = 0;
    }
    let script: Script;
    try {
      script = parseScript(source, { flavour: this.shell.flavour });
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      this.lastStatus = 2;
      return { status: 2, stdout: '', stderr: `${this.prefix()}${error.message}\n`, commands: [] };
    }
    let status: number;
    let exited = false;
    try {
      status = await this.list(script, io, false);
    } catch (error) {
      if (error instanceof ExitSignal) {
        status = error.status;
        exited = true;
      } else if (error instanceof ShellLimitExceeded) {
        io.stderr += `${this.prefix()}${error.message}\n`;
        status = 2;
      } else throw error;
    }
    this.lastStatus = status;
    return {
      status,
      stdout: textOf(io.stdout),
      stderr: io.stderr,
      commands: this.commands,
      ...(exited ? { exited } : {}),
    };
  }

  private prefix(): string {
    if (this.shell.flavour === 'dash') return `${this.shell.path}: ${this.line}: `;
    if (this.shell.flavour === 'bash' && !this.options.interactive)
      return `${this.shell.path}: line ${this.line}: `;
    return `${this.shell.path}: `;
  }

  /** Counts one command against the budget; past it, the script stops. */
  private spend(): void {
    if (++this.budget.commands > SHELL_LIMITS.commands)
      throw new ShellLimitExceeded(
        `stopped after ${SHELL_LIMITS.commands.toLocaleString('en')} commands (the simulator's limit)`,
      );
  }

  private scope(): ExpansionScope {
    return {
      variables: this.state.variables,
      special: new Map([
        ['?', String(this.lastStatus)],
        ['$', '1'],
        ['#', String(this.positional.length)],
        ['0', this.shell.path],
        // "$@" keeps each argument a field of its own: expand.ts splits on this separator.
        ['@', this.positional.join(POSITIONAL_SEPARATOR)],
        ['*', this.positional.join(' ')],
        ...this.positional.map((value, index) => [String(index + 1), value] as [string, string]),
      ]),
      tree: this.state.tree,
      cwd: this.state.cwd,
      nounset: this.state.options.nounset,
      braces: this.shell.flavour === 'bash',
      substitute: (script) => this.substitute(script),
      processSubstitute: (script, direction) => this.processSubstitute(script, direction),
    };
  }

  /**
   * `<(…)`: runs the list now and gives its output as a file the command reads (/dev/fd/63,
   * then 62…, as bash numbers them). `>(…)` gets a path too, but what is written to it is not followed.
   */
  private async processSubstitute(script: string, direction: '<' | '>'): Promise<string> {
    const path = `/dev/fd/${63 - this.fs.pipes.size}`;
    if (direction === '>') {
      noteGap(
        this.state,
        'not-followed',
        `What a command writes to >(${script.slice(0, 60)}) is not simulated.`,
      );
      this.fs.pipes.set(path, '');
      return path;
    }
    this.fs.pipes.set(path, await this.substituteOutput(script));
    return path;
  }

  /** `$(…)`: runs in a subshell (variables and cwd stay there, files do not) and returns its output. */
  private async substitute(script: string): Promise<string> {
    return this.substituteOutput(script);
  }

  /** Runs a list in a subshell and returns what it printed (its errors go nowhere the build shows). */
  private async substituteOutput(script: string): Promise<string> {
    const saved = this.save();
    const io: Io = { stdin: '', stdout: '', stderr: '', tty: false };
    try {
      await this.list(parseScript(script, { flavour: this.shell.flavour }), io, false);
    } catch (error) {
      if (
        !(error instanceof ExitSignal) &&
        !(error instanceof ShellSyntaxError) &&
        !(error instanceof LoopSignal)
      )
        throw error;
    } finally {
      this.restore(saved);
    }
    return textOf(io.stdout);
  }

  /** What a subshell may change that its parent does not see: the directory, variables and umask. */
  private save(): Saved {
    return {
      cwd: this.state.cwd,
      variables: new Map(this.state.variables),
      exported: new Set(this.state.exported),
      umask: this.state.umask,
    };
  }

  private restore(saved: Saved): void {
    this.state.cwd = saved.cwd;
    this.state.umask = saved.umask;
    this.state.variables.clear();
    for (const [key, value] of saved.variables) this.state.variables.set(key, value);
    this.state.exported.clear();
    for (const key of saved.exported) this.state.exported.add(key);
  }

  private async list(script: Script, io: Io, inCondition: boolean): Promise<number> {
    let status = 0;
    for (const andOr of script) {
      if (andOr.background)
        this.state.notes.push(
          'A command ran in the background (&); the simulator ran it to completion in place.',
        );
      status = await this.andOr(andOr, io, inCondition);
    }
    return status;
  }

  private async andOr(andOr: AndOr, io: Io, inCondition: boolean): Promise<number> {
    if (andOr.line !== undefined) this.line = andOr.line;
    let status = await this.pipeline(andOr.first, io);
    let lastRan = 0;
    for (let i = 0; i < andOr.rest.length; i++) {
      const { op, pipeline } = andOr.rest[i] as AndOr['rest'][number];
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
        status = await this.pipeline(pipeline, io);
        lastRan = i + 1;
      }
    }
    this.lastStatus = status;
    // `set -e` ignores failures in a condition and in any but the last part of an && / || list.
    if (this.state.options.errexit && !inCondition && status !== 0 && lastRan === andOr.rest.length) {
      throw new ExitSignal(status);
    }
    return status;
  }

  private async pipeline(pipeline: Pipeline, io: Io): Promise<number> {
    let stdin = io.stdin;
    let status = 0;
    let failed = 0;
    for (const [index, command] of pipeline.commands.entries()) {
      const last = index === pipeline.commands.length - 1;
      const stage: Io = { stdin, stdout: '', stderr: '', tty: io.tty && last };
      try {
        status = await this.command(command, stage);
      } finally {
        // Also when the command ends the shell: what it printed before is still printed.
        io.stderr += stage.stderr;
        // What `read` took from the input is gone for the next command reading it.
        if (pipeline.commands.length === 1) io.stdin = stage.stdin;
        if (last) io.stdout = concatBytes(io.stdout, stage.stdout);
        else stdin = stage.stdout;
      }
      if (status !== 0) failed = status;
    }
    if (this.state.options.pipefail && failed !== 0) status = failed;
    const result = pipeline.negated ? (status === 0 ? 1 : 0) : status;
    this.lastStatus = result;
    return result;
  }

  private async command(command: Command, io: Io): Promise<number> {
    this.spend();
    switch (command.kind) {
      case 'simple':
        return this.simple(command, io);
      case 'subshell': {
        const saved = this.save();
        try {
          return await this.withRedirects(command.redirects, io, (inner) =>
            this.list(command.body, inner, false),
          );
        } catch (error) {
          if (error instanceof ExitSignal) return error.status;
          throw error;
        } finally {
          this.restore(saved);
        }
      }
      case 'group':
        return this.withRedirects(command.redirects, io, (inner) => this.list(command.body, inner, false));
      case 'if': {
        for (const branch of command.branches) {
          if ((await this.list(branch.condition, io, true)) === 0) return this.list(branch.body, io, false);
        }
        return command.otherwise ? this.list(command.otherwise, io, false) : 0;
      }
      case 'for': {
        const items: string[] = [];
        for (const word of command.items)
          items.push(...(await this.expand(() => expandToFields(word, this.scope()), io)));
        if (command.items.length === 0) items.push(...this.positional);
        let index = 0;
        return this.loop(async () => {
          if (index >= items.length) return undefined;
          this.state.variables.set(command.variable, items[index++] as string);
          return this.list(command.body, io, false);
        });
      }
      case 'while':
        return this.loop(async () => {
          const condition = await this.list(command.condition, io, true);
          if ((condition === 0) === command.until) return undefined;
          return this.list(command.body, io, false);
        });
      case 'case':
        return this.caseCommand(command, io);
      case 'function':
        this.functions.set(command.name, command.body);
        return 0;
      case 'unsupported':
        noteGap(
          this.state,
          'not-followed',
          `The shell construct "${command.construct}" is not simulated: ${command.text.slice(0, 80)}${command.text.length > 80 ? '…' : ''}`,
        );
        return 0;
    }
  }

  /**
   * Runs a loop's iterations (each returns its status, or undefined when the loop is done), with
   * `break` and `continue` and a bound: a loop that runs SHELL_LIMITS.loop times stops the script.
   */
  private async loop(iteration: () => Promise<number | undefined>): Promise<number> {
    let status = 0;
    this.loops++;
    try {
      for (let count = 0; ; count++) {
        if (count >= SHELL_LIMITS.loop)
          throw new ShellLimitExceeded(
            `a loop ran ${SHELL_LIMITS.loop.toLocaleString('en')} times and was stopped (the simulator's limit): its inputs are not known to end it`,
          );
        this.spend();
        try {
          const result = await iteration();
          if (result === undefined) break;
          status = result;
        } catch (error) {
          if (!(error instanceof LoopSignal)) throw error;
          if (error.levels > 1) throw new LoopSignal(error.levels - 1, error.next);
          if (!error.next) break;
        }
      }
    } finally {
      this.loops--;
    }
    return status;
  }

  /** `case`: the first item with a pattern that matches the word runs; none matching is status 0. */
  private async caseCommand(command: Extract<Command, { kind: 'case' }>, io: Io): Promise<number> {
    const word = await this.expand(() => expandToString(command.word, this.scope()), io);
    for (const item of command.items) {
      for (const pattern of item.patterns) {
        const regex = await this.expand(() => patternRegex(pattern, this.scope()), io);
        if (regex.test(word)) return this.list(item.body, io, false);
      }
    }
    return 0;
  }

  /** Runs a function with its arguments as `$1`…; `return` ends it. */
  private async call(body: Command, args: string[], io: Io): Promise<number> {
    if (this.calls >= SHELL_LIMITS.functions) {
      if (this.shell.flavour === 'dash')
        io.stderr += `${this.prefix()}Maximum function recursion depth (${SHELL_LIMITS.functions}) reached\n`;
      else
        io.stderr += `${this.prefix()}functions nested more than ${SHELL_LIMITS.functions} deep (the simulator's limit)\n`;
      throw new ExitSignal(2);
    }
    const saved = this.positional;
    this.positional = args;
    this.calls++;
    try {
      return await this.command(body, io);
    } catch (error) {
      if (error instanceof ReturnSignal) return error.status;
      throw error;
    } finally {
      this.calls--;
      this.positional = saved;
    }
  }

  private async expand<T>(work: () => Promise<T>, io: Io): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ExpansionFailure)) throw error;
      io.stderr += `${this.prefix()}${error.message}\n`;
      throw new ExitSignal(2);
    }
  }

  private async withRedirects(
    redirects: readonly Redirect[],
    io: Io,
    body: (io: Io) => Promise<number>,
  ): Promise<number> {
    const inner: Io = { stdin: io.stdin, stdout: '', stderr: '', tty: io.tty };
    const outputs: { fd: number; path: string; append: boolean }[] = [];
    let toStdout = false;
    let ownInput = false;
    for (const redirect of redirects) {
      if (redirect.op === '<' || redirect.heredoc) ownInput = true;
      if (redirect.heredoc) {
        const { body, expand } = redirect.heredoc;
        inner.stdin = expand
          ? await this.expand(() => expandToString(heredocWord(body), this.scope()), io)
          : body;
        continue;
      }
      const target = await this.expand(() => expandToString(redirect.target, this.scope()), io);
      if (redirect.op === '<') inner.stdin = this.input(target);
      else if (redirect.op === '>&') {
        if (redirect.fd === 2 && target === '1') toStdout = true;
      } else if (redirect.op === '>' || redirect.op === '>>')
        outputs.push({ fd: redirect.fd, path: target, append: redirect.op === '>>' });
    }
    if (outputs.some((output) => output.fd === 1)) inner.tty = false;
    // What was printed before an `exit` (or a failed `.` in dash) still reaches its file or the caller.
    let status: number;
    let exit: ExitSignal | undefined;
    try {
      status = await body(inner);
    } catch (error) {
      if (!(error instanceof ExitSignal)) throw error;
      exit = error;
      status = error.status;
    }
    // Input `read` consumed from the caller's stream stays consumed.
    if (!ownInput) io.stdin = inner.stdin;
    if (toStdout) {
      inner.stdout = concatBytes(inner.stdout, inner.stderr);
      inner.stderr = '';
    }
    for (const output of outputs) {
      const text = output.fd === 2 ? inner.stderr : inner.stdout;
      if (output.fd === 2) inner.stderr = '';
      else inner.stdout = '';
      if (output.path === '/dev/null') continue;
      if (this.fs.stat(output.path)?.kind === 'dir') {
        io.stderr += `${this.prefix()}cannot create ${output.path}: Is a directory\n`;
        return 2;
      }
      if (this.fs.stat(output.path) ? !this.fs.mayWrite(output.path) : !this.fs.mayChangeIn(output.path)) {
        io.stderr += `${this.prefix()}cannot create ${output.path}: Permission denied\n`;
        return 2;
      }
      const before = output.append ? (this.fs.readBytes(output.path) ?? '') : '';
      this.fs.writeBytes(output.path, concatBytes(before, text));
    }
    io.stdout = concatBytes(io.stdout, inner.stdout);
    io.stderr += inner.stderr;
    if (exit) throw exit;
    return status;
  }

  private async simple(command: SimpleCommand, io: Io): Promise<number> {
    const words: string[] = [];
    for (const word of command.words)
      words.push(...(await this.expand(() => expandToFields(word, this.scope()), io)));
    const assignments: [string, string][] = [];
    for (const { name, value } of command.assignments) {
      assignments.push([name, await this.expand(() => expandToString(value, this.scope()), io)]);
    }
    const longest = [...words, ...assignments.map(([, value]) => value)].reduce(
      (most, word) => Math.max(most, word.length),
      0,
    );
    if (longest > SHELL_LIMITS.wordChars)
      throw new ShellLimitExceeded(
        `a word of ${longest.toLocaleString('en')} characters is more than the simulator handles`,
      );
    if (words.length === 0) {
      for (const [name, value] of assignments) this.state.variables.set(name, value);
      return this.withRedirects(command.redirects, io, async () => 0);
    }
    if (this.state.options.xtrace)
      io.stderr += `+ ${[...assignments.map(([k, v]) => `${k}=${v}`), ...words].join(' ')}\n`;
    try {
      return await this.withRedirects(command.redirects, io, (inner) =>
        this.invoke(words, assignments, inner),
      );
    } finally {
      // A `<(…)` pipe is open for its command only.
      this.fs.pipes.clear();
    }
  }

  private async invoke(words: string[], assignments: [string, string][], io: Io): Promise<number> {
    const [name, ...args] = words as [string, ...string[]];
    if (name === '.' || (name === 'source' && this.shell.flavour !== 'dash'))
      return this.source(name, args, io);
    const defined = this.functions.get(name);
    if (defined) {
      this.commands.push([name, ...args].join(' '));
      return this.call(defined, args, io);
    }
    if (BUILTINS.has(name)) return this.builtin(name, args, assignments, io);
    const path = this.lookup(name);
    if (path === undefined) {
      io.stderr +=
        this.shell.flavour === 'bash'
          ? `${this.prefix()}${name}: command not found\n`
          : `${this.prefix()}${name}: not found\n`;
      return 127;
    }
    // The name it was called by first (busybox applets are links to /bin/busybox; pip3 is pip),
    // then the file it resolves to, with any version suffix (python3.9 → python3 → python).
    const target = basename(realpath(this.state.tree, path) ?? path);
    const module =
      this.modules.get(basename(name)) ??
      this.modules.get(target) ??
      this.modules.get(target.replace(/\.\d+$/, '')) ??
      this.modules.get(target.replace(/[\d.]+$/, ''));
    const shown = [name, ...args].join(' ');
    this.commands.push(shown);
    if (!module && this.options.fallback) {
      return this.finish(
        await this.runModule(this.options.fallback, name, path, args, io, this.environment(assignments)),
        io,
      );
    }
    if (!module) {
      noteGap(
        this.state,
        'not-followed',
        `${basename(name)} (${path}) is not simulated: whatever it changes in the filesystem is not shown.`,
      );
      return 0;
    }
    const env = this.environment(assignments);
    let result: CommandResult;
    try {
      result = await this.runModule(module, name, path, args, io, env);
    } catch (error) {
      if (error instanceof ShellLimitExceeded) throw error;
      // Missing package data or a bug in a command must not take the build down: say what was not followed.
      noteGap(
        this.state,
        'not-followed',
        `${basename(name)} could not be simulated (${error instanceof Error ? error.message : String(error)}); its effect is not shown.`,
      );
      return 0;
    }
    return this.finish(result, io);
  }

  /** Takes what a command printed, within the output budget. */
  private finish(result: CommandResult, io: Io): number {
    const stdout = result.stdout ?? '';
    const stderr = result.stderr ?? '';
    // Opaque bytes take no memory: only text counts against the budget.
    this.budget.output += (typeof stdout === 'string' ? stdout.length : 0) + stderr.length;
    if (this.budget.output > SHELL_LIMITS.outputChars)
      throw new ShellLimitExceeded(
        `stopped after ${SHELL_LIMITS.outputChars.toLocaleString('en')} characters of output (the simulator's limit)`,
      );
    io.stdout = concatBytes(io.stdout, stdout);
    io.stderr += stderr;
    return result.status;
  }

  /** The variables a command sees: the exported ones, then its `VAR=value` prefixes. */
  private environment(assignments: readonly [string, string][]): Map<string, string> {
    return new Map([
      ...[...this.state.exported].flatMap((key) => {
        const value = this.state.variables.get(key);
        return value === undefined ? [] : [[key, value] as [string, string]];
      }),
      ...assignments,
    ]);
  }

  private runModule(
    module: CommandModule,
    name: string,
    path: string,
    args: string[],
    io: Io,
    env: ReadonlyMap<string, string>,
  ): CommandResult | Promise<CommandResult> {
    return module.run({
      name: basename(name),
      path,
      args,
      stdin: textOf(io.stdin),
      input: io.stdin,
      tty: io.tty,
      state: this.state,
      fs: this.fs,
      env,
      shell: this.shell.flavour,
      script: (source, stdin, shell, args) => this.child(source, stdin, env, io.tty, shell, args),
    });
  }

  /** A child shell (`sh -c`): its own variables and options, the same filesystem. */
  private async child(
    source: string,
    stdin: string,
    env: ReadonlyMap<string, string>,
    tty: boolean,
    shell: Shell = this.shell,
    positional: readonly string[] = [],
  ): Promise<CommandResult> {
    const state: ShellState = {
      ...this.state,
      variables: new Map(env),
      exported: new Set(env.keys()),
      options: { errexit: false, nounset: false, xtrace: false, pipefail: false },
    };
    const depth = (this.options.depth ?? 0) + 1;
    if (depth > SHELL_LIMITS.depth)
      throw new ShellLimitExceeded(
        `shells nested more than ${SHELL_LIMITS.depth} deep (the simulator's limit)`,
      );
    const interpreter = new Interpreter(state, shell, this.modules, {
      ...this.options,
      interactive: false,
      tty,
      depth,
      budget: this.budget,
      positional,
    });
    const output = await interpreter.run(source, stdin);
    this.state.tree = state.tree;
    this.state.gaps.push(...state.gaps);
    this.commands.push(...interpreter.commands);
    return output;
  }

  /**
   * `. file` (and bash's and ash's `source`): runs the file's text in this shell, so what it sets
   * and exports stays. A name without a slash is looked for on PATH (bash then tries the working
   * directory). dash stops the script when the file cannot be read, as for any special builtin.
   */
  private async source(name: string, args: string[], io: Io): Promise<number> {
    const [file] = args;
    if (file === undefined) {
      if (this.shell.flavour === 'bash') {
        io.stderr += `${this.prefix()}${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`;
        return 2;
      }
      return 0;
    }
    const path = this.sourcePath(file);
    const node = path === undefined ? undefined : this.fs.stat(path);
    if (path === undefined || node?.kind !== 'file') {
      if (this.shell.flavour === 'dash') {
        io.stderr += file.includes('/')
          ? `${this.prefix()}${name}: cannot open ${file}: No such file\n`
          : `${this.prefix()}${name}: ${file}: not found\n`;
        throw new ExitSignal(2);
      }
      io.stderr += `${this.prefix()}${file}: No such file or directory\n`;
      return 1;
    }
    this.commands.push(`${name} ${file}`);
    if (node.content === undefined) {
      noteGap(
        this.state,
        'not-followed',
        `${name} ${file}: the simulator does not know this file's text, so what it sets is not followed.`,
      );
      return 0;
    }
    let script: Script;
    try {
      script = parseScript(node.content, { flavour: this.shell.flavour });
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.stderr += `${file}: ${error.message}\n`;
      return 2;
    }
    if (++this.sourcing > SHELL_LIMITS.depth)
      throw new ShellLimitExceeded(
        `files sourced more than ${SHELL_LIMITS.depth} deep (the simulator's limit)`,
      );
    try {
      return await this.list(script, io, false);
    } catch (error) {
      if (error instanceof ReturnSignal) return error.status;
      throw error;
    } finally {
      this.sourcing--;
    }
  }

  private sourcePath(file: string): string | undefined {
    if (file.includes('/')) return file;
    for (const dir of (this.state.variables.get('PATH') ?? '').split(':')) {
      const candidate = `${dir.replace(/\/$/, '')}/${file}`;
      if (dir && this.fs.stat(candidate)?.kind === 'file') return candidate;
    }
    return this.shell.flavour === 'bash' ? file : undefined;
  }

  /**
   * What `< file` reads: the file's data, nothing from /dev/null. The endless devices (/dev/zero,
   * /dev/urandom) are not followed through `<`: dd and head -c read them by name.
   */
  private input(target: string): Bytes {
    const device = deviceAt(this.fs.resolve(target));
    if (device === 'null') return '';
    if (device)
      noteGap(
        this.state,
        'not-followed',
        `Reading ${target} through < is not simulated: the command got no input.`,
      );
    return this.fs.readBytes(target) ?? '';
  }

  /** Finds a command as the shell does: a path as given, else the first match on PATH. */
  private lookup(name: string): string | undefined {
    if (name.includes('/')) {
      const node = stat(this.state.tree, this.fs.resolve(name));
      return node && node.kind !== 'dir' ? this.fs.resolve(name) : undefined;
    }
    return findOnPath(this.state.tree, this.state.variables.get('PATH') ?? '', name);
  }

  private builtin(name: string, args: string[], assignments: [string, string][], io: Io): number {
    for (const [key, value] of assignments) this.state.variables.set(key, value);
    switch (name) {
      case 'cd': {
        const target = this.fs.resolve(args[0] ?? this.state.variables.get('HOME') ?? '/');
        if (this.fs.stat(target)?.kind !== 'dir') {
          const shown = args[0] ?? '~';
          const reason = this.fs.stat(target) ? 'Not a directory' : 'No such file or directory';
          if (this.shell.flavour === 'bash') {
            io.stderr += `${this.prefix()}cd: ${shown}: ${reason}\n`;
            return 1;
          }
          io.stderr +=
            this.shell.flavour === 'ash'
              ? `${this.prefix()}cd: can't cd to ${shown}: ${reason}\n`
              : `${this.prefix()}cd: can't cd to ${shown}\n`;
          return 2;
        }
        this.state.cwd = target;
        this.state.variables.set('PWD', target);
        return 0;
      }
      case 'export':
      case 'readonly':
      case 'local':
        for (const arg of args.filter((word) => !word.startsWith('-'))) {
          const eq = arg.indexOf('=');
          const key = eq === -1 ? arg : arg.slice(0, eq);
          if (eq !== -1) this.state.variables.set(key, arg.slice(eq + 1));
          if (name === 'export') this.state.exported.add(key);
        }
        return 0;
      case 'unset':
        for (const arg of args.filter((word) => !word.startsWith('-'))) {
          this.state.variables.delete(arg);
          this.state.exported.delete(arg);
        }
        return 0;
      case 'set':
        return this.setOptions(args);
      case 'shift': {
        const count = Number(args[0] ?? 1);
        if (!(count <= this.positional.length)) return 1;
        this.positional = this.positional.slice(count);
        return 0;
      }
      case 'false':
        return 1;
      case 'exit':
        throw new ExitSignal(args[0] === undefined ? this.lastStatus : Number(args[0]) & 0xff);
      case 'pwd':
        io.stdout = concatBytes(io.stdout, `${this.state.cwd}\n`);
        return 0;
      case 'umask':
        return this.umask(args, io);
      case 'break':
      case 'continue': {
        if (this.loops === 0) return 0;
        const levels = Math.max(1, Number(args[0] ?? 1) || 1);
        throw new LoopSignal(Math.min(levels, this.loops), name === 'continue');
      }
      case 'return':
        throw new ReturnSignal(args[0] === undefined ? this.lastStatus : Number(args[0]) & 0xff);
      case 'read':
        return readLine(args, io, this.state.variables);
      case 'command':
      case 'type': {
        const queried = args.filter((word) => !word.startsWith('-'));
        let status = 0;
        for (const word of queried) {
          const found = BUILTINS.has(word) ? word : this.lookup(word);
          if (found === undefined) status = 1;
          else io.stdout = concatBytes(io.stdout, name === 'type' ? `${word} is ${found}\n` : `${found}\n`);
        }
        return status;
      }
      default:
        return 0;
    }
  }

  /** `umask` prints the mask, `umask 077` sets it; a symbolic mask is not followed. */
  private umask(args: string[], io: Io): number {
    const [value] = args;
    if (value === undefined) {
      io.stdout = concatBytes(io.stdout, `${this.state.umask.toString(8).padStart(4, '0')}\n`);
      return 0;
    }
    if (/^[0-7]{1,4}$/.test(value)) this.state.umask = Number.parseInt(value, 8);
    else noteGap(this.state, 'not-followed', `umask ${value} (a symbolic mask) is not simulated.`);
    return 0;
  }

  private setOptions(args: string[]): number {
    const options = this.state.options;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--') {
        this.positional = args.slice(i + 1);
        return 0;
      }
      if (arg === '-o' || arg === '+o') {
        const option = args[++i];
        if (option === 'pipefail') options.pipefail = arg === '-o';
        if (option === 'errexit') options.errexit = arg === '-o';
        if (option === 'nounset') options.nounset = arg === '-o';
        if (option === 'xtrace') options.xtrace = arg === '-o';
        continue;
      }
      if (!/^[-+][a-z]+$/.test(arg)) continue;
      const on = arg.startsWith('-');
      for (const flag of arg.slice(1)) {
        if (flag === 'e') options.errexit = on;
        if (flag === 'u') options.nounset = on;
        if (flag === 'x') options.xtrace = on;
      }
    }
    return 0;
  }
}
