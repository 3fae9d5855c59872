/** Users and groups as the image's own /etc/passwd and /etc/group define them. */

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export function parsePasswd(text: string): PasswdEntry[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.split(':');
    if (fields.length < 7 || line.startsWith('#')) return [];
    const [name = '', , uid = '', gid = '', , home = '', shell = ''] = fields;
    if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return [];
    return [{ name, uid: Number(uid), gid: Number(gid), home, shell }];
  });
}

export function parseGroup(text: string): GroupEntry[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.split(':');
    if (fields.length < 4 || line.startsWith('#')) return [];
    const [name = '', , gid = '', members = ''] = fields;
    if (!/^\d+$/.test(gid)) return [];
    return [{ name, gid: Number(gid), members: members === '' ? [] : members.split(',') }];
  });
}

export type OwnerResolution =
  | { readonly ok: true; readonly uid: number; readonly gid: number }
  | { readonly ok: false; readonly message: string };

/**
 * `--chown=user[:group]` (and the owner of what WORKDIR creates after USER) as BuildKit resolves
 * it, recorded against real builds: a number as it is, with the same number as its group; a name
 * through the stage's /etc/passwd, with that user's primary group; a name the file does not list
 * as 0 (root), silently; an empty user (`:50`) as root. Without an /etc/passwd (scratch) a name is
 * an error.
 */
export function resolveOwner(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): OwnerResolution {
  const [userPart = '', groupPart] = spec.split(':', 2) as [string, string | undefined];
  let uid = 0;
  let gid = 0;
  if (/^\d+$/.test(userPart)) {
    uid = Number(userPart);
    gid = uid;
  } else if (userPart !== '') {
    if (passwd === undefined) return { ok: false, message: 'invalid user index: -1' };
    const user = parsePasswd(passwd).find((entry) => entry.name === userPart);
    uid = user?.uid ?? 0;
    gid = user?.gid ?? 0;
  }
  if (groupPart === undefined || groupPart === '') return { ok: true, uid, gid };
  if (/^\d+$/.test(groupPart)) return { ok: true, uid, gid: Number(groupPart) };
  if (group === undefined) return { ok: false, message: 'invalid group index: -1' };
  return { ok: true, uid, gid: parseGroup(group).find((entry) => entry.name === groupPart)?.gid ?? 0 };
}

/** `chown user[:group]` in a shell: every name must exist (else `invalid user`); a number stands as it is. */
export function lookupOwner(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): OwnerResolution {
  const [userPart = '', groupPart] = spec.split(':', 2) as [string, string | undefined];
  const user = /^\d+$/.test(userPart)
    ? { uid: Number(userPart), gid: Number(userPart) }
    : parsePasswd(passwd ?? '').find((entry) => entry.name === userPart);
  if (userPart !== '' && !user) return { ok: false, message: `invalid user: ${userPart}` };
  const named = groupPart === undefined || groupPart === '' ? undefined : groupPart;
  const found =
    named === undefined
      ? undefined
      : /^\d+$/.test(named)
        ? { gid: Number(named) }
        : parseGroup(group ?? '').find((entry) => entry.name === named);
  if (named !== undefined && !found) return { ok: false, message: `invalid group: ${named}` };
  return { ok: true, uid: user?.uid ?? 0, gid: found?.gid ?? user?.gid ?? 0 };
}
