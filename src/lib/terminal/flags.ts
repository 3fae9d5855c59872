/**
 * Command-line flags as the docker CLI reads them (cobra and pflag): `--name value`,
 * `--name=value`, `-t value`, `-tvalue`, combined booleans `-it`, `--` to stop, and pflag's
 * own error messages for what it does not know.
 */

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  /** Takes a value (`--tag app`); otherwise a boolean. */
  readonly value?: boolean;
}

export interface ParsedFlags {
  /** Values by long name, in order given (a flag may repeat: `-t a -t b`). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly booleans: ReadonlySet<string>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

export type FlagResult =
  | { readonly ok: true; readonly flags: ParsedFlags }
  | { readonly ok: false; readonly error: string };

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

/**
 * Parses `args` against `specs`. With `interspersed: false` (docker run) the first positional
 * ends the flags: what follows is the container's command, whatever it looks like.
 */
export function parseFlags(
  args: readonly string[],
  specs: readonly FlagSpec[],
  options: { readonly interspersed: boolean },
): FlagResult {
  const byLong = new Map(specs.map((spec) => [spec.long, spec]));
  const byShort = new Map(specs.flatMap((spec) => (spec.short ? [[spec.short, spec] as const] : [])));
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  let help = false;
  const add = (spec: FlagSpec, value: string) =>
    values.set(spec.long, [...(values.get(spec.long) ?? []), value]);
  const setBoolean = (spec: FlagSpec, text: string | undefined, shown: string): string | undefined => {
    if (text === undefined) {
      booleans.add(spec.long);
      return undefined;
    }
    const value = BOOLEAN_WORDS[text];
    if (value === undefined)
      return `invalid argument "${text}" for "${shown}" flag: strconv.ParseBool: parsing "${text}": invalid syntax`;
    if (value) booleans.add(spec.long);
    else booleans.delete(spec.long);
    return undefined;
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (!options.interspersed) {
        positionals.push(...args.slice(i));
        break;
      }
      positionals.push(arg);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (name === 'help') {
        help = true;
        continue;
      }
      const spec = byLong.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (!spec.value) {
        const error = setBoolean(spec, inline, `--${name}`);
        if (error) return { ok: false, error };
        continue;
      }
      const value = inline ?? args[++i];
      if (value === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
      add(spec, value);
      continue;
    }
    // One or more short flags: booleans may be combined, the last may take a value.
    const letters = arg.slice(1);
    for (let at = 0; at < letters.length; at++) {
      const letter = letters[at] as string;
      if (letter === 'h') {
        help = true;
        continue;
      }
      const spec = byShort.get(letter);
      if (!spec) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${arg}` };
      if (!spec.value) {
        if (letters[at + 1] === '=') {
          const error = setBoolean(spec, letters.slice(at + 2), `-${letter}, --${spec.long}`);
          if (error) return { ok: false, error };
          break;
        }
        booleans.add(spec.long);
        continue;
      }
      const rest = letters.slice(at + 1).replace(/^=/, '');
      const value = rest || args[++i];
      if (value === undefined) return { ok: false, error: `flag needs an argument: '${letter}' in ${arg}` };
      add(spec, value);
      break;
    }
  }
  return { ok: true, flags: { values, booleans, positionals, help } };
}

/** The last value given for a flag, if any. */
export function lastValue(flags: ParsedFlags, long: string): string | undefined {
  return flags.values.get(long)?.at(-1);
}
