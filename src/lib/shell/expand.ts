/**
 * Word expansion as the shell does it at run time: parameters, command substitution, field
 * splitting of unquoted results, and pathname expansion against the stage's filesystem.
 */
import { expandWord as expandParameter } from '../dockerfile/word-expansion.ts';
import { BadPatternError, matchPath } from '../fs/glob.ts';
import { joinPath } from '../fs/path.ts';
import { type DirNode, stat } from '../fs/tree.ts';
import type { Word } from './ast.ts';
import { expandBraces } from './braces.ts';

export class ExpansionFailure extends Error {}

export interface ExpansionScope {
  readonly variables: ReadonlyMap<string, string>;
  /** `$?`, `$$`, `$#`, `$0`: values of the special parameters. */
  readonly special: ReadonlyMap<string, string>;
  readonly tree: DirNode;
  readonly cwd: string;
  /** `set -u`: an unset variable is an error. */
  readonly nounset: boolean;
  /** bash's brace expansion (`{a,b}`, `{1..3}`); dash and ash have none. */
  readonly braces?: boolean;
  /** Runs `$(…)` and returns what it printed. */
  readonly substitute: (script: string) => Promise<string>;
  /** Runs `<(…)` and returns the path its output is read from; absent where there is no shell. */
  readonly processSubstitute?: (script: string, direction: '<' | '>') => Promise<string>;
}

/** Separates the arguments in `$@`'s value, so that `"$@"` gives one field per argument. */
export const POSITIONAL_SEPARATOR = '\u0000';

/** What an unquoted expansion is split on: IFS's default blanks, and the arguments of `$@`. */
const BLANKS = new RegExp(`[ \\t\\n${POSITIONAL_SEPARATOR}]+`);

/** A run of text with whether the shell may split and glob it. */
interface Segment {
  readonly text: string;
  readonly quoted: boolean;
}

async function parameter(expression: string, scope: ExpansionScope): Promise<string> {
  if (expression.startsWith('$((')) {
    const body = expression.slice(3, -2);
    return String(arithmetic(body, scope));
  }
  const env = new Map([...scope.special, ...scope.variables]);
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(expression)?.[1];
  if (scope.nounset && name !== undefined && !env.has(name))
    throw new ExpansionFailure(`${name}: parameter not set`);
  // A shell variable may outgrow a Dockerfile word: the interpreter holds words to its own limit.
  const result = expandParameter(expression, env, { maxLength: Number.POSITIVE_INFINITY });
  if (!result.ok) throw new ExpansionFailure(result.message.replace(/^failed to process "[^"]*": /, ''));
  return result.value;
}

/** `$((…))` with integers, variables and + - * / %, as in the scripts a Dockerfile runs. */
function arithmetic(body: string, scope: ExpansionScope): number {
  const substituted = body.replace(
    /\$?([A-Za-z_][A-Za-z0-9_]*)/g,
    (_match, name: string) => scope.variables.get(name) || '0',
  );
  if (!/^[\d\s+\-*/%()]*$/.test(substituted))
    throw new ExpansionFailure(`arithmetic expression not simulated: ${body}`);
  const tokens = substituted.match(/\d+|[-+*/%()]/g) ?? [];
  let at = 0;
  const primary = (): number => {
    const token = tokens[at++];
    if (token === '(') {
      const value = sum();
      at++;
      return value;
    }
    if (token === '-') return -primary();
    return Number(token ?? 0);
  };
  const product = (): number => {
    let value = primary();
    for (let op = tokens[at]; op === '*' || op === '/' || op === '%'; op = tokens[at]) {
      at++;
      const right = primary();
      if (op !== '*' && right === 0) throw new ExpansionFailure('arithmetic: division by zero');
      value = op === '*' ? value * right : op === '/' ? Math.trunc(value / right) : value % right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    for (let op = tokens[at]; op === '+' || op === '-'; op = tokens[at]) {
      at++;
      value = op === '+' ? value + product() : value - product();
    }
    return value;
  };
  return sum();
}

/** `~` and `~/…` at the start of a word: the HOME directory (`~user` is left as written). */
function tilde(text: string, index: number, scope: ExpansionScope): string {
  if (index !== 0 || !/^~(\/|$)/.test(text)) return text;
  const home = scope.variables.get('HOME');
  return home === undefined ? text : `${home}${text.slice(1)}`;
}

async function segments(word: Word, scope: ExpansionScope): Promise<Segment[]> {
  const out: Segment[] = [];
  for (const [index, part] of word.parts.entries()) {
    if (part.kind === 'literal')
      out.push({ text: part.quoted ? part.text : tilde(part.text, index, scope), quoted: part.quoted });
    else if (part.kind === 'parameter')
      out.push({ text: await parameter(part.expression, scope), quoted: part.quoted });
    else if (part.kind === 'process') {
      if (!scope.processSubstitute) throw new ExpansionFailure('process substitution needs a shell');
      out.push({ text: await scope.processSubstitute(part.script, part.direction), quoted: true });
    } else {
      // Command substitution drops trailing newlines.
      out.push({ text: (await scope.substitute(part.script)).replace(/\n+$/, ''), quoted: part.quoted });
    }
  }
  return out;
}

/** Expands a word to one string: assignments, redirection targets, case words. */
export async function expandToString(word: Word, scope: ExpansionScope): Promise<string> {
  return (await segments(word, scope))
    .map((segment) => segment.text.replaceAll(POSITIONAL_SEPARATOR, ' '))
    .join('');
}

/** A `case` pattern as a regular expression: unquoted `*`, `?` and `[…]` match, quoted text is literal. */
export async function patternRegex(word: Word, scope: ExpansionScope): Promise<RegExp> {
  const parts = await segments(word, scope);
  const source = parts
    .map((segment) => {
      const text = segment.text.replaceAll(POSITIONAL_SEPARATOR, ' ');
      return segment.quoted ? escapeRegex(text) : globSource(text);
    })
    .join('');
  try {
    return new RegExp(`^${source}$`, 's');
  } catch {
    // A bracket expression JavaScript refuses (`[z-a]`) matches nothing, as in sh.
    return /(?!)/;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** A shell pattern's regular expression: `*` and `?` match any character, `/` included. */
function globSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i] as string);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(i + 1, end).replace(/^[!^]/, '^');
      out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegex(ch);
  }
  return out;
}

const GLOB = /[*?[]/;

/** A malformed pattern (`[` alone) matches nothing, so the word stays as written, as in sh. */
function matches(pattern: string, name: string): boolean {
  try {
    return matchPath(pattern, name);
  } catch (error) {
    if (error instanceof BadPatternError) return false;
    throw error;
  }
}

/** Pathname expansion of one field, against the tree; no match leaves the pattern as it is. */
function glob(pattern: string, scope: ExpansionScope): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((part) => part !== '');
  let candidates = [absolute ? '/' : scope.cwd];
  const shown = [''];
  for (const part of parts) {
    const next: string[] = [];
    const nextShown: string[] = [];
    candidates.forEach((dir, index) => {
      const node = stat(scope.tree, dir);
      if (node?.kind !== 'dir') return;
      const names = GLOB.test(part)
        ? [...node.children.keys()]
            .filter((name) => (name.startsWith('.') ? part.startsWith('.') : true) && matches(part, name))
            .sort()
        : node.children.has(part)
          ? [part]
          : [];
      for (const name of names) {
        next.push(joinPath(dir, name));
        nextShown.push(shown[index] === '' ? name : `${shown[index]}/${name}`);
      }
    });
    candidates = next;
    shown.splice(0, shown.length, ...nextShown);
  }
  if (candidates.length === 0) return [pattern];
  return shown.map((path) => (absolute ? `/${path}` : path));
}

/**
 * Expands a word to fields: braces first (bash), then unquoted expansions are split on blanks and
 * unquoted globs match files.
 */
export async function expandToFields(word: Word, scope: ExpansionScope): Promise<string[]> {
  if (!scope.braces) return expandFields(word, scope);
  const out: string[] = [];
  for (const each of expandBraces(word)) out.push(...(await expandFields(each, scope)));
  return out;
}

async function expandFields(word: Word, scope: ExpansionScope): Promise<string[]> {
  const fields: { text: string; globbable: boolean }[] = [];
  let current: { text: string; globbable: boolean } | undefined;
  const parts = await segments(word, scope);
  word.parts.forEach((part, index) => {
    const segment = parts[index] as Segment;
    const splits = part.kind !== 'literal' && part.kind !== 'process' && !segment.quoted;
    const pieces = splits
      ? segment.text.split(BLANKS)
      : part.kind === 'parameter'
        ? segment.text.split(POSITIONAL_SEPARATOR)
        : [segment.text];
    pieces.forEach((piece, pieceIndex) => {
      if (pieceIndex > 0) {
        if (current && current.text !== '') fields.push(current);
        current = undefined;
      }
      if (piece === '' && splits) return;
      current ??= { text: '', globbable: false };
      current.text += piece;
      if (!segment.quoted && GLOB.test(piece)) current.globbable = true;
    });
    if (segment.quoted && current === undefined) current = { text: '', globbable: false };
  });
  if (current) fields.push(current);
  if (word.parts.some((part) => part.kind === 'literal' && part.quoted) && fields.length === 0)
    fields.push({ text: '', globbable: false });
  return fields.flatMap((field) => (field.globbable ? glob(field.text, scope) : [field.text]));
}
