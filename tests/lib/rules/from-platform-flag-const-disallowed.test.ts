import { describe, expect, it } from 'vitest';
import { fromPlatformFlagConstDisallowed } from '../../../src/lib/rules/from-platform-flag-const-disallowed.ts';
import { check, marked } from './fixtures.ts';

describe('rule/from-platform-flag-const-disallowed', () => {
  it('flags a fixed platform at its value', () => {
    const text = 'FROM --platform=linux/arm64 alpine:3.21 AS app\n';
    const found = check(fromPlatformFlagConstDisallowed, text);
    expect(marked(text, found)).toEqual(['linux/arm64']);
    expect(found[0]?.message).toBe('FROM --platform flag should not use constant value "linux/arm64"');
  });

  it.each([
    'FROM --platform=linux/arm64 alpine:3.21 AS build-arm64\n',
    'FROM --platform=linux/amd64 alpine:3.21 AS linux-tools\n',
    'FROM --platform=$BUILDPLATFORM alpine:3.21\n',
    'FROM --platform=linux/$TARGETARCH alpine:3.21\n',
  ])('does not flag %j', (text) => {
    expect(check(fromPlatformFlagConstDisallowed, text)).toEqual([]);
  });
});
