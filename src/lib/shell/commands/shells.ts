/** sh, bash, ash, dash: `-c script` runs a child shell over the same filesystem. */
import { type CommandModule, fail } from '../command.ts';

export const shells: CommandModule = {
  names: ['sh', 'bash', 'ash', 'dash'],
  async run({ args, stdin, script }) {
    const index = args.findIndex(
      (arg) => arg === '-c' || (/^-[a-z]*c[a-z]*$/.test(arg) && arg.includes('c')),
    );
    if (index === -1) {
      if (args.length === 0) return script(stdin, '');
      return fail(`${args[0]}: running script files is not simulated`, 0);
    }
    return script(args[index + 1] ?? '', stdin);
  },
};
