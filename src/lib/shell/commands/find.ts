/**
 * find: walks the image's tree and prints what matches -name, -iname, -path, -type, -perm, -user,
 * -group, -size, -empty and -executable, joined by implicit -a, `!` and -o (no parentheses), and
 * deletes what matches with -delete. -exec (and -delete after an -o) is not followed: the step's
 * effect becomes uncertain.
 */

import { compareText } from '../../fs/entry.ts';
import { symlinkSize, type TreeNode } from '../../fs/tree.ts';
import type { CommandContext, CommandModule, CommandResult } from '../command.ts';
import { noteGap } from '../command.ts';
import { dataOf, isBusybox, ownerNames } from './file-info.ts';

/** Paths visited at most, and the longest pattern matched: bounds for hostile input. */
const VISIT_LIMIT = 200_000;
const PATTERN_LIMIT = 256;

type Test = (entry: Visit) => boolean;

interface Visit {
  readonly shown: string;
  readonly name: string;
  readonly node: TreeNode;
  readonly depth: number;
}

interface Expression {
  /** Alternatives (-o) of conjunctions of tests. */
  readonly any: readonly (readonly Test[])[];
  readonly minDepth: number;
  readonly maxDepth: number;
  /** -print0 separates with NUL instead of a newline. */
  readonly separator: string;
  /** An action the simulator does not follow (-exec …), if any. */
  readonly unfollowed: string | undefined;
  /** -delete: what matches is removed, deepest first (it implies -depth). */
  readonly deletes: boolean;
  /** -depth (or -delete): a directory's contents come before the directory. */
  readonly depthFirst: boolean;
  /** An action that prints was given (-print, -print0); without any action, find prints. */
  readonly prints: boolean;
}

class FindError extends Error {}

/**
 * Shell wildcards where `*` also matches `/` (find's -path), with `?`, `[…]` and `\`. Matching
 * backtracks only to the last `*`, so it stays linear in practice and bounded by the pattern limit.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const step = matchOne(pattern, p, text[t] as string);
    if (step > 0) {
      p += step;
      t++;
    } else if (pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** How many pattern characters match `char` at `p` (0 when they do not, or at a `*`). */
function matchOne(pattern: string, p: number, char: string): number {
  const c = pattern[p];
  if (c === undefined || c === '*') return 0;
  if (c === '?') return 1;
  if (c === '\\') return pattern[p + 1] === char ? 2 : 0;
  if (c === '[') {
    const end = pattern.indexOf(']', p + 2);
    if (end === -1) return char === '[' ? 1 : 0;
    let body = pattern.slice(p + 1, end);
    const negated = body.startsWith('!') || body.startsWith('^');
    if (negated) body = body.slice(1);
    let hit = false;
    for (let i = 0; i < body.length; i++) {
      const from = body[i] as string;
      if (body[i + 1] === '-' && i + 2 < body.length) {
        if (char >= from && char <= (body[i + 2] as string)) hit = true;
        i += 2;
      } else if (from === char) hit = true;
    }
    return hit !== negated ? end - p + 1 : 0;
  }
  return c === char ? 1 : 0;
}

const SYMBOLIC_BITS: Readonly<Record<string, number>> = { r: 4, w: 2, x: 1 };

/** -perm's mode: octal, or symbolic clauses such as `u=s` or `u+s,g+s`. */
function permMode(text: string): number {
  if (/^[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  let mode = 0;
  for (const clause of text.split(',')) {
    const match = /^([ugoa]*)[+=]([rwxst]*)$/.exec(clause);
    if (!match) throw new FindError(`invalid mode '${text}'`);
    const who = match[1] || 'a';
    for (const letter of match[2] ?? '') {
      if (letter === 's') {
        if (/[ua]/.test(who)) mode |= 0o4000;
        if (/[ga]/.test(who)) mode |= 0o2000;
      } else if (letter === 't') mode |= 0o1000;
      else {
        const bit = SYMBOLIC_BITS[letter] ?? 0;
        if (/[ua]/.test(who)) mode |= bit << 6;
        if (/[ga]/.test(who)) mode |= bit << 3;
        if (/[oa]/.test(who)) mode |= bit;
      }
    }
  }
  return mode;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  c: 1,
  w: 2,
  b: 512,
  k: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
};

function sizeTest(context: CommandContext, text: string): Test {
  const match = /^([+-]?)(\d+)([cwbkMG]?)$/.exec(text);
  if (!match) throw new FindError(`invalid -size argument '${text}'`);
  const unit = SIZE_UNITS[match[3] || 'b'] as number;
  const wanted = Number(match[2]);
  return ({ node }) => {
    if (node.kind === 'dir') return false;
    const bytes = node.kind === 'symlink' ? symlinkSize(node) : (dataOf(context.fs, node)?.size ?? 0);
    const units = Math.ceil(bytes / unit);
    return match[1] === '+' ? units > wanted : match[1] === '-' ? units < wanted : units === wanted;
  };
}

function parseExpression(context: CommandContext, words: readonly string[]): Expression {
  const names = ownerNames(context.fs);
  const any: Test[][] = [[]];
  let minDepth = 0;
  let maxDepth = Number.POSITIVE_INFINITY;
  let separator = '\n';
  let unfollowed: string | undefined;
  let deletes = false;
  let depthFirst = false;
  let prints = false;
  let negate = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const argument = (): string => {
      const value = words[++i];
      if (value === undefined) throw new FindError(`missing argument to '${word}'`);
      if (value.length > PATTERN_LIMIT) throw new FindError(`argument to '${word}' is too long`);
      return value;
    };
    let test: Test | undefined;
    switch (word) {
      case '!':
      case '-not':
        negate = !negate;
        continue;
      case '-a':
      case '-and':
        continue;
      case '-o':
      case '-or':
        any.push([]);
        continue;
      case '(':
      case ')':
        throw new FindError('grouping with ( ) is not simulated');
      case '-name': {
        const pattern = argument();
        test = ({ name }) => wildcardMatch(pattern, name);
        break;
      }
      case '-iname': {
        const pattern = argument().toLowerCase();
        test = ({ name }) => wildcardMatch(pattern, name.toLowerCase());
        break;
      }
      case '-path':
      case '-wholename': {
        const pattern = argument();
        test = ({ shown }) => wildcardMatch(pattern, shown);
        break;
      }
      case '-type': {
        const type = argument();
        if (!/^[fdl](,[fdl])*$/.test(type)) throw new FindError(`Unknown argument to -type: ${type}`);
        test = ({ node }) => type.includes(node.kind === 'dir' ? 'd' : node.kind === 'symlink' ? 'l' : 'f');
        break;
      }
      case '-perm': {
        const text = argument();
        const mode = permMode(text.replace(/^[-/+]/, ''));
        test = text.startsWith('-')
          ? ({ node }) => (node.mode & mode) === mode
          : text.startsWith('/') || text.startsWith('+')
            ? ({ node }) => mode === 0 || (node.mode & mode) !== 0
            : ({ node }) => (node.mode & 0o7777) === mode;
        break;
      }
      case '-user': {
        const user = argument();
        test = ({ node }) => names.user(node.uid) === user || String(node.uid) === user;
        break;
      }
      case '-group': {
        const group = argument();
        test = ({ node }) => names.group(node.gid) === group || String(node.gid) === group;
        break;
      }
      case '-size':
        test = sizeTest(context, argument());
        break;
      case '-empty':
        test = ({ node }) =>
          node.kind === 'dir' ? node.children.size === 0 : (dataOf(context.fs, node)?.size ?? 1) === 0;
        break;
      case '-executable':
        test = ({ node }) => (node.mode & 0o111) !== 0;
        break;
      case '-maxdepth':
      case '-mindepth': {
        const value = argument();
        if (!/^\d+$/.test(value))
          throw new FindError(`Expected a positive decimal integer argument to ${word}, but got '${value}'`);
        if (word === '-maxdepth') maxDepth = Number(value);
        else minDepth = Number(value);
        continue;
      }
      case '-print':
        prints = true;
        continue;
      case '-depth':
        depthFirst = true;
        continue;
      case '-xdev':
      case '-mount':
        continue;
      case '-print0':
        prints = true;
        separator = '\0';
        continue;
      case '-delete':
        // After an -o, -delete binds to the last alternative only: not followed.
        if (any.length > 1) unfollowed ??= word;
        else deletes = depthFirst = true;
        continue;
      case '-exec':
      case '-execdir':
      case '-ok':
      case '-okdir':
        unfollowed ??= word;
        while (i + 1 < words.length && words[i + 1] !== ';' && words[i + 1] !== '+') i++;
        if (i + 1 >= words.length) throw new FindError(`missing argument to '${word}'`);
        i++;
        continue;
      default:
        throw new FindError(`unknown predicate '${word}'`);
    }
    const positive = test;
    (any.at(-1) as Test[]).push(negate ? (entry) => !positive(entry) : positive);
    negate = false;
  }
  return { any, minDepth, maxDepth, separator, unfollowed, deletes, depthFirst, prints };
}

/** The entries below `root`, each directory before its contents, or after them (`depthFirst`, -depth). */
function* visit(root: Visit, maxDepth: number, depthFirst: boolean): Generator<Visit> {
  if (!depthFirst) yield root;
  yield* below(root, maxDepth, depthFirst);
  if (depthFirst) yield root;
}

function* below(root: Visit, maxDepth: number, depthFirst: boolean): Generator<Visit> {
  const { node, shown, depth } = root;
  if (node.kind !== 'dir' || depth >= maxDepth) return;
  const names = [...node.children.keys()].sort(compareText);
  for (const name of names) {
    const child = node.children.get(name) as TreeNode;
    yield* visit(
      {
        shown: shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`,
        name,
        node: child,
        depth: depth + 1,
      },
      maxDepth,
      depthFirst,
    );
  }
}

/** -delete of one path: a folder only once it is empty (its matching contents went first); never `.`. */
function remove(context: CommandContext, path: string): string {
  const node = context.fs.lstat(path);
  if (!node || path === '.') return '';
  if (node.kind === 'dir' && node.children.size > 0)
    return `find: cannot delete '${path}': Directory not empty\n`;
  context.fs.remove(path);
  return '';
}

export const find: CommandModule = {
  names: ['find'],
  run(context): CommandResult {
    const args = context.args.filter((arg) => arg !== '-P' && arg !== '-H' && arg !== '-L');
    const firstTest = args.findIndex((arg) => arg.startsWith('-') || arg === '!' || arg === '(');
    const paths = firstTest === -1 ? args : args.slice(0, firstTest);
    let expression: Expression;
    try {
      expression = parseExpression(context, firstTest === -1 ? [] : args.slice(firstTest));
    } catch (error) {
      if (!(error instanceof FindError)) throw error;
      return { status: 1, stderr: `find: ${error.message}\n` };
    }
    if (expression.unfollowed) {
      noteGap(
        context.state,
        'not-followed',
        `find ${context.args.join(' ')} changes files in ways the simulator does not follow (${expression.unfollowed}).`,
      );
    }
    let stdout = '';
    let stderr = '';
    let visited = 0;
    for (const start of paths.length ? paths : ['.']) {
      const node = context.fs.lstat(start);
      if (!node) {
        stderr += isBusybox(context)
          ? `find: ${start}: No such file or directory\n`
          : `find: '${start}': No such file or directory\n`;
        continue;
      }
      const name = start.replace(/\/+$/, '').split('/').at(-1) || start;
      const entries = visit(
        { shown: start, name, node, depth: 0 },
        expression.maxDepth,
        expression.depthFirst,
      );
      for (const entry of entries) {
        if (++visited > VISIT_LIMIT) {
          return {
            status: 1,
            stdout,
            stderr: `${stderr}find: stopped after ${VISIT_LIMIT} paths (the simulator's limit)\n`,
          };
        }
        if (entry.depth < expression.minDepth) continue;
        if (!expression.any.some((tests) => tests.every((test) => test(entry)))) continue;
        if (expression.prints || (!expression.unfollowed && !expression.deletes))
          stdout += `${entry.shown}${expression.separator}`;
        if (expression.deletes) stderr += remove(context, entry.shown);
      }
    }
    return { status: stderr ? 1 : 0, stdout, stderr };
  },
};
