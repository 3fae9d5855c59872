/**
 * Go's filepath.Match, which COPY and ADD sources use for wildcards: `*` and `?` never match `/`,
 * `[a-z]` and `[^a-z]` classes, `\` escapes. Matching is by backtracking over `*` only, linear
 * enough for paths.
 */

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

/** Whether the pattern uses any wildcard (else it names one path exactly). */
export function hasWildcards(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}

type Piece =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly [string, string][] };

function compile(pattern: string): Piece[] {
  const chars = Array.from(pattern);
  const pieces: Piece[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === '*') pieces.push({ kind: 'star' });
    else if (char === '?') pieces.push({ kind: 'any' });
    else if (char === '\\') {
      i++;
      if (i >= chars.length) throw new BadPatternError();
      pieces.push({ kind: 'literal', char: chars[i] as string });
    } else if (char === '[') {
      const parsed = compileClass(chars, i + 1);
      pieces.push(parsed.piece);
      i = parsed.end;
    } else pieces.push({ kind: 'literal', char });
  }
  return pieces;
}

function compileClass(chars: readonly string[], from: number): { piece: Piece; end: number } {
  let i = from;
  const negated = chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  const readChar = (): string => {
    let char = chars[i];
    if (char === '\\') char = chars[++i];
    if (char === undefined || char === '/') throw new BadPatternError();
    i++;
    return char;
  };
  for (let first = true; ; first = false) {
    if (chars[i] === ']' && !first) return { piece: { kind: 'class', negated, ranges }, end: i };
    if (chars[i] === undefined || (chars[i] === '-' && first)) throw new BadPatternError();
    const low = readChar();
    let high = low;
    if (chars[i] === '-') {
      i++;
      high = readChar();
    }
    ranges.push([low, high]);
  }
}

function matchesPiece(piece: Piece, char: string): boolean {
  if (piece.kind === 'literal') return piece.char === char;
  if (char === '/') return false;
  switch (piece.kind) {
    case 'any':
      return true;
    case 'class': {
      const point = char.codePointAt(0) ?? 0;
      const inside = piece.ranges.some(
        ([low, high]) => (low.codePointAt(0) ?? 0) <= point && point <= (high.codePointAt(0) ?? 0),
      );
      return inside !== piece.negated;
    }
    default:
      return false;
  }
}

/** Go's filepath.Match(pattern, name). Throws BadPatternError for a malformed pattern. */
export function matchPath(pattern: string, name: string): boolean {
  const pieces = compile(pattern);
  const chars = Array.from(name);
  // Classic wildcard matching with one backtrack point for the last star.
  let p = 0;
  let c = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (c < chars.length) {
    const piece = pieces[p];
    if (piece?.kind === 'star') {
      starAt = p++;
      resumeAt = c;
    } else if (piece !== undefined && matchesPiece(piece, chars[c] as string)) {
      p++;
      c++;
    } else if (starAt !== -1 && chars[resumeAt] !== '/') {
      p = starAt + 1;
      c = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pieces[p]?.kind === 'star') p++;
  return p === pieces.length;
}
