/**
 * useradd and groupadd (shadow, Debian): add users and groups to /etc/passwd, /etc/group and the
 * shadow files, so a later USER or --chown finds them. Without --no-log-init, useradd also grows
 * /var/log/lastlog to one record per UID up to the new one, a classic source of image bloat.
 */
import { joinPath } from '../../fs/path.ts';
import { walk } from '../../fs/tree.ts';
import { appendLine, debianId, readAccounts } from '../accounts.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail } from '../command.ts';

/** lastlog(8) keeps a 292-byte record for every UID from 0 up to the highest that logged in. */
const LASTLOG_RECORD = 292;

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
  const { args, fs, state } = context;
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
    // USERGROUPS_ENAB: a group of the user's name, with the same number when it is free.
    const used = new Set(groups.map((group) => group.gid));
    gid = used.has(uid) ? debianId(used, system) : uid;
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
  appendLine(fs, '/etc/shadow', `${name}:!:::::::`, true);
  if (flags.has('-m') || flags.has('--create-home')) {
    fs.mkdir(home);
    fs.update(home, (node) => ({ ...node, uid, gid }));
    const skel = fs.stat('/etc/skel');
    if (skel?.kind === 'dir') {
      for (const [path, node] of walk(skel)) fs.put(joinPath(home, path), { ...node, uid, gid });
    }
  }
  if (!flags.has('-l') && !flags.has('--no-log-init') && fs.stat('/var/log/lastlog')) {
    const current = fs.stat('/var/log/lastlog');
    const size = Math.max(current?.kind === 'file' ? current.size : 0, LASTLOG_RECORD * (uid + 1));
    fs.put('/var/log/lastlog', {
      kind: 'file',
      mode: 0o664,
      uid: 0,
      gid: 43,
      size,
      contentId: `lastlog:${size}`,
    });
    state.notes.push(
      `useradd without --no-log-init grew /var/log/lastlog to ${size.toLocaleString('en')} bytes (one 292-byte record per UID up to ${uid}).`,
    );
  }
  return { status: 0 };
}

export const useraddCommand: CommandModule = { names: ['useradd'], run: useradd };
export const groupaddCommand: CommandModule = { names: ['groupadd'], run: groupadd };
