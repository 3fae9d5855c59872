/** mkdir: creates directories; -p creates parents and accepts existing ones; -m sets the last one's mode. */
import { dirname } from '../../fs/path.ts';
import { type CommandModule, type CommandResult, FsError, splitOptions } from '../command.ts';

export const mkdir: CommandModule = {
  names: ['mkdir'],
  run({ args, fs }): CommandResult {
    const modeIndex = args.findIndex((arg) => arg === '-m' || arg.startsWith('-m'));
    const rest = [...args];
    // -m sets the new directory's mode exactly (the umask does not apply); parents -p makes get 0777 less the umask.
    let mode: number | undefined;
    if (modeIndex !== -1) {
      const value =
        rest[modeIndex] === '-m' ? rest.splice(modeIndex, 2)[1] : rest.splice(modeIndex, 1)[0]?.slice(2);
      mode = Number.parseInt(value ?? '755', 8) || 0o755;
    }
    const { flags, long, operands } = splitOptions(rest);
    const parents = flags.has('p') || long.includes('--parents');
    let stderr = '';
    for (const path of operands) {
      const existing = fs.stat(path);
      if (existing) {
        if (!parents || existing.kind !== 'dir')
          stderr += `mkdir: can't create directory '${path}': File exists\n`;
        continue;
      }
      if (!fs.mayChangeIn(path)) {
        stderr += `mkdir: cannot create directory '${path}': Permission denied\n`;
        continue;
      }
      if (!parents && fs.stat(dirname(fs.resolve(path)))?.kind !== 'dir') {
        stderr += `mkdir: can't create directory '${path}': No such file or directory\n`;
        continue;
      }
      try {
        fs.mkdir(path, mode);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        stderr += `mkdir: can't create directory '${path}': Not a directory\n`;
      }
    }
    return { status: stderr ? 1 : 0, stderr };
  },
};
