/**
 * The simple commands a RUN executes, with each word located in the Dockerfile text, so a rule can
 * say "`apk add` without --no-cache" at the `add` and offer to insert the flag after it. Parsing is
 * the shell interpreter's own (`shell/parse.ts`); words are then found in the script in order.
 */
import type { CommandLine, InlineFile, RunInstruction, SyntaxWord } from '../dockerfile/index.ts';
import type { Command, Script, Word } from '../shell/ast.ts';
import { parseScript } from '../shell/parse.ts';
import type { SourceRange } from '../source-range.ts';
import type { RuleInput } from './rule.ts';
import { LocatedWord, lineIndex } from './source-text.ts';

export interface CommandWord {
  /** As written, quotes included. */
  readonly text: string;
  /** The word without its quotes; undefined when it holds an expansion (`$VAR`, `$(…)`). */
  readonly value: string | undefined;
  readonly range: SourceRange;
  /** Where text inserted right after this word goes. */
  readonly after: number | undefined;
}

export interface SimpleCommandWords {
  /** `NAME=value` prefixes, by name. */
  readonly assignments: readonly string[];
  /** The command name first, then its arguments. */
  readonly words: readonly CommandWord[];
}

export interface RunScript {
  readonly instruction: RunInstruction;
  /** Every simple command, in order, including those inside `( … )`, `{ …; }`, `if` and `for`. */
  readonly commands: readonly SimpleCommandWords[];
  /** The whole script as written (empty for the exec form). */
  readonly text: string;
  /** Where text appended to the script goes; undefined for the exec form or a heredoc script. */
  readonly end: number | undefined;
}

interface Located {
  readonly text: string;
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
}

const SEPARATORS = ' \t\r\n;&|()<>';

function isBoundary(char: string | undefined): boolean {
  return char === undefined || SEPARATORS.includes(char);
}

function literalValue(word: Word): string | undefined {
  let value = '';
  for (const part of word.parts) {
    if (part.kind !== 'literal') return undefined;
    value += part.text;
  }
  return value;
}

/** Walks the parsed script in source order, finding each word's place from a moving cursor. */
class WordFinder {
  private cursor = 0;
  private readonly script: string;
  readonly commands: { assignments: string[]; words: Located[] }[] = [];

  constructor(script: string) {
    this.script = script;
  }

  private find(text: string): number | undefined {
    for (let at = this.script.indexOf(text, this.cursor); at !== -1; at = this.script.indexOf(text, at + 1)) {
      if (isBoundary(this.script[at - 1]) && isBoundary(this.script[at + text.length])) {
        this.cursor = at + text.length;
        return at;
      }
    }
    return undefined;
  }

  walk(script: Script): void {
    for (const andOr of script) {
      for (const pipeline of [andOr.first, ...andOr.rest.map((next) => next.pipeline)]) {
        for (const command of pipeline.commands) this.command(command);
      }
    }
  }

  private command(command: Command): void {
    switch (command.kind) {
      case 'simple': {
        const assignments = command.assignments.map((assignment) => {
          this.find(`${assignment.name}=${assignment.value.text}`);
          return assignment.name;
        });
        const words: Located[] = [];
        for (const word of command.words) {
          const start = this.find(word.text);
          if (start === undefined) return;
          words.push({ text: word.text, value: literalValue(word), start, end: start + word.text.length });
        }
        this.commands.push({ assignments, words });
        return;
      }
      case 'subshell':
      case 'group':
        this.walk(command.body);
        return;
      case 'if':
        for (const branch of command.branches) {
          this.walk(branch.condition);
          this.walk(branch.body);
        }
        if (command.otherwise) this.walk(command.otherwise);
        return;
      case 'for':
        this.walk(command.body);
        return;
      case 'while':
        this.walk(command.condition);
        this.walk(command.body);
        return;
      case 'case':
        for (const item of command.items) this.walk(item.body);
        return;
      case 'function':
        this.command(command.body);
        return;
      case 'unsupported':
        return;
    }
  }
}

function parse(script: string): { assignments: string[]; words: Located[] }[] {
  let parsed: Script;
  try {
    parsed = parseScript(script);
  } catch {
    // A script the shell cannot parse fails the build anyway; rules have nothing to say about it.
    return [];
  }
  const finder = new WordFinder(script);
  finder.walk(parsed);
  return finder.commands;
}

function fromExecForm(args: readonly SyntaxWord[]): SimpleCommandWords {
  return {
    assignments: [],
    words: args.map((arg) => ({
      text: arg.value,
      value: arg.value,
      range: arg.range,
      after: arg.range.end.offset,
    })),
  };
}

function heredocScript(input: RuleInput, run: RunInstruction, heredoc: InlineFile): RunScript {
  const index = lineIndex(input);
  // A heredoc body is verbatim apart from the leading tabs `<<-` strips from each line.
  const offsets: number[] = [];
  let at = heredoc.range.start.offset;
  for (const line of heredoc.content.split(/(?<=\n)/)) {
    if (heredoc.chomp) while (input.text[at] === '\t') at++;
    if (input.text.slice(at, at + line.length) !== line) break;
    for (let i = 0; i < line.length; i++) offsets.push(at + i);
    at += line.length;
  }
  const located = offsets.length === heredoc.content.length;
  const commands = parse(heredoc.content).map(({ assignments, words }) => ({
    assignments,
    words: words.map((word) => {
      const start = located ? offsets[word.start] : undefined;
      const last = located ? offsets[word.end - 1] : undefined;
      return {
        text: word.text,
        value: word.value,
        range: start === undefined || last === undefined ? heredoc.range : index.range(start, last + 1),
        after: last === undefined ? undefined : last + 1,
      };
    }),
  }));
  return { instruction: run, commands, text: heredoc.content, end: undefined };
}

/** The simple commands of a shell-form script word (RUN, CMD, ENTRYPOINT), located in the source. */
export function shellCommands(input: RuleInput, script: SyntaxWord): SimpleCommandWords[] {
  const located = new LocatedWord(input, script);
  return parse(script.value).map(({ assignments, words }) => ({
    assignments,
    words: words.map((word) => ({
      text: word.text,
      value: word.value,
      range: located.range(word.start, word.end),
      after: located.offsetAfter(word.end),
    })),
  }));
}

function shellForm(input: RuleInput, run: RunInstruction, script: SyntaxWord): RunScript {
  const end = new LocatedWord(input, script).offsetAfter(script.value.length);
  return { instruction: run, commands: shellCommands(input, script), text: script.value, end };
}

// Several rules read every RUN; an instruction belongs to one parse of one text, so its scripts can be kept.
const scriptsCache = new WeakMap<RunInstruction, RunScript[]>();

/** The scripts a RUN runs: its shell-form line, or the heredoc that is its whole command. */
export function runScripts(input: RuleInput, run: RunInstruction): RunScript[] {
  let scripts = scriptsCache.get(run);
  if (scripts === undefined) {
    scripts = readScripts(input, run);
    scriptsCache.set(run, scripts);
  }
  return scripts;
}

function readScripts(input: RuleInput, run: RunInstruction): RunScript[] {
  const command: CommandLine = run.command;
  if (command.form === 'exec') {
    return [{ instruction: run, commands: [fromExecForm(command.args)], text: '', end: undefined }];
  }
  const heredoc = run.heredocs[0];
  if (heredoc && run.heredocs.length === 1 && /^<<-?["']?\w+["']?$/.test(command.script.value.trim())) {
    return [heredocScript(input, run, heredoc)];
  }
  return [shellForm(input, run, command.script)];
}

/** The plain value of a command's name (its basename, so `/sbin/apk` is `apk`). */
export function commandName(command: SimpleCommandWords): string | undefined {
  const value = command.words[0]?.value;
  return value === undefined ? undefined : value.slice(value.lastIndexOf('/') + 1);
}

/** The simple commands of every script of `runs`, in order. */
export function commandsOf(input: RuleInput, runs: readonly RunInstruction[]): SimpleCommandWords[] {
  return runs.flatMap((run) => runScripts(input, run).flatMap((script) => script.commands));
}

/** The arguments that are not options, with the values of the options listed in `takesValue` skipped. */
export function operands(
  command: SimpleCommandWords,
  takesValue: ReadonlySet<string> = new Set(),
): CommandWord[] {
  return nonOptions(command.words.slice(1), takesValue);
}

/** The words of `args` that are not options, with the values of the options in `takesValue` skipped. */
export function nonOptions(args: readonly CommandWord[], takesValue: ReadonlySet<string>): CommandWord[] {
  const result: CommandWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i]?.value ?? '';
    if (value.startsWith('-')) {
      if (takesValue.has(value)) i++;
      continue;
    }
    result.push(args[i] as CommandWord);
  }
  return result;
}

/** Whether any argument is one of `flags` (or `--flag=value` for a long one). */
export function hasFlag(command: SimpleCommandWords, ...flags: string[]): boolean {
  return command.words
    .slice(1)
    .some(
      (word) =>
        word.value !== undefined &&
        flags.some((flag) => word.value === flag || word.value?.startsWith(`${flag}=`)),
    );
}

/** Whether the RUN mounts a cache or tmpfs on a path containing `fragment`: what it writes there stays out of the layer. */
export function mountsCacheOn(run: RunInstruction, fragment: string): boolean {
  return run.mounts.some(
    (mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && (mount.target ?? '').includes(fragment),
  );
}

/** The subcommand of a package manager (`install` in `apt-get -y install curl`) with its word. */
export function subcommand(
  command: SimpleCommandWords,
  takesValue: ReadonlySet<string> = new Set(),
): CommandWord | undefined {
  return operands(command, takesValue)[0];
}

/** The `install` word of `pip install …`, `pip3 install …` or `python -m pip install …`. */
export function pipInstall(command: SimpleCommandWords): CommandWord | undefined {
  const name = commandName(command) ?? '';
  let rest: readonly CommandWord[];
  if (/^pip[0-9.]*$/.test(name)) rest = command.words.slice(1);
  else if (
    /^python[0-9.]*$/.test(name) &&
    command.words[1]?.value === '-m' &&
    command.words[2]?.value === 'pip'
  )
    rest = command.words.slice(3);
  else return undefined;
  const first = rest.find((word) => !(word.value ?? '').startsWith('-'));
  return first?.value === 'install' ? first : undefined;
}
