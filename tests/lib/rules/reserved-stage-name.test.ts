import { describe, expect, it } from 'vitest';
import { reservedStageName } from '../../../src/lib/rules/reserved-stage-name.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/reserved-stage-name', () => {
  it('reports the stage called scratch in its Bad example, not its Good one', () => {
    expect(lines(check(reservedStageName, reservedStageName.bad))).toEqual([1]);
    expect(check(reservedStageName, reservedStageName.good)).toEqual([]);
  });

  it.each([
    [
      'FROM alpine:3.22 AS context\n',
      ['context'],
      'Stage name should not use the same name as reserved stage "context"',
    ],
    [
      'FROM alpine:3.22 AS Scratch\n',
      ['Scratch'],
      'Stage name should not use the same name as reserved stage "scratch"',
    ],
  ])('catches %j', (text, words, message) => {
    const found = check(reservedStageName, text);
    expect(marked(text, found)).toEqual(words);
    expect(found[0]?.message).toBe(message);
  });

  it.each(['FROM scratch\n', 'FROM alpine:3.22 AS scratchpad\n', 'FROM alpine:3.22 AS build-context\n'])(
    'does not catch %j',
    (text) => {
      expect(check(reservedStageName, text)).toEqual([]);
    },
  );

  it('finds nothing in the brief, where scratch is a base, not a name', async () => {
    expect(await briefFindings(reservedStageName)).toEqual(NONE_IN_BRIEF);
  });
});
