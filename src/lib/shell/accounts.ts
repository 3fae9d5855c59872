/** The account files useradd, groupadd and busybox's adduser/addgroup edit, and their ID rules. */
import { parseGroup, parsePasswd } from '../build/users.ts';
import { contentDigest, contentIdOf } from '../fs/content.ts';
import type { FileSystem } from './command.ts';

/**
 * Shadow-style options (getopt): those in `withValue` take the rest of the word or the next word
 * (`-u1000`, `-u 1000`), short flags combine (`-aG users` is `-a -G users`), `--name=value`.
 */
export function accountOptions(args: readonly string[], withValue: ReadonlySet<string>) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (withValue.has(arg)) values.set(arg, args[++i] ?? '');
    else if (arg.startsWith('--') && arg.includes('='))
      values.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else if (arg.startsWith('--')) flags.add(arg);
    else if (arg.startsWith('-') && arg.length > 1) {
      for (let at = 1; at < arg.length; at++) {
        const option = `-${arg[at]}`;
        if (!withValue.has(option)) {
          flags.add(option);
          continue;
        }
        values.set(option, at + 1 < arg.length ? arg.slice(at + 1) : (args[++i] ?? ''));
        break;
      }
    } else operands.push(arg);
  }
  return { values, flags, operands };
}

export interface Accounts {
  readonly users: ReturnType<typeof parsePasswd>;
  readonly groups: ReturnType<typeof parseGroup>;
}

export function readAccounts(fs: FileSystem): Accounts {
  return {
    users: parsePasswd(fs.read('/etc/passwd') ?? ''),
    groups: parseGroup(fs.read('/etc/group') ?? ''),
  };
}

/**
 * Appends a line to an account file that exists. Shadow's tools first keep the previous version
 * as `<file>-` (same mode and owner), which lands in the layer too. Where the simulator does not
 * know the file's text (the catalog carries /etc/passwd and /etc/group, not the shadow files),
 * the file grows by the line's bytes and its text stays unknown.
 */
export function appendLine(fs: FileSystem, path: string, line: string, backup = false): void {
  const node = fs.stat(path);
  if (node?.kind !== 'file') return;
  if (backup) fs.put(`${path}-`, node);
  const current = node.content;
  if (current === undefined) {
    const added = new TextEncoder().encode(`${line}\n`).length;
    fs.put(path, {
      ...node,
      size: node.size + added,
      contentId: `${contentIdOf(node)}+${contentDigest(line)}`,
    });
    return;
  }
  fs.write(path, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${line}\n`);
}

/**
 * The ID useradd/groupadd choose: system accounts count down from the top of their range (Debian's
 * SYS_UID_MAX 999), others take the first free ID from 1000, as shadow's defaults do.
 */
export function debianId(used: ReadonlySet<number>, system: boolean): number {
  if (system) {
    for (let id = 999; id >= 100; id--) if (!used.has(id)) return id;
  }
  for (let id = 1000; ; id++) if (!used.has(id)) return id;
}

/** Busybox counts up: system IDs from 100, others from 1000. */
export function busyboxId(used: ReadonlySet<number>, system: boolean): number {
  for (let id = system ? 100 : 1000; ; id++) if (!used.has(id)) return id;
}

/**
 * A shadow entry as Debian's shadow tools write it. The day of the last change is the build's, which
 * the simulator does not know: any day from 1997 to 2243 has five digits, so the size is right.
 */
export function shadowLine(name: string, system: boolean, password = '!'): string {
  const day = '20000';
  return system ? `${name}:${password}:${day}::::::` : `${name}:${password}:${day}:0:99999:7:::`;
}

/** Subordinate IDs (/etc/subuid, /etc/subgid) useradd gives a regular user of UID 1000 to 60000. */
export function addSubordinateIds(fs: FileSystem, name: string, uid: number, system: boolean): void {
  if (system || uid < 1000 || uid > 60000) return;
  for (const path of ['/etc/subuid', '/etc/subgid']) {
    const node = fs.stat(path);
    if (node?.kind !== 'file') continue;
    // 65536 IDs a user, from 100000 on: the first range after the ones already given
    const given = (node.content ?? '').split('\n').filter((line) => line.includes(':')).length;
    appendLine(fs, path, `${name}:${100000 + given * 65536}:65536`, true);
  }
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites the line of `name` in an account file whose text is known; where the simulator does
 * not know the text (the catalog does not carry /etc/gshadow), the file grows by `added` bytes.
 * `backup` keeps the previous version as `<file>-`, once per tool invocation as shadow does.
 */
export function editLine(
  fs: FileSystem,
  path: string,
  name: string,
  edit: (line: string) => string,
  added: number,
  backup = true,
): void {
  const node = fs.stat(path);
  if (node?.kind !== 'file') return;
  if (backup) fs.put(`${path}-`, node);
  if (node.content === undefined) {
    fs.put(path, { ...node, size: node.size + added, contentId: `${path}:${name}:${node.size + added}` });
    return;
  }
  fs.write(path, node.content.replace(new RegExp(`^${escaped(name)}:.*$`, 'm'), edit));
}

/** A group's members as /etc/group lists them (shadow keeps /etc/gshadow's list the same). */
function membersOf(fs: FileSystem, group: string): readonly string[] {
  return readAccounts(fs).groups.find((entry) => entry.name === group)?.members ?? [];
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** Adds `user` to `group`'s member list in /etc/group and /etc/gshadow (gpasswd -a, usermod -aG). */
export function addMember(fs: FileSystem, group: string, user: string, backup = true): void {
  const append = (line: string) => (line.endsWith(':') ? `${line}${user}` : `${line},${user}`);
  const added = byteLength(membersOf(fs, group).length > 0 ? `,${user}` : user);
  editLine(fs, '/etc/group', group, append, added, backup);
  editLine(fs, '/etc/gshadow', group, append, added, backup);
}

/** Takes `user` out of `group`'s member list in /etc/group and /etc/gshadow (usermod -G). */
export function removeMember(fs: FileSystem, group: string, user: string, backup = true): void {
  const members = membersOf(fs, group);
  const without = (line: string) => {
    const fields = line.split(':');
    const last = (fields[3] ?? '').split(',').filter((member) => member !== user && member !== '');
    return [...fields.slice(0, 3), last.join(','), ...fields.slice(4)].join(':');
  };
  const removed = byteLength(members.length > 1 ? `,${user}` : user);
  editLine(fs, '/etc/group', group, without, -removed, backup);
  editLine(fs, '/etc/gshadow', group, without, -removed, backup);
}
