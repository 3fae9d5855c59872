/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`): honoured only in the comment lines
 * at the very top of the file, each at most once, as BuildKit's directive parser does.
 */
import { isGoSpace } from './go-text.ts';

export type DirectiveName = 'syntax' | 'escape' | 'check';

export interface Directive {
  readonly name: DirectiveName;
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
}

// After `#` and leading spaces; Go's `\s` is [\t\n\f\r ] and `.` stops only at \n.
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const NAMES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

export class DirectiveError extends Error {}

/** Feeds lines one at a time until the first line that is not a directive. */
export class DirectiveScanner {
  private done = false;
  private readonly seen = new Set<string>();

  /**
   * Reads a line that has had its leading spaces removed. Returns the directive it holds, or
   * undefined; throws DirectiveError for a repeated directive.
   */
  scan(line: string, lineNumber: number): Directive | undefined {
    if (this.done) return undefined;
    if (!line.startsWith('#')) {
      this.done = true;
      return undefined;
    }
    let start = 1;
    while (start < line.length && isGoSpace(line.charCodeAt(start))) start++;
    const match = DIRECTIVE.exec(line.slice(start));
    const name = match?.[1]?.toLowerCase();
    if (match === null || name === undefined || !NAMES.has(name)) {
      this.done = true;
      return undefined;
    }
    if (this.seen.has(name)) throw new DirectiveError(`only one ${name} parser directive can be used`);
    this.seen.add(name);
    return { name: name as DirectiveName, value: match[2] ?? '', line: lineNumber };
  }
}
