/**
 * head and tail: the first or last lines (-n N, -N) or bytes (-c N, with K, M, kB … suffixes) of
 * files or standard input. head -c reads /dev/zero and /dev/urandom as real head does, by count.
 */
import {
  type Bytes,
  byteLength,
  concatBytes,
  deviceAt,
  parseByteCount,
  readDevice,
  sliceBytes,
} from '../bytes.ts';
import { type CommandContext, type CommandModule, type CommandResult, noteGap } from '../command.ts';
import { isBusybox } from './file-info.ts';

interface Count {
  readonly unit: 'lines' | 'bytes';
  readonly count: number;
  /** head -c -N / -n -N: all but the last N. */
  readonly allBut: boolean;
  /** tail -n +N / -c +N: from the Nth on. */
  readonly from: boolean;
}

function parseCount(args: readonly string[], name: string): { count: Count; operands: string[] } | string {
  let count: Count = { unit: 'lines', count: 10, allBut: false, from: false };
  const operands: string[] = [];
  const set = (unit: Count['unit'], value: string): string | undefined => {
    const allBut = name === 'head' && value.startsWith('-');
    const from = name === 'tail' && value.startsWith('+');
    const parsed = parseByteCount(value.replace(/^[-+]/, ''));
    if (parsed === undefined) return `invalid number of ${unit}: '${value}'`;
    count = { unit, count: parsed, allBut, from };
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const attached = /^-([nc])(.+)$/.exec(arg) ?? /^--(lines|bytes)=(.*)$/.exec(arg);
    const bare = /^-(\d+)$/.exec(arg);
    let problem: string | undefined;
    if (attached)
      problem = set(
        attached[1]?.startsWith('c') || attached[1] === 'bytes' ? 'bytes' : 'lines',
        attached[2] as string,
      );
    else if (bare) count = { unit: 'lines', count: Number(bare[1]), allBut: false, from: false };
    else if (arg === '-n' || arg === '-c' || arg === '--lines' || arg === '--bytes')
      problem = set(arg.includes('c') || arg === '--bytes' ? 'bytes' : 'lines', args[++i] ?? '');
    else if (arg.startsWith('-') && arg !== '-') return `option ${arg} is not simulated`;
    else operands.push(arg);
    if (problem) return problem;
  }
  return { count, operands };
}

function takeLines(text: string, { count, allBut, from }: Count, fromEnd: boolean): string {
  const lines = text.split('\n');
  const trailing = lines.at(-1) === '';
  if (trailing) lines.pop();
  const kept = from
    ? lines.slice(Math.max(0, count - 1))
    : fromEnd
      ? lines.slice(Math.max(0, lines.length - count))
      : lines.slice(0, allBut ? Math.max(0, lines.length - count) : count);
  return kept.length === 0 ? '' : `${kept.join('\n')}${trailing || kept.length < lines.length ? '\n' : ''}`;
}

function takeBytes(data: Bytes, { count, allBut, from }: Count, fromEnd: boolean): Bytes {
  const size = byteLength(data);
  if (from) return sliceBytes(data, Math.max(0, count - 1));
  if (fromEnd) return sliceBytes(data, Math.max(0, size - count));
  return allBut ? sliceBytes(data, 0, Math.max(0, size - count)) : sliceBytes(data, 0, count);
}

/** One operand's part, or an error line; an endless device is read only as far as head -c needs. */
function part(
  context: CommandContext,
  operand: string,
  count: Count,
  fromEnd: boolean,
): Bytes | { error: string } {
  if (operand === '-')
    return count.unit === 'bytes'
      ? takeBytes(context.input, count, fromEnd)
      : takeLines(context.stdin, count, fromEnd);
  const device = deviceAt(context.fs.resolve(operand));
  if (device && device !== 'null') {
    if (count.unit === 'bytes' && !fromEnd && !count.allBut) return readDevice(device, count.count);
    noteGap(
      context.state,
      'not-followed',
      `${context.name} ${context.args.join(' ')} reads ${operand} without end: not simulated.`,
    );
    return '';
  }
  const node = context.fs.stat(operand);
  if (!node)
    return {
      error: isBusybox(context)
        ? `${context.name}: ${operand}: No such file or directory`
        : `${context.name}: cannot open '${operand}' for reading: No such file or directory`,
    };
  if (node.kind === 'dir') return { error: `${context.name}: error reading '${operand}': Is a directory` };
  const data = context.fs.readBytes(operand) ?? '';
  if (count.unit === 'bytes') return takeBytes(data, count, fromEnd);
  if (typeof data !== 'string') {
    context.state.notes.push(`${context.name} ${operand}: the simulator does not know this file's text.`);
    return '';
  }
  return takeLines(data, count, fromEnd);
}

function headOrTail(fromEnd: boolean): CommandModule {
  return {
    names: [fromEnd ? 'tail' : 'head'],
    run(context): CommandResult {
      const parsed = parseCount(context.args, context.name);
      if (typeof parsed === 'string') return { status: 1, stderr: `${context.name}: ${parsed}\n` };
      const { count, operands } = parsed;
      let stdout: Bytes = '';
      let stderr = '';
      const sources = operands.length ? operands : ['-'];
      for (const [index, operand] of sources.entries()) {
        if (sources.length > 1)
          stdout = concatBytes(
            stdout,
            `${index ? '\n' : ''}==> ${operand === '-' ? 'standard input' : operand} <==\n`,
          );
        const got = part(context, operand, count, fromEnd);
        if (typeof got === 'object' && 'error' in got) stderr += `${got.error}\n`;
        else stdout = concatBytes(stdout, got);
      }
      return { status: stderr ? 1 : 0, stdout, stderr };
    },
  };
}

export const head = headOrTail(false);
export const tail = headOrTail(true);
