/** sh, bash, ash, dash: `-c script` runs a child shell of that kind over the same filesystem. */
import { type CommandModule, fail } from '../command.ts';
import { shellOf } from '../flavour.ts';

export const shells: CommandModule = {
  names: ['sh', 'bash', 'ash', 'dash'],
  async run({ name, path, args, stdin, fs, script }) {
    // `bash -c` run from dash is bash (braces, its echo), and says `bash:` in its messages.
    const shell = { path: name, flavour: shellOf(fs.tree, path) };
    const index = args.findIndex(
      (arg) => arg === '-c' || (/^-[a-z]*c[a-z]*$/.test(arg) && arg.includes('c')),
    );
    if (index === -1) {
      if (args.length === 0) return script(stdin, '', shell);
      return fail(`${args[0]}: running script files is not simulated`, 0);
    }
    return script(args[index + 1] ?? '', stdin, shell);
  },
};
