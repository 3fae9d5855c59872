import { describe, expect, it } from 'vitest';
import { BadPatternError, hasWildcards, matchPath } from '../../../src/lib/fs/glob.ts';

describe('matchPath (Go filepath.Match)', () => {
  it.each([
    ['*.txt', 'requirements.txt', true],
    ['*.txt', 'src/requirements.txt', false],
    ['src/*.py', 'src/example.py', true],
    ['src/*', 'src/pkg/x.py', false],
    ['*', '.hidden', true],
    ['go.???', 'go.mod', true],
    ['go.???', 'go.sum', true],
    ['[a-c]*', 'bin', true],
    ['[^a-c]*', 'bin', false],
    ['\\*', '*', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy/c', false],
  ])('%s ~ %s → %s', (pattern, name, expected) => expect(matchPath(pattern, name)).toBe(expected));

  it('rejects malformed patterns', () => {
    expect(() => matchPath('[a-', 'a')).toThrow(BadPatternError);
    expect(() => matchPath('abc\\', 'abc')).toThrow(BadPatternError);
  });

  it('knows when a source names one path exactly', () => {
    expect(hasWildcards('requirements.txt')).toBe(false);
    expect(hasWildcards('*.go')).toBe(true);
  });
});
