import { describe, expect, it } from 'vitest';
import { consistentInstructionCasing } from '../../../src/lib/rules/consistent-instruction-casing.ts';
import { applyFix, check, marked } from './fixtures.ts';

describe('rule/consistent-instruction-casing', () => {
  it('flags the keyword against the majority, mixed-case ones always', () => {
    const text = 'FROM alpine:3.21\nrun true\nRUN true\nCopy a b\n';
    expect(marked(text, check(consistentInstructionCasing, text))).toEqual(['run', 'Copy']);
    const found = check(consistentInstructionCasing, text);
    expect(found[1]?.message).toBe(
      "Command 'Copy' should match the case of the command majority (uppercase)",
    );
  });

  it('leaves global ARGs out of the count, as BuildKit does', () => {
    const text = 'arg V=1\narg W=2\narg X=3\nFROM alpine:3.21\nRUN true\n';
    expect(check(consistentInstructionCasing, text)).toEqual([]);
  });

  it('takes upper case on a tie', () => {
    const text = 'from alpine:3.21\nRUN true\n';
    expect(marked(text, check(consistentInstructionCasing, text))).toEqual(['from']);
  });

  it('rewrites the keyword in the majority case', () => {
    const text = 'FROM alpine:3.21\nrun true\n';
    const [finding] = check(consistentInstructionCasing, text);
    const fix = finding?.fixes?.[0];
    expect(fix && applyFix(text, fix)).toBe('FROM alpine:3.21\nRUN true\n');
  });
});
