import { describe, expect, it } from 'vitest';
import { invalidDefaultArgInFrom } from '../../../src/lib/rules/invalid-default-arg-in-from.ts';
import { check, lines } from './fixtures.ts';

describe('rule/invalid-default-arg-in-from', () => {
  it.each([
    ['ARG TAG\nFROM alpine:$TAG\n', 'alpine:$TAG'],
    ['ARG IMAGE\nFROM $IMAGE\n', '$IMAGE'],
    ['ARG SFX=":"\nFROM alpine${SFX}\n', 'alpine${SFX}'],
  ])('flags %j', (text, written) => {
    const found = check(invalidDefaultArgInFrom, text);
    expect(lines(found)).toEqual([2]);
    expect(found[0]?.message).toBe(
      `Default value for ARG ${written} results in empty or invalid base image name`,
    );
  });

  it.each([
    'ARG TAG=3.21\nFROM alpine:$TAG\n',
    'ARG VARIANT\nFROM alpine:3.21${VARIANT}\n',
    'FROM alpine:3.21 AS base\nFROM base\n',
  ])('does not flag %j', (text) => {
    expect(check(invalidDefaultArgInFrom, text)).toEqual([]);
  });
});
