/**
 * Ranges inside an instruction's words. A word's value is its logical text, with continuation
 * lines joined; these helpers map a character of it back to its offset in the Dockerfile text,
 * so a finding can point at `install` inside a RUN that spans five lines.
 */
import type { Instruction, SyntaxWord } from '../dockerfile/index.ts';
import { LineIndex, type SourceRange } from '../source-range.ts';
import type { RuleInput } from './rule.ts';

const indexes = new WeakMap<RuleInput['dockerfile'], LineIndex>();

export function lineIndex(input: RuleInput): LineIndex {
  let index = indexes.get(input.dockerfile);
  if (index === undefined || index.text !== input.text) {
    index = new LineIndex(input.text);
    indexes.set(input.dockerfile, index);
  }
  return index;
}

const BLANK = /^[ \t\r\f\v]*$/;

/** The end of a line's content once a trailing continuation is removed, as the parser trims it. */
function trimContinuation(text: string, start: number, end: number, escapeToken: string) {
  let last = end;
  while (last > start && (text[last - 1] === ' ' || text[last - 1] === '\t')) last--;
  if (last === start || text[last - 1] !== escapeToken) return { end, continues: false };
  const escapeAt = last - 1;
  if (escapeAt === start || text[escapeAt - 1] !== escapeToken) return { end: escapeAt, continues: true };
  return { end, continues: false };
}

function lineEnd(text: string, from: number): { contentEnd: number; next: number } {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  let contentEnd = end;
  while (contentEnd > from && text[contentEnd - 1] === '\r') contentEnd--;
  return { contentEnd, next: newline === -1 ? text.length : newline + 1 };
}

/**
 * The source offset of every character of `value`, read from `start` across continuation lines
 * (skipping the comment and blank lines the parser drops); undefined when the text there is not
 * `value` as written (a JSON string with escapes, say).
 */
export function sourceOffsets(
  text: string,
  start: number,
  value: string,
  escapeToken: string,
): number[] | undefined {
  const offsets: number[] = [];
  let from = start;
  let contentStart = text.lastIndexOf('\n', start - 1) + 1;
  while (contentStart < start && (text[contentStart] === ' ' || text[contentStart] === '\t')) contentStart++;
  while (offsets.length < value.length && from < text.length) {
    const { contentEnd, next } = lineEnd(text, from);
    const trimmed = trimContinuation(text, contentStart, contentEnd, escapeToken);
    for (let i = from; i < trimmed.end && offsets.length < value.length; i++) offsets.push(i);
    if (!trimmed.continues) break;
    from = next;
    while (from < text.length) {
      const line = lineEnd(text, from);
      const body = text.slice(from, line.contentEnd);
      if (!BLANK.test(body) && !/^\s*#/.test(body)) break;
      from = line.next;
    }
    contentStart = from;
  }
  if (offsets.length !== value.length) return undefined;
  for (let i = 0; i < value.length; i++) if (text[offsets[i] as number] !== value[i]) return undefined;
  return offsets;
}

/** A word's characters located in the source: sub-ranges and insertion points inside it. */
export class LocatedWord {
  readonly word: SyntaxWord;
  private readonly index: LineIndex;
  private readonly offsets: number[] | undefined;

  constructor(input: RuleInput, word: SyntaxWord) {
    this.word = word;
    this.index = lineIndex(input);
    this.offsets = sourceOffsets(
      input.text,
      word.range.start.offset,
      word.value,
      input.dockerfile.escapeToken,
    );
  }

  /** The range of `value.slice(from, to)`; the whole word when its characters cannot be located. */
  range(from: number, to: number): SourceRange {
    const offsets = this.offsets;
    if (offsets === undefined || to <= from) return this.word.range;
    const start = offsets[from];
    const last = offsets[to - 1];
    if (start === undefined || last === undefined) return this.word.range;
    return this.index.range(start, last + 1);
  }

  /** The offset just after character `index - 1`, where text inserted "after" it goes. */
  offsetAfter(index: number): number | undefined {
    if (index === 0) return this.word.range.start.offset;
    const previous = this.offsets?.[index - 1];
    return previous === undefined ? undefined : previous + 1;
  }
}

/** The instruction's whole logical line (keyword first) as one word, to locate anything in it. */
export function logicalLine(instruction: Instruction): SyntaxWord {
  return {
    value: instruction.source,
    range: { start: instruction.keyword.range.start, end: instruction.range.end },
  };
}

/** The range of a flag's value (`builder` in `--from=builder`); the whole flag when it was quoted or split. */
export function flagValueRange(input: RuleInput, flag: SyntaxWord, name: string): SourceRange {
  const { start, end } = flag.range;
  const prefix = `--${name}=`;
  if (input.text.slice(start.offset, end.offset) !== `${prefix}${flag.value}`) return flag.range;
  return lineIndex(input).range(start.offset + prefix.length, end.offset);
}
