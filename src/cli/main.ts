/** Dispatches `sim <command>` to a subcommand; each lives in commands/ and works through src/lib. */
import { type CliCommand, type CliIo, EXIT_OK, EXIT_USAGE } from './command.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { imageCommand } from './commands/image.ts';
import { inspectCommand } from './commands/inspect.ts';
import { parseCommand } from './commands/parse.ts';

const COMMANDS: readonly CliCommand[] = [
  parseCommand,
  checkCommand,
  buildCommand,
  imageCommand,
  inspectCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: sim <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'sim <command> --help' for a command's options.\n`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(`sim: unknown command '${name}'\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return EXIT_OK;
  }
  return command.run(rest, io);
}
