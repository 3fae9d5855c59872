/**
 * Debian's adduser and addgroup (the Perl front ends in the `adduser` package, 3.134 in bookworm),
 * as recorded on Debian 12: a regular user gets the first free UID from 1000, a group of its name,
 * /bin/bash, a 0700 home filled from /etc/skel, subordinate IDs and the `users` group, and
 * `--gecos` as the first of four comma-separated fields; `--system` takes the first free ID from
 * 100, /nonexistent and nologin, and `nogroup` unless `--group`. They work through useradd,
 * groupadd and chfn, so every account file keeps its previous version as `<file>-`.
 */
import { joinPath } from '../../fs/path.ts';
import { walk } from '../../fs/tree.ts';
import { addMember, addSubordinateIds, appendLine, editLine, readAccounts, shadowLine } from '../accounts.ts';
import { type CommandContext, type CommandResult, fail } from '../command.ts';

const VALUED = new Set([
  '--gecos',
  '--comment',
  '--home',
  '--shell',
  '--uid',
  '--gid',
  '--ingroup',
  '--firstuid',
  '--lastuid',
  '--conf',
]);

function options(args: readonly string[]) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) values.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (VALUED.has(arg)) values.set(arg, args[++i] ?? '');
    else if (arg.startsWith('-')) flags.add(arg);
    else operands.push(arg);
  }
  return { values, flags, operands };
}

/** The first ID from `from` up that `used` does not hold (adduser counts up in both ranges). */
function firstFree(used: ReadonlySet<number>, from: number): number {
  let id = from;
  while (used.has(id)) id++;
  return id;
}

function addGroup(context: CommandContext, name: string, gid: number): void {
  appendLine(context.fs, '/etc/group', `${name}:x:${gid}:`, true);
  appendLine(context.fs, '/etc/gshadow', `${name}:!::`, true);
}

export function debianAddgroup(context: CommandContext): CommandResult {
  const { values, flags, operands } = options(context.args);
  const [name, member] = operands;
  if (!name) return fail('addgroup: Only one or two names allowed.', 1);
  const { groups } = readAccounts(context.fs);
  context.fs.write('/run/adduser', '');
  if (member !== undefined) return debianAdduser({ ...context, args: [name, member] });
  if (groups.some((group) => group.name === name))
    return fail(`fatal: The group \`${name}' already exists.`, 1);
  const given = values.get('--gid');
  const used = new Set(groups.map((group) => group.gid));
  addGroup(
    context,
    name,
    given !== undefined ? Number(given) : firstFree(used, flags.has('--system') ? 100 : 1000),
  );
  return { status: 0 };
}

function homeFor(context: CommandContext, home: string, uid: number, gid: number): void {
  const { fs } = context;
  fs.mkdir(home, 0o700);
  fs.update(home, (node) => ({ ...node, uid, gid, mode: 0o700 }));
  const skel = fs.stat('/etc/skel');
  if (skel?.kind === 'dir')
    for (const [path, node] of walk(skel)) fs.put(joinPath(home, path), { ...node, uid, gid });
}

export function debianAdduser(context: CommandContext): CommandResult {
  const { fs } = context;
  const { values, flags, operands } = options(context.args);
  const [name, group] = operands;
  if (!name) return fail('adduser: Only one or two names allowed.', 1);
  const { users, groups } = readAccounts(fs);
  fs.write('/run/adduser', '');
  if (group !== undefined) {
    if (!users.some((user) => user.name === name))
      return fail(`fatal: The user \`${name}' does not exist.`, 1);
    if (!groups.some((entry) => entry.name === group))
      return fail(`fatal: The group \`${group}' does not exist.`, 1);
    addMember(context.fs, group, name);
    return { status: 0 };
  }
  if (users.some((user) => user.name === name)) return fail(`fatal: The user \`${name}' already exists.`, 1);
  const system = flags.has('--system');
  const usedUids = new Set(users.map((user) => user.uid));
  const usedGids = new Set(groups.map((entry) => entry.gid));
  // A user with a group of its own takes the first ID free as both UID and GID (1001 when
  // groupadd took GID 1000: recorded, users-bookworm-adduser-to-group)
  const both = new Set([...usedUids, ...(system || values.has('--ingroup') ? [] : usedGids)]);
  const uid = values.has('--uid') ? Number(values.get('--uid')) : firstFree(both, system ? 100 : 1000);
  let gid: number;
  const ingroup = values.get('--ingroup') ?? values.get('--gid');
  if (ingroup !== undefined) {
    const found = groups.find((entry) => entry.name === ingroup || String(entry.gid) === ingroup);
    if (!found) return fail(`fatal: The group \`${ingroup}' does not exist.`, 1);
    gid = found.gid;
  } else if (system && !flags.has('--group')) {
    gid = groups.find((entry) => entry.name === 'nogroup')?.gid ?? 65534;
  } else {
    gid = system ? firstFree(usedGids, 100) : usedGids.has(uid) ? firstFree(usedGids, 1000) : uid;
    addGroup(context, name, gid);
  }
  const home = values.get('--home') ?? (system ? '/nonexistent' : `/home/${name}`);
  const shell = values.get('--shell') ?? (system ? '/usr/sbin/nologin' : '/bin/bash');
  appendLine(fs, '/etc/passwd', `${name}:x:${uid}:${gid}::${home}:${shell}`, true);
  appendLine(fs, '/etc/shadow', shadowLine(name, system, system ? '*' : '!'), true);
  if (system) return { status: 0 };
  addSubordinateIds(fs, name, uid, false);
  if (!flags.has('--no-create-home')) homeFor(context, home, uid, gid);
  // chfn writes the GECOS field: the full name and three empty fields after it
  const gecos = `${values.get('--gecos') ?? values.get('--comment') ?? ''},,,`;
  editLine(
    fs,
    '/etc/passwd',
    name,
    (line) => line.replace(/^([^:]*:[^:]*:[^:]*:[^:]*:)/, `$1${gecos}`),
    gecos.length,
  );
  if (groups.some((entry) => entry.name === 'users')) addMember(fs, 'users', name);
  return { status: 0 };
}
