import { describe, expect, it } from 'vitest';
import { apkNoCache } from '../../../src/lib/rules/apk-no-cache.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/apk-no-cache', () => {
  it('reports the apk add of its Bad example, not its Good one', () => {
    const found = check(apkNoCache, apkNoCache.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(apkNoCache.bad, found)).toEqual(['add']);
    expect(check(apkNoCache, apkNoCache.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22\nRUN apk add --update curl\n', [2]],
    ['FROM alpine:3.22\nRUN apk add curl && rm -rf /var/cache/apk/*\n', [2]],
    ['FROM alpine:3.22\nRUN /sbin/apk add curl\n', [2]],
    // An ONBUILD trigger runs in every image built FROM this one.
    ['FROM alpine:3.22\nONBUILD RUN apk add curl\n', [2]],
    // --no-cache does not delete the index apk update downloaded.
    ['FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\n', [2]],
    ['FROM alpine:3.22\nRUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add tool\n', [2]],
  ])('catches %j', (text, expected) => {
    expect(lines(check(apkNoCache, text))).toEqual(expected);
  });

  it.each([
    'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.22\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.22\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.22\nRUN apk del curl\n',
    'FROM alpine:3.22 AS build\nRUN apk add gcc\nFROM alpine:3.22\nCOPY --from=build /bin/true /true\n',
  ])('does not catch %j', (text) => {
    expect(check(apkNoCache, text)).toEqual([]);
  });

  it('inserts --no-cache after add', () => {
    const text = 'FROM alpine:3.22\nRUN apk add curl\n';
    const [finding] = check(apkNoCache, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    );
  });

  it('finds nothing in the brief, which installs no Alpine packages', async () => {
    expect(await briefFindings(apkNoCache)).toEqual(NONE_IN_BRIEF);
  });

  it('drops apk update in the same fix that adds --no-cache', () => {
    const text = 'FROM alpine:3.22\nRUN apk update && apk add curl\n';
    const fix = check(apkNoCache, text)[0]?.fixes?.[0];
    expect(fix && applyFix(text, fix)).toBe('FROM alpine:3.22\nRUN apk add --no-cache curl\n');
  });
});
