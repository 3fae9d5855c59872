/**
 * `docker build [-t name] [--target stage] [--build-arg k=v] [--no-cache] [--check] .` on the
 * editor's files, printed as BuildKit's plain progress. Builds share the terminal's own layer
 * cache, so building again after an edit shows which steps come from the cache.
 */
import { targetStage } from '../../analysis/analyze.ts';
import type { BuildContext } from '../../build/context.ts';
import { simulateBuild } from '../../build/simulate.ts';
import { solveError } from '../../build/solve-error.ts';
import { cleanPath } from '../../fs/path.ts';
import { buildkitOnly, checkDockerfile, LINT_VIOLATION } from '../../rules/check.ts';
import { lint } from '../../rules/index.ts';
import { lastValue } from '../flags.ts';
import { checkReference, simulatedDigest } from '../images.ts';
import { Output } from '../output.ts';
import { printCheck, printProgress } from '../progress.ts';
import { type DockerCommand, outcome, usageError } from './command.ts';

const utf8 = new TextEncoder();

function bytesOf(text: string): number {
  return utf8.encode(text).length;
}

function fileText(context: BuildContext, path: string): string | undefined {
  const wanted = cleanPath(path).replace(/^\/+/, '');
  return context.files.find((file) => cleanPath(file.path).replace(/^\/+/, '') === wanted)?.content;
}

export const build: DockerCommand = {
  name: 'build',
  aliases: ['image build', 'builder build', 'buildx build'],
  usage: 'docker buildx build [OPTIONS] PATH | URL | -',
  summary: 'Start a build',
  buildx: true,
  flags: [
    { long: 'tag', short: 't', value: true, help: 'Name and optionally a tag (format: "name:tag")' },
    { long: 'target', value: true, help: 'Set the target build stage to build' },
    { long: 'build-arg', value: true, help: 'Set build-time variables' },
    { long: 'file', short: 'f', value: true, help: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
    { long: 'no-cache', help: 'Do not use cache when building the image' },
    { long: 'check', help: 'Shorthand for "--call=check": run the build checks, build nothing' },
    { long: 'quiet', short: 'q', help: 'Suppress the build output and print image ID on success' },
    { long: 'progress', value: true, help: 'Set type of progress output (the simulator prints "plain")' },
    { long: 'pull', help: 'Always attempt to pull all referenced images' },
    { long: 'platform', value: true, help: 'Set target platform for build (only linux/amd64)' },
  ],
  async run(flags, context) {
    const [path, ...extra] = flags.positionals;
    if (path === undefined || extra.length > 0)
      return usageError(build, `"docker buildx build" requires exactly 1 argument.`);
    const output = new Output();
    if (!['.', './'].includes(path)) {
      output.err(`ERROR: unable to prepare context: path "${path}" not found\n`);
      output.note('The simulated build context is the editor\'s files, so the context path is always ".".');
      return outcome(output, 1);
    }
    const names: string[] = [];
    for (const tag of flags.values.get('tag') ?? []) {
      const checked = checkReference(tag);
      if (!checked.ok) {
        output.err(
          `ERROR: invalid tag "${tag}": ${checked.reason === 'lowercase' ? 'repository name must be lowercase' : 'invalid reference format'}\n`,
        );
        return outcome(output, 1);
      }
      names.push(tag);
    }
    const platform = lastValue(flags, 'platform');
    if (platform && platform !== 'linux/amd64')
      output.note(`Only linux/amd64 is simulated: building for it instead of ${platform}.`);
    const buildArgs: Record<string, string> = {};
    for (const pair of flags.values.get('build-arg') ?? []) {
      const eq = pair.indexOf('=');
      if (eq > 0) buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const dockerfileName = lastValue(flags, 'file') ?? 'Dockerfile';
    const dockerfile = fileText(context.context, dockerfileName);
    if (dockerfile === undefined) {
      output.err(
        `ERROR: failed to solve: failed to read dockerfile: open ${dockerfileName}: no such file or directory\n`,
      );
      return outcome(output, 1);
    }
    const target = lastValue(flags, 'target');
    const result = await simulateBuild({
      dockerfile,
      context: context.context,
      catalog: await context.catalog(),
      ...(target ? { target } : {}),
      buildArgs,
      ...(context.packages ? { packages: context.packages } : {}),
      ...(context.cache && !flags.booleans.has('no-cache') ? { cache: context.cache } : {}),
    });
    if (context.cancelled())
      return outcome(output.err('ERROR: failed to solve: Canceled: context canceled\n'), 1);
    // A failed build's steps are cached too, as BuildKit keeps what it finished.
    context.cache = result.cache;
    const checks = result.dockerfile
      ? lint({ dockerfile: result.dockerfile, text: dockerfile, build: result })
      : [];
    const stage = targetStage(result);
    const imageId =
      result.ok && stage?.built && stage.tree
        ? simulatedDigest(
            JSON.stringify({
              dockerfile,
              target: result.target,
              buildArgs,
              files: context.context.files.map((file) => [file.path, file.content ?? file.size ?? 0]),
            }),
          )
        : undefined;
    const ignore = fileText(context.context, '.dockerignore');
    const progress = {
      result,
      dockerfileName,
      dockerfileBytes: bytesOf(dockerfile),
      contextBytes: context.context.files
        .filter((file) => cleanPath(file.path) !== cleanPath(dockerfileName))
        .reduce(
          (sum, file) => sum + (file.content === undefined ? (file.size ?? 0) : bytesOf(file.content)),
          0,
        ),
      ignoreBytes: ignore === undefined ? 2 : bytesOf(ignore),
      names,
      imageId,
    };
    const report = buildkitOnly(
      checkDockerfile({
        text: dockerfile,
        buildArgs,
        build: result,
        ...(ignore === undefined ? {} : { dockerignore: ignore }),
      }),
    );
    if (flags.booleans.has('check'))
      return outcome(output, printCheck(dockerfileName, dockerfile, report, output));
    // `# check=error=true` fails a plain build too, before any step runs.
    const lintError =
      result.dockerfile && report.error?.message.startsWith(LINT_VIOLATION) ? report.error : null;
    if (flags.booleans.has('quiet') && imageId && !lintError) output.out(`${imageId}\n`);
    else if (flags.booleans.has('quiet'))
      output.err(
        `ERROR: failed to solve: ${lintError?.message ?? (result.error ? solveError(result.error).solve : 'the build did not finish')}\n`,
      );
    else printProgress({ ...progress, lintError }, checks, output);
    if (!imageId || !stage || lintError) return outcome(output, 1);
    context.images.add(
      { id: imageId, stage, created: context.now() },
      names.map((name) => {
        const checked = checkReference(name);
        return checked.ok ? checked.name : name;
      }),
    );
    return outcome(output);
  },
};
