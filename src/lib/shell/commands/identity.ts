/** id and whoami: who RUN executes as, from the stage's own /etc/passwd and /etc/group. */
import { readAccounts } from '../accounts.ts';
import { type CommandModule, ok } from '../command.ts';

export const id: CommandModule = {
  names: ['id'],
  run({ state, fs }) {
    const { groups } = readAccounts(fs);
    const { uid, gid, name } = state.user;
    const named = (id: number) => {
      const group = groups.find((entry) => entry.gid === id)?.name;
      return `${id}${group ? `(${group})` : ''}`;
    };
    const user = name === String(uid) ? '' : `(${name})`;
    // The primary group, then every group that lists the user as a member, in /etc/group order.
    const member = groups
      .filter((entry) => entry.gid !== gid && entry.members.includes(name))
      .map((entry) => entry.gid);
    const all = [gid, ...new Set(member)].map(named).join(',');
    return ok(`uid=${uid}${user} gid=${named(gid)} groups=${all}\n`);
  },
};

export const whoami: CommandModule = {
  names: ['whoami'],
  run({ state }) {
    return ok(`${state.user.name}\n`);
  },
};
