/** Which shell runs a script: dash, busybox ash and bash differ in builtins (echo) and in messages. */
import { basename } from '../fs/path.ts';
import { type DirNode, realpath } from '../fs/tree.ts';

export type ShellFlavour = 'dash' | 'ash' | 'bash';

export interface Shell {
  /** The shell as invoked, e.g. `/bin/sh`, used as the prefix of its messages. */
  readonly path: string;
  readonly flavour: ShellFlavour;
}

/** Which shell a binary is: busybox and ash are ash, bash is bash, anything else (Debian's sh) dash. */
export function shellOf(tree: DirNode, path: string): ShellFlavour {
  const real = basename(realpath(tree, path) ?? path);
  if (real === 'busybox' || real === 'ash') return 'ash';
  if (real.startsWith('bash')) return 'bash';
  return 'dash';
}
