/**
 * COPY/ADD --chmod: octal (`0755`), or symbolic as chmod(1) writes it (`u+x,g-r`, `a=r`, `go-rwx`),
 * which BuildKit accepts since the Dockerfile 1.10 syntax. An octal mode also applies to the
 * folders the copy creates; a symbolic one changes each copied file's own mode and leaves created
 * folders at 0755 (recorded: copy-chmod-octal, copy-chmod-symbolic-dir).
 */
import type { SourceRange } from '../source-range.ts';
import { BuildFailure } from './copy.ts';

interface Clause {
  readonly who: number;
  readonly op: '+' | '-' | '=';
  readonly perms: string;
}

export type ChmodSpec =
  | { readonly kind: 'octal'; readonly mode: number }
  | { readonly kind: 'symbolic'; readonly clauses: readonly Clause[] };

const WHO: Readonly<Record<string, number>> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };

function parseSymbolic(value: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const part of value.split(',')) {
    const m = /^([ugoa]*)([+=-])([rwxXst]*)$/.exec(part);
    if (!m) return undefined;
    const who = [...(m[1] || 'a')].reduce((mask, c) => mask | (WHO[c] ?? 0), 0);
    clauses.push({ who, op: m[2] as Clause['op'], perms: m[3] ?? '' });
  }
  return clauses;
}

export function parseChmod(value: string, range: SourceRange): ChmodSpec {
  if (/^[0-7]{1,4}$/.test(value)) return { kind: 'octal', mode: Number.parseInt(value, 8) };
  const clauses = parseSymbolic(value);
  if (clauses) return { kind: 'symbolic', clauses };
  throw new BuildFailure(
    'build/invalid-chmod',
    `invalid chmod parameter: '${value}'. it should be octal string and between 0 and 07777`,
    range,
    'Give the mode in octal (--chmod=0755) or symbolically as chmod writes it (--chmod=u+x,g-w).',
  );
}

function bits(perms: string, mode: number, isDir: boolean): number {
  let out = 0;
  for (const p of perms) {
    if (p === 'r') out |= 0o444;
    else if (p === 'w') out |= 0o222;
    else if (p === 'x' || (p === 'X' && (isDir || (mode & 0o111) !== 0))) out |= 0o111;
    else if (p === 's') out |= 0o6000;
    else if (p === 't') out |= 0o1000;
  }
  return out;
}

/** The mode a copied file or folder gets. */
export function chmodMode(spec: ChmodSpec, mode: number, isDir: boolean): number {
  if (spec.kind === 'octal') return spec.mode;
  let out = mode & 0o7777;
  for (const { who, op, perms } of spec.clauses) {
    const change = bits(perms, out, isDir) & who;
    if (op === '+') out |= change;
    else if (op === '-') out &= ~change;
    else out = (out & ~who) | change;
  }
  return out;
}

/** The mode of a folder the copy creates on the way to its destination. */
export function createdFolderMode(spec: ChmodSpec | undefined): number {
  return spec?.kind === 'octal' ? spec.mode : 0o755;
}
