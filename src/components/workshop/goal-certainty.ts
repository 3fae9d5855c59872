/**
 * How the dashboard says that a participant's verdict rests on the simulator's estimates or on
 * what it cannot tell (the goal's `certainty` in their report; absent in older reports: known).
 */
import type { GoalReport } from '../../workshop/protocol.ts';

export const CERTAINTY_LABEL: Record<NonNullable<GoalReport['certainty']>, string> = {
  estimated: 'estimated',
  unknown: 'simulator cannot tell',
};

/** "Solved", or "Solved on estimates" when a goal was met on the simulator's estimates. */
export function solvedLabel(results: readonly GoalReport[] | null): string {
  return results?.some((result) => result.certainty === 'estimated') ? 'Solved on estimates' : 'Solved';
}
