/** The ARIA tree's keys over flattened rows. */
import { describe, expect, it } from 'vitest';
import type { ExplorerEntry, TreeRow } from '../../../src/components/explorer/file-tree.ts';
import { treeKey } from '../../../src/components/explorer/tree-keys.ts';

function row(path: string, kind: 'dir' | 'file', level: number, parent: number, expanded = false): TreeRow {
  const entry: ExplorerEntry = {
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    kind,
    size: 0,
    change: null,
    mode: 0o755,
    uid: 0,
    gid: 0,
  };
  return { entry, level, expanded, position: 1, siblings: 1, parent };
}

// /bin (closed), /usr (open) > /usr/lib (open) > /usr/lib/a, then /usr/x
const rows: TreeRow[] = [
  row('/bin', 'dir', 1, -1),
  row('/usr', 'dir', 1, -1, true),
  row('/usr/lib', 'dir', 2, 1, true),
  row('/usr/lib/a', 'file', 3, 2),
  row('/usr/x', 'file', 2, 1),
  row('/var', 'dir', 1, -1),
];

describe('treeKey', () => {
  it('moves up and down, to the ends, and by pages, within the rows', () => {
    expect(treeKey('ArrowDown', rows, 0, 3)).toEqual({ active: 1 });
    expect(treeKey('ArrowDown', rows, 5, 3)).toEqual({ active: 5 });
    expect(treeKey('ArrowUp', rows, 0, 3)).toEqual({ active: 0 });
    expect(treeKey('End', rows, 0, 3)).toEqual({ active: 5 });
    expect(treeKey('Home', rows, 4, 3)).toEqual({ active: 0 });
    expect(treeKey('PageDown', rows, 1, 3)).toEqual({ active: 4 });
    expect(treeKey('PageUp', rows, 1, 3)).toEqual({ active: 0 });
  });

  it('opens a closed directory with →, then goes to its first entry', () => {
    expect(treeKey('ArrowRight', rows, 0, 3)).toEqual({ active: 0, open: ['/bin'] });
    expect(treeKey('ArrowRight', rows, 1, 3)).toEqual({ active: 2 });
    expect(treeKey('ArrowRight', rows, 3, 3)).toEqual({ active: 3 });
  });

  it('closes an open directory with ←, else goes to the parent', () => {
    expect(treeKey('ArrowLeft', rows, 2, 3)).toEqual({ active: 2, close: '/usr/lib' });
    expect(treeKey('ArrowLeft', rows, 3, 3)).toEqual({ active: 2 });
    expect(treeKey('ArrowLeft', rows, 0, 3)).toEqual({ active: 0 });
  });

  it('toggles a directory with Enter and Space, and opens the siblings with *', () => {
    expect(treeKey('Enter', rows, 0, 3)).toEqual({ active: 0, open: ['/bin'] });
    expect(treeKey(' ', rows, 1, 3)).toEqual({ active: 1, close: '/usr' });
    expect(treeKey('Enter', rows, 3, 3)).toEqual({ active: 3 });
    expect(treeKey('*', rows, 0, 3)).toEqual({ active: 0, open: ['/bin', '/var'] });
  });

  it('ignores other keys and empty trees', () => {
    expect(treeKey('a', rows, 0, 3)).toBeNull();
    expect(treeKey('ArrowDown', [], 0, 3)).toBeNull();
  });
});
