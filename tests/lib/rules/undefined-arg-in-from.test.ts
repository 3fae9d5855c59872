import { describe, expect, it } from 'vitest';
import { undefinedArgInFrom } from '../../../src/lib/rules/undefined-arg-in-from.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/undefined-arg-in-from', () => {
  it('reports the undeclared PY_VERSION of its Bad example, not its Good one', () => {
    const found = check(undefinedArgInFrom, undefinedArgInFrom.bad);
    expect(lines(found)).toEqual([1]);
    expect(found[0]?.message).toBe("FROM argument 'PY_VERSION' is not declared");
    expect(check(undefinedArgInFrom, undefinedArgInFrom.good)).toEqual([]);
  });

  it.each([
    ['FROM node:22${VARIANT}\n', ['${VARIANT}']],
    ['FROM $BASE\n', ['$BASE']],
    ['FROM alpine:3.22\nARG VERSION=1\nFROM golang:${VERSION}\n', ['${VERSION}']],
    ['FROM --platform=$BUILDPLATFOM golang:1.26\n', ['$BUILDPLATFOM']],
    ['FROM ${A}:${B}\n', ['${A}', '${B}']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(undefinedArgInFrom, text))).toEqual(words);
  });

  it.each([
    'ARG BASE\nFROM ${BASE:-alpine:3.22}\n',
    'ARG VARIANT=-alpine\nFROM node:22${VARIANT}\n',
    'FROM --platform=$BUILDPLATFORM golang:1.26\n',
    'FROM golang:1.26-${TARGETARCH:-amd64}\n',
    'FROM alpine:3.22\n',
  ])('does not catch %j', (text) => {
    expect(check(undefinedArgInFrom, text)).toEqual([]);
  });

  it('suggests a declared ARG with a similar name, as BuildKit does', () => {
    const text = 'ARG ALPINE_VERSION=3.22\nFROM alpine:${ALPINE_VERSON}\n';
    const [finding] = check(undefinedArgInFrom, text);
    expect(finding?.message).toBe(
      "FROM argument 'ALPINE_VERSON' is not declared (did you mean ALPINE_VERSION?)",
    );
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'ARG ALPINE_VERSION=3.22\nFROM alpine:${ALPINE_VERSION}\n',
    );
  });

  it('finds nothing in the brief, which has no ARGs', async () => {
    expect(await briefFindings(undefinedArgInFrom)).toEqual(NONE_IN_BRIEF);
  });
});
