/**
 * useradd and groupadd (shadow, Debian): add users and groups to /etc/passwd, /etc/group, the
 * shadow files and /etc/subuid and /etc/subgid, keeping each file's previous version as `<file>-`,
 * so a later USER or --chown finds them. Recorded on Debian 12 and 13: useradd leaves
 * /var/log/lastlog alone (it grew with the UID on older releases; --no-log-init is still accepted).
 */
import { joinPath } from '../../fs/path.ts';
import { walk } from '../../fs/tree.ts';
import {
  accountOptions,
  addMember,
  addSubordinateIds,
  appendLine,
  debianId,
  readAccounts,
  shadowLine,
} from '../accounts.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { homeMode, loginDefs } from '../login-defs.ts';

function groupadd({ args, fs }: CommandContext): CommandResult {
  const { values, flags, operands } = accountOptions(args, new Set(['-g', '--gid', '-K', '-p']));
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

/**
 * USERGROUPS_ENAB: a group of the user's name, numbered as the user when that number is free and
 * in the GID range, else the first free GID (useradd -u 65532 gets group 1000: recorded).
 */
function userGroup({ fs }: CommandContext, name: string, uid: number, system: boolean): number {
  const used = new Set(readAccounts(fs).groups.map((group) => group.gid));
  const inRange = system ? uid >= 100 && uid <= 999 : uid >= 1000 && uid <= 60000;
  const gid = inRange && !used.has(uid) ? uid : debianId(used, system);
  appendLine(fs, '/etc/group', `${name}:x:${gid}:`, true);
  appendLine(fs, '/etc/gshadow', `${name}:!::`, true);
  return gid;
}

/**
 * The primary group without a group of the user's own: -g, else (-N) GROUP of
 * /etc/default/useradd, whose default is `users`, GID 100 (recorded, users-bookworm-useradd-N).
 */
function primaryGroup({ fs }: CommandContext, spec: string | undefined): number {
  const groups = readAccounts(fs).groups;
  const given = spec ?? /^GROUP=(\S+)/m.exec(fs.read('/etc/default/useradd') ?? '')?.[1] ?? '100';
  return groups.find((entry) => entry.name === given || String(entry.gid) === given)?.gid ?? Number(given);
}

/** -m: the home from /etc/skel, its mode from login.defs (0700 on trixie, 0755 on bookworm). */
function createHome(context: CommandContext, home: string, uid: number, gid: number): void {
  const { fs, state } = context;
  const settings = loginDefs(fs);
  if (settings === undefined && fs.stat(home) === undefined)
    noteGap(
      state,
      'no-data',
      `useradd -m: the simulator does not know this image's /etc/login.defs; ${home} gets shadow's default mode 0755.`,
      'estimated',
    );
  fs.mkdir(home, homeMode(settings ?? {}));
  fs.update(home, (node) => ({ ...node, uid, gid }));
  const skel = fs.stat('/etc/skel');
  if (skel?.kind === 'dir') {
    for (const [path, node] of walk(skel)) fs.put(joinPath(home, path), { ...node, uid, gid });
  }
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
  const { values, flags, operands } = accountOptions(args, valued);
  const name = operands[0];
  if (!name) return fail('Usage: useradd [options] LOGIN', 2);
  const { users, groups } = readAccounts(fs);
  if (users.some((user) => user.name === name)) return fail(`useradd: user '${name}' already exists`, 9);
  const system = flags.has('-r') || flags.has('--system');
  const given = values.get('-u') ?? values.get('--uid');
  const uid = given !== undefined ? Number(given) : debianId(new Set(users.map((user) => user.uid)), system);
  const groupName = values.get('-g') ?? values.get('--gid');
  const supplementary = (values.get('-G') ?? values.get('--groups') ?? '').split(',').filter(Boolean);
  const missing = [groupName, ...supplementary].find(
    (spec) =>
      spec !== undefined && !groups.some((entry) => entry.name === spec || String(entry.gid) === spec),
  );
  if (missing !== undefined) return fail(`useradd: group '${missing}' does not exist`, 6);
  const ownGroup = groupName === undefined && !(flags.has('-N') || flags.has('--no-user-group'));
  const gid = ownGroup ? userGroup(context, name, uid, system) : primaryGroup(context, groupName);
  // One backup a file a run: the user's own group line already made /etc/group- and /etc/gshadow-.
  for (const spec of supplementary) {
    const group = groups.find((entry) => entry.name === spec || String(entry.gid) === spec);
    if (group) addMember(fs, group.name, name, !ownGroup && spec === supplementary[0]);
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
  if (flags.has('-m') || flags.has('--create-home')) createHome(context, home, uid, gid);
  return { status: 0 };
}

export const useraddCommand: CommandModule = { names: ['useradd'], run: useradd };
export const groupaddCommand: CommandModule = { names: ['groupadd'], run: groupadd };
