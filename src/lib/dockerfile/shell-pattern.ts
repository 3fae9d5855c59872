/**
 * Shell patterns as BuildKit's `${var#pattern}`, `${var%pattern}` and `${var/pattern/repl}` use
 * them: `*` (never across a newline), `?`, escapes; no bracket expressions. BuildKit compiles them
 * to Go regular expressions, which run in linear time; a backtracking JavaScript RegExp would not
 * (a few stars against a long value can hang the page), so this matches with a small NFA instead.
 */

type Token =
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' };

export class PatternError extends Error {}

/** Parses a pattern as BuildKit's convertShellPatternToRegex reads it. */
export function parsePattern(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === '*') tokens.push({ kind: 'star' });
    else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '\\') {
      const next = chars[i + 1];
      // `\}` and `\/` were escapes for the ${} syntax, not part of the pattern.
      if (next === '}' || next === '/') continue;
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw new PatternError(`invalid escape '\\${next ?? '\uFFFD'}'`);
      }
      tokens.push({ kind: 'literal', char: next });
      i++;
    } else tokens.push({ kind: 'literal', char });
  }
  return tokens;
}

/** Adds `state` and, through stars (which may match nothing), the states after it. */
function addState(states: Set<number>, tokens: readonly Token[], state: number): void {
  let current = state;
  while (!states.has(current)) {
    states.add(current);
    if (tokens[current]?.kind !== 'star') return;
    current++;
  }
}

function step(states: ReadonlySet<number>, tokens: readonly Token[], char: string): Set<number> {
  const next = new Set<number>();
  for (const state of states) {
    const token = tokens[state];
    if (token === undefined || char === '\n') continue;
    if (token.kind === 'star') addState(next, tokens, state);
    else if (token.kind === 'any' || token.char === char) addState(next, tokens, state + 1);
  }
  return next;
}

/**
 * Length (in UTF-16 units) of the shortest or longest prefix of `chars` that the pattern matches
 * whole, or -1 when none does.
 */
function prefixMatch(tokens: readonly Token[], chars: readonly string[], longest: boolean): number {
  let states = new Set<number>();
  addState(states, tokens, 0);
  let length = 0;
  let found = states.has(tokens.length) ? 0 : -1;
  if (found === 0 && !longest) return 0;
  for (const char of chars) {
    states = step(states, tokens, char);
    if (states.size === 0) break;
    length += char.length;
    if (states.has(tokens.length)) {
      found = length;
      if (!longest) break;
    }
  }
  return found;
}

/** `${value#pattern}` (shortest) and `${value##pattern}` (longest): the value without the matched prefix. */
export function trimPrefix(pattern: string, value: string, longest: boolean): string {
  const matched = prefixMatch(parsePattern(pattern), Array.from(value), longest);
  return matched < 0 ? value : value.slice(matched);
}

/** `${value%pattern}` and `${value%%pattern}`: the value without the matched suffix. */
export function trimSuffix(pattern: string, value: string, longest: boolean): string {
  const tokens = parsePattern(pattern).reverse();
  const matched = prefixMatch(tokens, Array.from(value).reverse(), longest);
  return matched < 0 ? value : value.slice(0, value.length - matched);
}

/**
 * The leftmost match at or after `from`, extending as far as the pattern allows (what Go's
 * leftmost-first search with greedy stars finds), as [start, end) offsets; undefined when none.
 */
function findMatch(tokens: readonly Token[], value: string, from: number): [number, number] | undefined {
  // Each live state remembers the earliest start that reached it: a Pike VM, linear in the value.
  let live = new Map<number, number>();
  let best: [number, number] | undefined;
  const seed = (at: number) => {
    const states = new Set<number>();
    addState(states, tokens, 0);
    for (const state of states) if (!live.has(state)) live.set(state, at);
  };
  let pos = from;
  for (;;) {
    if (best === undefined) seed(pos);
    const accepted = live.get(tokens.length);
    if (
      accepted !== undefined &&
      (best === undefined || accepted < best[0] || (accepted === best[0] && pos > best[1]))
    ) {
      best = [accepted, pos];
    }
    if (pos >= value.length) break;
    const code = value.codePointAt(pos) ?? 0;
    const char = String.fromCodePoint(code);
    const next = new Map<number, number>();
    for (const [state, start] of live) {
      if (best !== undefined && start > best[0]) continue;
      for (const target of step(new Set([state]), tokens, char)) {
        const known = next.get(target);
        if (known === undefined || start < known) next.set(target, start);
      }
    }
    live = next;
    pos += char.length;
    if (live.size === 0 && best !== undefined) break;
  }
  return best;
}

/** `${value/pattern/replacement}` and, with `all`, `${value//pattern/replacement}`, as Go replaces. */
export function replacePattern(pattern: string, value: string, replacement: string, all: boolean): string {
  const tokens = parsePattern(pattern);
  if (!all) {
    const match = findMatch(tokens, value, 0);
    return match ? value.slice(0, match[0]) + replacement + value.slice(match[1]) : value;
  }
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= value.length) {
    const match = findMatch(tokens, value, search);
    if (match === undefined) break;
    out += value.slice(lastEnd, match[0]);
    // An empty match right after another match is not replaced (Go's rule).
    if (match[1] > lastEnd || match[0] === 0)
      out += expandGoTemplate(replacement, value.slice(match[0], match[1]));
    lastEnd = match[1];
    const width = search < value.length ? ((value.codePointAt(search) ?? 0) > 0xffff ? 2 : 1) : 1;
    search = Math.max(search + width, match[1]);
  }
  return out + value.slice(lastEnd);
}

/**
 * Go's regexp template expansion, which a replace-all goes through: `$$` is a dollar, `$0` the
 * match, any other `$name` an (absent) group, so empty.
 */
function expandGoTemplate(template: string, match: string): string {
  if (!template.includes('$')) return template;
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_whole, dollar, braced, bare) => {
    if (dollar === '$') return '$';
    const name: string = braced ?? bare;
    return /^0+$/.test(name) ? match : '';
  });
}
