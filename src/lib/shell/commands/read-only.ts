/**
 * Commands that only read and print (grep, sort, awk …): the filesystem is unchanged, so
 * the step's effect stays certain; only their output is not simulated. Those whose output the
 * simulator does produce (ls, find, du, which, env, wc, head, tail) have modules of their own.
 */

import type { CommandModule, CommandResult } from '../command.ts';
import { noteGap } from '../command.ts';

const READ_ONLY = [
  'grep',
  'egrep',
  'fgrep',
  'sort',
  'uniq',
  'cut',
  'tr',
  'awk',
  'df',
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
  if (name === 'tee' || name === 'xargs') return args.length > 0;
  return false;
}

export const readOnly: CommandModule = {
  names: READ_ONLY,
  run({ name, args, state }): CommandResult {
    if (writes(name, args)) {
      noteGap(
        state,
        'not-followed',
        `${name} ${args.join(' ')} changes files in ways the simulator does not follow.`,
      );
    }
    return { status: 0 };
  },
};
