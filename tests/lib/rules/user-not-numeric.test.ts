import { describe, expect, it } from 'vitest';
import { userNotNumeric } from '../../../src/lib/rules/user-not-numeric.ts';
import { check, marked } from './fixtures.ts';

describe('rule/user-not-numeric', () => {
  it('flags the final image’s USER when it is a name', () => {
    const text = 'FROM alpine:3.21\nRUN adduser -D app\nUSER app:app\n';
    const found = check(userNotNumeric, text);
    expect(marked(text, found)).toEqual(['app:app']);
    expect(found[0]?.message).toBe(
      "USER app is a name: Kubernetes' runAsNonRoot cannot verify it is not root",
    );
  });

  it.each([
    'FROM alpine:3.21\nUSER 10001\n',
    'FROM alpine:3.21\nUSER 10001:app\n',
    'FROM alpine:3.21\nUSER ${APP_UID}\n',
    'FROM alpine:3.21\nCMD ["sh"]\n',
    // A build stage's user does not run the container.
    'FROM alpine:3.21 AS build\nUSER builder\nFROM scratch\nUSER 65532\n',
  ])('does not flag %j', (text) => {
    expect(check(userNotNumeric, text)).toEqual([]);
  });

  it('reads the USER of the stages the final one is built FROM', () => {
    const text = 'FROM alpine:3.21 AS base\nUSER app\nFROM base\nCMD ["sh"]\n';
    expect(marked(text, check(userNotNumeric, text))).toEqual(['app']);
  });
});
