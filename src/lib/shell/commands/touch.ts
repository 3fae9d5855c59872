/** touch: creates empty files (times are not modelled, so an existing file is left as it is). */
import { dirname } from '../../fs/path.ts';
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const touch: CommandModule = {
  names: ['touch'],
  run({ args, fs }): CommandResult {
    let stderr = '';
    for (const path of splitOptions(args).operands) {
      if (fs.stat(path)) continue;
      if (fs.stat(dirname(fs.resolve(path)))?.kind !== 'dir') {
        stderr += `touch: cannot touch '${path}': No such file or directory\n`;
        continue;
      }
      fs.write(path, '');
    }
    return { status: stderr ? 1 : 0, stderr };
  },
};
