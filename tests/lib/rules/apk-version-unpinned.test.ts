import { describe, expect, it } from 'vitest';
import { apkVersionUnpinned } from '../../../src/lib/rules/apk-version-unpinned.ts';
import { check, lines, marked } from './fixtures.ts';

describe('rule/apk-version-unpinned', () => {
  it('reports its Bad example at the package, not its Good one', () => {
    const found = check(apkVersionUnpinned, apkVersionUnpinned.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(apkVersionUnpinned.bad, found)).toEqual(['curl']);
    expect(check(apkVersionUnpinned, apkVersionUnpinned.good)).toEqual([]);
  });

  it('skips the values of --virtual and --repository, and reads apk options before add', () => {
    const text =
      'FROM alpine:3.22\nRUN apk --no-cache add --virtual .build -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc=14.2.0-r6 musl-dev\n';
    const found = check(apkVersionUnpinned, text);
    expect(marked(text, found)).toEqual(['musl-dev']);
    expect(found[0]?.message).toBe(
      'apk add without a version for musl-dev: a rebuild installs whatever the index holds then',
    );
  });

  it.each([
    'FROM alpine:3.22\nRUN apk add --no-cache "curl>8.0"\n',
    'FROM alpine:3.22\nRUN apk add ./local-1.0-r0.apk\n',
    'FROM alpine:3.22\nRUN apk del curl\n',
  ])('does not catch %j', (text) => {
    expect(check(apkVersionUnpinned, text)).toEqual([]);
  });
});
