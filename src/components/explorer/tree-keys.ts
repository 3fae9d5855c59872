/**
 * The keys of an ARIA tree (WAI-ARIA Authoring Practices' tree view) over flattened rows: what a
 * key does to the active row and to which directories are open.
 */
import type { TreeRow } from './file-tree.ts';

export interface TreeKeyResult {
  /** The row to make active. */
  readonly active: number;
  /** Directories to open, or to close. */
  readonly open?: readonly string[];
  readonly close?: string;
}

export function treeKey(
  key: string,
  rows: readonly TreeRow[],
  active: number,
  pageSize: number,
): TreeKeyResult | null {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const index = Math.min(Math.max(0, active), last);
  const row = rows[index] as TreeRow;
  const isDir = row.entry.kind === 'dir';
  switch (key) {
    case 'ArrowDown':
      return { active: Math.min(last, index + 1) };
    case 'ArrowUp':
      return { active: Math.max(0, index - 1) };
    case 'Home':
      return { active: 0 };
    case 'End':
      return { active: last };
    case 'PageDown':
      return { active: Math.min(last, index + pageSize) };
    case 'PageUp':
      return { active: Math.max(0, index - pageSize) };
    case 'ArrowRight':
      if (!isDir) return { active: index };
      if (!row.expanded) return { active: index, open: [row.entry.path] };
      // An open directory: to its first entry, if it has one.
      return { active: rows[index + 1]?.parent === index ? index + 1 : index };
    case 'ArrowLeft':
      if (isDir && row.expanded) return { active: index, close: row.entry.path };
      return { active: row.parent >= 0 ? row.parent : index };
    case 'Enter':
    case ' ':
      if (!isDir) return { active: index };
      return row.expanded
        ? { active: index, close: row.entry.path }
        : { active: index, open: [row.entry.path] };
    case '*': {
      // Opens every directory beside the active row, as the ARIA pattern has it.
      const open = rows
        .filter((other) => other.parent === row.parent && other.entry.kind === 'dir' && !other.expanded)
        .map((other) => other.entry.path);
      return { active: index, open };
    }
    default:
      return null;
  }
}
