/**
 * Join codes: six characters read off a projector and typed on a phone, so no characters that look
 * alike (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V) and no case.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
export const JOIN_CODE_LENGTH = 6;

/** A new code, from a source of random integers in [0, n). */
export function newJoinCode(randomBelow: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomBelow(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The code as typed (any case, spaces or dashes), or undefined when it cannot be one. */
export function normalizeJoinCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return undefined;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return undefined;
  return code;
}

/** `KM7 TX4`: two groups of three are easier to read aloud and to copy. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
