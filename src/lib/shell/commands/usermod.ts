/**
 * usermod (shadow, Debian): changes an existing account. Supplementary groups (-G, -aG) are the
 * member lists of /etc/group and /etc/gshadow; the other options rewrite the user's /etc/passwd
 * line (and /etc/shadow's for a new name). Each file it writes keeps its previous version as
 * `<file>-` (recorded, users-bookworm-usermod-G).
 */
import { accountOptions, addMember, editLine, readAccounts, removeMember } from '../accounts.ts';
import type { CommandContext, CommandModule, CommandResult, FileSystem } from '../command.ts';
import { fail } from '../command.ts';

const VALUED = new Set([
  '-G',
  '--groups',
  '-g',
  '--gid',
  '-s',
  '--shell',
  '-d',
  '--home',
  '-l',
  '--login',
  '-c',
  '--comment',
  '-u',
  '--uid',
]);

type Options = ReturnType<typeof accountOptions>;

const value = ({ values }: Options, short: string, long: string) => values.get(short) ?? values.get(long);
const bytes = (text: string) => new TextEncoder().encode(text).length;

/** The user's /etc/passwd fields after -l, -u, -g, -c, -d and -s. */
function newPasswdFields(fields: readonly string[], options: Options, gid: number | undefined): string[] {
  const next = [...fields];
  const set = (index: number, given: string | undefined) => {
    if (given !== undefined) next[index] = given;
  };
  set(0, value(options, '-l', '--login'));
  set(2, value(options, '-u', '--uid'));
  set(3, gid === undefined ? undefined : String(gid));
  set(4, value(options, '-c', '--comment'));
  set(5, value(options, '-d', '--home'));
  set(6, value(options, '-s', '--shell'));
  return next;
}

/** -G: the supplementary groups become the list (-a: are added to the ones the user has). */
function setGroups(fs: FileSystem, name: string, wanted: readonly string[], append: boolean): void {
  const { groups } = readAccounts(fs);
  const edits = groups.flatMap((group) => {
    const member = group.members.includes(name);
    if (wanted.includes(group.name)) return member ? [] : [{ group: group.name, change: addMember }];
    return member && !append ? [{ group: group.name, change: removeMember }] : [];
  });
  // One backup a file a run: the first edit keeps the previous version.
  for (const [index, { group, change }] of edits.entries()) change(fs, group, name, index === 0);
}

/** -l: the new name in every member list that held the old one. */
function renameMember(fs: FileSystem, from: string, to: string): void {
  const rename = (line: string) => {
    const fields = line.split(':');
    const members = (fields[3] ?? '').split(',').map((member) => (member === from ? to : member));
    return [...fields.slice(0, 3), members.join(','), ...fields.slice(4)].join(':');
  };
  let backup = true;
  for (const group of readAccounts(fs).groups.filter((entry) => entry.members.includes(from))) {
    for (const path of ['/etc/group', '/etc/gshadow'])
      editLine(fs, path, group.name, rename, bytes(to) - bytes(from), backup);
    backup = false;
  }
}

/** -d with -m: the old home moves to the new path. */
function moveHome(fs: FileSystem, from: string, to: string): void {
  const node = fs.lstat(from);
  if (node?.kind !== 'dir' || from === to) return;
  fs.put(to, node);
  fs.remove(from);
}

function usermod({ args, fs }: CommandContext): CommandResult {
  const options = accountOptions(args, VALUED);
  const name = options.operands[0];
  if (!name || (options.values.size === 0 && options.flags.size === 0))
    return fail('Usage: usermod [options] LOGIN', 2);
  const { users, groups } = readAccounts(fs);
  const user = users.find((entry) => entry.name === name);
  if (!user) return fail(`usermod: user '${name}' does not exist`, 6);
  const find = (spec: string) => groups.find((entry) => entry.name === spec || String(entry.gid) === spec);
  const primary = value(options, '-g', '--gid');
  const listed = value(options, '-G', '--groups')?.split(',').filter(Boolean);
  const missing = [...(primary === undefined ? [] : [primary]), ...(listed ?? [])].find(
    (spec) => !find(spec),
  );
  if (missing !== undefined) return fail(`usermod: group '${missing}' does not exist`, 6);
  const newName = value(options, '-l', '--login');
  if (newName !== undefined && newName !== name && users.some((entry) => entry.name === newName))
    return fail(`usermod: user '${newName}' already exists`, 9);
  const line = (fs.read('/etc/passwd') ?? '').split('\n').find((text) => text.startsWith(`${name}:`)) ?? '';
  const fields = newPasswdFields(
    line.split(':'),
    options,
    primary === undefined ? undefined : find(primary)?.gid,
  );
  const changed = fields.join(':');
  if (changed !== line) editLine(fs, '/etc/passwd', name, () => changed, bytes(changed) - bytes(line));
  if (newName !== undefined && newName !== name) {
    editLine(
      fs,
      '/etc/shadow',
      name,
      (text) => `${newName}${text.slice(name.length)}`,
      bytes(newName) - bytes(name),
    );
    renameMember(fs, name, newName);
  }
  const home = value(options, '-d', '--home');
  if (home !== undefined && (options.flags.has('-m') || options.flags.has('--move-home')))
    moveHome(fs, user.home, home);
  if (listed !== undefined) {
    const names = listed.map((spec) => find(spec)?.name ?? spec);
    setGroups(fs, newName ?? name, names, options.flags.has('-a') || options.flags.has('--append'));
  }
  return { status: 0 };
}

export const usermodCommand: CommandModule = { names: ['usermod'], run: usermod };
