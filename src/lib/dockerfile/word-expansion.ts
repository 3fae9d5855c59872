/**
 * Variable expansion and word splitting with BuildKit's rules (its `shell` package), used for
 * the instructions BuildKit expands itself (FROM, COPY, ADD, ENV, ARG, WORKDIR, USER, …) and
 * to find heredoc words. RUN, CMD and ENTRYPOINT are left to the image's shell.
 */
import { goQuote, isGoSpace } from './go-text.ts';
import { PatternError, replacePattern, trimPrefix, trimSuffix } from './shell-pattern.ts';

/** Variables visible to an expansion: name → value. A name it has no value for is unset. */
export type ExpansionEnv = Pick<ReadonlyMap<string, string>, 'get'>;

/**
 * The longest text one word may expand to, in UTF-16 code units. BuildKit has no such limit, but
 * Linux refuses any one argument or environment string over 128 KiB (MAX_ARG_STRLEN), so a value
 * longer than this could never reach a RUN step; stopping here keeps `ARG B=${A}${A}` chains from
 * doubling their way through the memory of the tab or the server.
 */
export const MAX_EXPANDED_LENGTH = 128 * 1024;

export interface LexerOptions {
  /** `\` by default, or the backtick set by `# escape=`. */
  readonly escapeToken?: string;
  /** Keep quote characters in the output instead of removing them. */
  readonly rawQuotes?: boolean;
  /** Keep escape characters in the output instead of removing them. */
  readonly rawEscapes?: boolean;
  /** Treat quotes as ordinary characters. */
  readonly skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to "". */
  readonly skipUnsetEnv?: boolean;
  /** The longest the word may grow: MAX_EXPANDED_LENGTH unless the caller checks on its own. */
  readonly maxLength?: number;
}

export type ExpansionResult =
  | { readonly ok: true; readonly value: string; readonly words: string[]; readonly unmatched: string[] }
  | {
      readonly ok: false;
      /** `build/value-too-large` when the word outgrew MAX_EXPANDED_LENGTH, else `build/expansion`. */
      readonly code: 'build/expansion' | 'build/value-too-large';
      readonly message: string;
    };

/**
 * Expands a word: quotes removed, variables substituted. `value` keeps the spaces (BuildKit's
 * ProcessWord); `words` is the same text split on unquoted spaces (ProcessWords).
 */
export function expandWord(word: string, env: ExpansionEnv, options: LexerOptions = {}): ExpansionResult {
  return new WordLexer(word, env, options).run();
}

class ExpansionError extends Error {}

/** The word grew past MAX_EXPANDED_LENGTH: said in the simulator's voice, not BuildKit's. */
class ExpansionTooLarge extends Error {}

const EOF = -1;

/** How deeply `${a:-${b:-…}}` may nest; real Dockerfiles use two or three levels. */
const MAX_NESTING = 500;

/** Go's unicode.IsDigit and unicode.IsLetter. */
const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;

function isDigit(ch: number): boolean {
  if (ch < 0x80) return ch >= 0x30 && ch <= 0x39;
  return ch !== EOF && DIGIT.test(String.fromCodePoint(ch));
}

function isLetter(ch: number): boolean {
  if (ch < 0x80) return (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
  return LETTER.test(String.fromCodePoint(ch));
}

function isSpecialParam(ch: number): boolean {
  return '@*#?-$!0'.includes(String.fromCodePoint(ch));
}

function runeToString(ch: number): string {
  return ch === EOF ? '\uFFFD' : String.fromCodePoint(ch);
}

/** Collects the words of a line as characters arrive, splitting on unquoted spaces. */
class WordCollector {
  private buffer = '';
  private inWord = false;
  readonly words: string[] = [];

  addChar(ch: string): void {
    const space = isGoSpace(ch.charCodeAt(0));
    if (space && this.inWord) {
      if (this.buffer.length !== 0) {
        this.words.push(this.buffer);
        this.buffer = '';
        this.inWord = false;
      }
    } else if (!space) {
      this.addRaw(ch);
    }
  }

  addString(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  addRaw(text: string): void {
    this.buffer += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buffer.length > 0) {
      this.words.push(this.buffer);
      this.buffer = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class WordLexer {
  private pos = 0;
  private rawEscapes: boolean;
  private readonly escape: number;
  private readonly unmatched = new Set<string>();
  private depth = 0;
  private readonly input: string;
  private readonly env: ExpansionEnv;
  private readonly options: LexerOptions;

  constructor(input: string, env: ExpansionEnv, options: LexerOptions) {
    this.input = input;
    this.env = env;
    this.options = options;
    this.escape = (options.escapeToken ?? '\\').codePointAt(0) ?? 0x5c;
    this.rawEscapes = options.rawEscapes ?? false;
  }

  run(): ExpansionResult {
    try {
      const { result, words } = this.processStopOn(EOF, this.rawEscapes);
      return { ok: true, value: result, words, unmatched: [...this.unmatched] };
    } catch (error) {
      if (error instanceof ExpansionTooLarge)
        return { ok: false, code: 'build/value-too-large', message: error.message };
      if (!(error instanceof ExpansionError)) throw error;
      return {
        ok: false,
        code: 'build/expansion',
        message: `failed to process ${goQuote(this.input)}: ${error.message}`,
      };
    }
  }

  /** Refuses text past MAX_EXPANDED_LENGTH, checked as it grows so it never gets far past it. */
  private checkLength(text: string): string {
    if (text.length <= (this.options.maxLength ?? MAX_EXPANDED_LENGTH)) return text;
    const shown = this.input.length > 60 ? `${this.input.slice(0, 57)}...` : this.input;
    throw new ExpansionTooLarge(
      `${shown} expands to more than ${MAX_EXPANDED_LENGTH / 1024} KiB; the simulator stops there because Linux passes no longer value to a program (MAX_ARG_STRLEN). Use shorter values, or build long text in a file instead of a variable.`,
    );
  }

  private peek(): number {
    return this.pos < this.input.length ? (this.input.codePointAt(this.pos) ?? EOF) : EOF;
  }

  private next(): number {
    const ch = this.peek();
    if (ch !== EOF) this.pos += ch > 0xffff ? 2 : 1;
    return ch;
  }

  private processStopOn(stopChar: number, rawEscapes: boolean): { result: string; words: string[] } {
    let result = '';
    const words = new WordCollector();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        let ch = this.peek();
        if (stopChar !== EOF && ch === stopChar) {
          this.next();
          return { result, words: words.finish() };
        }
        const special = this.special(ch);
        if (special !== undefined) {
          const text = special();
          result = this.checkLength(result + text);
          if (ch === 0x24) words.addString(text);
          else words.addRaw(text);
          continue;
        }
        ch = this.next();
        if (ch === this.escape) {
          if (this.rawEscapes) {
            words.addRaw(runeToString(ch));
            result += runeToString(ch);
          }
          ch = this.next();
          if (ch === EOF) break;
          words.addRaw(runeToString(ch));
        } else {
          words.addChar(runeToString(ch));
        }
        result += runeToString(ch);
      }
      if (stopChar !== EOF) {
        throw new ExpansionError(
          `unexpected end of statement while looking for matching ${String.fromCodePoint(stopChar)}`,
        );
      }
      return { result, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private special(ch: number): (() => string) | undefined {
    if (ch === 0x24) return () => this.processDollar();
    if (ch === 0x3c) return () => this.processPossibleHeredoc();
    if (this.options.skipProcessQuotes) return undefined;
    if (ch === 0x27) return () => this.processSingleQuote();
    if (ch === 0x22) return () => this.processDoubleQuote();
    return undefined;
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += runeToString(open);
    for (;;) {
      const ch = this.next();
      if (ch === EOF)
        throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (ch === 0x27) {
        if (this.options.rawQuotes) result += "'";
        return result;
      }
      result += runeToString(ch);
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += runeToString(open);
    for (;;) {
      const peeked = this.peek();
      if (peeked === EOF) {
        throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      }
      if (peeked === 0x22) {
        this.next();
        if (this.options.rawQuotes) result += '"';
        return result;
      }
      if (peeked === 0x24) {
        result = this.checkLength(result + this.processDollar());
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += runeToString(ch);
        const after = this.peek();
        if (after === EOF) continue;
        if (after === 0x22 || after === 0x24 || after === this.escape) ch = this.next();
      }
      result += runeToString(ch);
    }
  }

  private processDollar(): string {
    // Go's stack grows as needed; ours does not, so refuse absurd nesting instead of overflowing.
    if (++this.depth > MAX_NESTING) throw new ExpansionError('variable substitutions are nested too deeply');
    try {
      return this.processDollarBody();
    } finally {
      this.depth--;
    }
  }

  private processDollarBody(): string {
    this.next();
    if (this.peek() !== 0x7b) {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return `$${name}`;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ExpansionError("syntax error: missing '}'");
    if (first === 0x7b || first === 0x7d || first === 0x3a)
      throw new ExpansionError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let modifier = runeToString(ch);

    if (ch === 0x7d) {
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return `\${${name}}`;
      return value ?? '';
    }
    if (ch === 0x2f) return this.processReplacement(name);

    let nullIsUnset = false;
    if (ch === 0x3a) {
      nullIsUnset = true;
      ch = this.next();
      modifier += runeToString(ch);
    } else if (!'+-?#%'.includes(runeToString(ch))) {
      throw new ExpansionError(`unsupported modifier (${modifier}) in substitution`);
    }
    return this.processModifier(name, ch, modifier, nullIsUnset);
  }

  private processModifier(name: string, ch: number, modifier: string, nullIsUnset: boolean): string {
    const isPattern = ch === 0x23 || ch === 0x25;
    if (nullIsUnset && isPattern)
      throw new ExpansionError(`unsupported modifier (${modifier}) in substitution`);
    let word: string;
    try {
      word = this.processStopOn(0x7d, isPattern).result;
    } catch (error) {
      if (error instanceof ExpansionError && this.peek() === EOF) {
        throw new ExpansionError("syntax error: missing '}'");
      }
      throw error;
    }
    const value = this.lookup(name);
    if (this.options.skipUnsetEnv && value === undefined) return `\${${name}${modifier}${word}}`;
    const unsetOrNull = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case 0x2d: // -
        return unsetOrNull ? word : (value ?? '');
      case 0x2b: // +
        return unsetOrNull ? '' : word;
      case 0x3f: // ?
        if (value === undefined) throw new ExpansionError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '')
          throw new ExpansionError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case 0x25: // %
      case 0x23: {
        // #
        const greedy = word.length > 0 && word.codePointAt(0) === ch;
        const pattern = greedy ? word.slice(1) : word;
        const trim = ch === 0x25 ? trimSuffix : trimPrefix;
        return withPattern(pattern, () => trim(pattern, value ?? '', greedy));
      }
      default:
        throw new ExpansionError(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  private processReplacement(name: string): string {
    const replaceAll = this.peek() === 0x2f;
    if (replaceAll) this.next();
    const pattern = this.readUntil(0x2f, "syntax error: missing '/' in ${}");
    const replacement = this.readUntil(0x7d, "syntax error: missing '}'");
    const value = this.lookup(name);
    if (this.options.skipUnsetEnv && value === undefined) return `\${${name}/${pattern}/${replacement}}`;
    return withPattern(pattern, () => replacePattern(pattern, value ?? '', replacement, replaceAll));
  }

  private readUntil(stop: number, missing: string): string {
    try {
      return this.processStopOn(stop, true).result;
    } catch (error) {
      if (error instanceof ExpansionError && this.peek() === EOF) throw new ExpansionError(missing);
      throw error;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += runeToString(this.next());
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return runeToString(this.next());
      if (!isLetter(ch) && !isDigit(ch) && ch !== 0x5f) break;
      name += runeToString(this.next());
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== 0x3c) return '<';
    this.next();
    let spaces = '';
    for (let ch = this.peek(); ch === 0x09 || ch === 0x0d || ch === 0x20; ch = this.peek()) {
      spaces += runeToString(this.next());
    }
    return `<<${spaces}`;
  }

  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    if (value === undefined) this.unmatched.add(name);
    return value;
  }
}

function withPattern(pattern: string, apply: () => string): string {
  try {
    return apply();
  } catch (error) {
    if (error instanceof PatternError) {
      throw new ExpansionError(`invalid pattern (${pattern}) in substitution: ${error.message}`);
    }
    throw error;
  }
}
