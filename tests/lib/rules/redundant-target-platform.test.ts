import { describe, expect, it } from 'vitest';
import { redundantTargetPlatform } from '../../../src/lib/rules/redundant-target-platform.ts';
import { check, marked } from './fixtures.ts';

describe('rule/redundant-target-platform', () => {
  it.each([
    ['FROM --platform=$TARGETPLATFORM alpine:3.21\n', '$TARGETPLATFORM'],
    ['FROM --platform=${TARGETPLATFORM} alpine:3.21\n', '${TARGETPLATFORM}'],
  ])('flags %j', (text, value) => {
    const found = check(redundantTargetPlatform, text);
    expect(marked(text, found)).toEqual([value]);
    expect(found[0]?.message).toBe(
      `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
    );
  });

  it.each([
    'FROM --platform=$BUILDPLATFORM golang:1.26\n',
    'FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.21\n',
    'FROM --platform=$TARGETPLATFORM$EXTRA alpine:3.21\n',
  ])('does not flag %j', (text) => {
    expect(check(redundantTargetPlatform, text)).toEqual([]);
  });
});
