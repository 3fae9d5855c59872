/**
 * The run check's headline: "Starts", "Does not start", or, when the failure is over something a
 * step the simulator could not follow may have made, that it cannot tell.
 */
import type { RunCheck } from '../../lib/analysis/run-check.ts';

export interface RunHeadline {
  readonly severity: 'ok' | 'error' | 'warning';
  readonly label: string;
}

export function runHeadline(run: RunCheck): RunHeadline {
  if (run.starts) return { severity: 'ok', label: 'Starts' };
  if (run.certainty.level === 'unknown')
    return { severity: 'warning', label: 'May not start (the simulator cannot tell)' };
  return { severity: 'error', label: 'Does not start' };
}
