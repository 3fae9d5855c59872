/**
 * adduser and addgroup: BusyBox's applets (Alpine): -S for system accounts (IDs from 100, shell
 * /sbin/nologin), -D for no password, -G for the primary group, -u for the UID, -H for no home;
 * Debian's Perl front ends where the command is not a BusyBox applet (debian-adduser.ts).
 */

import { realpath } from '../../fs/tree.ts';
import { appendLine, busyboxId, readAccounts } from '../accounts.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail } from '../command.ts';
import { debianAddgroup, debianAdduser } from './debian-adduser.ts';

/** BusyBox's applets are links to /bin/busybox; Debian's adduser is a script of its own. */
function isBusybox(context: CommandContext): boolean {
  return (realpath(context.fs.tree, context.path) ?? context.path).endsWith('/busybox');
}

function parse(args: readonly string[]) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (['-G', '-u', '-g', '-s', '-h', '-k'].includes(arg)) values.set(arg, args[++i] ?? '');
    else if (arg.startsWith('-')) for (const flag of arg.slice(1)) flags.add(flag);
    else operands.push(arg);
  }
  return { values, flags, operands };
}

function addgroup({ args, fs }: CommandContext): CommandResult {
  const { values, flags, operands } = parse(args);
  const [name, member] = operands;
  if (!name) return fail('addgroup: need group name', 1);
  const { groups, users } = readAccounts(fs);
  if (member !== undefined) {
    if (!users.some((user) => user.name === name)) return fail(`addgroup: unknown user ${name}`);
    const text = fs.read('/etc/group') ?? '';
    fs.write(
      '/etc/group',
      text.replace(
        new RegExp(`^(${member}:[^:]*:[^:]*:)(.*)$`, 'm'),
        (_, head: string, list: string) => `${head}${list ? `${list},` : ''}${name}`,
      ),
    );
    return { status: 0 };
  }
  if (groups.some((group) => group.name === name)) return fail(`addgroup: group '${name}' in use`);
  const gid = values.has('-g')
    ? Number(values.get('-g'))
    : busyboxId(new Set(groups.map((group) => group.gid)), flags.has('S'));
  appendLine(fs, '/etc/group', `${name}:x:${gid}:`);
  return { status: 0 };
}

function adduser({ args, fs }: CommandContext): CommandResult {
  const { values, flags, operands } = parse(args);
  const name = operands[0];
  if (!name) return fail('adduser: need user name', 1);
  const { users, groups } = readAccounts(fs);
  if (users.some((user) => user.name === name)) return fail(`adduser: user '${name}' in use`);
  const system = flags.has('S');
  const uid = values.has('-u')
    ? Number(values.get('-u'))
    : busyboxId(new Set(users.map((user) => user.uid)), system);
  let gid: number;
  const groupName = values.get('-G');
  if (groupName !== undefined) {
    const group = groups.find((entry) => entry.name === groupName);
    if (!group) return fail(`adduser: unknown group ${groupName}`);
    gid = group.gid;
  } else if (system) {
    gid = groups.find((entry) => entry.name === 'nogroup')?.gid ?? 65533;
  } else {
    gid = busyboxId(new Set(groups.map((group) => group.gid)), false);
    if (groups.some((group) => group.gid === uid) === false) gid = uid;
    appendLine(fs, '/etc/group', `${name}:x:${gid}:`);
  }
  const home = values.get('-h') ?? `/home/${name}`;
  const shell = values.get('-s') ?? (system ? '/sbin/nologin' : '/bin/sh');
  appendLine(fs, '/etc/passwd', `${name}:x:${uid}:${gid}:Linux User,,,:${home}:${shell}`);
  appendLine(fs, '/etc/shadow', `${name}:!:0:0:99999:7:::`);
  if (!flags.has('H')) {
    fs.mkdir(home);
    fs.update(home, (node) => ({ ...node, uid, gid, mode: 0o2755 & 0o777 }));
  }
  return { status: 0 };
}

export const adduserCommand: CommandModule = {
  names: ['adduser'],
  run: (context) => (isBusybox(context) ? adduser(context) : debianAdduser(context)),
};
export const addgroupCommand: CommandModule = {
  names: ['addgroup'],
  run: (context) => (isBusybox(context) ? addgroup(context) : debianAddgroup(context)),
};
