/**
 * The `# check=` parser directive and BuildKit's per-instruction skip comments: which checks run,
 * and whether a warning fails the build. Read as BuildKit's linter.ParseLintOptions reads them.
 */
import { DirectiveScanner } from '../dockerfile/directives.ts';

export interface CheckOptions {
  readonly skipAll: boolean;
  /** Check names (BuildKit's, or our `rule/…` codes) not to run. */
  readonly skip: ReadonlySet<string>;
  /** `error=true`: a warning fails the build, as `docker build --check` then does. */
  readonly error: boolean;
  readonly experimentalAll: boolean;
  /** Experimental checks to run (BuildKit runs them only when asked). */
  readonly experimental: ReadonlySet<string>;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  skipAll: false,
  skip: new Set(),
  error: false,
  experimentalAll: false,
  experimental: new Set(),
};

// Go's strconv.ParseBool.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function names(value: string): { all: boolean; list: Set<string> } {
  const trimmed = value.trim();
  if (trimmed === 'all') return { all: true, list: new Set() };
  return { all: false, list: new Set(trimmed.split(',').map((name) => name.trim())) };
}

/** `skip=A,B;error=true;experimental=all` → options, or the message BuildKit fails with. */
export function parseCheckOptions(text: string): CheckOptions | { readonly invalid: string } {
  const value = text.trim();
  if (value === '') return DEFAULT_CHECK_OPTIONS;
  let options = { ...DEFAULT_CHECK_OPTIONS };
  // BuildKit splits into at most three parts: a fourth option stays glued to the third.
  const parts = value.split(';');
  const limited = parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join(';')] : parts;
  for (const part of limited) {
    const equals = part.indexOf('=');
    if (equals === -1) return { invalid: `invalid check option "${part}"` };
    const key = part.slice(0, equals).trim();
    const rest = part.slice(equals + 1);
    if (key === 'skip') {
      const { all, list } = names(rest);
      options = { ...options, skipAll: all, skip: list };
    } else if (key === 'experimental') {
      const { all, list } = names(rest);
      options = { ...options, experimentalAll: all, experimental: list };
    } else if (key === 'error') {
      const flag = rest.trim();
      if (!TRUE.has(flag) && !FALSE.has(flag))
        return {
          invalid: `failed to parse check option "${part}": strconv.ParseBool: parsing "${flag}": invalid syntax`,
        };
      options = { ...options, error: TRUE.has(flag) };
    } else return { invalid: `invalid check option "${key}"` };
  }
  return options;
}

/** Options merged as BuildKit's WithMergedConfig does: skips and experiments add up, `error` stays. */
export function mergeCheckOptions(base: CheckOptions, other: CheckOptions): CheckOptions {
  return {
    skipAll: base.skipAll || other.skipAll,
    skip: new Set([...base.skip, ...other.skip]),
    error: base.error,
    experimentalAll: base.experimentalAll || other.experimentalAll,
    experimental: new Set([...base.experimental, ...other.experimental]),
  };
}

/**
 * The options a `# check=…` comment right above an instruction adds for that instruction only.
 * The first comment that is a check directive counts; text after a space is a remark.
 */
export function commentCheckOptions(comments: readonly string[]): CheckOptions | undefined {
  for (const comment of comments) {
    const directive = new DirectiveScanner().scan(`#${comment}`, 0);
    if (directive?.name !== 'check') continue;
    const parsed = parseCheckOptions(directive.value.split(' ')[0] ?? '');
    return 'invalid' in parsed ? undefined : parsed;
  }
  return undefined;
}

/** Whether a check runs under these options; experimental checks run only when named. */
export function checkRuns(options: CheckOptions, name: string, experimental: boolean): boolean {
  if (experimental) return options.experimentalAll || options.experimental.has(name);
  return !options.skipAll && !options.skip.has(name);
}
