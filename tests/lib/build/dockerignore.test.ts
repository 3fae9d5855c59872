/** Examples from Docker's .dockerignore documentation, with the outcomes it gives. */
import { describe, expect, it } from 'vitest';
import { IgnoreFileError, isIgnored, parseDockerignore } from '../../../src/lib/build/dockerignore.ts';

const ignored = (rules: string, path: string) => isIgnored(path, parseDockerignore(rules));

describe('.dockerignore', () => {
  it('matches one level with */temp* and excludes whole directories', () => {
    expect(ignored('*/temp*', 'somedir/temporary.txt')).toBe(true);
    expect(ignored('*/temp*', 'somedir/temp')).toBe(true);
    expect(ignored('*/temp*', 'somedir/temp/file')).toBe(true);
    expect(ignored('*/temp*', 'temporary.txt')).toBe(false);
    expect(ignored('*/*/temp*', 'somedir/subdir/temporary.txt')).toBe(true);
    expect(ignored('temp?', 'tempa')).toBe(true);
    expect(ignored('temp?', 'tempab')).toBe(false);
  });

  it('matches any depth with **', () => {
    expect(ignored('**/*.go', 'main.go')).toBe(true);
    expect(ignored('**/*.go', 'cmd/server/main.go')).toBe(true);
    expect(ignored('node_modules/**', 'node_modules/a/b')).toBe(true);
  });

  it('re-includes with ! in order, as the documentation’s README example', () => {
    const rules = '*.md\n!README*.md\nREADME-secret.md\n';
    expect(ignored(rules, 'CHANGELOG.md')).toBe(true);
    expect(ignored(rules, 'README.md')).toBe(false);
    expect(ignored(rules, 'README-secret.md')).toBe(true);
  });

  it('skips comments and blank lines and treats a leading slash as the context root', () => {
    expect(ignored('# .git is big\n\n/.git\n', '.git/config')).toBe(true);
    expect(ignored('# just a comment\n', 'main.go')).toBe(false);
  });

  it('never excludes the context root, and rejects a bare !', () => {
    expect(ignored('*', '.')).toBe(false);
    expect(() => parseDockerignore('!\n')).toThrow(IgnoreFileError);
  });
});
