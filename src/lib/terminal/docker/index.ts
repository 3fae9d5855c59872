/**
 * The terminal's `docker`: finds the subcommand (`build`, `image ls`, `buildx build` …), reads its
 * flags as the docker CLI does and runs it. Real commands the simulator does not model say so;
 * anything else is answered as Docker answers an unknown command.
 */
import { parseFlags } from '../flags.ts';
import { Output } from '../output.ts';
import { build } from './build.ts';
import {
  commandHelp,
  type DockerCommand,
  type DockerContext,
  type Outcome,
  outcome,
  usageError,
} from './command.ts';
import { history } from './history.ts';
import { images } from './images.ts';
import { inspect } from './inspect.ts';
import { pull } from './pull.ts';
import { run } from './run.ts';
import { ps, rmi, tag } from './tag.ts';

export const COMMANDS: readonly DockerCommand[] = [build, history, images, inspect, ps, pull, rmi, run, tag];

/** Real docker commands outside the simulation: named, so the answer is honest rather than "unknown". */
const REAL_BUT_NOT_SIMULATED = [
  'attach',
  'commit',
  'compose',
  'container',
  'context',
  'cp',
  'create',
  'diff',
  'events',
  'exec',
  'export',
  'image',
  'import',
  'info',
  'kill',
  'load',
  'login',
  'logout',
  'logs',
  'network',
  'pause',
  'port',
  'push',
  'rename',
  'restart',
  'rm',
  'save',
  'scout',
  'search',
  'start',
  'stats',
  'stop',
  'system',
  'top',
  'unpause',
  'update',
  'version',
  'volume',
  'wait',
  'builder',
  'buildx',
];

/** Every way to name a command, by its words: `build`, `image build`, `buildx build` … */
const BY_NAME = new Map<string, DockerCommand>(
  COMMANDS.flatMap((command) =>
    [command.name, ...(command.aliases ?? [])].map((name) => [name, command] as const),
  ),
);

export function topLevelHelp(): Output {
  const rows = COMMANDS.map((command) => `  ${command.name.padEnd(10)}  ${command.summary}`);
  return new Output()
    .out(
      [
        '',
        'Usage:  docker [OPTIONS] COMMAND',
        '',
        'A self-sufficient runtime for containers',
        '',
        'Commands the simulator runs:',
        ...rows,
        '',
        "Run 'docker COMMAND --help' for more information on a command.",
        '',
      ].join('\n'),
    )
    .note(
      'This is a simulated Docker: builds, images and containers come from the course engine, in your browser. Also here: dive IMAGE, clear, help.',
    );
}

export async function docker(args: readonly string[], context: DockerContext): Promise<Outcome> {
  const [first, second] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help')
    return outcome(topLevelHelp());
  if (first === '--version' || first === '-v')
    return outcome(new Output().out('Docker version 28 (simulated)\n'));
  if (first.startsWith('-')) {
    return outcome(
      new Output().err(
        `unknown ${first.startsWith('--') ? `flag: ${first.split('=')[0]}` : `shorthand flag: '${first[1]}' in ${first}`}\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n`,
      ),
      125,
    );
  }
  const pair = second === undefined ? undefined : `${first} ${second}`;
  const command = (pair && BY_NAME.get(pair)) || BY_NAME.get(first);
  if (!command) {
    if (REAL_BUT_NOT_SIMULATED.includes(first)) {
      return outcome(
        new Output()
          .err(`docker ${first}: not simulated\n`)
          .note(
            `docker ${first} is a real command, but the simulator only has: ${COMMANDS.map((c) => c.name).join(', ')}.`,
          ),
        1,
      );
    }
    return outcome(
      new Output().err(
        `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`,
      ),
      1,
    );
  }
  const rest = args.slice(pair && BY_NAME.get(pair) ? 2 : 1);
  const parsed = parseFlags(rest, command.flags, { interspersed: command.interspersed !== false });
  if (!parsed.ok) return usageError(command, parsed.error);
  if (parsed.flags.help) return outcome(commandHelp(command));
  return command.run(parsed.flags, context);
}

/** What tab completion offers after `docker`: the subcommands. */
export function subcommandNames(): string[] {
  return COMMANDS.map((command) => command.name);
}

/** The flags of a subcommand, for tab completion. */
export function flagNames(name: string): string[] {
  const command = BY_NAME.get(name);
  return command ? command.flags.map((flag) => `--${flag.long}`) : [];
}
