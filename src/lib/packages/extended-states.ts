/**
 * apt's /var/lib/apt/extended_states: a stanza per automatically installed package (Package,
 * Architecture, Auto-Installed: 1, blank line). The images ship it empty, so the simulator keeps
 * its text and autoremove can read which packages apt installed as dependencies.
 */
import type { TreeNode } from '../fs/tree.ts';

export const EXTENDED_STATES = '/var/lib/apt/extended_states';

/** The file's text where it is known: absent or empty is '', a file of unknown content undefined. */
export function statesText(node: TreeNode | undefined): string | undefined {
  if (node === undefined) return '';
  if (node.kind !== 'file') return undefined;
  return node.content ?? (node.size === 0 ? '' : undefined);
}

export function autoInstalled(text: string): Set<string> {
  const names = new Set<string>();
  for (const stanza of text.split(/\n\n+/)) {
    const name = /^Package: (\S+)$/m.exec(stanza)?.[1];
    if (name && /^Auto-Installed: 1$/m.test(stanza)) names.add(name);
  }
  return names;
}

/** The stanza apt writes for an automatically installed package (arch `all` is recorded as amd64). */
export function autoStanza(name: string, arch: string): string {
  return `Package: ${name}\nArchitecture: ${arch === 'all' ? 'amd64' : arch}\nAuto-Installed: 1\n\n`;
}
