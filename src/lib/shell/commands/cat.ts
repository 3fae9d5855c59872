/** cat: concatenates files (or standard input). */
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export const cat: CommandModule = {
  names: ['cat'],
  run({ args, stdin, fs, state }): CommandResult {
    const { operands } = splitOptions(args);
    let stdout = '';
    let stderr = '';
    for (const path of operands.length ? operands : ['-']) {
      if (path === '-') {
        stdout += stdin;
        continue;
      }
      const node = fs.stat(path);
      if (!node) stderr += `cat: ${path}: No such file or directory\n`;
      else if (node.kind === 'dir') stderr += `cat: ${path}: Is a directory\n`;
      else if (node.kind === 'file' && node.content !== undefined) stdout += node.content;
      else state.notes.push(`cat ${path}: the simulator does not know this file's content.`);
    }
    return { status: stderr ? 1 : 0, stdout, stderr };
  },
};
