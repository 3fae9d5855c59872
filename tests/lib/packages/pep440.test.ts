import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, satisfies } from '../../../src/lib/packages/pep440.ts';

const cmp = (a: string, b: string) => {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) throw new Error(`unparsable ${a} or ${b}`);
  return Math.sign(compareVersions(va, vb));
};

describe('PEP 440 versions', () => {
  it('orders dev < pre < final < post releases', () => {
    const sorted = ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.1'];
    for (let i = 1; i < sorted.length; i++)
      expect(cmp(sorted[i - 1] as string, sorted[i] as string)).toBe(-1);
  });

  it('pads release segments and reads calendar versions', () => {
    expect(cmp('3.1', '3.1.0')).toBe(0);
    expect(cmp('2026.2.25', '2025.8.3')).toBe(1);
    expect(cmp('2.9.0.post0', '2.9.0')).toBe(1);
  });

  it('rejects what is not a version', () => {
    expect(parseVersion('latest')).toBeUndefined();
  });
});

describe('specifiers', () => {
  it.each([
    ['3.1.2', '==3.1.2', true],
    ['3.1.3', '==3.1.2', false],
    ['3.1.3', '==3.1.*', true],
    ['3.2.0', '==3.1.*', false],
    ['3.1.9', '>=3.1.0', true],
    ['2.10.6', '!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0,>=1.7.4', true],
    ['0.46.1', '<0.47.0,>=0.40.0', true],
    ['2.2.0', '~=2.2', true],
    ['3.0', '~=2.2', false],
    ['2.2.5', '~=2.2.1', true],
    ['2.3.0', '~=2.2.1', false],
    ['1.0', '', true],
  ])('%s %s → %s', (version, specifier, expected) => {
    expect(satisfies(version, specifier)).toBe(expected);
  });

  it('reads Requires-Python the way pip does', () => {
    expect(satisfies('3.9.25', '>=3.9')).toBe(true);
    expect(satisfies('3.9.25', '>=3.10')).toBe(false);
    expect(satisfies('3.9.25', '!=3.0.*,!=3.1.*,!=3.2.*,>=2.7')).toBe(true);
  });
});
