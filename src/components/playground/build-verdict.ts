/**
 * The build's one-line verdict: the image, its size and whether it starts, or the first error; and
 * how sure the simulator is of it. A build the simulator stopped for want of data is not a Docker
 * error: it is said as the simulator's own note, with no failure styling.
 */
import { type Certainty, KNOWN, mainGaps } from '../../lib/certainty.ts';
import { formatSize } from '../../lib/format-size.ts';
import type { BuildOutput } from '../engine/protocol.ts';

export type VerdictState = 'pending' | 'ok' | 'error' | 'no-data';

export interface BuildVerdict {
  readonly state: VerdictState;
  readonly text: string;
  /** How sure the verdict is; shown beside it when estimated or unknown. */
  readonly certainty: Certainty;
}

export function buildVerdict(build: BuildOutput | undefined, failure: string | undefined): BuildVerdict {
  if (failure !== undefined) return { state: 'error', text: failure, certainty: KNOWN };
  if (!build) return { state: 'pending', text: 'Building the image…', certainty: KNOWN };
  const { result, analysis } = build;
  if (!result.ok) {
    const error = result.error;
    if (error && isWantOfData(error.certainty))
      return { state: 'no-data', text: `Not simulated: ${error.message}`, certainty: KNOWN };
    const where = error?.line ? ` on line ${error.line}` : '';
    return {
      state: 'error',
      text: `Build failed${where}: ${error?.message ?? 'unknown error'}`,
      certainty: result.certainty,
    };
  }
  const target = result.stages[result.target ?? -1];
  const parts = [target?.reference ?? 'image', formatSize(target?.size ?? 0)];
  if (analysis.run) parts.push(analysis.run.starts ? 'starts' : 'does not start');
  const state = analysis.run?.starts === false && analysis.run.certainty.level !== 'unknown' ? 'error' : 'ok';
  return { state, text: parts.join(' · '), certainty: result.certainty };
}

/** A build stopped because the simulator has no data (its own words), not because Docker would fail. */
export function isWantOfData(certainty: Certainty): boolean {
  return certainty.level === 'unknown' && mainGaps(certainty).some((gap) => gap.kind === 'no-data');
}
