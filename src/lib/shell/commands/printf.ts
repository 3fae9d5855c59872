/** printf: the format directives scripts use (%s %d %b %%), reused until the arguments run out. */
import { type CommandModule, fail, ok } from '../command.ts';
import { interpretEscapes } from './echo.ts';

export const printf: CommandModule = {
  names: ['printf'],
  run({ args }) {
    const [format, ...values] = args;
    if (format === undefined) return fail('printf: usage: printf format [arguments]', 2);
    let out = '';
    let index = 0;
    do {
      out += interpretEscapes(format).replace(
        /%([-0-9.]*)([sdib%])/g,
        (_, _width: string, directive: string) => {
          if (directive === '%') return '%';
          const value = values[index++] ?? '';
          if (directive === 'd' || directive === 'i') return String(Number.parseInt(value, 10) || 0);
          return directive === 'b' ? interpretEscapes(value) : value;
        },
      );
    } while (index < values.length && /%[-0-9.]*[sdib]/.test(format));
    return ok(out);
  },
};
