/** The contract every `sim` subcommand implements; sim.ts only dispatches. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Reads a file given on the command line; rejects with a Node error when it cannot, and with
   * InputTooLargeError, having read no more than that, when it is over MAX_INPUT_BYTES.
   */
  readonly readFile: (path: string) => Promise<string>;
}

/**
 * The largest Dockerfile sim reads: sixteen times the largest in the course, and four times what
 * the playground keeps, so a runaway file gets a clear answer rather than filling the memory.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Why an input was not read: it is larger than MAX_INPUT_BYTES. */
export class InputTooLargeError extends Error {
  constructor() {
    super(`it is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most sim reads`);
  }
}

/** Exit codes shared by all subcommands. */
export const EXIT_OK = 0;
/** The input was read but is wrong (a bad Dockerfile, an unknown image reference). */
export const EXIT_INVALID = 1;
/** The command line itself is wrong, or a named file cannot be read. */
export const EXIT_USAGE = 2;

export interface CliCommand {
  readonly name: string;
  /** One line for `sim --help`. */
  readonly summary: string;
  /** The full usage text for `sim <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Reads a file named on the command line; on failure says why on stderr and returns undefined. */
export async function readInput(io: CliIo, command: string, path: string): Promise<string | undefined> {
  try {
    const text = await io.readFile(path);
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new InputTooLargeError();
    return text;
  } catch (error) {
    io.stderr(
      `sim ${command}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return undefined;
  }
}
