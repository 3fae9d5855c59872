/**
 * tr: translates, deletes (-d) or squeezes (-s) the characters of standard input, with GNU's sets:
 * escapes (`\n`, `\t`, `\\`, octal `\NNN`), ranges (`a-z`), classes (`[:upper:]` …) and -c, the
 * complement of the first set. A second set shorter than the first is padded with its last character.
 */
import { type CommandModule, type CommandResult, fail, ok } from '../command.ts';

const CLASSES: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  blank: ' \t',
  digit: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  space: ' \t\n\v\f\r',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  xdigit: '0123456789ABCDEFabcdef',
};

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One character of a set, at `at`: an escape or itself, and where the next begins. */
function character(set: string, at: number): [string, number] {
  if (set[at] !== '\\' || at + 1 >= set.length) return [set[at] as string, at + 1];
  const octal = /^[0-7]{1,3}/.exec(set.slice(at + 1))?.[0];
  if (octal) return [String.fromCharCode(Number.parseInt(octal, 8)), at + 1 + octal.length];
  const next = set[at + 1] as string;
  return [ESCAPES[next] ?? next, at + 2];
}

/** A set's characters in order; an unknown class or a reversed range is tr's own error. */
function expandSet(set: string): string[] | string {
  const out: string[] = [];
  let at = 0;
  while (at < set.length) {
    const named = /^\[:(\w+):\]/.exec(set.slice(at));
    if (named) {
      const members = CLASSES[named[1] as string];
      if (members === undefined) return `invalid character class '${named[1]}'`;
      out.push(...members);
      at += named[0].length;
      continue;
    }
    const [first, after] = character(set, at);
    if (set[after] === '-' && after + 1 < set.length) {
      const [last, end] = character(set, after + 1);
      const from = first.charCodeAt(0);
      const to = last.charCodeAt(0);
      if (to < from) return `range-endpoints of '${first}-${last}' are in reverse collating sequence order`;
      for (let code = from; code <= to; code++) out.push(String.fromCharCode(code));
      at = end;
      continue;
    }
    out.push(first);
    at = after;
  }
  return out;
}

/** Every byte value not in `set`, in order: what -c takes as the first set. */
function complement(set: readonly string[]): string[] {
  const members = new Set(set);
  const out: string[] = [];
  for (let code = 0; code < 256; code++) {
    const char = String.fromCharCode(code);
    if (!members.has(char)) out.push(char);
  }
  return out;
}

function squeeze(text: string, set: ReadonlySet<string>): string {
  let out = '';
  for (const char of text) if (!(set.has(char) && out.at(-1) === char)) out += char;
  return out;
}

export const tr: CommandModule = {
  names: ['tr'],
  run({ args, stdin }): CommandResult {
    const flags = new Set<string>();
    let at = 0;
    for (; at < args.length && /^-[cCdst]+$/.test(args[at] as string); at++)
      for (const flag of (args[at] as string).slice(1)) flags.add(flag);
    if (args[at] === '--') at++;
    const operands = args.slice(at);
    const deleting = flags.has('d');
    const squeezing = flags.has('s');
    const wanted = deleting ? (squeezing ? 2 : 1) : squeezing ? 1 : 2;
    if (operands.length < wanted) {
      const after = operands.length ? ` after '${operands.at(-1)}'` : '';
      const why =
        operands.length && wanted === 2 && !deleting ? '\nTwo strings must be given when translating.' : '';
      return fail(`tr: missing operand${after}${why}\nTry 'tr --help' for more information.`);
    }
    const sets: string[][] = [];
    for (const operand of operands.slice(0, 2)) {
      const set = expandSet(operand);
      if (typeof set === 'string') return fail(`tr: ${set}`);
      sets.push(set);
    }
    let first = sets[0] ?? [];
    if (flags.has('c') || flags.has('C')) first = complement(first);
    const second = sets[1];
    let text = stdin;
    if (deleting) {
      const drop = new Set(first);
      text = [...text].filter((char) => !drop.has(char)).join('');
      return ok(squeezing && second ? squeeze(text, new Set(second)) : text);
    }
    if (second) {
      if (second.length === 0) return fail('tr: when not truncating set1, string2 must be non-empty');
      const map = new Map<string, string>();
      first.forEach((char, index) => {
        map.set(char, second[Math.min(index, second.length - 1)] as string);
      });
      text = [...text].map((char) => map.get(char) ?? char).join('');
    }
    return ok(squeezing ? squeeze(text, new Set(second ?? first)) : text);
  },
};
