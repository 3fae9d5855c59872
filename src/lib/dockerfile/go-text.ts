/**
 * Go's string semantics where BuildKit's output depends on them: which characters are spaces,
 * how strings are quoted in a dump, how keywords are lower-cased.
 */
import { editDistance } from '../edit-distance.ts';

/** Go's unicode.IsSpace, for one UTF-16 code unit (every space character is in the BMP). */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Go's unicode.IsSpace applied to one byte (as `rune(line[i])` in BuildKit's flag splitter):
 * the bytes 0x85 and 0xA0 count as spaces even when they are part of a multi-byte character.
 */
export function isGoSpaceByte(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0x85 || byte === 0xa0;
}

/** The BuildKit regexp `[\t\v\f\r ]`: the characters it splits words and keywords on. */
export function isSplitSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d;
}

export function trimLeftGoSpace(text: string): string {
  let start = 0;
  while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** Go's strings.TrimSpace. */
export function trimGoSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Go's strings.ToLower uses simple case mapping; JavaScript uses full mapping, which differs
 * only for U+0130 (İ), lower-cased to a two-character sequence in JavaScript.
 */
export function goToLower(text: string): string {
  return text.includes('\u0130') ? text.replace(/\u0130/g, 'i').toLowerCase() : text.toLowerCase();
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's strconv.Quote, as used by BuildKit's AST dump. Lone surrogates are printed as Go prints U+FFFD. */
export function goQuote(text: string): string {
  let out = '"';
  let plainFrom = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c) continue;
    let escaped: string | undefined;
    let width = 1;
    if (code < 0x80) {
      escaped = ASCII_ESCAPES[code] ?? `\\x${hex(code, 2)}`;
    } else {
      const point = text.codePointAt(i) ?? code;
      width = point > 0xffff ? 2 : 1;
      if (point >= 0xd800 && point <= 0xdfff) escaped = '\uFFFD';
      else if (!PRINTABLE.test(String.fromCodePoint(point))) {
        escaped = point > 0xffff ? `\\U${hex(point, 8)}` : `\\u${hex(point, 4)}`;
      }
    }
    if (escaped !== undefined) {
      out += text.slice(plainFrom, i) + escaped;
      plainFrom = i + width;
    }
    i += width - 1;
  }
  return `${out + text.slice(plainFrom)}"`;
}

const ASCII_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Length of a string in UTF-8 bytes, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * BuildKit's suggestion rule: the closest option at an edit distance under 3, matching the
 * case style of what the user typed when the comparison ignores case.
 */
export function suggest(
  value: string,
  options: readonly string[],
  caseSensitive: boolean,
): string | undefined {
  const needle = caseSensitive ? value : value.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === needle) return undefined;
    const distance = editDistance(needle, candidate);
    if (distance < bestDistance) {
      best = caseSensitive ? candidate : matchCase(candidate, value);
      bestDistance = distance;
    }
  }
  return best;
}

function matchCase(option: string, typed: string): string {
  if (typed === typed.toLowerCase()) return option.toLowerCase();
  if (typed === typed.toUpperCase()) return option.toUpperCase();
  return option;
}
