import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  JOIN_CODE_ALPHABET,
  LOOK_ALIKE_READINGS,
  lookAlikeReadings,
  NEVER_IN_CODES,
  newJoinCode,
  normalizeJoinCode,
  readJoinCode,
} from '../../src/workshop/join-code.ts';

describe('join codes', () => {
  it('uses no characters that are easy to confuse', () => {
    for (const confusable of '0O1IL5S2Z8BUV') expect(JOIN_CODE_ALPHABET).not.toContain(confusable);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('draws six characters from the alphabet', () => {
    let i = 0;
    const code = newJoinCode((n) => i++ % n);
    expect(code).toBe('ACDEFG');
    expect(newJoinCode((n) => n - 1)).toBe('999999');
  });

  it('reads a code as people type it, and refuses what cannot be one', () => {
    expect(normalizeJoinCode(' km7-tx4 ')).toBe('KM7TX4');
    expect(normalizeJoinCode('KM7 TX4')).toBe('KM7TX4');
    expect(normalizeJoinCode('KM7TX')).toBeUndefined();
    expect(normalizeJoinCode('KM0TX4')).toBeUndefined();
    expect(formatJoinCode('KM7TX4')).toBe('KM7 TX4');
  });

  it('guesses no look-alike: every group is left out whole, so a typed 0 could be O or neither', () => {
    // With both 0 and O out of the alphabet, neither stands for a character a code can hold.
    expect(LOOK_ALIKE_READINGS.size).toBe(0);
    expect(NEVER_IN_CODES.join('')).toBe('0O1IL5S2Z8BUV');
  });

  it('reads a look-alike as the one member of its group an alphabet keeps, and none when it keeps two', () => {
    const readings = lookAlikeReadings('0123ABC');
    expect(readings.get('O')).toBe('0');
    expect(readings.get('I')).toBe('1');
    expect(readings.get('L')).toBe('1');
    expect(readings.get('Z')).toBe('2');
    expect(readings.get('8')).toBe('B');
    expect(readings.has('5')).toBe(false);
    expect(lookAlikeReadings('0O').size).toBe(0);
  });

  it('says which characters never occur when a typed code has one, whatever its length', () => {
    // The code from the issue: six letters and digits, one of them a 0.
    const reading = readJoinCode('KM70TX');
    expect(reading).toEqual({
      ok: false,
      message:
        'Join codes leave out characters that look alike: 0, O, 1, I, L, 5, S, 2, Z, 8, B, U and V never occur. This has 0; check the code on the screen.',
    });
    const two = readJoinCode('km7-0ix');
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.message).toMatch(/This has 0 and I;/);
    const accented = readJoinCode('KMÉTX4');
    if (!accented.ok) expect(accented.message).toMatch(/This has an accented letter or symbol;/);
    expect(accented.ok).toBe(false);
  });

  it('counts the characters when they are all possible but too few or too many', () => {
    expect(readJoinCode('KM7TX')).toEqual({
      ok: false,
      message: 'A join code has 6 letters and digits, e.g. KM7 TX4; this has 5.',
    });
    expect(readJoinCode('KM7TX44')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/this has 7\.$/),
    });
  });
});
