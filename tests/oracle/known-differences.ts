/** Reads known-differences.json: the one list of differences the oracle test accepts, each with its reason. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KnownDifference {
  /** Case names. */
  readonly cases: readonly string[];
  /** The kinds of difference accepted for those cases (compare.ts's kinds). */
  readonly kinds: readonly string[];
  readonly reason: string;
}

export function knownDifferences(): KnownDifference[] {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, 'known-differences.json'), 'utf8'),
  ) as KnownDifference[];
}

/** The accepted kinds of each case. */
export function acceptedKinds(list: readonly KnownDifference[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const entry of list)
    for (const name of entry.cases)
      for (const kind of entry.kinds) out.set(name, (out.get(name) ?? new Set()).add(kind));
  return out;
}
