import { describe, expect, it } from 'vitest';
import { basename, cleanPath, dirname, joinPath, resolveIn } from '../../../src/lib/fs/path.ts';

describe('paths, as Go’s path package', () => {
  it.each([
    ['', '.'],
    ['/', '/'],
    ['a//b/./c/..', 'a/b'],
    ['/../x', '/x'],
    ['../../x', '../../x'],
    ['./src/', 'src'],
    // Go's own path.Clean cases (src/path/path_test.go).
    ['abc', 'abc'],
    ['abc/def', 'abc/def'],
    ['.', '.'],
    ['..', '..'],
    ['../..', '../..'],
    ['/abc', '/abc'],
    ['abc/', 'abc'],
    ['abc/def/', 'abc/def'],
    ['//abc', '/abc'],
    ['abc//def//ghi', 'abc/def/ghi'],
    ['abc/./def', 'abc/def'],
    ['/./abc/def', '/abc/def'],
    ['abc/.', 'abc'],
    ['abc/def/..', 'abc'],
    ['abc/def/../..', '.'],
    ['/abc/def/../..', '/'],
    ['abc/def/../../..', '..'],
    ['/abc/def/../../..', '/'],
    ['abc/def/../../../ghi/jkl/../../../mno', '../../mno'],
    ['abc/./../def', 'def'],
    ['abc//./../def', 'def'],
    ['abc/../../././../def', '../../def'],
  ])('cleans %j to %j', (input, output) => expect(cleanPath(input)).toBe(output));

  it('joins, splits and resolves against a working directory', () => {
    expect(joinPath('/usr', 'local/', 'bin')).toBe('/usr/local/bin');
    expect(dirname('/usr/src/app')).toBe('/usr/src');
    expect(dirname('app')).toBe('.');
    expect(basename('/root/.local/')).toBe('.local');
    expect(resolveIn('/usr/src/app', 'bin/app')).toBe('/usr/src/app/bin/app');
    expect(resolveIn('/app', '/etc/passwd')).toBe('/etc/passwd');
    expect(resolveIn('', '.')).toBe('/');
  });
});
