/**
 * sh, bash, ash, dash: `-c script` runs a child shell of that kind over the same filesystem, and
 * `sh file args…` runs a script file.
 */
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';
import { type Shell, shellOf } from '../flavour.ts';

export const shells: CommandModule = {
  names: ['sh', 'bash', 'ash', 'dash'],
  async run(context) {
    const { name, path, args, stdin, fs, script } = context;
    // `bash -c` run from dash is bash (braces, its echo), and says `bash:` in its messages.
    const shell = { path: name, flavour: shellOf(fs.tree, path) };
    const index = args.findIndex(
      (arg) => arg === '-c' || (/^-[a-z]*c[a-z]*$/.test(arg) && arg.includes('c')),
    );
    if (index === -1) {
      const at = args.findIndex((arg) => !arg.startsWith('-'));
      if (at === -1) return script(stdin, '', shell);
      return runFile(context, shell, args[at] as string, args.slice(at + 1));
    }
    return script(args[index + 1] ?? '', stdin, shell);
  },
};

/**
 * `sh file args…`: runs the file's text with `$0` the file and `$1`… its arguments. A missing
 * file fails in each shell's words (dash and busybox status 2, bash 127).
 */
async function runFile(
  context: CommandContext,
  shell: Shell,
  file: string,
  args: readonly string[],
): Promise<CommandResult> {
  const node = context.fs.stat(file);
  if (node?.kind !== 'file') {
    if (shell.flavour === 'bash') return fail(`${shell.path}: ${file}: No such file or directory`, 127);
    if (shell.flavour === 'ash')
      return fail(`${shell.path}: can't open '${file}': No such file or directory`, 2);
    return fail(`${shell.path}: 0: cannot open ${file}: No such file`, 2);
  }
  if (node.content === undefined) {
    noteGap(
      context.state,
      'not-followed',
      `${shell.path} ${file}: the simulator does not know this script's text, so what it does is not shown.`,
    );
    return { status: 0 };
  }
  return context.script(
    node.content,
    context.stdin,
    { path: file, flavour: shellOf(context.fs.tree, context.path) },
    args,
  );
}
