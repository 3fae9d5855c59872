/**
 * Dockerfile highlighting as a CodeMirror stream parser. Written here rather than taken from
 * legacy-modes, whose Dockerfile mode knows no flags, variables, heredocs or parser directives, and
 * colours a misspelt keyword like a real one. The keywords are the engine's own list, so what is
 * highlighted as an instruction is what the parser accepts.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import { INSTRUCTION_KINDS } from '../../lib/dockerfile/index.ts';

export interface DockerfileTokenState {
  /** At the start of an instruction, or inside its arguments. */
  phase: 'start' | 'arguments';
  /** The instruction being read, upper-cased. */
  keyword: string;
  /** Still reading leading `--flags`. */
  flags: boolean;
  /** The previous line ended with the escape character. */
  continued: boolean;
  /** Parser directives are only read before the first instruction, comment or blank line. */
  directives: boolean;
  escape: '\\' | '`';
  /** Heredoc delimiters opened on the current instruction, read in order after it. */
  heredocs: string[];
  /** In a heredoc body. */
  inBody: boolean;
}

const KEYWORDS = new Set<string>(INSTRUCTION_KINDS);
const DIRECTIVE = /^#\s*(syntax|escape|check)\s*=\s*(\S*)\s*$/i;
const HEREDOC = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

export const dockerfileParser = {
  name: 'dockerfile',
  startState: (): DockerfileTokenState => ({
    phase: 'start',
    keyword: '',
    flags: false,
    continued: false,
    directives: true,
    escape: '\\',
    heredocs: [],
    inBody: false,
  }),
  copyState: (state: DockerfileTokenState): DockerfileTokenState => ({
    ...state,
    heredocs: [...state.heredocs],
  }),
  blankLine(state: DockerfileTokenState) {
    state.directives = false;
  },
  token(stream: StringStream, state: DockerfileTokenState): string | null {
    if (stream.sol()) {
      const token = startLine(stream, state);
      if (token !== undefined) return token;
    }
    if (stream.eatSpace()) return null;
    return state.phase === 'start' ? instruction(stream, state) : argument(stream, state);
  },
  languageData: { commentTokens: { line: '#' } },
};

export const dockerfileLanguage = StreamLanguage.define(dockerfileParser);

/** Handles what only happens at the start of a line: heredoc bodies, comments, directives, continuation. */
function startLine(stream: StringStream, state: DockerfileTokenState): string | null | undefined {
  if (state.inBody) {
    const delimiter = state.heredocs[0];
    stream.skipToEnd();
    if (stream.current().replace(/^\t+/, '') === delimiter) {
      state.heredocs.shift();
      state.inBody = state.heredocs.length > 0;
      return 'string.special';
    }
    return 'string';
  }
  if (stream.match(/^\s*#/, false)) {
    const directive = state.directives && stream.string.match(DIRECTIVE);
    stream.skipToEnd();
    if (directive) {
      if (directive[1]?.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
        state.escape = directive[2];
      }
      return 'meta';
    }
    state.directives = false;
    // A comment inside a continuation is dropped by BuildKit and does not end the instruction.
    return 'comment';
  }
  if (!state.continued) {
    state.phase = 'start';
    state.keyword = '';
  }
  state.continued = false;
  return undefined;
}

function instruction(stream: StringStream, state: DockerfileTokenState): string | null {
  state.directives = false;
  state.phase = 'arguments';
  state.flags = true;
  if (stream.match(/^[A-Za-z]+/)) {
    state.keyword = stream.current().toUpperCase();
    // An unknown word gets no colour; the parser's diagnostic explains it.
    return KEYWORDS.has(state.keyword) ? 'keyword' : null;
  }
  return argument(stream, state);
}

function argument(stream: StringStream, state: DockerfileTokenState): string | null {
  if (endsLine(stream, state)) {
    state.continued = true;
    endBody(stream, state);
    return 'escape';
  }
  const token = word(stream, state);
  endBody(stream, state);
  return token;
}

function word(stream: StringStream, state: DockerfileTokenState): string | null {
  if (state.flags) {
    if (stream.match(/^--[A-Za-z][\w-]*/)) return 'attributeName';
    // The flag's value, as in --from=builder.
    if (stream.match(/^=\S*/)) return null;
    state.flags = false;
  }
  const quote = stream.peek();
  if (quote === '"' || quote === "'") {
    stream.next();
    readQuoted(stream, quote, state.escape);
    return 'string';
  }
  if (stream.match(/^\$\{[^}]*\}?/) || stream.match(/^\$[A-Za-z_][A-Za-z0-9_]*/))
    return 'variableName.special';
  const heredoc = HEREDOC_INSTRUCTIONS.has(state.keyword) ? stream.match(HEREDOC) : null;
  if (heredoc && heredoc !== true) {
    state.heredocs.push(heredoc[3] ?? '');
    return 'string.special';
  }
  if (state.keyword === 'FROM' && stream.match(/^as(?=\s|$)/i)) return 'keyword';
  if (state.keyword === 'EXPOSE' && stream.match(/^\d+(-\d+)?(\/(tcp|udp|sctp))?(?=\s|$)/i)) return 'number';
  if (stream.match(/^[[\],]/)) return 'punctuation';
  if (stream.match(/^=/)) return 'operator';
  if (!stream.match(/^[^\s"'$=[\],\\`]+/)) stream.next();
  return null;
}

/** Reads to the closing quote, past escaped ones; an unclosed string ends at the end of the line. */
function readQuoted(stream: StringStream, quote: string, escapeChar: string): void {
  for (let next = stream.next(); next !== undefined; next = stream.next()) {
    if (next === quote) return;
    if (next === escapeChar && quote === '"') stream.next();
  }
}

/** The escape character followed only by spaces continues the instruction on the next line. */
function endsLine(stream: StringStream, state: DockerfileTokenState): boolean {
  return stream.peek() === state.escape && stream.match(/^.\s*$/) !== null;
}

/** A heredoc opened on this line starts its body on the next one, unless the line continues. */
function endBody(stream: StringStream, state: DockerfileTokenState): void {
  if (stream.eol() && !state.continued && state.heredocs.length > 0) state.inBody = true;
}
