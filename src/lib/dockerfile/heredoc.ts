/** Heredoc words (`<<EOF`, `<<-'EOF'`, `3<<EOF`) as BuildKit recognises them in RUN, COPY and ADD. */
import { expandWord } from './word-expansion.ts';

export interface HeredocWord {
  /** The delimiter, unquoted. */
  readonly name: string;
  /** File descriptor before `<<` (0 when none was given). */
  readonly fileDescriptor: number;
  /** False when any part of the delimiter was quoted: the body is then taken literally. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from the body lines and the terminator. */
  readonly chomp: boolean;
}

const NO_ENV: ReadonlyMap<string, string> = new Map();
// Go's `\s` is [\t\n\f\r ], narrower than JavaScript's.
const HEREDOC_WORD = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

export class HeredocError extends Error {}

/**
 * Reads one word as a heredoc start, or undefined when it is not one. Throws HeredocError when
 * the delimiter cannot be lexed (an unterminated quote), as BuildKit fails the parse then.
 */
export function parseHeredocWord(word: string): HeredocWord | undefined {
  const match = HEREDOC_WORD.exec(word);
  if (!match) return undefined;
  const [, fd = '', dash = '', rest = ''] = match;
  if (rest === '') return undefined;
  const plain = expandWord(rest, NO_ENV, { skipUnsetEnv: true });
  if (!plain.ok) throw new HeredocError(plain.message);
  if (plain.words.length !== 1) return undefined;
  const raw = expandWord(rest, NO_ENV, { skipUnsetEnv: true, rawQuotes: true });
  if (!raw.ok) throw new HeredocError(raw.message);
  const name = plain.words[0] ?? '';
  // Quotes that disappear when unquoting mean part of the delimiter was quoted.
  const expand = countQuotes(name) === countQuotes(raw.words[0] ?? '');
  const descriptor = Number(fd);
  return {
    name,
    fileDescriptor: Number.isSafeInteger(descriptor) ? descriptor : 0,
    expand,
    chomp: dash === '-',
  };
}

function countQuotes(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === "'" || ch === '"') count++;
  return count;
}

/** Every heredoc started on an instruction's line, in order. */
export function heredocWordsInLine(line: string): HeredocWord[] {
  const lexed = expandWord(line, NO_ENV, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  if (!lexed.ok) return [];
  const words: HeredocWord[] = [];
  for (const word of lexed.words) {
    const heredoc = parseHeredocWord(word);
    if (heredoc) words.push(heredoc);
  }
  return words;
}

/** `<<-` bodies lose the leading tabs of every line. */
export function chompHeredocContent(content: string): string {
  // Go's multi-line `^` follows only \n; JavaScript's would also follow \r.
  return content.replace(/(?<=^|\n)\t+/g, '');
}
