/** ln: symbolic links with -s (hard links become a second name for the file's data). */
import { basename, joinPath } from '../../fs/path.ts';
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const ln: CommandModule = {
  names: ['ln'],
  run({ args, fs, state }): CommandResult {
    const { flags, operands } = splitOptions(args);
    const [target, link = basename(target ?? '')] = operands;
    if (target === undefined) return { status: 1, stderr: 'ln: missing file operand\n' };
    const path =
      fs.stat(link)?.kind === 'dir' ? joinPath(fs.resolve(link), basename(target)) : fs.resolve(link);
    if (fs.lstat(path) && !flags.has('f'))
      return { status: 1, stderr: `ln: failed to create link '${link}': File exists\n` };
    const { uid, gid } = state.user;
    if (flags.has('s')) fs.put(path, { kind: 'symlink', mode: 0o777, uid, gid, target });
    else {
      const data = fs.stat(target);
      if (!data || data.kind === 'dir')
        return { status: 1, stderr: `ln: failed to access '${target}': No such file or directory\n` };
      fs.put(path, {
        kind: 'hardlink',
        mode: data.mode,
        uid: data.uid,
        gid: data.gid,
        target: fs.resolve(target),
      });
    }
    return { status: 0 };
  },
};
