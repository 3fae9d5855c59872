/** id and whoami: who RUN executes as, from the stage's own /etc/passwd and /etc/group. */
import { readAccounts } from '../accounts.ts';
import { type CommandModule, ok } from '../command.ts';

export const id: CommandModule = {
  names: ['id'],
  run({ state, fs }) {
    const { groups } = readAccounts(fs);
    const { uid, gid, name } = state.user;
    const group = groups.find((entry) => entry.gid === gid)?.name;
    const user = name === String(uid) ? '' : `(${name})`;
    return ok(`uid=${uid}${user} gid=${gid}${group ? `(${group})` : ''}\n`);
  },
};

export const whoami: CommandModule = {
  names: ['whoami'],
  run({ state }) {
    return ok(`${state.user.name}\n`);
  },
};
