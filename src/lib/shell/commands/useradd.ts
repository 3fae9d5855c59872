/**
 * useradd and groupadd (shadow, Debian): add users and groups to /etc/passwd, /etc/group, the
 * shadow files and /etc/subuid and /etc/subgid, keeping each file's previous version as `<file>-`,
 * so a later USER or --chown finds them. Recorded on Debian 12 and 13: useradd leaves
 * /var/log/lastlog alone (it grew with the UID on older releases; --no-log-init is still accepted).
 */
import { joinPath } from '../../fs/path.ts';
import { walk } from '../../fs/tree.ts';
import { addSubordinateIds, appendLine, debianId, readAccounts, shadowLine } from '../accounts.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail } from '../command.ts';

function options(args: readonly string[], withValue: ReadonlySet<string>) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (withValue.has(arg)) values.set(arg, args[++i] ?? '');
    else if (arg.startsWith('--') && arg.includes('='))
      values.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else if (arg.startsWith('-')) flags.add(arg);
    else operands.push(arg);
  }
  return { values, flags, operands };
}

function groupadd({ args, fs }: CommandContext): CommandResult {
  const { values, flags, operands } = options(args, new Set(['-g', '--gid', '-K', '-p']));
  const name = operands[0];
  if (!name) return fail('Usage: groupadd [options] GROUP', 2);
  const { groups } = readAccounts(fs);
  if (groups.some((group) => group.name === name)) return fail(`groupadd: group '${name}' already exists`, 9);
  const given = values.get('-g') ?? values.get('--gid');
  const gid =
    given !== undefined
      ? Number(given)
      : debianId(new Set(groups.map((group) => group.gid)), flags.has('-r') || flags.has('--system'));
  appendLine(fs, '/etc/group', `${name}:x:${gid}:`, true);
  appendLine(fs, '/etc/gshadow', `${name}:!::`, true);
  return { status: 0 };
}

function useradd(context: CommandContext): CommandResult {
  const { args, fs } = context;
  const valued = new Set([
    '-u',
    '--uid',
    '-g',
    '--gid',
    '-G',
    '--groups',
    '-s',
    '--shell',
    '-d',
    '--home-dir',
    '-c',
    '--comment',
    '-k',
    '-K',
    '-e',
    '-f',
    '-p',
  ]);
  const { values, flags, operands } = options(args, valued);
  const name = operands[0];
  if (!name) return fail('Usage: useradd [options] LOGIN', 2);
  const { users, groups } = readAccounts(fs);
  if (users.some((user) => user.name === name)) return fail(`useradd: user '${name}' already exists`, 9);
  const system = flags.has('-r') || flags.has('--system');
  const given = values.get('-u') ?? values.get('--uid');
  const uid = given !== undefined ? Number(given) : debianId(new Set(users.map((user) => user.uid)), system);
  const groupName = values.get('-g') ?? values.get('--gid');
  let gid: number;
  if (groupName !== undefined) {
    const group = groups.find((entry) => entry.name === groupName || String(entry.gid) === groupName);
    if (!group) return fail(`useradd: group '${groupName}' does not exist`, 6);
    gid = group.gid;
  } else {
    // USERGROUPS_ENAB: a group of the user's name, numbered as the user when that number is free
    // and in the GID range, else the first free GID (useradd -u 65532 gets group 1000: recorded).
    const used = new Set(groups.map((group) => group.gid));
    const inRange = system ? uid >= 100 && uid <= 999 : uid >= 1000 && uid <= 60000;
    gid = inRange && !used.has(uid) ? uid : debianId(used, system);
    appendLine(fs, '/etc/group', `${name}:x:${gid}:`, true);
    appendLine(fs, '/etc/gshadow', `${name}:!::`, true);
  }
  const home = values.get('-d') ?? values.get('--home-dir') ?? `/home/${name}`;
  const shell = values.get('-s') ?? values.get('--shell') ?? '/bin/sh';
  appendLine(
    fs,
    '/etc/passwd',
    `${name}:x:${uid}:${gid}:${values.get('-c') ?? values.get('--comment') ?? ''}:${home}:${shell}`,
    true,
  );
  appendLine(fs, '/etc/shadow', shadowLine(name, system), true);
  addSubordinateIds(fs, name, uid, system);
  if (flags.has('-m') || flags.has('--create-home')) {
    fs.mkdir(home);
    fs.update(home, (node) => ({ ...node, uid, gid }));
    const skel = fs.stat('/etc/skel');
    if (skel?.kind === 'dir') {
      for (const [path, node] of walk(skel)) fs.put(joinPath(home, path), { ...node, uid, gid });
    }
  }
  return { status: 0 };
}

export const useraddCommand: CommandModule = { names: ['useradd'], run: useradd };
export const groupaddCommand: CommandModule = { names: ['groupadd'], run: groupadd };
