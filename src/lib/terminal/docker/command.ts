/**
 * The contract between the terminal's `docker` and its subcommands: each is a module
 * (docker/<name>.ts) with its usage, its flags and `run`, over the session's images, build cache
 * and the editor's files.
 */
import type { BuildContext } from '../../build/context.ts';
import type { BuildCache } from '../../build/simulate.ts';
import type { Catalog } from '../../images/catalog.ts';
import type { PackageCatalog } from '../../packages/catalog.ts';
import type { ContainerShell } from '../container-shell.ts';
import type { FlagSpec, ParsedFlags } from '../flags.ts';
import type { ImageStore } from '../images.ts';
import { Output } from '../output.ts';

/** What every docker command may use: the session's state and what the page gave with the line. */
export interface DockerContext {
  readonly images: ImageStore;
  readonly catalog: () => Promise<Catalog>;
  readonly packages?: PackageCatalog;
  readonly now: () => number;
  /** The editor's files: the build context, Dockerfile included. */
  readonly context: BuildContext;
  /** The terminal's width, for `ls` in a container. */
  readonly columns: number;
  /** True once the learner pressed Ctrl+C (a newer request arrived): stop before changing anything. */
  readonly cancelled: () => boolean;
  /** The layer cache of this terminal's builds (not the editor's, so a rebuild shows what it reuses). */
  cache: BuildCache | undefined;
  /** A fresh container ID. */
  readonly containerId: () => string;
}

export interface Outcome {
  readonly output: Output;
  readonly status: number;
  /** An interactive shell the command opened: the terminal is now inside the container. */
  readonly container?: ContainerShell;
}

export interface DockerCommand {
  /** `build`, or `image ls` for a management command's subcommand. */
  readonly name: string;
  /** Other ways to call it: `image build`, `builder build`, `image list` … */
  readonly aliases?: readonly string[];
  /** The line after `Usage:  `, e.g. `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`. */
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly (FlagSpec & { readonly help: string })[];
  /** docker run stops reading flags at IMAGE; most commands read them anywhere. */
  readonly interspersed?: boolean;
  /** `buildx` reports errors in its own words. */
  readonly buildx?: boolean;
  run(flags: ParsedFlags, context: DockerContext): Promise<Outcome> | Outcome;
}

export function outcome(output: Output, status = 0, container?: ContainerShell): Outcome {
  return container ? { output, status, container } : { output, status };
}

/** A usage error as the docker CLI prints it: the message, the usage line, where to read more. */
export function usageError(command: DockerCommand, message: string): Outcome {
  const path = command.buildx ? 'docker buildx build' : `docker ${command.name}`;
  if (command.buildx) {
    return outcome(
      new Output().err(
        `ERROR: ${message}\nSee '${path} --help'.\n\nUsage:  ${command.usage}\n\n${command.summary}\n`,
      ),
      1,
    );
  }
  return outcome(
    new Output().err(`${message}\n\nUsage:  ${command.usage}\n\nRun '${path} --help' for more information\n`),
    125,
  );
}

/** `docker X --help`: usage, summary and the options the simulator understands. */
export function commandHelp(command: DockerCommand): Output {
  const width = Math.max(...command.flags.map((flag) => flagLabel(flag).length), 10);
  const options = command.flags.map((flag) => `  ${flagLabel(flag).padEnd(width)}   ${flag.help}`).join('\n');
  return new Output()
    .out(`\nUsage:  ${command.usage}\n\n${command.summary}\n${options ? `\nOptions:\n${options}\n` : ''}`)
    .note('The options listed are the ones the simulator understands; real Docker has more.');
}

function flagLabel(flag: FlagSpec): string {
  return `${flag.short ? `-${flag.short}, ` : '    '}--${flag.long}${flag.value ? ' string' : ''}`;
}

/** "Error response from daemon: No such image: app:latest", the daemon's answer for a missing image. */
export function noSuchImage(reference: string): string {
  const shown =
    /[:@]/.test(reference.split('/').at(-1) ?? '') || /^[0-9a-f]{6,64}$/.test(reference)
      ? reference
      : `${reference}:latest`;
  return `Error response from daemon: No such image: ${shown}\n`;
}
