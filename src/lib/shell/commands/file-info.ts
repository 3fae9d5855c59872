/**
 * What the commands that list files (ls, find, du) share: the data behind a hard link, disk
 * blocks, sizes in coreutils' -h style, owner names, and whether the command is busybox's.
 */
import { basename } from '../../fs/path.ts';
import { type FileNode, realpath, stat, symlinkSize, type TreeNode } from '../../fs/tree.ts';
import { readAccounts } from '../accounts.ts';
import type { CommandContext, FileSystem } from '../command.ts';

/** The file a node's bytes live in: itself, or a hard link's target. */
export function dataOf(fs: FileSystem, node: TreeNode): FileNode | undefined {
  if (node.kind === 'file') return node;
  if (node.kind !== 'hardlink') return undefined;
  const target = stat(fs.tree, node.target);
  return target?.kind === 'file' ? target : undefined;
}

/** Bytes as `ls -l` prints them: a file's size, a directory's 4096, a link's target length. */
export function listedSize(fs: FileSystem, node: TreeNode): number {
  if (node.kind === 'dir') return 4096;
  if (node.kind === 'symlink') return symlinkSize(node);
  return dataOf(fs, node)?.size ?? 0;
}

/** 1 KiB blocks on disk, as du and `ls -s` count them: whole 4 KiB blocks; links take none. */
export function blocksOf(fs: FileSystem, node: TreeNode): number {
  if (node.kind === 'dir') return 4;
  if (node.kind === 'symlink') return 0;
  return Math.ceil((dataOf(fs, node)?.size ?? 0) / 4096) * 4;
}

/**
 * A byte count as coreutils prints it with -h: powers of 1024, one decimal below 10, always
 * rounded up (4.0K, 12K, 1.1M); below 1 KiB the plain number.
 */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T'];
  let value = bytes / 1024;
  let unit = 0;
  for (;;) {
    const shown = value < 10 ? Math.ceil(value * 10) / 10 : Math.ceil(value);
    if (shown < 1024 || unit === units.length - 1) {
      return `${shown < 10 ? shown.toFixed(1) : String(shown)}${units[unit]}`;
    }
    value /= 1024;
    unit++;
  }
}

/** Names for uids and gids from the image's own /etc/passwd and /etc/group; numbers otherwise. */
export function ownerNames(fs: FileSystem): { user(uid: number): string; group(gid: number): string } {
  const { users, groups } = readAccounts(fs);
  return {
    user: (uid) => users.find((entry) => entry.uid === uid)?.name ?? String(uid),
    group: (gid) => groups.find((entry) => entry.gid === gid)?.name ?? String(gid),
  };
}

/** Whether the command is a busybox applet (Alpine): its messages differ from coreutils'. */
export function isBusybox(context: Pick<CommandContext, 'fs' | 'path'>): boolean {
  return basename(realpath(context.fs.tree, context.path) ?? context.path) === 'busybox';
}

/** "No such file or directory" as coreutils (`cannot access 'x'`) or busybox (`x`) words it. */
export function missing(context: CommandContext, path: string, verb = 'cannot access'): string {
  return isBusybox(context)
    ? `${context.name}: ${path}: No such file or directory\n`
    : `${context.name}: ${verb} '${path}': No such file or directory\n`;
}

/** An option the command does not know, as coreutils or busybox reports it. */
export function badOption(context: CommandContext, option: string): string {
  return isBusybox(context)
    ? `${context.name}: unrecognized option: ${option}\n`
    : `${context.name}: invalid option -- '${option}'\nTry '${context.name} --help' for more information.\n`;
}
