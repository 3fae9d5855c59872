/** head and tail: the first or last lines of files or standard input (-n N, -N). */
import type { CommandModule, CommandResult } from '../command.ts';
import { isBusybox } from './file-info.ts';

function lineCount(args: readonly string[]): { count: number; operands: string[] } | string {
  let count = 10;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const attached = /^-n(\d+)$/.exec(arg) ?? /^-(\d+)$/.exec(arg);
    if (attached) count = Number(attached[1]);
    else if (arg === '-n') {
      const value = args[++i] ?? '';
      if (!/^\d+$/.test(value)) return `invalid number of lines: '${value}'`;
      count = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') return `option ${arg} is not simulated`;
    else operands.push(arg);
  }
  return { count, operands };
}

function take(text: string, count: number, fromEnd: boolean): string {
  const lines = text.split('\n');
  const trailing = lines.at(-1) === '';
  if (trailing) lines.pop();
  const kept = fromEnd ? lines.slice(Math.max(0, lines.length - count)) : lines.slice(0, count);
  return kept.length === 0 ? '' : `${kept.join('\n')}${trailing || kept.length < lines.length ? '\n' : ''}`;
}

function headOrTail(fromEnd: boolean): CommandModule {
  return {
    names: [fromEnd ? 'tail' : 'head'],
    run(context): CommandResult {
      const parsed = lineCount(context.args);
      if (typeof parsed === 'string') return { status: 1, stderr: `${context.name}: ${parsed}\n` };
      const { count, operands } = parsed;
      let stdout = '';
      let stderr = '';
      const sources = operands.length ? operands : ['-'];
      for (const [index, operand] of sources.entries()) {
        if (sources.length > 1)
          stdout += `${index ? '\n' : ''}==> ${operand === '-' ? 'standard input' : operand} <==\n`;
        if (operand === '-') {
          stdout += take(context.stdin, count, fromEnd);
          continue;
        }
        const node = context.fs.stat(operand);
        if (!node)
          stderr += isBusybox(context)
            ? `${context.name}: ${operand}: No such file or directory\n`
            : `${context.name}: cannot open '${operand}' for reading: No such file or directory\n`;
        else if (node.kind === 'dir')
          stderr += `${context.name}: error reading '${operand}': Is a directory\n`;
        else if (node.kind === 'file' && node.content !== undefined)
          stdout += take(node.content, count, fromEnd);
        else
          context.state.notes.push(
            `${context.name} ${operand}: the simulator does not know this file's text.`,
          );
      }
      return { status: stderr ? 1 : 0, stdout, stderr };
    },
  };
}

export const head = headOrTail(false);
export const tail = headOrTail(true);
