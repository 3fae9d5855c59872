/**
 * dd: copies `count` blocks of `ibs` (or `bs`) bytes from `if=` (a file, /dev/zero, /dev/urandom,
 * standard input) to `of=` (or standard output), after `skip=` input and `seek=` output blocks,
 * and reports the records on standard error as GNU dd does. Sizes take dd's suffixes (K, M, kB …).
 */
import { dirname } from '../../fs/path.ts';
import {
  type Bytes,
  byteLength,
  concatBytes,
  deviceAt,
  parseByteCount,
  readDevice,
  sliceBytes,
} from '../bytes.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { isBusybox } from './file-info.ts';

interface Operands {
  readonly input?: string;
  readonly output?: string;
  readonly ibs: number;
  readonly obs: number;
  readonly count?: number;
  readonly skip: number;
  readonly seek: number;
  readonly status: string;
  /** conv=notrunc: the output file keeps what lies past the written part. */
  readonly notrunc: boolean;
}

const NUMERIC = new Set(['bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'iseek', 'oseek', 'cbs']);
const OTHER = new Set(['if', 'of', 'status', 'conv', 'iflag', 'oflag']);

function parseOperands(args: readonly string[]): Operands | string {
  const values = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = arg.slice(0, eq);
    if (eq < 1 || !(NUMERIC.has(key) || OTHER.has(key)))
      return `unrecognized operand '${arg}'\nTry 'dd --help' for more information.`;
    values.set(key, arg.slice(eq + 1));
  }
  const numbers = new Map<string, number>();
  for (const [key, value] of values) {
    if (!NUMERIC.has(key)) continue;
    const parsed = parseByteCount(value, true);
    if (parsed === undefined) return `invalid number: '${value}'`;
    numbers.set(key, parsed);
  }
  const bs = numbers.get('bs');
  const count = numbers.get('count');
  const input = values.get('if');
  const output = values.get('of');
  return {
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(count !== undefined ? { count } : {}),
    ibs: bs ?? numbers.get('ibs') ?? 512,
    obs: bs ?? numbers.get('obs') ?? 512,
    skip: numbers.get('skip') ?? numbers.get('iseek') ?? 0,
    seek: numbers.get('seek') ?? numbers.get('oseek') ?? 0,
    status: values.get('status') ?? 'default',
    notrunc: (values.get('conv') ?? '').split(',').includes('notrunc'),
  };
}

/** What dd reads: a device as far as count= goes, a file or standard input from skip=. */
function read(context: CommandContext, operands: Operands): Bytes | { error: string } | undefined {
  const { input, ibs, count, skip } = operands;
  const device = input === undefined ? undefined : deviceAt(context.fs.resolve(input));
  if (device === 'null') return '';
  if (device) {
    if (count === undefined) return undefined;
    return readDevice(device, count * ibs);
  }
  let data: Bytes = context.input;
  if (input !== undefined) {
    const node = context.fs.stat(input);
    if (!node) return { error: `failed to open '${input}': No such file or directory` };
    if (node.kind === 'dir') return { error: `error reading '${input}': Is a directory` };
    data = context.fs.readBytes(input) ?? '';
  }
  const start = skip * ibs;
  return sliceBytes(data, start, count === undefined ? undefined : start + count * ibs);
}

/** The output file after the write: seek= blocks kept (or zeros), then the data, then with notrunc the rest. */
function written(context: CommandContext, operands: Operands, data: Bytes): Bytes {
  const output = operands.output as string;
  const before = context.fs.readBytes(output) ?? '';
  const offset = operands.seek * operands.obs;
  let kept = sliceBytes(before, 0, offset);
  const gap = offset - byteLength(kept);
  if (gap > 0) kept = concatBytes(kept, readDevice('zero', gap));
  const after = operands.notrunc ? sliceBytes(before, offset + byteLength(data)) : '';
  return concatBytes(concatBytes(kept, data), after);
}

function records(size: number, block: number): string {
  return `${Math.floor(size / block)}+${size % block === 0 ? 0 : 1}`;
}

/** A size as coreutils' human_readable writes it: `66 kB`, `1.5 KiB`, `512 B`. */
function human(size: number, base: 1000 | 1024): string {
  const units =
    base === 1000
      ? ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
      : ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = size;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  if (unit === 0) return `${size} B`;
  const tenths = Math.round(value * 10) / 10;
  const text = value < 10 && tenths < 10 ? tenths.toFixed(1) : String(Math.round(value));
  return `${text} ${units[unit]}`;
}

/** The summary dd prints on standard error; the time and speed it ends with are not simulated. */
function summary(context: CommandContext, operands: Operands, size: number): string {
  if (operands.status === 'none') return '';
  const lines = [`${records(size, operands.ibs)} records in`, `${records(size, operands.obs)} records out`];
  if (operands.status !== 'noxfer' && !isBusybox(context)) {
    const si = human(size, 1000);
    lines.push(
      si.endsWith(' B')
        ? `${size} byte${size === 1 ? '' : 's'} copied`
        : `${size} bytes (${si}, ${human(size, 1024)}) copied`,
    );
    context.state.notes.push(
      'dd reports how long the copy took and how fast it was; the simulator leaves those out.',
    );
  }
  return `${lines.join('\n')}\n`;
}

export const dd: CommandModule = {
  names: ['dd'],
  run(context): CommandResult {
    const operands = parseOperands(context.args);
    if (typeof operands === 'string') return fail(`dd: ${operands}`);
    const data = read(context, operands);
    if (data === undefined) {
      noteGap(
        context.state,
        'not-followed',
        `dd ${context.args.join(' ')} reads ${operands.input} without count=, which never ends: not simulated.`,
      );
      return { status: 0 };
    }
    if (typeof data === 'object' && 'error' in data) return fail(`dd: ${data.error}`);
    const { output } = operands;
    if (output === undefined)
      return { status: 0, stdout: data, stderr: summary(context, operands, byteLength(data)) };
    const target = context.fs.stat(output);
    if (target?.kind === 'dir') return fail(`dd: failed to open '${output}': Is a directory`);
    const parent = context.fs.stat(dirname(context.fs.resolve(output)));
    if (parent?.kind !== 'dir') return fail(`dd: failed to open '${output}': No such file or directory`);
    context.fs.writeBytes(output, written(context, operands, data));
    return { status: 0, stderr: summary(context, operands, byteLength(data)) };
  },
};
