/** Instruction flags (`--from=builder`, `--link`), validated as BuildKit's BFlags does. */
import { suggest } from './go-text.ts';
import type { SyntaxWord } from './syntax-tree.ts';

export type FlagType = 'bool' | 'string' | 'strings';

/** The flags an instruction accepts, by name without the dashes. */
export type FlagSpec = Readonly<Record<string, FlagType>>;

/** A flag as given: its value ("true"/"false" for booleans) and where it was written. */
export interface FlagValue {
  readonly name: string;
  readonly value: string;
  readonly range: SyntaxWord['range'];
}

export class FlagError extends Error {
  readonly code: string;
  readonly word: SyntaxWord;
  /** The flag's name as written, without dashes. */
  readonly flagName: string;
  /** The known flag it is probably a typo of. */
  readonly suggestion?: string;

  constructor(code: string, message: string, word: SyntaxWord, name = '', suggestion?: string) {
    super(message);
    this.code = code;
    this.word = word;
    this.flagName = name;
    if (suggestion !== undefined) this.suggestion = suggestion;
  }
}

/** Parsed flags: every use of each flag, in order. */
export class Flags {
  /** Every flag given, in the order written. */
  readonly all: readonly FlagValue[];

  constructor(all: readonly FlagValue[]) {
    this.all = all;
  }

  string(name: string): FlagValue | undefined {
    return this.strings(name).at(-1);
  }

  bool(name: string): boolean {
    return this.string(name)?.value === 'true';
  }

  /** A boolean that is undefined when the flag was not given at all. */
  optionalBool(name: string): boolean | undefined {
    const flag = this.string(name);
    return flag === undefined ? undefined : flag.value === 'true';
  }

  strings(name: string): FlagValue[] {
    return this.all.filter((flag) => flag.name === name);
  }
}

/** Validates `words` against `spec`; throws FlagError with BuildKit's message on the first problem. */
export function parseFlags(words: readonly SyntaxWord[], spec: FlagSpec): Flags {
  const values: FlagValue[] = [];
  for (const word of words) {
    const text = word.value;
    if (text === '--') break;
    if (!text.startsWith('--'))
      throw new FlagError('parse/invalid-flag', `arg should start with -- : ${text}`, word);
    const eq = text.indexOf('=');
    const flagName = eq === -1 ? text : text.slice(0, eq);
    const value = eq === -1 ? '' : text.slice(eq + 1);
    const name = flagName.slice(2);
    const type = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (type === undefined) {
      const match = suggest(name, Object.keys(spec), true);
      const hint = match === undefined ? '' : ` (did you mean ${match}?)`;
      throw new FlagError('parse/unknown-flag', `unknown flag: ${flagName}${hint}`, word, name, match);
    }
    if (type !== 'strings' && values.some((flag) => flag.name === name)) {
      throw new FlagError('parse/duplicate-flag', `duplicate flag specified: ${flagName}`, word);
    }
    values.push({ name, value: flagValue(type, flagName, value, eq !== -1, word), range: word.range });
  }
  return new Flags(values);
}

function flagValue(
  type: FlagType,
  flagName: string,
  value: string,
  hasValue: boolean,
  word: SyntaxWord,
): string {
  if (type === 'bool') {
    if (hasValue && value === '')
      throw new FlagError('parse/flag-missing-value', `missing a value on flag: ${flagName}`, word);
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '') return 'true';
    if (lower === 'false') return 'false';
    throw new FlagError(
      'parse/flag-not-boolean',
      `expecting boolean value for flag ${flagName}, not: ${value}`,
      word,
    );
  }
  if (!hasValue)
    throw new FlagError('parse/flag-missing-value', `missing a value on flag: ${flagName}`, word);
  return value;
}
