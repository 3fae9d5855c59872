/**
 * unzip: the simulator cannot read a zip archive's members (an archive fetched by curl has no
 * known content at all), so extracting one is said, not invented. A missing archive fails in
 * unzip's own words and status.
 */
import { type CommandModule, type CommandResult, noteGap } from '../command.ts';

const WITH_VALUE = new Set(['-d', '-x', '-P']);

export const unzip: CommandModule = {
  names: ['unzip'],
  run({ args, fs, state }): CommandResult {
    const operands: string[] = [];
    let target = '.';
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-d') target = args[++i] ?? '.';
      else if (WITH_VALUE.has(arg)) i++;
      else if (!arg.startsWith('-')) operands.push(arg);
    }
    const [archive] = operands;
    if (archive === undefined) return { status: 0, stdout: 'UnZip 6.00 of 20 April 2009, by Debian.\n' };
    const candidates = [archive, `${archive}.zip`, `${archive}.ZIP`];
    if (!candidates.some((path) => fs.stat(path)?.kind === 'file'))
      return {
        status: 9,
        stderr: `unzip:  cannot find or open ${candidates[0]}, ${candidates[1]} or ${candidates[2]}.\n`,
      };
    noteGap(
      state,
      'no-data',
      `unzip ${archive}: the simulator does not know this archive's members, so what it extracts into ${fs.resolve(target)} (and its size) is unknown.`,
    );
    return { status: 0 };
  },
};
