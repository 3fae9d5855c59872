/** PEP 508 environment markers (`python_version < "3.10" and sys_platform != "win32"`), evaluated for a build stage. */

import { parseVersion, satisfies } from './pep440.ts';

/** The marker variables of the interpreter a stage runs pip with. */
export interface MarkerEnvironment {
  readonly python_version: string;
  readonly python_full_version: string;
  readonly sys_platform: string;
  readonly platform_system: string;
  readonly platform_machine: string;
  readonly os_name: string;
  readonly implementation_name: string;
  readonly platform_python_implementation: string;
  /** the extras being installed (`uvicorn[standard]` → `standard`) */
  readonly extras: readonly string[];
}

/** CPython 3.9.25 on linux/amd64, as the course's python:3.9 images run it. */
export function linuxPython(pythonFullVersion = '3.9.25', extras: readonly string[] = []): MarkerEnvironment {
  return {
    python_version: pythonFullVersion.split('.').slice(0, 2).join('.'),
    python_full_version: pythonFullVersion,
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: 'x86_64',
    os_name: 'posix',
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
    extras,
  };
}

type Token = { readonly kind: 'str' | 'var' | 'op' | 'lp' | 'rp' | 'and' | 'or'; readonly text: string };

const TOKEN_RE =
  /\s*(?:(\()|(\))|"([^"]*)"|'([^']*)'|(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)|(and\b)|(or\b)|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m = TOKEN_RE.exec(text);
  while (m && m[0] !== '') {
    const [, lp, rp, dq, sq, op, and, or, name] = m;
    if (lp) tokens.push({ kind: 'lp', text: lp });
    else if (rp) tokens.push({ kind: 'rp', text: rp });
    else if (dq !== undefined || sq !== undefined) tokens.push({ kind: 'str', text: dq ?? sq ?? '' });
    else if (op) tokens.push({ kind: 'op', text: op.replace(/\s+/, ' ') });
    else if (and) tokens.push({ kind: 'and', text: and });
    else if (or) tokens.push({ kind: 'or', text: or });
    else if (name) tokens.push({ kind: 'var', text: name });
    if (TOKEN_RE.lastIndex >= text.length) break;
    m = TOKEN_RE.exec(text);
  }
  return tokens;
}

/**
 * Whether the marker holds in `env`. An empty marker holds; a marker we cannot read is false, which
 * leaves the requirement out rather than installing something the stage would not get.
 */
export function evaluateMarker(marker: string | undefined, env: MarkerEnvironment): boolean {
  if (!marker?.trim()) return true;
  const tokens = tokenize(marker);
  let at = 0;
  const peek = () => tokens[at];
  const orExpr = (): boolean => {
    let value = andExpr();
    while (peek()?.kind === 'or') {
      at++;
      const right = andExpr();
      value = value || right;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = atom();
    while (peek()?.kind === 'and') {
      at++;
      const right = atom();
      value = value && right;
    }
    return value;
  };
  const atom = (): boolean => {
    if (peek()?.kind === 'lp') {
      at++;
      const value = orExpr();
      if (peek()?.kind === 'rp') at++;
      return value;
    }
    const left = tokens[at++];
    const op = tokens[at++];
    const right = tokens[at++];
    if (!left || !op || !right || op.kind !== 'op') return false;
    return compare(left, op.text, right, env);
  };
  return orExpr();
}

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version']);

function compare(left: Token, op: string, right: Token, env: MarkerEnvironment): boolean {
  const name = left.kind === 'var' ? left.text : right.kind === 'var' ? right.text : '';
  if (name === 'extra') {
    const value = left.kind === 'str' ? left.text : right.text;
    const normal = value.toLowerCase().replace(/[-_.]+/g, '-');
    const has = env.extras.some((e) => e.toLowerCase().replace(/[-_.]+/g, '-') === normal);
    return op === '==' ? has : op === '!=' ? !has : false;
  }
  const a = markerValue(left, env);
  const b = markerValue(right, env);
  if (a === undefined || b === undefined) return false;
  if (op === 'in') return b.includes(a);
  if (op === 'not in') return !b.includes(a);
  if (VERSION_VARS.has(name) && parseVersion(a) && parseVersion(b)) {
    return left.kind === 'var' ? satisfies(a, `${op}${b}`) : satisfies(b, `${mirror(op)}${a}`);
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  return false;
}

function mirror(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

function markerValue(token: Token, env: MarkerEnvironment): string | undefined {
  if (token.kind === 'str') return token.text;
  const value = (env as unknown as Record<string, unknown>)[token.text];
  return typeof value === 'string' ? value : undefined;
}
