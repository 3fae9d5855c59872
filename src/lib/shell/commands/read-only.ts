/**
 * Commands that only read and print (ls, grep, head, sed without -i, find without -delete …): the
 * filesystem is unchanged, so the step's effect stays certain; only their output is not simulated.
 */
import type { CommandModule, CommandResult } from '../command.ts';

const READ_ONLY = [
  'ls',
  'grep',
  'egrep',
  'fgrep',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'awk',
  'sed',
  'find',
  'which',
  'du',
  'df',
  'env',
  'printenv',
  'uname',
  'date',
  'sleep',
  'ps',
  'nproc',
  'stat',
  'file',
  'readlink',
  'realpath',
  'basename',
  'dirname',
  'md5sum',
  'sha256sum',
  'sha1sum',
  'cmp',
  'diff',
  'less',
  'more',
  'hostname',
  'ldd',
  'free',
  'getent',
  'tee',
  'xargs',
  'locale',
  'tput',
  'seq',
  'yes',
  'groups',
];

/** Options that make an otherwise read-only command write: then its effect is not known. */
function writes(name: string, args: readonly string[]): boolean {
  if (name === 'sed') return args.some((arg) => /^-[a-zA-Z]*i/.test(arg) || arg.startsWith('--in-place'));
  if (name === 'find')
    return args.some((arg) => ['-delete', '-exec', '-execdir', '-ok', '-fprint'].includes(arg));
  if (name === 'tee' || name === 'xargs') return args.length > 0;
  return false;
}

export const readOnly: CommandModule = {
  names: READ_ONLY,
  run({ name, args, state }): CommandResult {
    if (writes(name, args)) {
      state.uncertain = true;
      state.notes.push(`${name} ${args.join(' ')} changes files in ways the simulator does not follow.`);
    }
    return { status: 0 };
  },
};
