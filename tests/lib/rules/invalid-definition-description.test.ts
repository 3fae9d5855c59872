import { describe, expect, it } from 'vitest';
import { lintText } from '../../../src/lib/rules/index.ts';
import { invalidDefinitionDescription } from '../../../src/lib/rules/invalid-definition-description.ts';
import { check, lines } from './fixtures.ts';

describe('rule/invalid-definition-description', () => {
  it('flags a comment above a named FROM or an ARG that does not start with the name', () => {
    const text =
      '# the base\nFROM alpine:3.21 AS base\n# base image\nARG A=1 B=2\n# A is the first\nARG A=1\n';
    const found = check(invalidDefinitionDescription, text);
    expect(lines(found)).toEqual([2, 4]);
    expect(found[1]?.message).toBe('Comment for ARG should follow the format: `# <arg_key> <description>`');
  });

  it('runs only when the check directive asks for it, as an experimental BuildKit check', () => {
    const text = '# the base\nFROM alpine:3.21 AS base\nRUN adduser -D app\nUSER app\n';
    const codes = (source: string) => lintText(source).map((d) => d.code);
    expect(codes(text)).not.toContain(invalidDefinitionDescription.code);
    expect(codes(`# check=experimental=InvalidDefinitionDescription\n${text}`)).toContain(
      invalidDefinitionDescription.code,
    );
  });
});
