import { describe, expect, it } from 'vitest';
import { copyFromOwnStage } from '../../../src/lib/rules/copy-from-own-stage.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/copy-from-own-stage', () => {
  it('reports the COPY --from of its Bad example, not its Good one', () => {
    expect(lines(check(copyFromOwnStage, copyFromOwnStage.bad))).toEqual([5]);
    expect(check(copyFromOwnStage, copyFromOwnStage.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22 AS build\nCOPY --from=build /a /b\n', ['build']],
    ['FROM alpine:3.22 AS build\nCOPY --from=BUILD /a /b\n', ['BUILD']],
    ['FROM alpine:3.22\nFROM alpine:3.22\nCOPY --from=1 /a /b\n', ['1']],
    ['FROM alpine:3.22 AS build\nCOPY --chown=1:1 --from="build" /a /b\n', ['--from="build"']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(copyFromOwnStage, text))).toEqual(words);
  });

  it.each([
    'FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=build /a /b\n',
    'FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=0 /a /b\n',
    'FROM alpine:3.22 AS build\nCOPY --from=nginx:1.27 /a /b\n',
    'FROM alpine:3.22 AS build\nCOPY /a /b\n',
  ])('does not catch %j', (text) => {
    expect(check(copyFromOwnStage, text)).toEqual([]);
  });

  it('finds nothing in the brief', async () => {
    expect(await briefFindings(copyFromOwnStage)).toEqual(NONE_IN_BRIEF);
  });
});
