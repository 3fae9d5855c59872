/** The CLI's context reader keeps what BuildKit receives from a folder: modes, empty folders, links. */
import { chmodSync, linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readContext } from '../../src/cli/read-context.ts';

test('keeps empty folders and folder modes, symlinks as links, and hard links as one inode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-context-'));
  mkdirSync(join(dir, 'd/empty'), { recursive: true });
  chmodSync(join(dir, 'd/empty'), 0o750);
  mkdirSync(join(dir, 'private'));
  chmodSync(join(dir, 'private'), 0o700);
  writeFileSync(join(dir, 'd/a'), 'hard\n');
  chmodSync(join(dir, 'd/a'), 0o600);
  linkSync(join(dir, 'd/a'), join(dir, 'd/b'));
  symlinkSync('a', join(dir, 'd/l'));
  const { context } = await readContext(dir);
  const byPath = new Map(context.files.map((f) => [f.path, f]));
  expect(byPath.get('d/empty')).toEqual({ path: 'd/empty', kind: 'dir', mode: 0o750 });
  expect(byPath.get('private')).toMatchObject({ kind: 'dir', mode: 0o700 });
  expect(byPath.get('d/l')).toEqual({ path: 'd/l', kind: 'symlink', target: 'a' });
  expect(byPath.get('d/a')).toMatchObject({ content: 'hard\n', mode: 0o600 });
  expect(byPath.get('d/b')).toMatchObject({ kind: 'hardlink', target: 'd/a' });
});
