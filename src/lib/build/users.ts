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
 * `--chown=user[:group]` as Docker resolves it: numbers as they are, names through the stage's
 * own files; a user without a group gets the same number as its gid.
 */
export function resolveOwner(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): OwnerResolution {
  const [userPart = '', groupPart] = spec.split(':', 2) as [string, string | undefined];
  const prefix = 'unable to convert uid/gid chown string to host mapping';
  let uid: number;
  if (/^\d+$/.test(userPart)) uid = Number(userPart);
  else {
    const user = parsePasswd(passwd ?? '').find((entry) => entry.name === userPart);
    if (!user)
      return {
        ok: false,
        message: `${prefix}: can't find uid for user ${userPart}: no such user: ${userPart}`,
      };
    uid = user.uid;
  }
  if (groupPart === undefined || groupPart === '') return { ok: true, uid, gid: uid };
  if (/^\d+$/.test(groupPart)) return { ok: true, uid, gid: Number(groupPart) };
  const found = parseGroup(group ?? '').find((entry) => entry.name === groupPart);
  if (!found)
    return {
      ok: false,
      message: `${prefix}: can't find gid for group ${groupPart}: no such group: ${groupPart}`,
    };
  return { ok: true, uid, gid: found.gid };
}
