import { describe, expect, it } from 'vitest';
import { duplicateStageName } from '../../../src/lib/rules/duplicate-stage-name.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/duplicate-stage-name', () => {
  it('reports the second builder of its Bad example, not its Good one', () => {
    const found = check(duplicateStageName, duplicateStageName.bad);
    expect(lines(found)).toEqual([4]);
    expect(found[0]?.message).toBe('Duplicate stage name "builder", stage names should be unique');
    expect(found[0]?.hint).toMatch(/Line 1/);
    expect(check(duplicateStageName, duplicateStageName.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22 AS a\nFROM alpine:3.22 AS A\n', ['A']],
    ['FROM alpine:3.22 AS a\nFROM alpine:3.22 AS a\nFROM alpine:3.22 AS a\n', ['a', 'a']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(duplicateStageName, text))).toEqual(words);
  });

  it.each(['FROM alpine:3.22 AS a\nFROM alpine:3.22 AS b\n', 'FROM alpine:3.22\nFROM alpine:3.22\n'])(
    'does not catch %j',
    (text) => {
      expect(check(duplicateStageName, text)).toEqual([]);
    },
  );

  it('finds nothing in the brief', async () => {
    expect(await briefFindings(duplicateStageName)).toEqual(NONE_IN_BRIEF);
  });
});
