import { describe, expect, it } from 'vitest';
import { copyFromUnknownStage } from '../../../src/lib/rules/copy-from-unknown-stage.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/copy-from-unknown-stage', () => {
  it('reports the misspelt stage of its Bad example, not its Good one', () => {
    expect(lines(check(copyFromUnknownStage, copyFromUnknownStage.bad))).toEqual([7]);
    expect(check(copyFromUnknownStage, copyFromUnknownStage.good)).toEqual([]);
  });

  it('points at the name and offers the stage it resembles', () => {
    const text = copyFromUnknownStage.bad;
    const [finding] = check(copyFromUnknownStage, text);
    expect(marked(text, [finding as never])).toEqual(['buidler']);
    expect(finding?.message).toBe(
      'No stage is called "buidler" (did you mean "builder"?): BuildKit will look for an image named buidler',
    );
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(copyFromUnknownStage.good);
  });

  it.each([
    ['FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=biuld /a /b\n', /did you mean "build"/],
    ['FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=nginx /a /b\n', /pull the image nginx:latest/],
    ['FROM alpine:3.22\nFROM alpine:3.22\nCOPY --from=2 /a /b\n', /invalid stage index 2/],
  ])('catches %j', (text, message) => {
    const found = check(copyFromUnknownStage, text);
    expect(lines(found)).toEqual([3]);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    'FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=build /a /b\n',
    'FROM alpine:3.22 AS build\nFROM alpine:3.22\nCOPY --from=Build /a /b\n',
    'FROM alpine:3.22\nCOPY --from=later /a /b\nFROM alpine:3.22 AS later\n',
    'FROM alpine:3.22\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
    'FROM alpine:3.22\nCOPY --from=ghcr.io/acme/tools /bin/tool /bin/tool\n',
    'FROM alpine:3.22\nCOPY --from=0 /a /b\n',
  ])('does not catch %j', (text) => {
    expect(check(copyFromUnknownStage, text)).toEqual([]);
  });

  it('finds nothing in the brief, whose --from all name the builder stage', async () => {
    expect(await briefFindings(copyFromUnknownStage)).toEqual(NONE_IN_BRIEF);
  });
});
