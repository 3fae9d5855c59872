/**
 * How much text one build may expand in all: ARG, ENV and LABEL values, paths and names. One word
 * is capped by MAX_EXPANDED_LENGTH; this caps their sum, since a value just under that cap can be
 * repeated on thousands of lines and each copy goes into the result, its narratives and the worker's
 * message to the page.
 */
import type { SourceRange } from '../source-range.ts';
import { BuildFailure } from './copy.ts';

/** Far above what real Dockerfiles expand (a few KiB), far below what a tab can hold. */
export const MAX_BUILD_EXPANSION = 16 * 1024 * 1024;

export class ExpansionBudget {
  private used = 0;
  private readonly limit: number;

  constructor(limit = MAX_BUILD_EXPANSION) {
    this.limit = limit;
  }

  /** Counts `length` more characters; past the limit, fails the build at `range`. */
  charge(length: number, range: SourceRange | undefined): void {
    this.used += length;
    if (this.used <= this.limit) return;
    throw new BuildFailure(
      'build/value-too-large',
      `the build's ARG, ENV, LABEL and other expanded values add up to more than ${this.limit / 1024 / 1024} MiB; the simulator stops there`,
      range,
      'Repeat long values less often: keep long text in a file (COPY it) rather than in variables.',
    );
  }
}
