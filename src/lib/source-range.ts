/** Positions in a source text, shared by every diagnostic the simulator reports. */

/** A place in the text: 1-based line and column (in UTF-16 code units, as editors count), and the 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A span of text; `end` is exclusive. */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** Turns offsets into positions with a binary search over the line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  readonly text: string;

  constructor(text: string) {
    this.text = text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where a 1-based line starts (the end of the text past the last line). */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1, offset };
  }

  range(startOffset: number, endOffset: number): SourceRange {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** The range covering whole lines `first` to `last` (1-based, inclusive), without the final newline. */
  lineRange(first: number, last: number): SourceRange {
    const end = this.lineStart(last + 1);
    const endOffset = end > 0 && this.text[end - 1] === '\n' && last < this.lineCount ? end - 1 : end;
    return this.range(this.lineStart(first), Math.max(this.lineStart(first), endOffset));
  }
}
