/** cat: concatenates files (or standard input), text or bytes known by size only. */
import { type Bytes, concatBytes } from '../bytes.ts';
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const cat: CommandModule = {
  names: ['cat'],
  run({ args, input, fs, state }): CommandResult {
    const { operands } = splitOptions(args);
    let stdout: Bytes = '';
    let stderr = '';
    for (const path of operands.length ? operands : ['-']) {
      if (path === '-') {
        stdout = concatBytes(stdout, input);
        continue;
      }
      const node = fs.stat(path);
      if (!node) stderr += `cat: ${path}: No such file or directory\n`;
      else if (node.kind === 'dir') stderr += `cat: ${path}: Is a directory\n`;
      else {
        const data = fs.readBytes(path) ?? '';
        // Its size still reaches a file or pipe; a terminal shows nothing for it.
        if (typeof data !== 'string')
          state.notes.push(`cat ${path}: the simulator does not know this file's content.`);
        stdout = concatBytes(stdout, data);
      }
    }
    return { status: stderr ? 1 : 0, stdout, stderr };
  },
};
