import { describe, expect, it } from 'vitest';
import { stageNameCasing } from '../../../src/lib/rules/stage-name-casing.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/stage-name-casing', () => {
  it('reports Builder in its Bad example, not its Good one', () => {
    const found = check(stageNameCasing, stageNameCasing.bad);
    expect(lines(found)).toEqual([1]);
    expect(found[0]?.message).toBe("Stage name 'Builder' should be lowercase");
    expect(check(stageNameCasing, stageNameCasing.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22 AS BUILD\n', ['BUILD']],
    ['FROM --platform=$BUILDPLATFORM alpine:3.22 AS Build\n', ['Build']],
    ['FROM alpine:3.22 \\\n  AS \\\n  myStage\n', ['myStage']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(stageNameCasing, text))).toEqual(words);
  });

  it.each(['FROM alpine:3.22 AS build\n', 'FROM alpine:3.22\n', 'FROM Alpine:3.22 AS build-2\n'])(
    'does not catch %j',
    (text) => {
      expect(check(stageNameCasing, text)).toEqual([]);
    },
  );

  it('renames the stage in lower case', () => {
    const text = 'FROM alpine:3.22 AS Build\n';
    const [finding] = check(stageNameCasing, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe('FROM alpine:3.22 AS build\n');
  });

  it('finds nothing in the brief', async () => {
    expect(await briefFindings(stageNameCasing)).toEqual(NONE_IN_BRIEF);
  });
});
