import { describe, expect, it } from 'vitest';
import { contentDigest, contentIdOf, textFile } from '../../../src/lib/fs/content.ts';
import { changesSize, diffTrees } from '../../../src/lib/fs/diff.ts';
import { makeDirectories, putNode, removePath, updateNode } from '../../../src/lib/fs/edit.ts';
import { type DirNode, emptyTree, lstat, stat } from '../../../src/lib/fs/tree.ts';

const meta = { mode: 0o644, uid: 0, gid: 0 };
const file = (text: string) => textFile(text, meta);

function base(): DirNode {
  let tree = emptyTree();
  tree = putNode(tree, '/usr/bin/sh', file('#!sh'));
  tree = putNode(tree, '/bin', { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, target: 'usr/bin' });
  tree = putNode(tree, '/etc/passwd', file('root:x:0:0:root:/root:/bin/sh\n'));
  return tree;
}

describe('immutable tree edits', () => {
  it('creates parent directories and shares every untouched subtree', () => {
    const before = base();
    const after = putNode(before, '/app/src/main.py', file('print(1)'));
    expect(stat(after, '/app/src/main.py')).toMatchObject({ kind: 'file', size: 8 });
    expect(lstat(after, '/app')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(after.children.get('usr')).toBe(before.children.get('usr'));
    expect(after.children.get('etc')).toBe(before.children.get('etc'));
    expect(before.children.has('app')).toBe(false);
  });

  it('follows symlinks in the parent path, as a copy into /bin lands in /usr/bin', () => {
    const after = putNode(base(), '/bin/app', file('x'));
    expect(lstat(after, '/usr/bin/app')).toMatchObject({ kind: 'file' });
    expect(lstat(after, '/bin')).toMatchObject({ kind: 'symlink' });
  });

  it('refuses to create a directory through a file', () => {
    expect(() => putNode(base(), '/etc/passwd/nope', file('x'))).toThrow(/not a directory/);
  });

  it('removes, makes directories and updates owners', () => {
    const tree = base();
    expect(lstat(removePath(tree, '/etc/passwd'), '/etc/passwd')).toBeUndefined();
    expect(removePath(tree, '/missing/file')).toBe(tree);
    const dirs = makeDirectories(tree, '/var/lib/app', { mode: 0o700, uid: 1000, gid: 1000 });
    expect(lstat(dirs, '/var/lib/app')).toMatchObject({ kind: 'dir', mode: 0o700, uid: 1000 });
    expect(makeDirectories(dirs, '/var/lib/app')).toBe(dirs);
    const owned = updateNode(tree, '/etc/passwd', (node) => ({ ...node, uid: 7 }));
    expect(lstat(owned, '/etc/passwd')).toMatchObject({ uid: 7 });
  });
});

describe('layer diffs', () => {
  it('records additions, modifications and whiteouts, walking only what changed', () => {
    const before = base();
    let after = putNode(before, '/app/a.txt', file('aaaa'));
    after = putNode(after, '/etc/passwd', file('root:x:0:0::/root:/bin/ash\n'));
    after = removePath(after, '/usr/bin/sh');
    expect(diffTrees(before, after).map(({ path, change }) => `${change} ${path}`)).toEqual([
      'added /app',
      'added /app/a.txt',
      'modified /etc/passwd',
      'removed /usr/bin/sh',
    ]);
    expect(diffTrees(before, before)).toEqual([]);
  });

  it('counts file bytes and symlink targets, as docker does, and nothing for a deletion', () => {
    const before = base();
    const withLink = putNode(putNode(before, '/data/blob', file('x'.repeat(1000))), '/lnk', {
      kind: 'symlink',
      mode: 0o777,
      uid: 0,
      gid: 0,
      target: '/data/blob',
    });
    expect(changesSize(diffTrees(before, withLink))).toBe(1000 + '/data/blob'.length);
    expect(changesSize(diffTrees(withLink, removePath(withLink, '/data')))).toBe(0);
  });

  it('counts a symlink target in UTF-8 bytes, as the layer tar holds it', () => {
    const before = base();
    const link = { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, target: 'é.txt' } as const;
    // 'é.txt' is 5 UTF-16 units and 6 bytes (recorded: copy-symlink-utf8-target)
    expect(changesSize(diffTrees(before, putNode(before, '/l', link)))).toBe(6);
  });
});

describe('content identity', () => {
  it('is equal for equal text and different otherwise, whatever the owner', () => {
    expect(contentIdOf(textFile('same', meta))).toBe(
      contentIdOf(textFile('same', { mode: 0o600, uid: 5, gid: 5 })),
    );
    expect(contentIdOf(textFile('same', meta))).not.toBe(contentIdOf(textFile('Same', meta)));
    expect(contentDigest('')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells catalog files apart by node, and a shared node is the same content', () => {
    const a = { kind: 'file' as const, ...meta, size: 10 };
    const b = { kind: 'file' as const, ...meta, size: 10 };
    expect(contentIdOf(a)).toBe(contentIdOf(a));
    expect(contentIdOf(a)).not.toBe(contentIdOf(b));
  });
});
