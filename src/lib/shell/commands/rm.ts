/** rm: removes files; -r removes directories, -f ignores missing ones. */
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const rm: CommandModule = {
  names: ['rm'],
  run({ args, fs }): CommandResult {
    const { flags, long, operands } = splitOptions(args);
    const recursive = flags.has('r') || flags.has('R') || long.includes('--recursive');
    const force = flags.has('f') || long.includes('--force');
    let stderr = '';
    for (const path of operands) {
      const node = fs.lstat(path);
      if (!node) {
        if (!force) stderr += `rm: cannot remove '${path}': No such file or directory\n`;
        continue;
      }
      if (node.kind === 'dir' && !recursive) {
        stderr += `rm: cannot remove '${path}': Is a directory\n`;
        continue;
      }
      if (!fs.mayChangeIn(path)) {
        stderr += `rm: cannot remove '${path}': Permission denied\n`;
        continue;
      }
      fs.remove(path);
    }
    return { status: stderr ? 1 : 0, stderr };
  },
};
