/**
 * The one interface through which RUN changes a stage. The shell interpreter (src/lib/shell)
 * implements it; until it is wired in, `unsimulatedRun` leaves the filesystem as it was and says so.
 */

import { type Certainty, unknown } from '../certainty.ts';
import type { RunInstruction } from '../dockerfile/index.ts';
import type { DirNode } from '../fs/tree.ts';
import type { ImageConfig } from './image-config.ts';

export interface RunRequest {
  readonly instruction: RunInstruction;
  readonly tree: DirNode;
  readonly config: ImageConfig;
  /** ARG values in scope, which RUN sees as environment variables. */
  readonly args: ReadonlyMap<string, string>;
  /** Other stages' trees for `--mount=from=`; without a reference, the build context's (a bind mount's default). */
  readonly stageTree: (reference: string | undefined) => DirNode | undefined;
}

export type RunOutcome =
  | {
      /** not-simulated: part of the script was not followed (its certainty says what). */
      readonly status: 'done' | 'not-simulated';
      readonly tree: DirNode;
      readonly narrative: string;
      readonly certainty: Certainty;
      readonly output?: string;
    }
  | {
      readonly status: 'failed';
      readonly tree: DirNode;
      readonly code: string;
      readonly message: string;
      readonly narrative: string;
      readonly hint?: string;
    };

export type RunInterpreter = (request: RunRequest) => RunOutcome | Promise<RunOutcome>;

const UNSIMULATED =
  'RUN commands are not interpreted here: this step leaves the filesystem unchanged, so its real effect is unknown.';

export const unsimulatedRun: RunInterpreter = (request) => ({
  status: 'not-simulated',
  tree: request.tree,
  narrative: UNSIMULATED,
  certainty: unknown('not-followed', UNSIMULATED),
});
