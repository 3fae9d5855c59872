import { describe, expect, it } from 'vitest';
import { fromAsCasing } from '../../../src/lib/rules/from-as-casing.ts';
import { applyFix, BRIEF_NAMES, briefFindings, briefText, check, lines, marked } from './fixtures.ts';

describe('rule/from-as-casing', () => {
  it('reports the lower-case as of its Bad example, not its Good one', () => {
    const found = check(fromAsCasing, fromAsCasing.bad);
    expect(lines(found)).toEqual([1]);
    expect(found[0]?.message).toBe("'as' and 'FROM' keywords' casing do not match");
    expect(check(fromAsCasing, fromAsCasing.good)).toEqual([]);
  });

  it.each([
    ['from alpine:3.22 AS build\n', ['AS']],
    ['FROM alpine:3.22 As build\n', ['As']],
    ['FROM --platform=linux/amd64 alpine:3.22 as build\n', ['as']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(fromAsCasing, text))).toEqual(words);
  });

  it.each([
    'FROM alpine:3.22 AS build\n',
    'from alpine:3.22 as build\n',
    // A mixed-case FROM is ConsistentInstructionCasing's business in BuildKit, not this rule's.
    'From alpine:3.22 as build\n',
    'FROM alpine:3.22\n',
  ])('does not catch %j', (text) => {
    expect(check(fromAsCasing, text)).toEqual([]);
  });

  it('writes AS in the case of FROM', () => {
    const text = 'from alpine:3.22 AS build\n';
    const [finding] = check(fromAsCasing, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe('from alpine:3.22 as build\n');
  });

  it('reports the brief’s `FROM golang:1 as builder` in the scratch example, and nothing else', async () => {
    const findings = await briefFindings(fromAsCasing);
    expect(findings['go-scratch']).toEqual({ static: ['1: as'], built: ['1: as'] });
    for (const name of BRIEF_NAMES.filter((name) => name !== 'go-scratch')) {
      expect(findings[name], name).toEqual({ static: [], built: [] });
    }
    const text = briefText('go-scratch');
    const [finding] = check(fromAsCasing, text);
    expect(applyFix(text, finding?.fixes?.[0] as never).split('\n')[0]).toBe('FROM golang:1 AS builder');
  });
});
