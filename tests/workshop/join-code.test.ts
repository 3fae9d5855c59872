import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  JOIN_CODE_ALPHABET,
  newJoinCode,
  normalizeJoinCode,
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
});
