/**
 * Version constraints as apt and apk read them from a package argument: `curl=7.88.1-10+deb12u15`,
 * `git=1:2.39*`, `curl/bookworm-backports` for apt; `curl=8.14.1-r2`, `curl~8.14`, `curl>=8` for
 * apk. The package data holds one version of each package (the release's current one), so a
 * constraint either accepts that version, rejects it, or cannot be judged.
 */

export type PinOperator = '=' | '~' | '<' | '>' | '<=' | '>=';

export interface PackageRequest {
  /** The argument as written. */
  readonly text: string;
  readonly name: string;
  readonly operator?: PinOperator;
  readonly version?: string;
  /** apt's `name/release`. */
  readonly release?: string;
}

export function parseAptRequest(text: string): PackageRequest {
  const at = text.indexOf('=');
  if (at > 0) return { text, name: text.slice(0, at), operator: '=', version: text.slice(at + 1) };
  const slash = text.indexOf('/');
  if (slash > 0 && !text.startsWith('.'))
    return { text, name: text.slice(0, slash), release: text.slice(slash + 1) };
  return { text, name: text };
}

export function parseApkRequest(text: string): PackageRequest {
  const match = /^([^=~<>]+)(>=|<=|[=~<>])(.+)$/.exec(text);
  if (!match) return { text, name: text };
  return { text, name: match[1] as string, operator: match[2] as PinOperator, version: match[3] as string };
}

/** apt's version pattern: `*` matches any run of characters, as apt's glob does. */
export function aptVersionMatches(actual: string, wanted: string): boolean {
  if (!wanted.includes('*')) return actual === wanted;
  const pattern = wanted.split('*').map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`).test(actual);
}

/** An apk version's parts: numbers compared as numbers, then the `-rN` package release. */
function apkParts(version: string): { numbers: number[]; release: number } | undefined {
  const match = /^(\d+(?:\.\d+)*)(?:-r(\d+))?$/.exec(version);
  if (!match) return undefined;
  return { numbers: (match[1] as string).split('.').map(Number), release: Number(match[2] ?? -1) };
}

/** -1, 0 or 1; undefined for versions with letters or suffixes (`_rc1`, `1.2a`) this reading does not order. */
function compareApk(a: string, b: string): number | undefined {
  const x = apkParts(a);
  const y = apkParts(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const d = (x.numbers[i] ?? -1) - (y.numbers[i] ?? -1);
    if (d !== 0) return Math.sign(d);
  }
  if (y.release < 0 || x.release < 0) return 0;
  return Math.sign(x.release - y.release);
}

/**
 * Whether `actual` satisfies the apk constraint, or undefined when it cannot be told. `~` is apk's
 * fuzzy match: the version starts with the one given, at a component boundary.
 */
export function apkVersionMatches(
  actual: string,
  operator: PinOperator,
  wanted: string,
): boolean | undefined {
  if (operator === '=') return actual === wanted;
  if (operator === '~')
    return actual === wanted || actual.startsWith(`${wanted}.`) || actual.startsWith(`${wanted}-`);
  const order = compareApk(actual, wanted);
  if (order === undefined) return undefined;
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}
