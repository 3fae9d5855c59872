/**
 * du: disk usage in 1 KiB blocks, each file rounded up to whole 4 KiB blocks and each hard-linked
 * file counted once, as on a real filesystem. That is why `du -sh /` says more than
 * `docker images`, which counts the bytes in the layers.
 */
import { compareText } from '../../fs/entry.ts';
import type { TreeNode } from '../../fs/tree.ts';
import { type CommandContext, type CommandModule, type CommandResult, splitOptions } from '../command.ts';
import { badOption, blocksOf, humanSize, missing } from './file-info.ts';

const KNOWN = new Set([...'shacdkmx']);

interface Options {
  readonly human: boolean;
  readonly all: boolean;
  readonly maxDepth: number;
  readonly unit: number;
}

export const du: CommandModule = {
  names: ['du'],
  run(context): CommandResult {
    const args = [...context.args];
    // -d N takes a separate argument; splitOptions would read N as an operand.
    let maxDepth = Number.POSITIVE_INFINITY;
    const depthAt = args.findIndex((arg) => arg === '-d' || arg === '--max-depth');
    if (depthAt !== -1) {
      maxDepth = Number(args[depthAt + 1]);
      args.splice(depthAt, 2);
    }
    const { flags, long, operands } = splitOptions(args);
    for (const option of long) {
      const depth = /^--max-depth=(\d+)$/.exec(option);
      if (depth) maxDepth = Number(depth[1]);
      else if (option === '--summarize') flags.add('s');
      else if (option === '--human-readable') flags.add('h');
      else if (option === '--all') flags.add('a');
      else if (option === '--total') flags.add('c');
      else
        return {
          status: 1,
          stderr: `du: unrecognized option '${option}'\nTry 'du --help' for more information.\n`,
        };
    }
    const unknown = [...flags].find((flag) => !KNOWN.has(flag));
    if (unknown) return { status: 1, stderr: badOption(context, unknown) };
    if (Number.isNaN(maxDepth)) return { status: 1, stderr: `du: invalid maximum depth\n` };
    const options: Options = {
      human: flags.has('h'),
      all: flags.has('a'),
      maxDepth: flags.has('s') ? 0 : maxDepth,
      unit: flags.has('m') ? 1024 : 1,
    };
    let stdout = '';
    let stderr = '';
    let total = 0;
    const counted = new Set<string>();
    for (const operand of operands.length ? operands : ['.']) {
      const node = context.fs.lstat(operand);
      if (!node) {
        stderr += missing(context, operand);
        continue;
      }
      const lines: string[] = [];
      const size = usage(context, node, operand, 0, options, counted, lines);
      total += size;
      stdout += lines.join('');
    }
    if (flags.has('c')) stdout += `${shown(total, options)}\ttotal\n`;
    return { status: stderr ? 1 : 0, stdout, stderr };
  },
};

function shown(kib: number, options: Options): string {
  return options.human ? humanSize(kib * 1024) : String(Math.ceil(kib / options.unit));
}

/** The blocks under a path, printing each directory (and with -a each file) within the depth. */
function usage(
  context: CommandContext,
  node: TreeNode,
  path: string,
  depth: number,
  options: Options,
  counted: Set<string>,
  lines: string[],
): number {
  let kib: number;
  if (node.kind === 'hardlink') {
    kib = counted.has(node.target) ? 0 : blocksOf(context.fs, node);
    counted.add(node.target);
  } else kib = blocksOf(context.fs, node);
  if (node.kind === 'dir') {
    for (const name of [...node.children.keys()].sort(compareText)) {
      const child = node.children.get(name) as TreeNode;
      kib += usage(
        context,
        child,
        path.endsWith('/') ? `${path}${name}` : `${path}/${name}`,
        depth + 1,
        options,
        counted,
        lines,
      );
    }
  }
  if (depth <= options.maxDepth && (node.kind === 'dir' || options.all || depth === 0))
    lines.push(`${shown(kib, options)}\t${path}\n`);
  return kib;
}
