/** Names for build-context files: what is accepted, and the reason given for what is not. */
import { describe, expect, it } from 'vitest';
import { checkFilePath, MAX_PATH_LENGTH } from '../../../src/components/context/file-path.ts';

const existing = ['Dockerfile', 'requirements.txt', 'src/server.py'];

describe('checkFilePath', () => {
  it.each(['main.go', 'src/example.py', '.dockerignore', 'a b.txt', 'deep/er/file'])('accepts %s', (name) => {
    expect(checkFilePath(name, existing)).toEqual({ ok: true, path: name });
  });

  it('trims surrounding spaces', () => {
    expect(checkFilePath('  go.mod ', existing)).toEqual({ ok: true, path: 'go.mod' });
  });

  it.each([
    ['', 'Enter a file name.'],
    ['   ', 'Enter a file name.'],
    ['/etc/passwd', 'without a leading /'],
    ['../secret', 'outside itself'],
    ['src/../../x', 'outside itself'],
    ['src//x', 'empty or "."'],
    ['./x', 'empty or "."'],
    ['src/', 'empty or "."'],
    ['src\\x', 'not \\'],
    ['a\u0000b', 'control characters'],
    ['line\nbreak', 'control characters'],
    ['photo\u202Egpj.exe', 'text-direction characters'],
    ['a\u2067b', 'text-direction characters'],
    ['x'.repeat(MAX_PATH_LENGTH + 1), 'under 200'],
    ['requirements.txt', 'already a file called requirements.txt'],
    ['Dockerfile', 'already a file called Dockerfile'],
    ['src', 'src/server.py is in the way'],
    ['requirements.txt/x', 'requirements.txt is in the way'],
  ])('refuses %j', (name, reason) => {
    const check = checkFilePath(name, existing);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(reason);
  });

  it('lets a renamed file keep its own name', () => {
    expect(checkFilePath('src/server.py', existing, 'src/server.py')).toEqual({
      ok: true,
      path: 'src/server.py',
    });
  });

  it('does not treat names as case-insensitive, as Linux does not', () => {
    expect(checkFilePath('Requirements.txt', existing).ok).toBe(true);
  });
});
