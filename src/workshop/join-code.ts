/**
 * Join codes: six characters read off a projector and typed on a phone, so no characters that look
 * alike (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V) and no case.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
export const JOIN_CODE_LENGTH = 6;

/** Characters people mistake for one another when reading a code off a screen. */
const LOOK_ALIKES: readonly string[] = ['0O', '1IL', '5S', '2Z', '8B', 'UV'];

/**
 * What a typed look-alike stands for: only where its group has exactly one member in the alphabet,
 * so the reading is unambiguous.
 */
export function lookAlikeReadings(alphabet: string): ReadonlyMap<string, string> {
  return new Map(
    LOOK_ALIKES.flatMap((group) => {
      const kept = [...group].filter((char) => alphabet.includes(char));
      const only = kept.length === 1 ? kept[0] : undefined;
      if (only === undefined) return [];
      return [...group].filter((char) => char !== only).map((char): [string, string] => [char, only]);
    }),
  );
}

/**
 * JOIN_CODE_ALPHABET leaves out every member of every group, so today this is empty and those
 * characters are refused by name rather than guessed at.
 */
export const LOOK_ALIKE_READINGS = lookAlikeReadings(JOIN_CODE_ALPHABET);

/** The look-alikes no code ever contains, as a sentence lists them: `0, O, 1, I, L…`. */
export const NEVER_IN_CODES: readonly string[] = LOOK_ALIKES.flatMap((group) => [...group]).filter(
  (char) => !JOIN_CODE_ALPHABET.includes(char) && !LOOK_ALIKE_READINGS.has(char),
);

/** A new code, from a source of random integers in [0, n). */
export function newJoinCode(randomBelow: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomBelow(JOIN_CODE_ALPHABET.length)];
  return code;
}

export type JoinCodeReading =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly message: string };

function listed(chars: readonly string[]): string {
  const last = chars.at(-1) ?? '';
  return chars.length === 1 ? last : `${chars.slice(0, -1).join(', ')} and ${last}`;
}

/**
 * The code as typed (any case, spaces or dashes, unambiguous look-alikes read as what they stand
 * for), or what is wrong with it in words a participant can act on.
 */
export function readJoinCode(typed: string): JoinCodeReading {
  const chars = [...typed.toUpperCase().replace(/[\s-]/g, '')].map(
    (char) => LOOK_ALIKE_READINGS.get(char) ?? char,
  );
  const foreign = [...new Set(chars.filter((char) => !JOIN_CODE_ALPHABET.includes(char)))];
  if (foreign.length > 0) {
    const shown = [
      ...new Set(foreign.map((char) => (/^[\x21-\x7e]$/.test(char) ? char : 'an accented letter or symbol'))),
    ];
    return {
      ok: false,
      message: `Join codes leave out characters that look alike: ${listed(NEVER_IN_CODES)} never occur. This has ${listed(shown)}; check the code on the screen.`,
    };
  }
  if (chars.length !== JOIN_CODE_LENGTH)
    return {
      ok: false,
      message: `A join code has ${JOIN_CODE_LENGTH} letters and digits, e.g. KM7 TX4; this has ${chars.length}.`,
    };
  return { ok: true, code: chars.join('') };
}

/** The code as typed, or undefined when it cannot be one (see readJoinCode for why). */
export function normalizeJoinCode(typed: string): string | undefined {
  const reading = readJoinCode(typed);
  return reading.ok ? reading.code : undefined;
}

/** `KM7 TX4`: two groups of three are easier to read aloud and to copy. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
