/**
 * Parses the POSIX shell subset of RUN lines: lists, `&&`/`||`, pipes, redirections, here-documents,
 * quoting, `$VAR`/`${…}`/`$(…)`, assignments, subshells and groups, `if`, `for`, `while`/`until`,
 * `case`, function definitions and (bash, ash) `<(…)` process substitution. `select` and bash's
 * `[[ ]]`-free rarities are left to the commands that run them.
 *
 * Written for this purpose rather than taken from npm: `shell-quote`, the well-kept tokenizer,
 * expands variables while it tokenizes (so `export A=1 && echo $A` cannot work), and knows neither
 * here-documents nor `$(…)`; full shell parsers on npm are unmaintained or ship megabytes of WASM.
 */
import type {
  AndOr,
  Command,
  HeredocBody,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Word,
  WordPart,
} from './ast.ts';
import type { ShellFlavour } from './flavour.ts';

/** Which shell reads the script: dash has no process substitution and words its errors its own way. */
export interface ParseOptions {
  readonly flavour?: ShellFlavour;
}

export class ShellSyntaxError extends Error {}

type Token =
  | { readonly type: 'word'; readonly word: Word }
  | { readonly type: 'op'; readonly op: string; readonly fd?: number }
  | { readonly type: 'newline' }
  | { readonly type: 'eof' };

const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '>|', ';', '&', '|', '(', ')', '<', '>'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads the closing delimiter of `$(`, `${` or a backquote, honouring quotes and nesting. */
function scanBalanced(text: string, start: number, open: string, close: string): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === "'" && open !== '{') {
      const end = text.indexOf("'", i + 1);
      if (end === -1) break;
      i = end;
    } else if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === close && --depth === 0) return i;
    else if (ch === open && open !== close) depth++;
  }
  throw new ShellSyntaxError(`unterminated ${open === '(' ? '$(' : open === '{' ? '${' : '`'}`);
}

class Lexer {
  private pos = 0;
  private readonly text: string;
  /** bash and ash read `<(…)` as a word; dash reads `<` then a `(` it does not expect. */
  private readonly processSubstitution: boolean;
  /** The line the last token started on (1-based), counted as the lexer moves on. */
  tokenLine = 1;
  private counted = 0;
  private line = 1;
  /** Here-documents announced on the current line, read at its end. */
  private readonly pending: { delimiter: string; strip: boolean; heredoc: HeredocBody }[] = [];

  constructor(text: string, processSubstitution = false) {
    this.text = text;
    this.processSubstitution = processSubstitution;
  }

  next(): Token {
    this.skipBlanks();
    this.tokenLine = this.lineAt(this.pos);
    const { text } = this;
    if (this.pos >= text.length) return { type: 'eof' };
    const ch = text[this.pos] as string;
    if (ch === '\n') {
      this.pos++;
      this.readHeredocs();
      return { type: 'newline' };
    }
    if (ch === '#') {
      while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      return this.next();
    }
    const ioNumber = /^(\d+)(?=[<>])/.exec(text.slice(this.pos, this.pos + 4));
    if (ioNumber) {
      this.pos += (ioNumber[1] as string).length;
      const op = this.operator();
      return { type: 'op', op: op ?? '>', fd: Number(ioNumber[1]) };
    }
    if (this.atProcessSubstitution()) return { type: 'word', word: this.word() };
    const op = this.operator();
    if (op !== undefined) return { type: 'op', op };
    return { type: 'word', word: this.word() };
  }

  /** The line of a position at or after the last one asked for. */
  private lineAt(pos: number): number {
    for (; this.counted < pos; this.counted++) if (this.text[this.counted] === '\n') this.line++;
    return this.line;
  }

  private atProcessSubstitution(): boolean {
    const ch = this.text[this.pos];
    return this.processSubstitution && (ch === '<' || ch === '>') && this.text[this.pos + 1] === '(';
  }

  /** Registers a here-document whose body is read after the current line. */
  heredoc(delimiter: string, strip: boolean, heredoc: HeredocBody): void {
    this.pending.push({ delimiter, strip, heredoc });
  }

  private skipBlanks(): void {
    const { text } = this;
    for (;;) {
      const ch = text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.pos++;
      else if (ch === '\\' && text[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  private operator(): string | undefined {
    for (const op of OPERATORS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private readHeredocs(): void {
    for (const doc of this.pending.splice(0)) {
      let body = '';
      for (;;) {
        if (this.pos >= this.text.length)
          throw new ShellSyntaxError(`here-document delimited by end-of-file (wanted \`${doc.delimiter}')`);
        const end = this.text.indexOf('\n', this.pos);
        const line = this.text.slice(this.pos, end === -1 ? this.text.length : end);
        this.pos = end === -1 ? this.text.length : end + 1;
        const compared = doc.strip ? line.replace(/^\t+/, '') : line;
        if (compared === doc.delimiter) break;
        body += `${compared}\n`;
      }
      doc.heredoc.body = body;
    }
  }

  private word(): Word {
    const { text } = this;
    const start = this.pos;
    const parts: WordPart[] = [];
    let literal = '';
    const flush = (quoted: boolean) => {
      if (literal !== '') parts.push({ kind: 'literal', text: literal, quoted });
      literal = '';
    };
    while (this.pos < text.length) {
      const ch = text[this.pos] as string;
      if (this.atProcessSubstitution()) {
        const end = scanBalanced(text, this.pos + 2, '(', ')');
        flush(false);
        parts.push({
          kind: 'process',
          script: text.slice(this.pos + 2, end),
          direction: ch as '<' | '>',
          quoted: false,
        });
        this.pos = end + 1;
        continue;
      }
      if (' \t\r\n;&|()<>'.includes(ch)) break;
      if (ch === '\\') {
        const next = text[this.pos + 1];
        this.pos += 2;
        if (next === '\n' || next === undefined) continue;
        flush(false);
        parts.push({ kind: 'literal', text: next, quoted: true });
      } else if (ch === "'") {
        const end = text.indexOf("'", this.pos + 1);
        if (end === -1) throw new ShellSyntaxError('unterminated quoted string');
        flush(false);
        parts.push({ kind: 'literal', text: text.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (ch === '"') {
        flush(false);
        this.pos++;
        this.doubleQuoted(parts);
      } else if (ch === '$' || ch === '`') {
        const part = this.expansion(false);
        if (part) {
          flush(false);
          parts.push(part);
        } else {
          literal += ch;
          this.pos++;
        }
      } else {
        literal += ch;
        this.pos++;
      }
    }
    flush(false);
    return { parts, text: text.slice(start, this.pos) };
  }

  private doubleQuoted(parts: WordPart[]): void {
    const { text } = this;
    let literal = '';
    for (;;) {
      if (this.pos >= text.length) throw new ShellSyntaxError('unterminated quoted string');
      const ch = text[this.pos] as string;
      if (ch === '"') {
        this.pos++;
        break;
      }
      if (ch === '\\' && '$`"\\\n'.includes(text[this.pos + 1] ?? '')) {
        if (text[this.pos + 1] !== '\n') literal += text[this.pos + 1];
        this.pos += 2;
      } else if (ch === '$' || ch === '`') {
        const part = this.expansion(true);
        if (part) {
          if (literal !== '') parts.push({ kind: 'literal', text: literal, quoted: true });
          literal = '';
          parts.push(part);
        } else {
          literal += ch;
          this.pos++;
        }
      } else {
        literal += ch;
        this.pos++;
      }
    }
    parts.push({ kind: 'literal', text: literal, quoted: true });
  }

  /** A here-document body as parts: expanded like double quotes, but `"` is an ordinary character. */
  heredocParts(): WordPart[] {
    const { text } = this;
    const parts: WordPart[] = [];
    let literal = '';
    while (this.pos < text.length) {
      const ch = text[this.pos] as string;
      if (ch === '\\' && '$`\\\n'.includes(text[this.pos + 1] ?? '')) {
        if (text[this.pos + 1] !== '\n') literal += text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      const part = ch === '$' || ch === '`' ? this.expansion(true) : undefined;
      if (part) {
        parts.push({ kind: 'literal', text: literal, quoted: true }, part);
        literal = '';
      } else {
        literal += ch;
        this.pos++;
      }
    }
    parts.push({ kind: 'literal', text: literal, quoted: true });
    return parts;
  }

  /** `$name`, `${…}`, `$(…)`, `$((…))` or a backquote command, at the current position. */
  private expansion(quoted: boolean): WordPart | undefined {
    const { text } = this;
    if (text[this.pos] === '`') {
      const end = scanBalanced(text, this.pos + 1, '`', '`');
      const script = text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { kind: 'command', script, quoted };
    }
    const next = text[this.pos + 1];
    if (next === '(' && text[this.pos + 2] === '(') {
      const end = scanBalanced(text, this.pos + 3, '(', ')');
      const closing = text[end + 1] === ')' ? end + 2 : end + 1;
      const expression = text.slice(this.pos, closing);
      this.pos = closing;
      return { kind: 'parameter', expression, quoted };
    }
    if (next === '(') {
      const end = scanBalanced(text, this.pos + 2, '(', ')');
      const script = text.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { kind: 'command', script, quoted };
    }
    if (next === '{') {
      const end = scanBalanced(text, this.pos + 2, '{', '}');
      const expression = text.slice(this.pos, end + 1);
      this.pos = end + 1;
      return { kind: 'parameter', expression, quoted };
    }
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(this.pos + 1, this.pos + 65));
    if (!name) return undefined;
    this.pos += 1 + name[0].length;
    return { kind: 'parameter', expression: `$${name[0]}`, quoted };
  }
}

/** A word that is plain text with no quoting or expansion (reserved words must be). */
function plain(word: Word): string | undefined {
  const [only, ...more] = word.parts;
  return only?.kind === 'literal' && !only.quoted && more.length === 0
    ? only.text
    : word.parts.length === 0
      ? ''
      : undefined;
}

class Parser {
  private token: Token;
  private tokenLine = 1;
  private readonly lexer: Lexer;
  private readonly dash: boolean;

  constructor(source: string, options: ParseOptions) {
    const flavour = options.flavour ?? 'bash';
    this.dash = flavour === 'dash';
    this.lexer = new Lexer(source, flavour !== 'dash');
    this.token = this.lexer.next();
    this.tokenLine = this.lexer.tokenLine;
  }

  /** The shell's words for a token it did not expect here. */
  private unexpected(): ShellSyntaxError {
    const shown = this.describe();
    return new ShellSyntaxError(
      this.dash
        ? `Syntax error: ${shown === 'end of file' ? 'end of file' : `"${shown}"`} unexpected`
        : `syntax error near unexpected token \`${shown}'`,
    );
  }

  private advance(): Token {
    const current = this.token;
    this.token = this.lexer.next();
    this.tokenLine = this.lexer.tokenLine;
    return current;
  }

  private isOp(op: string): boolean {
    return this.token.type === 'op' && this.token.op === op;
  }

  private isReserved(word: string): boolean {
    return this.token.type === 'word' && plain(this.token.word) === word;
  }

  private skipNewlines(): void {
    while (this.token.type === 'newline' || this.isOp(';')) this.advance();
  }

  private expectReserved(word: string): void {
    if (!this.isReserved(word)) throw new ShellSyntaxError(`syntax error: expected "${word}"`);
    this.advance();
  }

  /** A list of and-or lists, until EOF or one of `terminators` (reserved words or `)`). */
  script(terminators: readonly string[] = []): Script {
    const list: AndOr[] = [];
    const done = () =>
      this.token.type === 'eof' ||
      terminators.some((t) => (t === ')' || t === ';;' ? this.isOp(t) : this.isReserved(t)));
    this.skipNewlines();
    while (!done()) {
      const andOr = this.andOr();
      let background = false;
      if (this.isOp('&')) {
        background = true;
        this.advance();
      } else if (this.isOp(';') || this.token.type === 'newline') this.advance();
      else if (!done()) throw this.unexpected();
      list.push({ ...andOr, background });
      this.skipNewlines();
    }
    return list;
  }

  private describe(): string {
    const token = this.token;
    if (token.type === 'op') return token.op;
    if (token.type === 'word') return token.word.text;
    return token.type === 'newline' ? 'newline' : 'end of file';
  }

  private andOr(): Omit<AndOr, 'background'> {
    const line = this.tokenLine;
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.advance() as { op: '&&' | '||' }).op;
      while (this.token.type === 'newline') this.advance();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, line };
  }

  private pipeline(): Pipeline {
    let negated = false;
    if (this.isReserved('!')) {
      negated = true;
      this.advance();
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.advance();
      while (this.token.type === 'newline') this.advance();
      commands.push(this.command());
    }
    return { negated, commands };
  }

  private command(): Command {
    if (this.isOp('(')) {
      this.advance();
      const body = this.script([')']);
      if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: missing ")"');
      this.advance();
      return { kind: 'subshell', body, redirects: this.redirects() };
    }
    if (this.isReserved('{')) {
      this.advance();
      const body = this.script(['}']);
      this.expectReserved('}');
      return { kind: 'group', body, redirects: this.redirects() };
    }
    const compound = this.compound();
    if (compound) {
      // `while read l; do …; done < file`: the redirections apply to the whole command, as a group's.
      const redirects = this.redirects();
      if (redirects.length === 0) return compound;
      const body: Script = [{ first: { negated: false, commands: [compound] }, rest: [], background: false }];
      return { kind: 'group', body, redirects };
    }
    if (this.isReserved('function') && !this.dash) return this.functionKeyword();
    const simple = this.simple();
    const name = simple.words.length === 1 ? plain(simple.words[0] as Word) : undefined;
    if (name !== undefined && simple.assignments.length === 0 && this.isOp('(')) {
      this.advance();
      if (!this.isOp(')')) throw this.unexpected();
      this.advance();
      return this.functionBody(name);
    }
    if (simple.words.length === 0 && simple.assignments.length === 0 && simple.redirects.length === 0) {
      throw this.unexpected();
    }
    return simple;
  }

  private compound(): Command | undefined {
    if (this.isReserved('if')) return this.ifCommand();
    if (this.isReserved('for')) return this.forCommand();
    if (this.isReserved('while') || this.isReserved('until')) return this.whileCommand();
    if (this.isReserved('case')) return this.caseCommand();
    return undefined;
  }

  /** bash's `function name { …; }` (the parentheses optional). */
  private functionKeyword(): Command {
    this.advance();
    const name = this.token.type === 'word' ? plain(this.token.word) : undefined;
    if (name === undefined) throw this.unexpected();
    this.advance();
    if (this.isOp('(')) {
      this.advance();
      if (!this.isOp(')')) throw this.unexpected();
      this.advance();
    }
    return this.functionBody(name);
  }

  private functionBody(name: string): Command {
    this.skipNewlinesOnly();
    const body = this.command();
    if (body.kind === 'simple' || body.kind === 'function') throw this.unexpected();
    return { kind: 'function', name, body };
  }

  private whileCommand(): Command {
    const until = this.isReserved('until');
    this.advance();
    const condition = this.script(['do']);
    this.expectReserved('do');
    const body = this.script(['done']);
    this.expectReserved('done');
    return { kind: 'while', until, condition, body };
  }

  /** `case WORD in (PATTERN | PATTERN) LIST ;; … esac`. */
  private caseCommand(): Command {
    this.advance();
    if (this.token.type !== 'word') throw this.unexpected();
    const word = (this.advance() as { word: Word }).word;
    this.skipNewlinesOnly();
    this.expectReserved('in');
    const items: { patterns: Word[]; body: Script }[] = [];
    this.skipNewlinesOnly();
    while (!this.isReserved('esac')) {
      if (this.isOp('(')) this.advance();
      const patterns: Word[] = [];
      for (;;) {
        if (this.token.type !== 'word') throw this.unexpected();
        patterns.push((this.advance() as { word: Word }).word);
        if (!this.isOp('|')) break;
        this.advance();
      }
      if (!this.isOp(')')) throw this.unexpected();
      this.advance();
      const body = this.script([';;', 'esac']);
      items.push({ patterns, body });
      if (this.isOp(';;')) this.advance();
      this.skipNewlinesOnly();
      if ((this.token as Token).type === 'eof')
        throw new ShellSyntaxError('syntax error: "case" without "esac"');
    }
    this.advance();
    return { kind: 'case', word, items };
  }

  private ifCommand(): Command {
    this.advance();
    const branches: { condition: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.script(['then']);
      this.expectReserved('then');
      const body = this.script(['elif', 'else', 'fi']);
      branches.push({ condition, body });
      if (this.isReserved('elif')) {
        this.advance();
        continue;
      }
      if (this.isReserved('else')) {
        this.advance();
        otherwise = this.script(['fi']);
      }
      this.expectReserved('fi');
      return otherwise ? { kind: 'if', branches, otherwise } : { kind: 'if', branches };
    }
  }

  private forCommand(): Command {
    this.advance();
    const variable = this.token.type === 'word' ? plain(this.token.word) : undefined;
    if (variable === undefined || !NAME.test(variable))
      throw new ShellSyntaxError('syntax error: bad for loop variable');
    this.advance();
    const items: Word[] = [];
    this.skipNewlinesOnly();
    if (this.isReserved('in')) {
      this.advance();
      while (this.token.type === 'word') items.push((this.advance() as { word: Word }).word);
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.script(['done']);
    this.expectReserved('done');
    return { kind: 'for', variable, items, body };
  }

  private skipNewlinesOnly(): void {
    while (this.token.type === 'newline') this.advance();
  }

  private redirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const redirect = this.redirect();
      if (!redirect) return redirects;
      redirects.push(redirect);
    }
  }

  private redirect(): Redirect | undefined {
    const token = this.token;
    if (token.type !== 'op' || !['>', '>>', '<', '>&', '<&', '<<', '<<-', '>|'].includes(token.op))
      return undefined;
    this.advance();
    const target = this.token;
    if (target.type !== 'word') throw this.unexpected();
    const op = (token.op === '>|' ? '>' : token.op) as Redirect['op'];
    const fd = token.fd ?? (op.startsWith('<') ? 0 : 1);
    if (op === '<<' || op === '<<-') {
      // Register before reading on: the body starts after the newline that ends this line.
      const quoted = target.word.parts.some((part) => part.kind === 'literal' && part.quoted);
      const delimiter = target.word.parts.map((part) => (part.kind === 'literal' ? part.text : '')).join('');
      const heredoc: HeredocBody = { body: '', expand: !quoted };
      this.lexer.heredoc(delimiter, op === '<<-', heredoc);
      this.advance();
      return { fd, op, target: target.word, heredoc };
    }
    this.advance();
    return { fd, op, target: target.word };
  }

  private simple(): SimpleCommand {
    const assignments: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const redirect = this.redirect();
      if (redirect) {
        redirects.push(redirect);
        continue;
      }
      if (this.token.type !== 'word') break;
      if (words.length === 0 && this.isReserved('}')) break;
      const word = this.token.word;
      const first = word.parts[0];
      const eq = first?.kind === 'literal' && !first.quoted ? first.text.indexOf('=') : -1;
      if (words.length === 0 && first && eq > 0 && NAME.test((first as { text: string }).text.slice(0, eq))) {
        const name = (first as { text: string }).text.slice(0, eq);
        const rest = (first as { text: string }).text.slice(eq + 1);
        const parts = [
          ...(rest ? [{ kind: 'literal' as const, text: rest, quoted: false }] : []),
          ...word.parts.slice(1),
        ];
        assignments.push({ name, value: { parts, text: word.text.slice(eq + 1) } });
      } else words.push(word);
      this.advance();
    }
    return { kind: 'simple', assignments, words, redirects };
  }
}

/** Parses a script. Throws ShellSyntaxError with a message in the shell's own style. */
export function parseScript(source: string, options: ParseOptions = {}): Script {
  return new Parser(source, options).script();
}

/** A here-document body as a word to expand (parameters and `$(…)`, no splitting). */
export function heredocWord(body: string): Word {
  return { parts: new Lexer(body).heredocParts(), text: body };
}
