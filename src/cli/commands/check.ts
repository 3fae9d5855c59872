/** `sim check FILE [--build-arg K=V]... [--json]`: the command-line twin of `docker build --check`. */
import { dirname, join } from 'node:path';
import { parseDockerfile, resolveStages } from '../../lib/dockerfile/index.ts';
import { type Catalog, imageConfigLookup } from '../../lib/images/catalog.ts';
import { checkDockerfile } from '../../lib/rules/check.ts';
import { checkReportText } from '../../lib/terminal/progress.ts';
import { type CliCommand, type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE, readInput } from '../command.ts';
import { nodeCatalog } from '../node-catalog.ts';

const USAGE = `Usage: sim check FILE [--build-arg K=V]... [--json]

Runs the build checks on a Dockerfile as \`docker build --check\` does: BuildKit's checks under their
own names, and this course's rules under rule/… codes. The file's \`# check=\` directive (skip=…,
error=true, experimental=…) and \`# check=skip=…\` comments above instructions apply; the
build argument BUILDKIT_DOCKERFILE_CHECK replaces the directive. A .dockerignore next to FILE
(FILE.dockerignore first) is read for CopyIgnoredFile.

  --build-arg K=V    set a build argument (repeatable)
  --json             {"warnings":[{"rule","line","message","url"}],"error":null|{"message","line"}}

Exit status: 0 checked, 1 a check is configured as an error or the Dockerfile does not parse,
2 usage error or unreadable file.
`;

interface Options {
  readonly file: string;
  readonly buildArgs: Record<string, string>;
  readonly json: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  let file: string | undefined;
  let json = false;
  const buildArgs: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--build-arg' || arg.startsWith('--build-arg=')) {
      const value = arg === '--build-arg' ? args[++i] : arg.slice('--build-arg='.length);
      if (value === undefined || !value.includes('=')) return '--build-arg needs KEY=VALUE';
      buildArgs[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${arg}`;
  }
  return file === undefined ? 'missing FILE' : { file, buildArgs, json };
}

/** Docker reads `<Dockerfile>.dockerignore` before the context's `.dockerignore`. */
async function readDockerignore(io: CliIo, file: string): Promise<string | undefined> {
  if (file === '-') return undefined;
  for (const path of [`${file}.dockerignore`, join(dirname(file), '.dockerignore')]) {
    try {
      return await io.readFile(path);
    } catch {
      // Absent: try the next place; no .dockerignore at all is the common case.
    }
  }
  return undefined;
}

/** The tag histories of the bases the stages name, so that the checks can read their platforms. */
async function loadBaseHistories(catalog: Catalog, text: string, buildArgs: Record<string, string>) {
  const parsed = parseDockerfile(text);
  const stages = parsed.ok ? resolveStages(parsed.dockerfile, new Map(Object.entries(buildArgs))) : undefined;
  if (!stages?.ok) return;
  for (const stage of stages.value) if (stage.base.kind === 'image') await catalog.lookup(stage.reference);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr(`sim check: ${options}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const text = await readInput(io, 'check', options.file);
  if (text === undefined) return EXIT_USAGE;
  const dockerignore = await readDockerignore(io, options.file);
  const catalog = await nodeCatalog();
  await loadBaseHistories(catalog, text, options.buildArgs);
  const report = checkDockerfile({
    text,
    buildArgs: options.buildArgs,
    imageConfig: imageConfigLookup(catalog),
    imagePlatforms: (reference) => catalog.platforms(reference),
    ...(dockerignore === undefined ? {} : { dockerignore }),
  });
  const label = options.file === '-' ? 'Dockerfile' : options.file;
  io.stdout(options.json ? `${JSON.stringify(report)}\n` : checkReportText(label, text, report));
  return report.error === null ? EXIT_OK : EXIT_INVALID;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'run the build checks on a Dockerfile, as docker build --check does',
  usage: USAGE,
  run,
};
