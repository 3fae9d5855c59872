/** chmod and chown: modes (octal or symbolic like u+x, a-w) and owners (names via /etc/passwd), -R. */

import { lookupOwner } from '../../build/users.ts';
import type { TreeNode } from '../../fs/tree.ts';
import { walk } from '../../fs/tree.ts';
import { type CommandContext, type CommandModule, type CommandResult, splitOptions } from '../command.ts';

export function applyMode(mode: number, spec: string): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return Number.parseInt(spec, 8);
  let result = mode;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) return undefined;
    const [, who = '', op, perms = ''] = match;
    const scopes = who === '' || who.includes('a') ? 'ugo' : who;
    let bits = 0;
    for (const scope of scopes) {
      const shift = scope === 'u' ? 6 : scope === 'g' ? 3 : 0;
      for (const perm of perms) {
        if (perm === 'r') bits |= 4 << shift;
        if (perm === 'w') bits |= 2 << shift;
        if (perm === 'x' || (perm === 'X' && (mode & 0o111) !== 0)) bits |= 1 << shift;
      }
      if (perms.includes('s')) bits |= scope === 'u' ? 0o4000 : scope === 'g' ? 0o2000 : 0;
      if (perms.includes('t')) bits |= 0o1000;
    }
    if (op === '+') result |= bits;
    else if (op === '-') result &= ~bits;
    else {
      let mask = 0;
      for (const scope of scopes) mask |= 0o7 << (scope === 'u' ? 6 : scope === 'g' ? 3 : 0);
      result = (result & ~mask) | bits;
    }
  }
  return result;
}

function changeEach(
  context: CommandContext,
  name: string,
  change: (node: TreeNode) => TreeNode,
): CommandResult {
  const { flags, operands } = splitOptions(context.args);
  const [, ...paths] = operands;
  let stderr = '';
  for (const path of paths) {
    const node = context.fs.stat(path);
    if (!node) {
      stderr += `${name}: cannot access '${path}': No such file or directory\n`;
      continue;
    }
    context.fs.update(path, change);
    if (flags.has('R') && node.kind === 'dir') {
      for (const [inner] of walk(node, context.fs.resolve(path))) context.fs.update(inner, change);
    }
  }
  return { status: stderr ? 1 : 0, stderr };
}

export const chmod: CommandModule = {
  names: ['chmod'],
  run(context) {
    const spec = splitOptions(context.args).operands[0] ?? '';
    if (applyMode(0, spec) === undefined) return { status: 1, stderr: `chmod: invalid mode: '${spec}'\n` };
    return changeEach(context, 'chmod', (node) => ({
      ...node,
      mode: applyMode(node.mode, spec) ?? node.mode,
    }));
  },
};

export const chown: CommandModule = {
  names: ['chown'],
  run(context) {
    const spec = splitOptions(context.args).operands[0] ?? '';
    const [user = '', group] = spec.split(/[:.]/, 2);
    const owner = lookupOwner(
      group === undefined ? user : `${user}:${group}`,
      context.fs.read('/etc/passwd'),
      context.fs.read('/etc/group'),
    );
    if (!owner.ok) return { status: 1, stderr: `chown: invalid user: '${spec}'\n` };
    const keepGroup = group === undefined;
    return changeEach(context, 'chown', (node) => ({
      ...node,
      uid: owner.uid,
      gid: keepGroup ? node.gid : owner.gid,
    }));
  },
};
