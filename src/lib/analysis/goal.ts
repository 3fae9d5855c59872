/**
 * Exercise goals as data, and how a learner reads them; the checks are in goals.ts. Kept apart
 * so the pages that list goals do not load the analysis.
 */
import type { Certainty } from '../certainty.ts';
import { formatSize } from '../format-size.ts';

/** Solved: every goal met, none of them on an unknown. */
export function goalsSolved(results: readonly GoalResult[]): boolean {
  return results.length > 0 && results.every((r) => r.pass && r.certainty.level !== 'unknown');
}

export type Goal =
  | { readonly kind: 'builds' }
  | { readonly kind: 'maxSize'; readonly bytes: number }
  | { readonly kind: 'starts' }
  | { readonly kind: 'noShell' }
  | { readonly kind: 'nonRoot' }
  | { readonly kind: 'absentPaths'; readonly paths: readonly string[] }
  | { readonly kind: 'presentPaths'; readonly paths: readonly string[] }
  | { readonly kind: 'noDiagnostic'; readonly code: string }
  | { readonly kind: 'stageCount'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'maxLayers'; readonly count: number };

export interface GoalResult {
  readonly goal: Goal;
  readonly pass: boolean;
  /**
   * How sure the verdict is: known, met or missed on estimated data, or unknown (the image rests
   * on something the simulator could not follow or has no data for). A challenge is solved only
   * when every goal passes and none is unknown.
   */
  readonly certainty: Certainty;
  /** What was found, e.g. "12.4 MB, limit 20 MB". */
  readonly detail: string;
  /** What to try when it fails. */
  readonly hint?: string;
  /**
   * Set when the goal could not be checked at all (a goal about the image when no image was
   * built): `pass` is then false, and the checklist says "not checked" rather than "not met".
   */
  readonly unchecked?: true;
}

/** The goal as the learner reads it in a checklist. */
export function describeGoal(goal: Goal): string {
  switch (goal.kind) {
    case 'builds':
      return 'The image builds';
    case 'maxSize':
      return `The image is at most ${formatSize(goal.bytes)}`;
    case 'starts':
      return 'The container starts';
    case 'noShell':
      return 'The image has no shell';
    case 'nonRoot':
      return 'The container does not run as root';
    case 'absentPaths':
      return `The image has none of ${goal.paths.join(', ')}`;
    case 'presentPaths':
      return `The image has ${goal.paths.join(', ')}`;
    case 'noDiagnostic':
      return `No ${goal.code} finding`;
    case 'stageCount':
      if (goal.min && goal.max) return `${goal.min} to ${goal.max} stages`;
      return goal.min
        ? `At least ${goal.min} stage${goal.min === 1 ? '' : 's'}`
        : `At most ${goal.max} stages`;
    case 'maxLayers':
      return `The final stage adds at most ${goal.count} layer${goal.count === 1 ? '' : 's'}`;
  }
}
