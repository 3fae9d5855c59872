/** echo: prints its arguments; -n drops the newline, -e (and dash's echo always) reads escapes. */
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
  run({ args }) {
    const rest = [...args];
    let newline = true;
    let escapes = false;
    while (rest[0] && /^-[neE]+$/.test(rest[0])) {
      const option = rest.shift() as string;
      if (option.includes('n')) newline = false;
      if (option.includes('e')) escapes = true;
    }
    const text = rest.join(' ');
    return ok(`${escapes ? interpretEscapes(text) : text}${newline ? '\n' : ''}`);
  },
};
