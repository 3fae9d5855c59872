/**
 * How sure the simulator is of a result: known (real data), estimated (a model or a stand-in, with
 * its basis) or unknown (no data). Every result the engine hands out that could rest on a gap in
 * its data carries one of these, built only through `certaintyOf`, so the level always agrees with
 * the gaps behind it.
 */

/** Why a result is not plain fact. */
export type GapKind =
  /** A base image answered by a sibling the catalog has (another version or variant). */
  | 'stand-in'
  /** Nothing in the data: an image, a package or a release the simulator has no figures for. */
  | 'no-data'
  /** A command or shell construct the interpreter did not follow. */
  | 'not-followed'
  /** A figure from a model calibrated on measurements (a build cache, a modelled layer). */
  | 'model'
  /** A result that leans on an earlier gap (a command an unfollowed step may have installed). */
  | 'depends';

export interface Gap {
  readonly level: 'estimated' | 'unknown';
  readonly kind: GapKind;
  /** One sentence in the simulator's own voice: what it lacks and what it did instead. */
  readonly text: string;
  /** The Dockerfile line whose step the gap comes from, when there is one. */
  readonly line?: number;
}

export type Level = 'known' | 'estimated' | 'unknown';

export type Certainty =
  | { readonly level: 'known' }
  | { readonly level: 'estimated' | 'unknown'; readonly gaps: readonly [Gap, ...Gap[]] };

export const KNOWN: Certainty = Object.freeze({ level: 'known' });

/** The one way to make a Certainty: its level is the weakest of its gaps (none: known). */
export function certaintyOf(gaps: readonly Gap[]): Certainty {
  const unique = dedupe(gaps);
  const [first, ...rest] = unique;
  if (!first) return KNOWN;
  const level = unique.some((gap) => gap.level === 'unknown') ? 'unknown' : 'estimated';
  return { level, gaps: [first, ...rest] };
}

export function gapsOf(certainty: Certainty): readonly Gap[] {
  return certainty.level === 'known' ? [] : certainty.gaps;
}

/** The certainty of a result that rests on all of these: the weakest wins, every gap is kept. */
export function combine(...certainties: readonly Certainty[]): Certainty {
  return certaintyOf(certainties.flatMap(gapsOf));
}

export function estimated(kind: GapKind, text: string, line?: number): Certainty {
  return certaintyOf([gap('estimated', kind, text, line)]);
}

export function unknown(kind: GapKind, text: string, line?: number): Certainty {
  return certaintyOf([gap('unknown', kind, text, line)]);
}

export function gap(level: Gap['level'], kind: GapKind, text: string, line?: number): Gap {
  return line === undefined ? { level, kind, text } : { level, kind, text, line };
}

/** The gaps, each tied to a line where it has none yet (a step's gaps belong to its line). */
export function atLine(certainty: Certainty, line: number): Certainty {
  return certaintyOf(gapsOf(certainty).map((g) => (g.line === undefined ? { ...g, line } : g)));
}

/** Keeps only the gaps a learner should see first: those of their Dockerfile, not the catalog's models. */
export function mainGaps(certainty: Certainty): readonly Gap[] {
  return gapsOf(certainty).filter((g) => g.kind !== 'model');
}

/** "known", "estimated (…)", for a one-line report. */
export function describeCertainty(certainty: Certainty): string {
  if (certainty.level === 'known') return 'known';
  const lines = [...new Set(certainty.gaps.flatMap((g) => (g.line === undefined ? [] : [g.line])))];
  return `${certainty.level}${lines.length ? ` (line ${lines.sort((a, b) => a - b).join(', ')})` : ''}`;
}

/** One gap per sentence and line, at the weakest level it was given (an unknown wins over its estimate). */
function dedupe(gaps: readonly Gap[]): Gap[] {
  const byKey = new Map<string, Gap>();
  for (const g of gaps) {
    const key = `${g.kind}\u0000${g.line ?? ''}\u0000${g.text}`;
    const seen = byKey.get(key);
    if (!seen || (seen.level === 'estimated' && g.level === 'unknown')) byKey.set(key, g);
  }
  return [...byKey.values()];
}
