/**
 * The contract between the shell interpreter and the commands it runs: each command is a module
 * (commands/<name>.ts) that gets its arguments, the stage's filesystem and environment, and
 * returns an exit status with what it printed.
 */
import { type Gap, type GapKind, gap } from '../certainty.ts';
import { contentIdOf, textFile } from '../fs/content.ts';
import { FsError, makeDirectories, putNode, realDirectoryPath, removePath, updateNode } from '../fs/edit.ts';
import type { LayerEntry } from '../fs/entry.ts';
import { basename, dirname, joinPath, resolveIn } from '../fs/path.ts';
import { applyLayer, type DirNode, lstat, stat, type TreeNode } from '../fs/tree.ts';
import type { Bytes } from './bytes.ts';
import type { Shell, ShellFlavour } from './flavour.ts';

export interface RunUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** What the shell and every command share while a RUN executes. */
export interface ShellState {
  tree: DirNode;
  cwd: string;
  /** Shell variables; `exported` says which ones commands see. */
  readonly variables: Map<string, string>;
  readonly exported: Set<string>;
  readonly user: RunUser;
  readonly options: { errexit: boolean; nounset: boolean; xtrace: boolean; pipefail: boolean };
  /** The file mode creation mask (`umask`): 022 when a RUN starts, as BuildKit's runc sets it. */
  umask: number;
  /** Notes for the step: estimates, things not simulated. */
  readonly notes: string[];
  /** What the simulator could not follow or only estimated in this RUN: the step's certainty. */
  readonly gaps: Gap[];
  /** What commands remember for the rest of this RUN, by command (e.g. apk's virtual packages). */
  readonly memory: Map<string, unknown>;
  /** The targets of the RUN's --mount options: filesystems apart from the layer's (hard links cannot cross). */
  readonly mounts: readonly string[];
}

/** A shell's state at its start: every variable it is given exported, default options, no notes. */
export function freshShellState(
  start: Pick<ShellState, 'tree' | 'cwd' | 'variables' | 'user'> & Partial<Pick<ShellState, 'mounts'>>,
): ShellState {
  return {
    mounts: [],
    ...start,
    exported: new Set(start.variables.keys()),
    options: { errexit: false, nounset: false, xtrace: false, pipefail: false },
    umask: 0o022,
    notes: [],
    gaps: [],
    memory: new Map(),
  };
}

/**
 * Records a gap in what the step's simulation knows: the sentence joins the step's narrative and
 * its certainty (unknown unless the effect is only an estimate).
 */
export function noteGap(
  state: ShellState,
  kind: GapKind,
  text: string,
  level: Gap['level'] = 'unknown',
): void {
  state.notes.push(text);
  state.gaps.push(gap(level, kind, text));
}

export interface CommandResult {
  readonly status: number;
  /** Text, or bytes known by size only (dd, head -c of a device). */
  readonly stdout?: Bytes;
  readonly stderr?: string;
}

export interface CommandContext {
  /** The name it was invoked by (`sh`, `pip3`, a busybox applet's name). */
  readonly name: string;
  /** Where the shell found it, e.g. `/opt/venv/bin/pip`. */
  readonly path: string;
  readonly args: readonly string[];
  /** Standard input as text ('' when it is opaque bytes). */
  readonly stdin: string;
  /** Standard input as it is: text or opaque bytes, for commands that take both (dd, head -c, cat). */
  readonly input: Bytes;
  /** Standard output is a terminal (an interactive shell's last command, not redirected): `ls` prints columns. */
  readonly tty?: boolean;
  readonly state: ShellState;
  readonly fs: FileSystem;
  /** Variables the command sees: the exported ones plus `VAR=value` prefixes. */
  readonly env: ReadonlyMap<string, string>;
  /** The shell running the command: builtins such as echo behave as that shell's do. */
  readonly shell: ShellFlavour;
  /**
   * Runs a script in a child shell (for `sh -c`), sharing the filesystem: the running shell, or
   * `shell` (`bash -c` run from dash is bash).
   */
  /** Runs a child shell over the same filesystem; `args` are its `$1`… (a script file's arguments). */
  readonly script: (
    source: string,
    stdin: string,
    shell?: Shell,
    args?: readonly string[],
  ) => Promise<CommandResult>;
}

export interface CommandModule {
  /** The names it answers to, e.g. `['useradd']`, `['pip', 'pip3']`. */
  readonly names: readonly string[];
  run(context: CommandContext): CommandResult | Promise<CommandResult>;
}

export const ok = (stdout = ''): CommandResult => ({ status: 0, stdout });
export const fail = (stderr: string, status = 1): CommandResult => ({
  status,
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
});

/**
 * The stage's filesystem as commands use it: what it creates is the running user's, with the
 * shell's umask taken from the modes a file (0666) or a directory (0777) is asked for.
 */
export class FileSystem {
  private readonly state: ShellState;
  /** Process substitutions open for the command being run (/dev/fd/63 → what `<(…)` printed). */
  readonly pipes = new Map<string, string>();

  constructor(state: ShellState) {
    this.state = state;
  }

  /** The pipe a `<(…)` path names, read as a file owned by the user (never part of a layer). */
  private pipe(path: string): TreeNode | undefined {
    const content = this.pipes.get(this.resolve(path));
    if (content === undefined) return undefined;
    return textFile(content, { mode: 0o600, uid: this.state.user.uid, gid: this.state.user.gid });
  }

  get tree(): DirNode {
    return this.state.tree;
  }

  resolve(path: string): string {
    return resolveIn(this.state.cwd, path);
  }

  stat(path: string): TreeNode | undefined {
    return this.pipe(path) ?? stat(this.state.tree, this.resolve(path));
  }

  lstat(path: string): TreeNode | undefined {
    return this.pipe(path) ?? lstat(this.state.tree, this.resolve(path));
  }

  /** The file's data: its text where known, else its size and identity; undefined when it is not a file. */
  readBytes(path: string): Bytes | undefined {
    const node = this.stat(path);
    if (node?.kind !== 'file') return undefined;
    return node.content ?? { size: node.size, contentId: contentIdOf(node) };
  }

  /** Writes data, text or opaque, as `write` does text. */
  writeBytes(path: string, data: Bytes): void {
    if (typeof data === 'string') {
      this.write(path, data);
      return;
    }
    this.put(path, { kind: 'file', ...this.fileMeta(path), size: data.size, contentId: data.contentId });
  }

  /** The file's text; undefined when it does not exist or the simulator does not know its content. */
  read(path: string): string | undefined {
    const node = this.stat(path);
    return node?.kind === 'file' ? node.content : undefined;
  }

  /** Writes a file's text: an existing file keeps its mode and owner, a new one gets `mode` (else 0666 less the umask). */
  write(path: string, content: string, mode?: number): void {
    this.put(path, textFile(content, this.fileMeta(path, mode)));
  }

  /** The mode and owner a write gives: an existing file's own, else the user's and `mode` (0666 less the umask). */
  private fileMeta(path: string, mode?: number): { mode: number; uid: number; gid: number } {
    const existing = this.stat(path);
    if (existing?.kind === 'file') return { mode: existing.mode, uid: existing.uid, gid: existing.gid };
    return { mode: mode ?? this.masked(0o666), uid: this.state.user.uid, gid: this.state.user.gid };
  }

  put(path: string, node: TreeNode): void {
    this.state.tree = putNode(this.state.tree, this.resolve(path), node, this.directoryMeta());
  }

  /**
   * Puts many entries at once, as a package manager unpacks a package: each directory they touch
   * is copied once (putting them one by one would copy site-packages for every file).
   */
  putAll(entries: readonly LayerEntry[]): void {
    const parents = new Map<string, string>();
    const rebased = entries.map((entry) => {
      // Package data paths are absolute and clean already; only relative ones need resolving.
      const absolute =
        entry.path.startsWith('/') && !/\/\.{0,2}(\/|$)/.test(entry.path)
          ? entry.path
          : this.resolve(entry.path);
      const parent = dirname(absolute);
      let real = parents.get(parent);
      if (real === undefined) {
        real = realDirectoryPath(this.state.tree, parent);
        parents.set(parent, real);
      }
      return real === parent
        ? { ...entry, path: absolute }
        : { ...entry, path: joinPath(real, basename(absolute)) };
    });
    this.state.tree = applyLayer(this.state.tree, rebased);
  }

  /** Makes a directory and its missing parents; `mode` (else 0777 less the umask) is the last one's only, as mkdir -p -m does. */
  mkdir(path: string, mode?: number): void {
    const resolved = this.resolve(path);
    this.state.tree = makeDirectories(this.state.tree, dirname(resolved), this.directoryMeta());
    this.state.tree = makeDirectories(this.state.tree, resolved, {
      ...this.directoryMeta(),
      mode: mode ?? this.masked(0o777),
    });
  }

  /** Whether the running user may write the file at `path` (root may; a missing file is not refused here). */
  mayWrite(path: string): boolean {
    const node = this.stat(path);
    return node === undefined || this.permits(node, 0o2);
  }

  /** Whether the running user may create or remove entries in the folder that holds `path`. */
  mayChangeIn(path: string): boolean {
    const folder = this.stat(dirname(this.resolve(path)));
    return folder === undefined || this.permits(folder, 0o3);
  }

  /** The owner's, the group's or the others' bits of the mode, as the kernel picks them for the user. */
  private permits(node: TreeNode, wanted: number): boolean {
    const { uid, gid } = this.state.user;
    if (uid === 0) return true;
    const bits = node.uid === uid ? node.mode >> 6 : node.gid === gid ? node.mode >> 3 : node.mode;
    return (bits & wanted) === wanted;
  }

  /** A mode asked for, less the umask: what open(2) and mkdir(2) give. */
  masked(mode: number): number {
    return mode & ~this.state.umask;
  }

  remove(path: string): void {
    this.state.tree = removePath(this.state.tree, this.resolve(path));
  }

  update(path: string, change: (node: TreeNode) => TreeNode): void {
    this.state.tree = updateNode(this.state.tree, this.resolve(path), change);
  }

  private directoryMeta() {
    return { mode: this.masked(0o777), uid: this.state.user.uid, gid: this.state.user.gid };
  }
}

export { FsError };

/** Splits `-abc` style short options from operands; `--` ends options. Long options are kept whole. */
export function splitOptions(args: readonly string[]): {
  flags: Set<string>;
  long: string[];
  operands: string[];
} {
  const flags = new Set<string>();
  const long: string[] = [];
  const operands: string[] = [];
  let done = false;
  for (const arg of args) {
    if (done || arg === '-' || !arg.startsWith('-')) operands.push(arg);
    else if (arg === '--') done = true;
    else if (arg.startsWith('--')) long.push(arg);
    else for (const flag of arg.slice(1)) flags.add(flag);
  }
  return { flags, long, operands };
}
