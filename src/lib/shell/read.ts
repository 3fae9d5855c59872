/**
 * The `read` builtin: takes one line of the shell's input and splits it into variables on blanks,
 * the last variable keeping the rest of the line. Without `-r` a backslash escapes the next
 * character and a backslash-newline joins lines. At the end of the input it fails (status 1),
 * which ends `while read line` loops.
 */
import { type Bytes, concatBytes } from './bytes.ts';

interface Input {
  stdin: Bytes;
}

/** Reads a line from `io.stdin` (consuming it) into the named variables; status 1 at end of input. */
export function readLine(args: readonly string[], io: Input, variables: Map<string, string>): number {
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-r') raw = true;
    else if (arg === '-p' || arg === '-d' || arg === '-t' || arg === '-n' || arg === '-u') i++;
    else if (!arg.startsWith('-')) names.push(arg);
  }
  if (names.length === 0) names.push('REPLY');
  const text = typeof io.stdin === 'string' ? io.stdin : '';
  if (text === '') {
    for (const name of names) variables.set(name, '');
    return 1;
  }
  let line = '';
  let at = 0;
  let ended = false;
  while (at < text.length) {
    const ch = text[at++] as string;
    if (ch === '\n') {
      ended = true;
      break;
    }
    if (ch === '\\' && !raw) {
      const next = text[at++];
      if (next !== undefined && next !== '\n') line += next;
      continue;
    }
    line += ch;
  }
  io.stdin = concatBytes('', text.slice(at));
  assign(names, line, variables);
  // A last line without a newline is still read, but read reports the end of input.
  return ended ? 0 : 1;
}

function assign(names: readonly string[], line: string, variables: Map<string, string>): void {
  let rest = line.replace(/^[ \t]+/, '');
  names.forEach((name, index) => {
    if (index === names.length - 1) {
      variables.set(name, rest.replace(/[ \t]+$/, ''));
      return;
    }
    const match = /^([^ \t]*)[ \t]*/.exec(rest) as RegExpExecArray;
    variables.set(name, match[1] as string);
    rest = rest.slice(match[0].length);
  });
}
