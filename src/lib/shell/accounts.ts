/** The account files useradd, groupadd and busybox's adduser/addgroup edit, and their ID rules. */
import { parseGroup, parsePasswd } from '../build/users.ts';
import { contentDigest, contentIdOf } from '../fs/content.ts';
import type { FileSystem } from './command.ts';

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
