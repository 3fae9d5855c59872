/**
 * The first layer of the front end, BuildKit's `parser.Parse`: text → one node per instruction,
 * with line continuations joined, comments dropped, directives applied and heredoc bodies read.
 * Every node, flag and argument keeps its range in the source for diagnostics.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { LineIndex, type SourceRange } from '../source-range.ts';
import { type Directive, DirectiveError, DirectiveScanner } from './directives.ts';
import { goToLower, isGoSpace, trimGoSpace, utf8Length } from './go-text.ts';
import { HeredocError, type HeredocWord, heredocWordsInLine } from './heredoc.ts';
import {
  LineParseError,
  type ParsedArgs,
  parseHealthcheck,
  parseMaybeJson,
  parseMaybeJsonToList,
  parseNameOrNameValue,
  parseNameValue,
  parseString,
  parseWhitespaceDelimited,
  splitCommand,
} from './line-parsers.ts';

export interface SyntaxWord {
  readonly value: string;
  readonly range: SourceRange;
}

export interface SyntaxHeredoc extends HeredocWord {
  /** The body as written, every line with its line ending, without the terminator line. */
  readonly content: string;
  /** The body and terminator lines. */
  readonly range: SourceRange;
}

export interface SyntaxNode {
  /** The instruction keyword as written (`run`, `RUN`, `Run` …). */
  readonly keyword: SyntaxWord;
  /** Leading `--name=value` words, unquoted, not yet validated. */
  readonly flags: readonly SyntaxWord[];
  /** The arguments as BuildKit's line parser for this keyword splits them. */
  readonly args: readonly SyntaxWord[];
  /** The arguments were given in exec (JSON array) form. */
  readonly json: boolean;
  /** ONBUILD's trigger instruction. */
  readonly trigger?: SyntaxNode;
  readonly heredocs: readonly SyntaxHeredoc[];
  /** The logical line: physical lines joined, continuation characters removed. */
  readonly original: string;
  /** First and last physical line (1-based), including heredoc bodies. */
  readonly startLine: number;
  readonly endLine: number;
  readonly range: SourceRange;
  /** The comment lines directly above the instruction. */
  readonly comments: readonly string[];
}

export interface SyntaxTree {
  readonly nodes: readonly SyntaxNode[];
  readonly directives: readonly Directive[];
  readonly escapeToken: '\\' | '`';
  readonly warnings: readonly Diagnostic[];
}

export type SyntaxResult =
  | { readonly ok: true; readonly tree: SyntaxTree }
  | { readonly ok: false; readonly error: Diagnostic; readonly warnings: readonly Diagnostic[] };

/** bufio.Scanner's limit: a line (with its newline) must fit in 64 KiB. */
const MAX_LINE_BYTES = 65536;

/** Internal: an error with its place, turned into a Diagnostic at the API boundary. */
class ParseFailure extends Error {
  readonly code: string;
  readonly range: SourceRange;

  constructor(code: string, message: string, range: SourceRange) {
    super(message);
    this.code = code;
    this.range = range;
  }
}

interface PhysicalLine {
  readonly number: number;
  /** Offset of the first character (after a BOM on line 1). */
  readonly start: number;
  /** Offset after the content, trailing \r and \n removed. */
  readonly contentEnd: number;
  /** Offset of the next line. */
  readonly end: number;
}

class LineReader {
  private readonly text: string;
  private readonly index: LineIndex;
  private offset: number;
  private count = 0;

  constructor(text: string, index: LineIndex) {
    this.text = text;
    this.index = index;
    this.offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  get lastNumber(): number {
    return this.count;
  }

  next(): PhysicalLine | undefined {
    const { text } = this;
    if (this.offset >= text.length) return undefined;
    const newline = text.indexOf('\n', this.offset);
    const end = newline === -1 ? text.length : newline + 1;
    let contentEnd = end;
    while (contentEnd > this.offset && (text[contentEnd - 1] === '\n' || text[contentEnd - 1] === '\r'))
      contentEnd--;
    const line = { number: ++this.count, start: this.offset, contentEnd, end };
    this.checkLength(line, newline !== -1);
    this.offset = end;
    return line;
  }

  private checkLength(line: PhysicalLine, terminated: boolean): void {
    const chars = line.end - line.start;
    if (chars * 3 < MAX_LINE_BYTES) return;
    const bytes = utf8Length(this.text.slice(line.start, line.end));
    if (terminated ? bytes > MAX_LINE_BYTES : bytes >= MAX_LINE_BYTES) {
      throw new ParseFailure(
        'parse/line-too-long',
        `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`,
        this.index.range(line.start, line.contentEnd),
      );
    }
  }
}

/** The logical line being assembled, with where each of its characters came from. */
class LogicalLine {
  text = '';
  private readonly logicalStarts: number[] = [];
  private readonly sourceStarts: number[] = [];

  append(source: string, start: number, end: number): void {
    if (end <= start) return;
    this.logicalStarts.push(this.text.length);
    this.sourceStarts.push(start);
    this.text += source.slice(start, end);
  }

  sourceOffset(index: number): number {
    let segment = this.logicalStarts.length - 1;
    while (segment > 0 && (this.logicalStarts[segment] ?? 0) > index) segment--;
    return (this.sourceStarts[segment] ?? 0) + index - (this.logicalStarts[segment] ?? 0);
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isGoSpace(text.charCodeAt(i))) return false;
  return true;
}

function skipSpaces(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isGoSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a line's content ends once a trailing continuation character (and the spaces and tabs
 * after it) is removed, and whether it continues. A doubled escape at the end is no continuation.
 */
function trimContinuation(
  text: string,
  start: number,
  end: number,
  escapeToken: string,
): { end: number; continues: boolean } {
  let last = end;
  while (last > start && (text[last - 1] === ' ' || text[last - 1] === '\t')) last--;
  if (last === start || text[last - 1] !== escapeToken) return { end, continues: false };
  const escapeAt = last - 1;
  if (escapeAt === start || text[escapeAt - 1] !== escapeToken) return { end: escapeAt, continues: true };
  return { end, continues: false };
}

const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(['add', 'copy', 'run']);

type LineParser = (rest: string, escapeToken: string) => ParsedArgs;

// A Map, not an object: keywords are user text, and `constructor` or `__proto__` must not find a parser.
const LINE_PARSERS: ReadonlyMap<string, LineParser> = new Map<string, LineParser>([
  ['add', parseMaybeJsonToList],
  ['arg', parseNameOrNameValue],
  ['cmd', parseMaybeJson],
  ['copy', parseMaybeJsonToList],
  ['entrypoint', parseMaybeJson],
  ['env', (rest, escapeToken) => parseNameValue(rest, 'ENV', escapeToken)],
  ['expose', parseWhitespaceDelimited],
  ['from', parseWhitespaceDelimited],
  ['healthcheck', parseHealthcheck],
  ['label', (rest, escapeToken) => parseNameValue(rest, 'LABEL', escapeToken)],
  ['maintainer', parseString],
  ['run', parseMaybeJson],
  ['shell', parseMaybeJson],
  ['stopsignal', parseString],
  ['user', parseString],
  ['volume', parseMaybeJsonToList],
  ['workdir', parseString],
]);

/** Unknown instructions keep their keyword and get one empty argument, as in BuildKit's tree. */
const parseIgnored: LineParser = () => ({ args: [{ value: '', start: 0, end: 0 }], json: false });

class SyntaxParser {
  private readonly index: LineIndex;
  private readonly reader: LineReader;
  private readonly directiveScanner = new DirectiveScanner();
  private readonly directives: Directive[] = [];
  private readonly nodes: SyntaxNode[] = [];
  private readonly warnings: Diagnostic[] = [];
  private escape: '\\' | '`' = '\\';
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.index = new LineIndex(text);
    this.reader = new LineReader(text, this.index);
  }

  parse(): SyntaxResult {
    try {
      this.readAll();
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      return { ok: false, error: this.diagnostic(error), warnings: this.warnings };
    }
    if (this.nodes.length === 0) {
      const lastLine = Math.max(1, this.reader.lastNumber);
      return {
        ok: false,
        error: {
          code: 'parse/no-instructions',
          severity: 'error',
          message: 'file with no instructions',
          range: this.index.lineRange(lastLine, lastLine),
          hint: 'A Dockerfile needs at least a FROM instruction.',
        },
        warnings: this.warnings,
      };
    }
    return {
      ok: true,
      tree: {
        nodes: this.nodes,
        directives: this.directives,
        escapeToken: this.escape,
        warnings: this.warnings,
      },
    };
  }

  private diagnostic(error: ParseFailure): Diagnostic {
    return { code: error.code, severity: 'error', message: error.message, range: error.range };
  }

  private readAll(): void {
    let comments: string[] = [];
    for (let line = this.reader.next(); line; line = this.reader.next()) {
      const { text } = this;
      const start = skipSpaces(text, line.start, line.contentEnd);
      const isComment = text[start] === '#' && start < line.contentEnd;
      if (isComment) {
        const comment = trimGoSpace(text.slice(line.start + 1, line.end));
        comments = comment === '' ? [] : [...comments, comment];
      }
      if (this.scanDirective(line, start)) comments = comments.slice(0, -1);
      if (isComment) continue;

      const first = trimContinuation(text, start, line.contentEnd, this.escape);
      if (!first.continues && first.end === start) continue;
      const logical = new LogicalLine();
      logical.append(text, start, first.end);
      const endLine = this.readContinuation(logical, first.continues);
      this.addNode(logical, line.number, endLine, comments);
      comments = [];
    }
  }

  /** Reads a directive from a top-of-file line; returns whether the line was one. */
  private scanDirective(line: PhysicalLine, start: number): boolean {
    let directive: Directive | undefined;
    try {
      directive = this.directiveScanner.scan(this.text.slice(start, line.contentEnd), line.number);
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error;
      throw new ParseFailure(
        'parse/duplicate-directive',
        error.message,
        this.index.lineRange(line.number, line.number),
      );
    }
    if (directive === undefined) return false;
    if (directive.name === 'escape') {
      if (directive.value !== '\\' && directive.value !== '`') {
        throw new ParseFailure(
          'parse/invalid-escape',
          `invalid escape token '${directive.value}' does not match \` or \\`,
          this.index.lineRange(line.number, line.number),
        );
      }
      this.escape = directive.value;
    }
    this.directives.push(directive);
    return true;
  }

  /** Joins continuation lines onto `logical`; returns the last physical line consumed. */
  private readContinuation(logical: LogicalLine, continues: boolean): number {
    let endLine = this.reader.lastNumber;
    let hasEmptyLine = false;
    let more = continues;
    while (more) {
      const line = this.reader.next();
      if (!line) break;
      endLine = line.number;
      const { text } = this;
      const start = skipSpaces(text, line.start, line.end);
      if (text[start] === '#' && start < line.end) continue;
      if (isBlank(text, line.start, line.contentEnd)) {
        hasEmptyLine = true;
        continue;
      }
      const trimmed = trimContinuation(text, line.start, line.contentEnd, this.escape);
      logical.append(text, line.start, trimmed.end);
      more = trimmed.continues;
    }
    if (hasEmptyLine) {
      this.warnings.push({
        code: 'parse/no-empty-continuation',
        severity: 'warning',
        message: `Empty continuation line found in: ${logical.text}`,
        hint: 'Empty continuation lines will become errors in a future release: remove the blank line or end the instruction.',
        url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
        range: this.index.lineRange(endLine, endLine),
      });
    }
    return endLine;
  }

  private addNode(logical: LogicalLine, startLine: number, endLine: number, comments: string[]): void {
    const lineRange = () => this.index.lineRange(startLine, this.reader.lastNumber);
    let node: SyntaxNode;
    try {
      node = this.buildNode(logical, 0, logical.text, startLine, endLine, comments);
    } catch (error) {
      if (!(error instanceof LineParseError)) throw error;
      throw new ParseFailure(error.code, error.message, lineRange());
    }
    if (canContainHeredoc(node) && logical.text.includes('<<')) {
      let words: HeredocWord[];
      try {
        words = heredocWordsInLine(logical.text);
      } catch (error) {
        if (!(error instanceof HeredocError)) throw error;
        throw new ParseFailure('parse/invalid-heredoc', error.message, lineRange());
      }
      const heredocs = words.map((word) => this.readHeredoc(word, startLine));
      if (heredocs.length > 0)
        node = withHeredocs(node, heredocs, this.index.lineRange(startLine, this.reader.lastNumber));
    }
    this.nodes.push(node);
  }

  private readHeredoc(word: HeredocWord, startLine: number): SyntaxHeredoc {
    const first = this.reader.lastNumber + 1;
    let content = '';
    for (let line = this.reader.next(); line; line = this.reader.next()) {
      let candidate = line.start;
      if (word.chomp) while (this.text[candidate] === '\t' && candidate < line.contentEnd) candidate++;
      if (this.text.slice(candidate, line.contentEnd) === word.name) {
        return { ...word, content, range: this.index.lineRange(first, line.number) };
      }
      content += this.text.slice(line.start, line.end);
    }
    throw new ParseFailure(
      'parse/unterminated-heredoc',
      'unterminated heredoc',
      this.index.lineRange(startLine, Math.max(startLine, this.reader.lastNumber)),
    );
  }

  /** BuildKit's newNodeFromLine, for `line` found at index `base` of the logical line. */
  private buildNode(
    logical: LogicalLine,
    base: number,
    line: string,
    startLine: number,
    endLine: number,
    comments: string[],
  ): SyntaxNode {
    const split = splitCommand(line, this.escape);
    const word = (value: string, start: number, end: number): SyntaxWord => ({
      value,
      range: this.rangeOf(logical, base + start, base + end),
    });
    const keywordLower = goToLower(split.keyword.value);
    const restBase = split.rest.start;
    let parsed: ParsedArgs = { args: [], json: false };
    let trigger: SyntaxNode | undefined;
    if (keywordLower === 'onbuild') {
      if (split.rest.value !== '') {
        trigger = this.buildNode(logical, base + restBase, split.rest.value, startLine, endLine, []);
      }
    } else {
      parsed = (LINE_PARSERS.get(keywordLower) ?? parseIgnored)(split.rest.value, this.escape);
    }
    const range = this.index.range(
      logical.sourceOffset(base + split.keyword.start),
      this.index.lineRange(endLine, endLine).end.offset,
    );
    return {
      keyword: word(split.keyword.value, split.keyword.start, split.keyword.end),
      flags: split.flags.map((flag) => word(flag.value, flag.start, flag.end)),
      args: parsed.args.map((arg) => word(arg.value, restBase + arg.start, restBase + arg.end)),
      json: parsed.json,
      ...(trigger ? { trigger } : {}),
      heredocs: [],
      original: line,
      startLine,
      endLine,
      range,
      comments,
    };
  }

  private rangeOf(logical: LogicalLine, start: number, end: number): SourceRange {
    const from = logical.sourceOffset(start);
    const to = end > start ? logical.sourceOffset(end - 1) + 1 : from;
    return this.index.range(from, to);
  }
}

function canContainHeredoc(node: SyntaxNode): boolean {
  const target = goToLower(node.keyword.value) === 'onbuild' && node.trigger ? node.trigger : node;
  return HEREDOC_KEYWORDS.has(goToLower(target.keyword.value)) && !target.json;
}

/** Attaches heredoc bodies to the node (or to ONBUILD's trigger) and widens the ranges to cover them. */
function withHeredocs(node: SyntaxNode, heredocs: SyntaxHeredoc[], range: SourceRange): SyntaxNode {
  const endLine = range.end.line;
  const widened = { ...node, endLine, range: { start: node.range.start, end: range.end } };
  if (node.trigger) return { ...widened, trigger: withHeredocs(node.trigger, heredocs, range) };
  return { ...widened, heredocs };
}

/** Parses Dockerfile text into BuildKit's syntax tree. Never throws. */
export function parseSyntaxTree(text: string): SyntaxResult {
  return new SyntaxParser(text).parse();
}
