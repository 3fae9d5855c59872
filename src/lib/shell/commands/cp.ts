/** cp and mv: copy (-r for directories, -a/-p keep owner and mode) or move files and directories. */
import { basename, joinPath } from '../../fs/path.ts';
import type { TreeNode } from '../../fs/tree.ts';
import { type CommandContext, type CommandModule, type CommandResult, splitOptions } from '../command.ts';

/** Where a source lands: inside the destination when it is a directory, else at the destination. */
function destinationOf(
  context: CommandContext,
  source: string,
  destination: string,
  many: boolean,
): string | undefined {
  const target = context.fs.stat(destination);
  if (target?.kind === 'dir') return joinPath(context.fs.resolve(destination), basename(source));
  return many ? undefined : context.fs.resolve(destination);
}

/** Copies keep the node's data; without -a/-p they belong to the running user and lose set-id bits. */
function copied(node: TreeNode, keep: boolean, context: CommandContext): TreeNode {
  if (keep) return node;
  const { uid, gid } = context.state.user;
  return { ...node, uid, gid, mode: node.mode & 0o777 };
}

function transfer(context: CommandContext, move: boolean): CommandResult {
  const { flags, long, operands } = splitOptions(context.args);
  const name = move ? 'mv' : 'cp';
  const recursive =
    move || flags.has('r') || flags.has('R') || flags.has('a') || long.includes('--recursive');
  const keep = move || flags.has('a') || flags.has('p') || long.includes('--archive');
  // GNU cp follows a symlink named on the command line, except with -a, -d, -P, or -R without -L/-H.
  const dereference =
    flags.has('L') ||
    (!move &&
      !flags.has('a') &&
      !flags.has('d') &&
      !flags.has('P') &&
      !long.includes('--archive') &&
      !(recursive && !flags.has('H')));
  const destination = operands.pop();
  if (destination === undefined || operands.length === 0)
    return { status: 1, stderr: `${name}: missing file operand\n` };
  let stderr = '';
  for (const source of operands) {
    const node = dereference ? context.fs.stat(source) : context.fs.lstat(source);
    if (!node) {
      stderr += `${name}: cannot stat '${source}': No such file or directory\n`;
      continue;
    }
    if (node.kind === 'dir' && !recursive) {
      stderr += `${name}: -r not specified; omitting directory '${source}'\n`;
      continue;
    }
    const target = destinationOf(context, source, destination, operands.length > 1);
    if (target === undefined) {
      stderr += `${name}: target '${destination}' is not a directory\n`;
      continue;
    }
    context.fs.put(target, copied(node, keep, context));
    if (move) context.fs.remove(source);
  }
  return { status: stderr ? 1 : 0, stderr };
}

export const cp: CommandModule = { names: ['cp'], run: (context) => transfer(context, false) };
export const mv: CommandModule = { names: ['mv'], run: (context) => transfer(context, true) };
