/**
 * touch: creates empty files. Times are not modelled, but touching an existing file still changes
 * it (its mtime): the layer carries the file again, as the recorded sh-touch case shows.
 */
import { contentIdOf } from '../../fs/content.ts';
import { dirname } from '../../fs/path.ts';
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const touch: CommandModule = {
  names: ['touch'],
  run({ args, fs }): CommandResult {
    let stderr = '';
    for (const path of splitOptions(args).operands) {
      const exists = fs.stat(path) !== undefined;
      if (exists ? !fs.mayWrite(path) : !fs.mayChangeIn(path)) {
        stderr += `touch: cannot touch '${path}': Permission denied\n`;
        continue;
      }
      if (exists) {
        // A new node with the same content: the layer diff sees the file as modified.
        fs.update(path, (node) =>
          node.kind === 'file' ? { ...node, contentId: contentIdOf(node) } : { ...node },
        );
        continue;
      }
      if (fs.stat(dirname(fs.resolve(path)))?.kind !== 'dir') {
        stderr += `touch: cannot touch '${path}': No such file or directory\n`;
        continue;
      }
      fs.write(path, '');
    }
    return { status: stderr ? 1 : 0, stderr };
  },
};
