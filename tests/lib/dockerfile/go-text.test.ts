import { describe, expect, it } from 'vitest';
import { goQuote, goToLower, suggest, utf8Length } from '../../../src/lib/dockerfile/go-text.ts';

describe('goQuote (Go strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi" \\ now', '"say \\"hi\\" \\\\ now"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['é ♥ ☃ 한국어 😀', '"é ♥ ☃ 한국어 😀"'],
    ['no\u00a0break', '"no\\u00a0break"'],
    ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ['tag\u{e0001}', '"tag\\U000e0001"'],
    ['lone \ud800 half', '"lone \uFFFD half"'],
  ])('quotes %j as Go does', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('Go string helpers', () => {
  it('lower-cases with simple case mapping, as Go does for İ', () => {
    expect(goToLower('RUN')).toBe('run');
    expect(goToLower('İ')).toBe('i');
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé♥😀')).toBe(1 + 2 + 3 + 4);
  });

  it('suggests the nearest option within an edit distance of 2, matching the typed case', () => {
    expect(suggest('RUNN', ['RUN', 'CMD'], false)).toBe('RUN');
    expect(suggest('cpoy', ['COPY', 'ADD'], false)).toBe('copy');
    expect(suggest('EXPOSED', ['EXPOSE'], false)).toBe('EXPOSE');
    expect(suggest('completely', ['RUN', 'CMD'], false)).toBeUndefined();
    expect(suggest('from', ['from', 'chown'], true)).toBeUndefined();
  });
});
