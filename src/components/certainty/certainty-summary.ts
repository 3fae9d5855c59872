/**
 * Certainty as plain data for what leaves the page (embed events, workshop reports): the level and
 * the reasons a learner sees, in the simulator's words. The catalog's modelled layers are behind
 * nearly every figure, so, as the views do, a level reported beside a result counts only the gaps
 * of the learner's own Dockerfile (`shownLevel`); the embed's `level` is the whole result's.
 */
import { type Certainty, type Gap, type Level, mainGaps } from '../../lib/certainty.ts';

export interface CertaintySummary {
  /** known, estimated (a model or a stand-in) or unknown (no data, or a step not followed). */
  readonly level: Level;
  /** The gaps of the learner's Dockerfile, each "line N: …" where it has a line. */
  readonly reasons: readonly string[];
}

export function summarizeCertainty(certainty: Certainty): CertaintySummary {
  return { level: certainty.level, reasons: mainGaps(certainty).map(reason) };
}

/** The level the views show beside a result: that of its own gaps, not of the catalog's models. */
export function shownLevel(certainty: Certainty): Level {
  const gaps = mainGaps(certainty);
  if (gaps.length === 0) return 'known';
  return gaps.some((gap) => gap.level === 'unknown') ? 'unknown' : 'estimated';
}

function reason(gap: Gap): string {
  return gap.line === undefined ? gap.text : `line ${gap.line}: ${gap.text}`;
}

/** A goal's result as reports carry it: `certainty` only when not known. */
export function goalReport(result: {
  readonly pass: boolean;
  readonly detail: string;
  readonly certainty: Certainty;
}): { pass: boolean; detail: string; certainty?: 'estimated' | 'unknown' } {
  const level = shownLevel(result.certainty);
  return {
    pass: result.pass,
    detail: result.detail,
    ...(level === 'known' ? {} : { certainty: level }),
  };
}
