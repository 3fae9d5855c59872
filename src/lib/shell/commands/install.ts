/**
 * GNU install: copies files and sets their mode (0755 unless -m) and owner (-o, -g), `-d` makes
 * directories, `-D` makes the destination's missing parents first. The mode is set outright, so
 * the umask does not apply to it; parents it makes get 0777 less the umask, as mkdir -p's.
 */
import { lookupOwner } from '../../build/users.ts';
import { basename, dirname, joinPath } from '../../fs/path.ts';
import type { TreeNode } from '../../fs/tree.ts';
import { accountOptions } from '../accounts.ts';
import type { CommandContext, CommandModule, CommandResult } from '../command.ts';
import { applyMode } from './chmod.ts';

const WITH_VALUE = new Set([
  '-m',
  '-o',
  '-g',
  '-t',
  '-S',
  '--mode',
  '--owner',
  '--group',
  '--target-directory',
]);

interface Settings {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** The mode, owner and group the options ask for, or the message install gives for a bad one. */
function settings(context: CommandContext, values: ReadonlyMap<string, string>): Settings | string {
  const modeSpec = values.get('-m') ?? values.get('--mode');
  const mode = modeSpec === undefined ? 0o755 : applyMode(0, modeSpec);
  if (mode === undefined) return `install: invalid mode '${modeSpec}'`;
  const passwd = context.fs.read('/etc/passwd');
  const group = context.fs.read('/etc/group');
  let { uid, gid } = context.state.user;
  const user = values.get('-o') ?? values.get('--owner');
  if (user !== undefined) {
    const owner = lookupOwner(user, passwd, group);
    if (!owner.ok) return `install: invalid user '${user}'`;
    uid = owner.uid;
  }
  const groupName = values.get('-g') ?? values.get('--group');
  if (groupName !== undefined) {
    const owner = lookupOwner(`0:${groupName}`, passwd, group);
    if (!owner.ok) return `install: invalid group '${groupName}'`;
    gid = owner.gid;
  }
  return { mode, uid, gid };
}

function directories(context: CommandContext, operands: readonly string[], set: Settings): string {
  let stderr = '';
  for (const path of operands) {
    const existing = context.fs.stat(path);
    if (existing && existing.kind !== 'dir') {
      stderr += `install: cannot create directory '${path}': File exists\n`;
      continue;
    }
    if (!existing) context.fs.mkdir(path);
    context.fs.update(path, (node) => ({ ...node, mode: set.mode, uid: set.uid, gid: set.gid }));
  }
  return stderr;
}

function copy(context: CommandContext, source: string, target: string, set: Settings): string {
  const node = context.fs.stat(source);
  if (!node) return `install: cannot stat '${source}': No such file or directory\n`;
  if (node.kind === 'dir') return `install: omitting directory '${source}'\n`;
  if (context.fs.stat(dirname(context.fs.resolve(target)))?.kind !== 'dir')
    return `install: cannot create regular file '${target}': No such file or directory\n`;
  const copied: TreeNode = { ...node, mode: set.mode, uid: set.uid, gid: set.gid };
  context.fs.put(target, copied);
  return '';
}

export const install: CommandModule = {
  names: ['install'],
  run(context): CommandResult {
    const { values, flags, operands } = accountOptions(context.args, WITH_VALUE);
    const set = settings(context, values);
    if (typeof set === 'string') return { status: 1, stderr: `${set}\n` };
    if (flags.has('-d') || flags.has('--directory')) {
      if (operands.length === 0) return { status: 1, stderr: 'install: missing file operand\n' };
      const stderr = directories(context, operands, set);
      return { status: stderr ? 1 : 0, stderr };
    }
    const targetDir = values.get('-t') ?? values.get('--target-directory');
    const destination = targetDir ?? operands.pop();
    if (destination === undefined || operands.length === 0)
      return {
        status: 1,
        stderr:
          destination === undefined
            ? 'install: missing file operand\n'
            : `install: missing destination file operand after '${destination}'\n`,
      };
    if (flags.has('-D')) {
      const parent =
        targetDir ?? (operands.length > 1 ? destination : dirname(context.fs.resolve(destination)));
      if (!context.fs.stat(parent)) context.fs.mkdir(parent, context.fs.masked(0o777));
    }
    const intoDir = targetDir !== undefined || context.fs.stat(destination)?.kind === 'dir';
    if (operands.length > 1 && !intoDir)
      return { status: 1, stderr: `install: target '${destination}' is not a directory\n` };
    let stderr = '';
    for (const source of operands) {
      const target = intoDir ? joinPath(context.fs.resolve(destination), basename(source)) : destination;
      stderr += copy(context, source, target, set);
    }
    return { status: stderr ? 1 : 0, stderr };
  },
};
