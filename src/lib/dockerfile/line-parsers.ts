/**
 * How BuildKit splits an instruction's text into keyword, flags and arguments (its parser's
 * `splitCommand` and line parsers), with the position of every piece kept for diagnostics.
 */
import { goQuote, isGoSpace, isGoSpaceByte, isSplitSpace } from './go-text.ts';

/** A piece of an instruction's text; `start`/`end` index the string it was cut from. */
export interface Piece {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Arguments as BuildKit's line parser for the instruction returns them. */
export interface ParsedArgs {
  readonly args: Piece[];
  /** The arguments were a valid JSON array of strings (exec form). */
  readonly json: boolean;
}

export class LineParseError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface SplitCommand {
  readonly keyword: Piece;
  readonly flags: Piece[];
  /** The text after the keyword and flags, trimmed; `start` indexes the logical line. */
  readonly rest: Piece;
}

/** Splits `KEYWORD --flag=x rest…` as BuildKit's splitCommand does. */
export function splitCommand(line: string, escapeToken: string): SplitCommand {
  let start = 0;
  let end = line.length;
  while (start < end && isGoSpace(line.charCodeAt(start))) start++;
  while (end > start && isGoSpace(line.charCodeAt(end - 1))) end--;
  let keywordEnd = start;
  while (keywordEnd < end && !isSplitSpace(line.charCodeAt(keywordEnd))) keywordEnd++;
  const keyword = { value: line.slice(start, keywordEnd), start, end: keywordEnd };
  if (keywordEnd === end) return { keyword, flags: [], rest: { value: '', start: end, end } };
  let afterSpace = keywordEnd;
  while (afterSpace < end && isSplitSpace(line.charCodeAt(afterSpace))) afterSpace++;
  const { flags, restStart } = extractFlags(line, afterSpace, end, escapeToken);
  return { keyword, flags, rest: trimPiece(line, restStart, end) };
}

function trimPiece(text: string, from: number, to: number): Piece {
  let start = from;
  let end = to;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return { value: text.slice(start, end), start, end };
}

/**
 * BuildKit reads flags byte by byte, so a non-ASCII byte becomes the Latin-1 character of the
 * same value (`--chown=é` is stored as `--chown=Ã©`). Reproduce that by running the same scan over
 * the UTF-8 bytes when the text is not ASCII.
 */
function extractFlags(
  line: string,
  from: number,
  to: number,
  escapeToken: string,
): { flags: Piece[]; restStart: number } {
  const segment = line.slice(from, to);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for the ASCII range is the point
  const ascii = !/[^\x00-\x7f]/.test(segment);
  const bytes = ascii ? segment : latin1Bytes(segment);
  const charIndex = ascii ? undefined : byteToCharIndex(segment);
  const toLine = (index: number) => from + (charIndex ? (charIndex[index] ?? segment.length) : index);
  const scanned = scanFlags(bytes, escapeToken.charCodeAt(0));
  return {
    flags: scanned.flags.map((flag) => ({
      value: flag.value,
      start: toLine(flag.start),
      end: toLine(flag.end),
    })),
    restStart: toLine(scanned.restStart),
  };
}

function latin1Bytes(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

/** For each UTF-8 byte offset of `text`, the UTF-16 index of the character it belongs to. */
function byteToCharIndex(text: string): number[] {
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < width; b++) map.push(i);
    if (code > 0xffff) i++;
  }
  map.push(text.length);
  return map;
}

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/** The scan of BuildKit's extractBuilderFlags: leading words that start with `--`, unquoted. */
function scanFlags(line: string, escapeCode: number): { flags: Piece[]; restStart: number } {
  const flags: Piece[] = [];
  let phase = IN_SPACES;
  let word = '';
  let wordStart = 0;
  let quote = 0;
  let blankOk = false;
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = pos < line.length ? line.charCodeAt(pos) : 0;
    if (phase === IN_SPACES) {
      if (pos === line.length) break;
      if (isGoSpaceByte(ch)) continue;
      if (ch !== 0x2d || pos + 1 === line.length || line.charCodeAt(pos + 1) !== 0x2d) {
        return { flags, restStart: pos };
      }
      phase = IN_WORD;
      wordStart = pos;
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOk || word.length > 0))
        flags.push({ value: word, start: wordStart, end: pos });
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpaceByte(ch)) {
        phase = IN_SPACES;
        if (word === '--') return { flags, restStart: pos };
        if (blankOk || word.length > 0) flags.push({ value: word, start: wordStart, end: pos });
        word = '';
        blankOk = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOk = true;
        phase = IN_QUOTE;
        continue;
      }
      if (ch === escapeCode) {
        if (pos + 1 === line.length) continue;
        pos++;
        ch = line.charCodeAt(pos);
      }
      word += String.fromCharCode(ch);
      continue;
    }
    // IN_QUOTE
    if (ch === quote) {
      phase = IN_WORD;
      continue;
    }
    if (ch === escapeCode) {
      if (pos + 1 === line.length) {
        phase = IN_WORD;
        continue;
      }
      pos++;
      ch = line.charCodeAt(pos);
    }
    word += String.fromCharCode(ch);
  }
  return { flags, restStart: line.length };
}

/**
 * BuildKit's parseWords: split on spaces outside quotes, keeping quotes and escapes in the words
 * (they are removed later, by expansion).
 */
export function parseWords(rest: string, escapeToken: string): Piece[] {
  const escapeCode = escapeToken.codePointAt(0) ?? 0x5c;
  const words: Piece[] = [];
  let phase = IN_SPACES;
  let quote = 0;
  let blankOk = false;
  let word = '';
  let wordStart = 0;
  const push = (end: number) => {
    if (blankOk || word.length > 0) words.push({ value: word, start: wordStart, end });
  };
  // An escape keeps itself and the character after it; at the very end it is dropped.
  const takeEscaped = (pos: number, width: number): number => {
    if (pos + width === rest.length) return pos + width;
    const escaped = rest.codePointAt(pos + width) ?? 0;
    word += rest.slice(pos, pos + width) + String.fromCodePoint(escaped);
    return pos + width + (escaped > 0xffff ? 2 : 1);
  };
  for (let pos = 0; pos <= rest.length; ) {
    const ch = pos < rest.length ? (rest.codePointAt(pos) ?? 0) : 0;
    const width = ch > 0xffff ? 2 : 1;
    if (phase === IN_SPACES) {
      if (pos === rest.length) break;
      if (isGoSpace(ch)) {
        pos += width;
        continue;
      }
      phase = IN_WORD;
      wordStart = pos;
    }
    if (pos === rest.length) {
      push(pos);
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(ch)) {
        phase = IN_SPACES;
        push(pos);
        word = '';
        blankOk = false;
        pos += width;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOk = true;
        phase = IN_QUOTE;
      }
      if (ch === escapeCode) {
        pos = takeEscaped(pos, width);
        continue;
      }
      word += String.fromCodePoint(ch);
      pos += width;
      continue;
    }
    // IN_QUOTE: the escape works except inside single quotes.
    if (ch === quote) phase = IN_WORD;
    if (ch === escapeCode && quote !== 0x27) {
      if (pos + width === rest.length) phase = IN_WORD;
      pos = takeEscaped(pos, width);
      continue;
    }
    word += String.fromCodePoint(ch);
    pos += width;
  }
  return words;
}

/** BuildKit's `[\t\v\f\r ]+` split, keeping empty pieces as Go's regexp.Split does. */
export function splitOnWhitespace(rest: string, limit = -1): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let pos = 0;
  while (pos < rest.length) {
    if (!isSplitSpace(rest.charCodeAt(pos))) {
      pos++;
      continue;
    }
    if (limit > 0 && pieces.length === limit - 1) break;
    pieces.push({ value: rest.slice(start, pos), start, end: pos });
    while (pos < rest.length && isSplitSpace(rest.charCodeAt(pos))) pos++;
    start = pos;
  }
  pieces.push({ value: rest.slice(start), start, end: rest.length });
  return pieces;
}

/** ENV and LABEL: `k=v k2=v2` pairs, or the legacy `k value with spaces`, as key/value/separator triples. */
export function parseNameValue(rest: string, keyword: 'ENV' | 'LABEL', escapeToken: string): ParsedArgs {
  const words = parseWords(rest, escapeToken);
  const first = words[0];
  if (first === undefined) return { args: [], json: false };
  if (!first.value.includes('=')) {
    const parts = splitOnWhitespace(rest, 2);
    const [key, value] = parts;
    if (key === undefined || value === undefined) {
      throw new LineParseError('parse/missing-value', `${keyword} must have two arguments`);
    }
    return { args: [key, value, { value: '', start: value.end, end: value.end }], json: false };
  }
  const args: Piece[] = [];
  for (const word of words) {
    const eq = word.value.indexOf('=');
    if (eq === -1) {
      throw new LineParseError(
        'parse/missing-equals',
        `Syntax error - can't find = in ${goQuote(word.value)}. Must be of the form: name=value`,
      );
    }
    const split = word.start + eq;
    args.push(
      { value: word.value.slice(0, eq), start: word.start, end: split },
      { value: word.value.slice(eq + 1), start: split + 1, end: word.end },
      { value: '=', start: split, end: split + 1 },
    );
  }
  return { args, json: false };
}

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/**
 * The JSON (exec) form: a JSON array of strings, or undefined when the text is not valid JSON
 * (BuildKit then falls back to the shell form). A valid array holding anything but strings is an error.
 */
export function parseJsonArgs(rest: string): ParsedArgs | undefined {
  let start = 0;
  while (start < rest.length && isGoSpace(rest.charCodeAt(start))) start++;
  if (rest.charCodeAt(start) !== 0x5b) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest.slice(start));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  // Go cannot decode a number that overflows float64, so it falls back to the shell form.
  if (parsed.some((item) => typeof item === 'number' && !Number.isFinite(item))) return undefined;
  if (parsed.some((item) => typeof item !== 'string'))
    throw new LineParseError('parse/json-not-strings', NOT_STRING_ARRAY);
  const spans = jsonStringSpans(rest, start);
  const args = (parsed as string[]).map((value, i) => {
    const span = spans[i] ?? { start, end: rest.length };
    return { value: replaceLoneSurrogates(value), start: span.start, end: span.end };
  });
  return { args, json: true };
}

/** Where each string literal of a JSON array of strings starts and ends. */
function jsonStringSpans(text: string, from: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    const start = i;
    for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
      if (text.charCodeAt(i) === 0x5c) i++;
    }
    spans.push({ start, end: i + 1 });
  }
  return spans;
}

/** Go decodes an unpaired surrogate escape in JSON as U+FFFD. */
function replaceLoneSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
}

/** RUN, CMD, ENTRYPOINT, SHELL: exec form, or the whole text as one shell-form argument. */
export function parseMaybeJson(rest: string): ParsedArgs {
  if (rest === '') return { args: [], json: false };
  return parseJsonArgs(rest) ?? { args: [{ value: rest, start: 0, end: rest.length }], json: false };
}

/** ADD, COPY, VOLUME: exec form, or whitespace-separated words. */
export function parseMaybeJsonToList(rest: string): ParsedArgs {
  return parseJsonArgs(rest) ?? parseWhitespaceDelimited(rest);
}

/** FROM, EXPOSE: whitespace-separated words. */
export function parseWhitespaceDelimited(rest: string): ParsedArgs {
  if (rest === '') return { args: [], json: false };
  return { args: splitOnWhitespace(rest), json: false };
}

/** USER, WORKDIR, MAINTAINER, STOPSIGNAL: the whole text as one argument. */
export function parseString(rest: string): ParsedArgs {
  if (rest === '') return { args: [], json: false };
  return { args: [{ value: rest, start: 0, end: rest.length }], json: false };
}

/** ARG: each word as written (`name` or `name=value`). */
export function parseNameOrNameValue(rest: string, escapeToken: string): ParsedArgs {
  return { args: parseWords(rest, escapeToken), json: false };
}

/** HEALTHCHECK: its type word (CMD, NONE, …), then the command as RUN would have it. */
export function parseHealthcheck(rest: string): ParsedArgs {
  let sep = 0;
  while (sep < rest.length && !isGoSpaceByte(rest.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < rest.length && isGoSpaceByte(rest.charCodeAt(next))) next++;
  if (sep === 0) return { args: [], json: false };
  const command = parseMaybeJson(rest.slice(next));
  const shifted = command.args.map((arg) => ({
    value: arg.value,
    start: arg.start + next,
    end: arg.end + next,
  }));
  return { args: [{ value: rest.slice(0, sep), start: 0, end: sep }, ...shifted], json: command.json };
}
