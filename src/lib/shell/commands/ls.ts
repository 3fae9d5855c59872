/**
 * ls: lists files as coreutils does, in columns on a terminal and one per line in a pipe. The
 * long format has no dates: the simulator keeps no timestamps, so that column is left out.
 */
import { compareText } from '../../fs/entry.ts';
import { modeString } from '../../fs/mode.ts';
import { joinPath } from '../../fs/path.ts';
import type { TreeNode } from '../../fs/tree.ts';
import { type CommandContext, type CommandModule, type CommandResult, splitOptions } from '../command.ts';
import { badOption, blocksOf, humanSize, listedSize, missing, ownerNames } from './file-info.ts';

const KNOWN = new Set([...'aAlh1dFRSrnCs']);
const LONG: Readonly<Record<string, string>> = {
  '--all': 'a',
  '--almost-all': 'A',
  '--human-readable': 'h',
  '--directory': 'd',
  '--classify': 'F',
  '--recursive': 'R',
  '--reverse': 'r',
  '--numeric-uid-gid': 'n',
  '--size': 's',
};
/** How many directories -R lists at most: a listing of / on a Debian image is thousands. */
const RECURSION_LIMIT = 2000;

interface Entry {
  readonly name: string;
  /** Where it is, for a link's target and a directory's children. */
  readonly path: string;
  readonly node: TreeNode;
}

function classify(entry: Entry): string {
  const { node } = entry;
  if (node.kind === 'dir') return '/';
  if (node.kind === 'symlink') return '@';
  return (node.mode & 0o111) !== 0 ? '*' : '';
}

function longest(texts: readonly string[]): number {
  return texts.reduce((most, text) => Math.max(most, text.length), 0);
}

/** Names in columns, filled top to bottom, as wide as the terminal allows (coreutils' -C). */
export function columns(names: readonly string[], width: number): string {
  if (names.length === 0) return '';
  for (let count = Math.min(names.length, Math.max(1, Math.floor(width / 3))); count > 1; count--) {
    const rows = Math.ceil(names.length / count);
    if (Math.ceil(names.length / rows) < count) continue;
    const widths = Array.from({ length: count }, (_, column) =>
      longest(names.slice(column * rows, column * rows + rows)),
    );
    const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (count - 1);
    if (total > width) continue;
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) {
      const cells: string[] = [];
      for (let column = 0; column < count; column++) {
        const name = names[column * rows + row];
        if (name === undefined) continue;
        const last = column === count - 1 || names[(column + 1) * rows + row] === undefined;
        cells.push(last ? name : name.padEnd((widths[column] as number) + 2));
      }
      lines.push(cells.join(''));
    }
    return `${lines.join('\n')}\n`;
  }
  return `${names.join('\n')}\n`;
}

export const ls: CommandModule = {
  names: ['ls'],
  run(context): CommandResult {
    const { flags, long, operands } = splitOptions(context.args);
    for (const option of long) {
      const flag = LONG[option];
      if (flag) flags.add(flag);
      else if (!option.startsWith('--color')) {
        return {
          status: 2,
          stderr: `ls: unrecognized option '${option}'\nTry 'ls --help' for more information.\n`,
        };
      }
    }
    const unknown = [...flags].find((flag) => !KNOWN.has(flag));
    if (unknown) return { status: 2, stderr: badOption(context, unknown) };
    return new Listing(context, flags).list(operands.length ? operands : ['.']);
  },
};

class Listing {
  private readonly context: CommandContext;
  private readonly flags: ReadonlySet<string>;
  private readonly names: ReturnType<typeof ownerNames>;
  private stdout = '';
  private stderr = '';
  private status = 0;
  private listed = 0;

  constructor(context: CommandContext, flags: ReadonlySet<string>) {
    this.context = context;
    this.flags = flags;
    this.names = ownerNames(context.fs);
  }

  list(operands: readonly string[]): CommandResult {
    const { fs } = this.context;
    // Operands that name links are listed as links in the long format (and with -d, -F), else followed.
    const follow = !this.flags.has('l') && !this.flags.has('d') && !this.flags.has('F');
    const files: Entry[] = [];
    const directories: Entry[] = [];
    for (const operand of operands) {
      const node = follow ? fs.stat(operand) : fs.lstat(operand);
      const followed = node?.kind === 'symlink' ? fs.stat(operand) : node;
      if (!node) {
        this.stderr += missing(this.context, operand);
        this.status = 2;
      } else if (this.flags.has('d') || followed?.kind !== 'dir' || node.kind === 'symlink') {
        files.push({ name: operand, path: fs.resolve(operand), node });
      } else {
        directories.push({ name: operand, path: fs.resolve(operand), node });
      }
    }
    this.print(this.sorted(files), false);
    const headed = operands.length > 1 || this.flags.has('R');
    for (const [index, directory] of this.sorted(directories).entries()) {
      if (files.length > 0 || index > 0) this.stdout += '\n';
      this.directory(directory, headed);
    }
    return { status: this.status, stdout: this.stdout, stderr: this.stderr };
  }

  private directory(directory: Entry, headed: boolean): void {
    if (++this.listed > RECURSION_LIMIT) return;
    if (directory.node.kind !== 'dir') return;
    if (headed) this.stdout += `${directory.name}:\n`;
    const all = this.flags.has('a');
    const hidden = all || this.flags.has('A');
    const children = [...directory.node.children]
      .filter(([name]) => hidden || !name.startsWith('.'))
      .map(([name, node]) => ({ name, path: joinPath(directory.path, name), node }));
    const dots = all
      ? [
          { name: '.', path: directory.path, node: directory.node },
          {
            name: '..',
            path: joinPath(directory.path, '..'),
            node: this.context.fs.stat(joinPath(directory.path, '..')) ?? directory.node,
          },
        ]
      : [];
    const entries = [...dots, ...this.sorted(children)];
    this.print(entries, true);
    if (!this.flags.has('R')) return;
    for (const child of entries) {
      if (child.node.kind !== 'dir' || child.name === '.' || child.name === '..') continue;
      this.stdout += '\n';
      this.directory(
        { ...child, name: directory.name === '/' ? `/${child.name}` : `${directory.name}/${child.name}` },
        true,
      );
    }
  }

  private sorted(entries: Entry[]): Entry[] {
    const bySize = this.flags.has('S');
    const sorted = entries.sort((a, b) =>
      bySize
        ? listedSize(this.context.fs, b.node) - listedSize(this.context.fs, a.node) ||
          compareText(a.name, b.name)
        : compareText(a.name, b.name),
    );
    return this.flags.has('r') ? sorted.reverse() : sorted;
  }

  private print(entries: readonly Entry[], total: boolean): void {
    const { fs } = this.context;
    const human = this.flags.has('h');
    const blocks = (entry: Entry) => {
      const kib = blocksOf(fs, entry.node);
      return human ? humanSize(kib * 1024) : String(kib);
    };
    const shownName = (entry: Entry) => `${entry.name}${this.flags.has('F') ? classify(entry) : ''}`;
    if (this.flags.has('l') || this.flags.has('n')) {
      if (total) {
        const sum = entries.reduce((kib, entry) => kib + blocksOf(fs, entry.node), 0);
        this.stdout += `total ${human ? humanSize(sum * 1024) : sum}\n`;
      }
      this.stdout += this.longFormat(entries, shownName, blocks);
      return;
    }
    const names = entries.map((entry) =>
      this.flags.has('s') ? `${blocks(entry)} ${shownName(entry)}` : shownName(entry),
    );
    if (names.length === 0) return;
    const width =
      Number(this.context.state.variables.get('COLUMNS') ?? this.context.env.get('COLUMNS')) || 80;
    this.stdout += this.context.tty && !this.flags.has('1') ? columns(names, width) : `${names.join('\n')}\n`;
  }

  private longFormat(
    entries: readonly Entry[],
    shownName: (entry: Entry) => string,
    blocks: (entry: Entry) => string,
  ): string {
    const { fs } = this.context;
    const numeric = this.flags.has('n');
    const rows = entries.map((entry) => {
      const { node } = entry;
      const links =
        node.kind === 'dir'
          ? 2 + [...node.children.values()].filter((child) => child.kind === 'dir').length
          : 1;
      const size = listedSize(fs, node);
      return {
        blocks: this.flags.has('s') ? blocks(entry) : '',
        mode: modeString(node.kind === 'hardlink' ? 'file' : node.kind, node.mode),
        links: String(links),
        user: numeric ? String(node.uid) : this.names.user(node.uid),
        group: numeric ? String(node.gid) : this.names.group(node.gid),
        size: this.flags.has('h') ? humanSize(size) : String(size),
        name: node.kind === 'symlink' ? `${shownName(entry)} -> ${node.target}` : shownName(entry),
      };
    });
    const width = (key: 'blocks' | 'links' | 'user' | 'group' | 'size') =>
      longest(rows.map((row) => row[key]));
    const widths = {
      blocks: width('blocks'),
      links: width('links'),
      user: width('user'),
      group: width('group'),
      size: width('size'),
    };
    return rows
      .map(
        (row) =>
          `${row.blocks ? `${row.blocks.padStart(widths.blocks)} ` : ''}${row.mode} ${row.links.padStart(widths.links)} ${row.user.padEnd(widths.user)} ${row.group.padEnd(widths.group)} ${row.size.padStart(widths.size)} ${row.name}\n`,
      )
      .join('');
  }
}
