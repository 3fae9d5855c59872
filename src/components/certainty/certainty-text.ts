/** The words every view uses for certainty, so the vocabulary is one. */
import type { Level } from '../../lib/certainty.ts';

/** The page that lists what the simulator has data for (src/pages/knows.astro). */
export const KNOWS_PAGE = `${import.meta.env.BASE_URL}knows/`;

export function certaintyTitle(level: Exclude<Level, 'known'>, subject?: string): string {
  const what = subject ?? 'This result';
  return level === 'unknown'
    ? `${what} rests on something the simulator has no data for, or could not follow:`
    : `${what} is the simulator's estimate, not real data:`;
}
