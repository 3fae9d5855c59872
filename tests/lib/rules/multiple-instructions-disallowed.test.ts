import { describe, expect, it } from 'vitest';
import { multipleInstructionsDisallowed } from '../../../src/lib/rules/multiple-instructions-disallowed.ts';
import { check, lines } from './fixtures.ts';

describe('rule/multiple-instructions-disallowed', () => {
  it('points at the instruction that is ignored, not the one that wins', () => {
    const text = 'FROM alpine:3.21\nCMD ["a"]\nRUN true\nCMD ["b"]\nCMD ["c"]\n';
    const found = check(multipleInstructionsDisallowed, text);
    expect(lines(found)).toEqual([2, 4]);
    expect(found[0]?.message).toBe(
      'Multiple CMD instructions should not be used in the same stage because only the last one will be used',
    );
  });

  it('counts per stage: a stage built FROM another may replace its CMD', () => {
    const text = 'FROM alpine:3.21 AS base\nCMD ["a"]\nFROM base\nCMD ["b"]\n';
    expect(check(multipleInstructionsDisallowed, text)).toEqual([]);
  });

  it('keeps CMD, ENTRYPOINT and HEALTHCHECK apart', () => {
    const text = 'FROM alpine:3.21\nCMD ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["c"]\n';
    expect(check(multipleInstructionsDisallowed, text)).toEqual([]);
  });
});
