/** The one diagnostic type: parse errors, build failures and lint findings all take this shape. */
import type { Certainty } from './certainty.ts';
import type { SourceRange } from './source-range.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable identifier, `area/what`, e.g. `parse/unknown-instruction`. Tests and docs key on it. */
  readonly code: string;
  readonly severity: Severity;
  /** What went wrong, in Docker's own words where Docker has them. */
  readonly message: string;
  readonly range: SourceRange;
  /** What to do next, when the message alone does not say. */
  readonly hint?: string;
  /** Where to read more. */
  readonly url?: string;
  /** Edits that would resolve the problem, for an editor's quick-fix menu. */
  readonly fixes?: readonly Fix[];
  /**
   * How sure the finding is, when it rests on the simulator's estimates or on what it could not
   * follow; absent for findings read from the Dockerfile itself or from real data.
   */
  readonly certainty?: Certainty;
}

/** Replace the text between two offsets of the source. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

export interface Fix {
  /** What the fix does, e.g. `Replace with RUN`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}
