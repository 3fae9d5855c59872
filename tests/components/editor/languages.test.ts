/** A context file's highlighting language follows its name. */
import { describe, expect, it } from 'vitest';
import { languageNameOf } from '../../../src/components/editor/languages.ts';

describe('languageNameOf', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['build/Dockerfile', 'dockerfile'],
    ['go-scratch.Dockerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['src/server.py', 'python'],
    ['main.go', 'go'],
    ['scripts/entry.sh', 'shell'],
    ['pyproject.toml', 'toml'],
    ['go.mod', 'plain'],
    ['requirements.txt', 'plain'],
    ['.dockerignore', 'plain'],
    ['Makefile', 'plain'],
  ])('%s is %s', (path, language) => {
    expect(languageNameOf(path)).toBe(language);
  });
});
