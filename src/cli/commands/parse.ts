/** `sim parse FILE [--dump | --json]`: the front end on one Dockerfile. */
import {
  type Dockerfile,
  dumpSyntaxTree,
  parseDockerfile,
  parseSyntaxTree,
} from '../../lib/dockerfile/index.ts';
import { type CliCommand, type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE, readInput } from '../command.ts';
import { formatDiagnostic } from '../format-diagnostic.ts';

const USAGE = `Usage: sim parse FILE [--dump | --json]

Parses a Dockerfile as BuildKit does ('-' reads standard input).

  (default)  a summary of the stages and their instructions
  --dump     BuildKit's syntax-tree dump, the format of its parser tests
  --json     the typed stages and instructions, with source ranges, as JSON

Exit status: 0 parsed, 1 the Dockerfile is invalid (the error is on stderr), 2 usage error or unreadable file.
`;

type Format = 'summary' | 'dump' | 'json';

function parseArgs(args: readonly string[]): { file: string; format: Format } | string {
  let file: string | undefined;
  let format: Format = 'summary';
  for (const arg of args) {
    if (arg === '--dump' || arg === '--json') {
      if (format !== 'summary') return '--dump and --json cannot be combined';
      format = arg === '--dump' ? 'dump' : 'json';
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return `unexpected argument ${arg}`;
    }
  }
  return file === undefined ? 'missing FILE' : { file, format };
}

function summary(dockerfile: Dockerfile): string {
  const lines: string[] = [];
  const count = dockerfile.instructions.length;
  lines.push(`${dockerfile.stages.length} stage(s), ${count} instruction(s)`);
  for (const arg of dockerfile.globalArgs)
    lines.push(`global  ${String(arg.startLine).padStart(4)}  ${arg.source.trim()}`);
  for (const stage of dockerfile.stages) {
    const name = stage.name ? ` "${stage.name}"` : '';
    lines.push(
      `stage ${stage.index}${name}: FROM ${stage.from.image.value}${stage.from.platform ? ` (--platform=${stage.from.platform.value})` : ''}`,
    );
    for (const instruction of stage.instructions) {
      lines.push(`  ${String(instruction.startLine).padStart(4)}  ${instruction.source.trim()}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`sim parse: ${parsed}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const source = await readInput(io, 'parse', parsed.file);
  if (source === undefined) return EXIT_USAGE;
  const label = parsed.file === '-' ? '<stdin>' : parsed.file;
  if (parsed.format === 'dump') {
    // The dump is BuildKit's first layer: it accepts what only the typed layer would reject.
    const syntax = parseSyntaxTree(source);
    if (!syntax.ok) {
      io.stderr(formatDiagnostic(label, source, syntax.error));
      return EXIT_INVALID;
    }
    io.stdout(dumpSyntaxTree(syntax.tree));
    return EXIT_OK;
  }
  const result = parseDockerfile(source);
  for (const warning of result.ok ? result.dockerfile.warnings : result.warnings) {
    io.stderr(formatDiagnostic(label, source, warning));
  }
  if (!result.ok) {
    io.stderr(formatDiagnostic(label, source, result.error));
    return EXIT_INVALID;
  }
  io.stdout(
    parsed.format === 'json' ? `${JSON.stringify(result.dockerfile, null, 2)}\n` : summary(result.dockerfile),
  );
  return EXIT_OK;
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'parse a Dockerfile as BuildKit does (summary, --dump or --json)',
  usage: USAGE,
  run,
};
