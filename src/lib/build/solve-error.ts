/**
 * The words BuildKit ends a failed build with, for the views that print Docker's output (the
 * terminal's progress, `sim build`): a failed RUN ends on its process line, not on the command's
 * own stderr, which BuildKit shows as the step's log instead.
 */
import type { BuildError } from './result.ts';

export interface SolveError {
  /** After `ERROR: failed to solve: `. */
  readonly solve: string;
  /** After the failing vertex's `#N ERROR: `. */
  readonly vertex: string;
  /** The step's own output that explains it (a command's stderr, runc's line), or ''. */
  readonly output: string;
}

export function solveError(error: BuildError): SolveError {
  if (error.code.startsWith('parse/')) {
    const text = `dockerfile parse error on line ${error.line ?? 1}: ${error.message}`;
    return { solve: text, vertex: text, output: '' };
  }
  const process = /process ".*" did not complete successfully: exit code: \d+/s.exec(error.hint ?? '')?.[0];
  if (process) return { solve: process, vertex: process, output: error.message };
  return { solve: error.message, vertex: error.message, output: '' };
}
