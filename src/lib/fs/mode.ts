/** File modes as ls, dive and the explorer show them. */
import type { TreeNode } from './tree.ts';

/** `drwxr-xr-x`, with setuid, setgid and sticky bits as `s`/`S` and `t`/`T`. */
export function modeString(kind: TreeNode['kind'], mode: number): string {
  const type = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : '-';
  const bits = [...'rwxrwxrwx'].map((letter, index) => ((mode >> (8 - index)) & 1 ? letter : '-'));
  if (mode & 0o4000) bits[2] = bits[2] === 'x' ? 's' : 'S';
  if (mode & 0o2000) bits[5] = bits[5] === 'x' ? 's' : 'S';
  if (mode & 0o1000) bits[8] = bits[8] === 'x' ? 't' : 'T';
  return type + bits.join('');
}
