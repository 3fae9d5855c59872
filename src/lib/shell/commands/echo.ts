/**
 * echo, the shell's builtin: dash's takes only -n and always reads escapes (`echo -e x` prints
 * `-e x`); bash's and busybox ash's take -n, -e and -E and read escapes only with -e.
 */
import { type CommandModule, ok } from '../command.ts';

export function interpretEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|[abefnrtv\\])/g, (_, code: string) => {
    const map: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    return map[code] ?? String.fromCharCode(Number.parseInt(code, 8));
  });
}

export const echo: CommandModule = {
  names: ['echo'],
  run({ args, shell }) {
    const rest = [...args];
    let newline = true;
    const dash = shell === 'dash';
    let escapes = dash;
    while (rest[0] && (dash ? rest[0] === '-n' : /^-[neE]+$/.test(rest[0]))) {
      const option = rest.shift() as string;
      if (option.includes('n')) newline = false;
      if (option.includes('e')) escapes = true;
      if (option.includes('E')) escapes = false;
    }
    const text = rest.join(' ');
    return ok(`${escapes ? interpretEscapes(text) : text}${newline ? '\n' : ''}`);
  },
};
