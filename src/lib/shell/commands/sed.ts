/**
 * GNU sed for the scripts Dockerfiles run: `s/re/replacement/flags` (g, a count, I, p), `d` and
 * `p`, with line-number, `$` and `/re/` addresses and ranges; -e, -n, -E/-r and -i[SUFFIX].
 * Basic regular expressions are rewritten into JavaScript's. A command outside that subset, or a
 * file whose text the simulator does not know, is said, and the file is left as it was.
 */
import { textFile } from '../../fs/content.ts';
import { type CommandContext, type CommandModule, type CommandResult, noteGap } from '../command.ts';

type Address = { readonly line: number } | { readonly last: true } | { readonly regex: RegExp };

interface SedCommand {
  readonly from?: Address;
  readonly to?: Address;
  readonly name: 's' | 'd' | 'p';
  readonly regex?: RegExp;
  readonly replacement?: string;
  /** Which match `s` replaces (1 unless a count is given); 0 for every one (`g`). */
  readonly occurrence?: number;
  readonly print?: boolean;
}

class Unsupported extends Error {}

const CLASSES: Record<string, string> = {
  space: '\\s',
  blank: ' \\t',
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** A POSIX regular expression (basic unless `extended`) as a JavaScript one. */
export function toRegex(source: string, extended: boolean, flags = ''): RegExp {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '[') {
      const end = source.indexOf(']', source[i + 1] === ']' || source[i + 1] === '^' ? i + 2 : i + 1);
      const inner = source.slice(i + 1, end === -1 ? source.length : end);
      out += `[${inner.replace(/\[:(\w+):\]/g, (_m, name: string) => CLASSES[name] ?? '').replace(/\\/g, '\\\\')}]`;
      i = end === -1 ? source.length : end;
    } else if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i] as string;
      if (!extended && '(){}+?|'.includes(next)) out += next;
      else if (next === 'n') out += '\\n';
      else if (next === 't') out += '\\t';
      else if (/[0-9wWsSbB]/.test(next)) out += `\\${next}`;
      else out += `\\${next}`;
    } else if (!extended && '(){}+?|'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return new RegExp(out, flags);
}

/** `&` and `\1`… of a replacement as String.replace's `$&` and `$1`, `$` kept literal. */
function toReplacement(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      out += /[1-9]/.test(next)
        ? `$${next}`
        : next === 'n'
          ? '\n'
          : next === 't'
            ? '\t'
            : next === '$'
              ? '$$'
              : next;
    } else if (ch === '&') out += '$&';
    else if (ch === '$') out += '$$';
    else out += ch;
  }
  return out;
}

/** Reads up to the next unescaped `delimiter`, dropping the escape of the delimiter itself. */
function until(script: string, start: number, delimiter: string): [string, number] {
  let text = '';
  for (let i = start; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === '\\' && script[i + 1] === delimiter) {
      text += delimiter;
      i++;
    } else if (ch === '\\' && i + 1 < script.length) {
      text += ch + (script[++i] as string);
    } else if (ch === delimiter) return [text, i + 1];
    else text += ch;
  }
  throw new Unsupported(`unterminated command`);
}

function address(script: string, at: number, extended: boolean): [Address | undefined, number] {
  const number = /^\d+/.exec(script.slice(at));
  if (number) return [{ line: Number(number[0]) }, at + number[0].length];
  if (script[at] === '$') return [{ last: true }, at + 1];
  if (script[at] === '/' || script[at] === '\\') {
    const delimiter = script[at] === '\\' ? (script[at + 1] as string) : '/';
    const [source, next] = until(script, at + (script[at] === '\\' ? 2 : 1), delimiter);
    return [{ regex: toRegex(source, extended) }, next];
  }
  return [undefined, at];
}

/** Parses a script of `;`- or newline-separated commands. */
export function parseSed(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  let at = 0;
  while (at < script.length) {
    while (at < script.length && /[\s;]/.test(script[at] as string)) at++;
    if (at >= script.length) break;
    const [from, afterFrom] = address(script, at, extended);
    at = afterFrom;
    let to: Address | undefined;
    if (from && script[at] === ',') [to, at] = address(script, at + 1, extended);
    while (script[at] === ' ') at++;
    const name = script[at++];
    if (name === 'd' || name === 'p') commands.push({ from, to, name });
    else if (name === 's') {
      const delimiter = script[at] as string;
      const [source, afterRegex] = until(script, at + 1, delimiter);
      const [replacement, afterReplacement] = until(script, afterRegex, delimiter);
      const flags = /^[gIip0-9]*/.exec(script.slice(afterReplacement))?.[0] ?? '';
      at = afterReplacement + flags.length;
      const count = /\d+/.exec(flags)?.[0];
      commands.push({
        from,
        to,
        name: 's',
        regex: toRegex(source, extended, `${flags.includes('g') ? 'g' : ''}${/[Ii]/.test(flags) ? 'i' : ''}`),
        replacement: toReplacement(replacement),
        occurrence: flags.includes('g') ? 0 : Number(count ?? 1),
        print: flags.includes('p'),
      });
    } else throw new Unsupported(`the sed command "${name ?? ''}"`);
  }
  return commands;
}

function matches(address: Address, line: string, number: number, last: boolean): boolean {
  if ('line' in address) return number === address.line;
  if ('last' in address) return last;
  return address.regex.test(line);
}

function substitute(command: SedCommand, line: string): [string, boolean] {
  const regex = command.regex as RegExp;
  if (!regex.test(line)) return [line, false];
  regex.lastIndex = 0;
  if (command.occurrence === 0 || command.occurrence === 1)
    return [line.replace(regex, command.replacement as string), true];
  let seen = 0;
  const global = new RegExp(regex.source, `${regex.flags}g`);
  return [
    line.replace(global, (...match) =>
      ++seen === command.occurrence
        ? (match[0] as string).replace(regex, command.replacement as string)
        : (match[0] as string),
    ),
    true,
  ];
}

/** Runs the commands over a text, as sed does line by line; `quiet` is -n. */
export function runSed(commands: readonly SedCommand[], text: string, quiet: boolean): string {
  const lines = text.split('\n');
  const trailing = lines.at(-1) === '';
  if (trailing) lines.pop();
  const active = new Set<number>();
  let out = '';
  lines.forEach((original, index) => {
    let line = original;
    let deleted = false;
    const last = index === lines.length - 1;
    for (const [n, command] of commands.entries()) {
      let selected = true;
      if (command.from && command.to) {
        if (active.has(n)) {
          selected = true;
          if (
            matches(command.to, line, index + 1, last) ||
            ('line' in command.to && index + 1 >= command.to.line)
          )
            active.delete(n);
        } else if (matches(command.from, line, index + 1, last)) {
          active.add(n);
          if ('line' in command.to && index + 1 >= command.to.line) active.delete(n);
        } else selected = false;
      } else if (command.from) selected = matches(command.from, line, index + 1, last);
      if (!selected) continue;
      if (command.name === 'd') {
        deleted = true;
        break;
      }
      if (command.name === 'p') out += `${line}\n`;
      else {
        const [next, replaced] = substitute(command, line);
        line = next;
        if (replaced && command.print) out += `${line}\n`;
      }
    }
    if (!deleted && !quiet) out += last && !trailing ? line : `${line}\n`;
  });
  return out;
}

interface Options {
  scripts: string[];
  files: string[];
  inPlace?: string;
  quiet: boolean;
  extended: boolean;
}

function options(args: readonly string[]): Options {
  const parsed: Options = { scripts: [], files: [], quiet: false, extended: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-e' || arg === '--expression') parsed.scripts.push(args[++i] ?? '');
    else if (arg.startsWith('--expression=')) parsed.scripts.push(arg.slice(13));
    else if (arg === '-f' || arg === '--file') throw new Unsupported('a sed script read from a file (-f)');
    else if (arg.startsWith('--in-place')) parsed.inPlace = arg.slice(11);
    else if (arg === '-n' || arg === '--quiet' || arg === '--silent') parsed.quiet = true;
    else if (arg === '-E' || arg === '-r' || arg === '--regexp-extended') parsed.extended = true;
    else if (/^-[nEri]+/.test(arg) && arg.length > 1) {
      // Combined short options: -i takes the rest of the word as its suffix (`-i.bak`, `-ni`).
      for (let at = 1; at < arg.length; at++) {
        const flag = arg[at];
        if (flag === 'n') parsed.quiet = true;
        else if (flag === 'E' || flag === 'r') parsed.extended = true;
        else if (flag === 'i') {
          parsed.inPlace = arg.slice(at + 1);
          break;
        }
      }
    } else if (arg === '-s' || arg === '-u' || arg === '-z') throw new Unsupported(`sed ${arg}`);
    else positional.push(arg);
  }
  if (parsed.scripts.length === 0) {
    const script = positional.shift();
    if (script !== undefined) parsed.scripts.push(script);
  }
  parsed.files = positional;
  return parsed;
}

function edit(context: CommandContext, parsed: Options, commands: readonly SedCommand[]): CommandResult {
  let stderr = '';
  let stdout = '';
  for (const file of parsed.files) {
    const node = context.fs.stat(file);
    if (node?.kind !== 'file') {
      stderr += node
        ? `sed: couldn't edit ${file}: not a regular file\n`
        : `sed: can't read ${file}: No such file or directory\n`;
      continue;
    }
    if (node.content === undefined) {
      noteGap(
        context.state,
        'not-followed',
        `sed ${parsed.scripts.join(' ')} ${file}: the simulator does not know this file's text, so the edit is not shown.`,
      );
      continue;
    }
    const result = runSed(commands, node.content, parsed.quiet);
    if (parsed.inPlace === undefined) {
      stdout += result;
      continue;
    }
    if (parsed.inPlace !== '') context.fs.put(`${file}${parsed.inPlace}`, node);
    // sed -i writes a new file and renames it over the old one: the mode and owner carry over.
    context.fs.put(file, textFile(result, node));
  }
  return { status: stderr ? 2 : 0, stdout, stderr };
}

export const sed: CommandModule = {
  names: ['sed'],
  run(context): CommandResult {
    let parsed: Options;
    let commands: SedCommand[];
    try {
      parsed = options(context.args);
      commands = parseSed(parsed.scripts.join('\n'), parsed.extended);
    } catch (error) {
      if (!(error instanceof Unsupported) && !(error instanceof SyntaxError)) throw error;
      noteGap(
        context.state,
        'not-followed',
        `sed ${context.args.join(' ')}: ${error.message} is not simulated.`,
      );
      return { status: 0 };
    }
    if (parsed.scripts.length === 0)
      return {
        status: 1,
        stderr: 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n',
      };
    if (parsed.files.length === 0) {
      if (parsed.inPlace !== undefined) return { status: 1, stderr: 'sed: no input files\n' };
      return { status: 0, stdout: runSed(commands, context.stdin, parsed.quiet) };
    }
    return edit(context, parsed, commands);
  },
};
