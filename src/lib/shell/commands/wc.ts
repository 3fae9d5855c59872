/** wc: lines, words and bytes of files or standard input (bytes of the UTF-8 text). */
import { type CommandModule, type CommandResult, splitOptions } from '../command.ts';
import { badOption } from './file-info.ts';

interface Counts {
  readonly lines: number;
  readonly words: number;
  readonly bytes: number;
}

function count(text: string): Counts {
  return {
    lines: text.split('\n').length - 1,
    words: text.split(/\s+/).filter(Boolean).length,
    bytes: new TextEncoder().encode(text).length,
  };
}

export const wc: CommandModule = {
  names: ['wc'],
  run(context): CommandResult {
    const { flags, operands } = splitOptions(context.args);
    const unknown = [...flags].find((flag) => !'lwcm'.includes(flag));
    if (unknown) return { status: 1, stderr: badOption(context, unknown) };
    const chosen = flags.size ? flags : new Set(['l', 'w', 'c']);
    const rows: { counts: Counts; name: string }[] = [];
    let stderr = '';
    for (const operand of operands.length ? operands : ['-']) {
      if (operand === '-') {
        rows.push({ counts: count(context.stdin), name: operands.length ? '-' : '' });
        continue;
      }
      const node = context.fs.stat(operand);
      if (!node) stderr += `wc: ${operand}: No such file or directory\n`;
      else if (node.kind === 'dir') stderr += `wc: ${operand}: Is a directory\n`;
      else if (node.kind === 'file' && node.content !== undefined)
        rows.push({ counts: count(node.content), name: operand });
      else {
        const size = node.kind === 'file' ? node.size : 0;
        context.state.notes.push(`wc ${operand}: the simulator knows this file's size, not its text.`);
        rows.push({ counts: { lines: 0, words: 0, bytes: size }, name: operand });
      }
    }
    if (rows.length > 1)
      rows.push({
        name: 'total',
        counts: rows.reduce(
          (sum, row) => ({
            lines: sum.lines + row.counts.lines,
            words: sum.words + row.counts.words,
            bytes: sum.bytes + row.counts.bytes,
          }),
          { lines: 0, words: 0, bytes: 0 },
        ),
      });
    const columns = (counts: Counts) =>
      [
        chosen.has('l') ? counts.lines : undefined,
        chosen.has('w') ? counts.words : undefined,
        chosen.has('c') || chosen.has('m') ? counts.bytes : undefined,
      ].filter((value): value is number => value !== undefined);
    // One count of standard input prints bare; otherwise coreutils pads to a common width.
    const single = rows.length === 1 && rows[0]?.name === '' && chosen.size === 1;
    const width = single
      ? 0
      : Math.max(...rows.flatMap((row) => columns(row.counts).map((n) => String(n).length)), 1);
    const stdout = rows
      .map((row) =>
        [...columns(row.counts).map((n) => String(n).padStart(width)), ...(row.name ? [row.name] : [])].join(
          ' ',
        ),
      )
      .map((line) => `${line}\n`)
      .join('');
    return { status: stderr ? 1 : 0, stdout, stderr };
  },
};
