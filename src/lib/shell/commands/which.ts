/** which: where each name resolves on PATH; nothing for a name that is not there, and status 1. */
import { type DirNode, findOnPath, stat } from '../../fs/tree.ts';
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';

function executable(tree: DirNode, path: string): boolean {
  const node = stat(tree, path);
  return (node?.kind === 'file' || node?.kind === 'hardlink') && (node.mode & 0o111) !== 0;
}

export const which: CommandModule = {
  names: ['which'],
  run({ args, env, fs }): CommandResult {
    const { flags, operands } = splitOptions(args);
    const path = env.get('PATH') ?? '';
    const directories = path.split(':').filter(Boolean);
    let stdout = '';
    let status = operands.length ? 0 : 1;
    for (const name of operands) {
      const found = name.includes('/')
        ? [name].filter((candidate) => executable(fs.tree, fs.resolve(candidate)))
        : flags.has('a')
          ? directories
              .map((dir) => `${dir.replace(/\/$/, '')}/${name}`)
              .filter((candidate) => executable(fs.tree, candidate))
          : [findOnPath(fs.tree, path, name)].filter((hit): hit is string => hit !== undefined);
      if (found.length === 0) status = 1;
      for (const hit of found) stdout += `${hit}\n`;
    }
    return { status, stdout };
  },
};
