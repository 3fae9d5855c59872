/**
 * curl, wget and git clone: the network is not simulated, so what they fetch is a file (or a
 * directory) of unknown content, and the step says the size is unknown instead of hiding it.
 */
import { basename, joinPath } from '../../fs/path.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';

function unknownFile(context: CommandContext, path: string, url: string): void {
  const { uid, gid } = context.state.user;
  context.fs.put(path, { kind: 'file', mode: 0o644, uid, gid, size: 0, contentId: `url:${url}` });
  noteGap(
    context.state,
    'no-data',
    `${context.name} fetched ${url} into ${context.fs.resolve(path)}; the simulator has no network, so its size is unknown (counted as 0).`,
  );
}

function urlIn(args: readonly string[]): string | undefined {
  return args.find((arg) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg));
}

function curl(context: CommandContext): CommandResult {
  const { args } = context;
  const url = urlIn(args);
  if (!url) return fail('curl: no URL specified!', 2);
  const output =
    args.indexOf('-o') !== -1
      ? args[args.indexOf('-o') + 1]
      : args.find((arg) => arg.startsWith('--output='))?.slice(9);
  const remoteName = args.some((arg) => arg === '-O' || arg === '--remote-name' || /^-[a-zA-Z]*O/.test(arg));
  if (output === undefined && !remoteName) {
    context.state.notes.push(`curl printed ${url} to standard output; its content is not simulated.`);
    return { status: 0 };
  }
  unknownFile(context, output ?? basename(new URL(url).pathname) ?? 'index.html', url);
  return { status: 0 };
}

function wget(context: CommandContext): CommandResult {
  const { args } = context;
  const url = urlIn(args);
  if (!url) return fail('wget: missing URL', 1);
  const flag = args.indexOf('-O');
  const output =
    flag !== -1 ? args[flag + 1] : args.find((arg) => arg.startsWith('-O') && arg.length > 2)?.slice(2);
  if (output === '-') {
    context.state.notes.push(`wget printed ${url} to standard output; its content is not simulated.`);
    return { status: 0 };
  }
  unknownFile(context, output ?? (basename(new URL(url).pathname) || 'index.html'), url);
  return { status: 0 };
}

function git(context: CommandContext): CommandResult {
  const [sub, ...rest] = context.args;
  if (sub !== 'clone') {
    noteGap(context.state, 'not-followed', `git ${sub ?? ''} is not simulated.`);
    return { status: 0 };
  }
  const operands = rest.filter(
    (arg, index) => !arg.startsWith('-') && !['--depth', '-b', '--branch'].includes(rest[index - 1] ?? ''),
  );
  const [url, dir] = operands;
  if (!url) return fail('fatal: You must specify a repository to clone.', 129);
  const target = dir ?? basename(url).replace(/\.git$/, '');
  context.fs.mkdir(joinPath(target, '.git'));
  noteGap(
    context.state,
    'no-data',
    `git clone of ${url} into ${context.fs.resolve(target)}: the repository's files and its .git history are not simulated (size unknown).`,
  );
  return { status: 0 };
}

export const fetchers: readonly CommandModule[] = [
  { names: ['curl'], run: curl },
  { names: ['wget'], run: wget },
  { names: ['git'], run: git },
];
