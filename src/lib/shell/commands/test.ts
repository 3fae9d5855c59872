/** test and [: file tests, string and integer comparisons, !, -a and -o. */
import type { CommandContext, CommandModule, CommandResult } from '../command.ts';

function unary(op: string, operand: string, context: CommandContext): boolean | undefined {
  const node = op === '-L' || op === '-h' ? context.fs.lstat(operand) : context.fs.stat(operand);
  switch (op) {
    case '-e':
      return node !== undefined;
    case '-f':
      return node?.kind === 'file' || node?.kind === 'hardlink';
    case '-d':
      return node?.kind === 'dir';
    case '-L':
    case '-h':
      return node?.kind === 'symlink';
    case '-x':
      return node !== undefined && (node.mode & 0o111) !== 0;
    case '-r':
    case '-w':
      return node !== undefined;
    case '-s':
      return node?.kind === 'file' && node.size > 0;
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    default:
      return undefined;
  }
}

function binary(left: string, op: string, right: string): boolean | undefined {
  const numbers = [Number.parseInt(left, 10), Number.parseInt(right, 10)] as const;
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '-eq':
      return numbers[0] === numbers[1];
    case '-ne':
      return numbers[0] !== numbers[1];
    case '-lt':
      return numbers[0] < numbers[1];
    case '-le':
      return numbers[0] <= numbers[1];
    case '-gt':
      return numbers[0] > numbers[1];
    case '-ge':
      return numbers[0] >= numbers[1];
    default:
      return undefined;
  }
}

function evaluate(args: readonly string[], context: CommandContext): boolean | undefined {
  const orAt = args.indexOf('-o');
  if (orAt > 0)
    return (
      (evaluate(args.slice(0, orAt), context) ?? false) || (evaluate(args.slice(orAt + 1), context) ?? false)
    );
  const andAt = args.indexOf('-a');
  if (andAt > 0)
    return (
      (evaluate(args.slice(0, andAt), context) ?? false) &&
      (evaluate(args.slice(andAt + 1), context) ?? false)
    );
  if (args[0] === '!') {
    const inner = evaluate(args.slice(1), context);
    return inner === undefined ? undefined : !inner;
  }
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) return unary(args[0] as string, args[1] as string, context);
  if (args.length === 3) return binary(args[0] as string, args[1] as string, args[2] as string);
  return undefined;
}

export const test: CommandModule = {
  names: ['test', '['],
  run(context): CommandResult {
    let args = [...context.args];
    if (context.name === '[') {
      if (args.at(-1) !== ']') return { status: 2, stderr: '[: missing ]\n' };
      args = args.slice(0, -1);
    }
    const result = evaluate(args, context);
    if (result === undefined)
      return { status: 2, stderr: `${context.name}: ${args.join(' ')}: unexpected operator\n` };
    return { status: result ? 0 : 1 };
  },
};
