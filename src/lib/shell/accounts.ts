/** The account files useradd, groupadd and busybox's adduser/addgroup edit, and their ID rules. */
import { parseGroup, parsePasswd } from '../build/users.ts';
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
 * Appends a line to an account file, if the simulator knows the file (it does for every catalog
 * image). Shadow's tools first keep the previous version as `<file>-`, which lands in the layer too.
 */
export function appendLine(fs: FileSystem, path: string, line: string, backup = false): void {
  const current = fs.read(path);
  if (current === undefined) return;
  if (backup) fs.write(`${path}-`, current);
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
