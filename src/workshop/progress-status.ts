/**
 * What the dashboard, the presenter view and the export read from raw progress: each cell's status,
 * who is stuck, counts per exercise and the leaderboard. Pure functions of the views and a clock.
 */
import { DEFAULT_STUCK, type ParticipantView, type ProgressView, type StuckRule } from './protocol.ts';

export type CellStatus =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'working'; readonly passing: number; readonly total: number }
  | { readonly kind: 'solved' };

export function cellStatus(progress: ProgressView | undefined): CellStatus {
  if (!progress) return { kind: 'not-started' };
  if (progress.solved) return { kind: 'solved' };
  return { kind: 'working', passing: progress.passing, total: progress.total };
}

export type Stuck =
  | { readonly kind: 'no-progress'; readonly sinceMs: number }
  | { readonly kind: 'same-goal'; readonly goal: number; readonly tries: number };

/**
 * Whether a participant looks stuck on this exercise. Only their current exercise (the one they
 * reported last) counts: an exercise they left for another is not where they are stuck. The rule
 * is the workshop's (its instructor sets it), DEFAULT_STUCK where none is given.
 */
export function stuckOn(
  progress: ProgressView,
  current: boolean,
  now: number,
  rule: StuckRule = DEFAULT_STUCK,
): Stuck | undefined {
  if (progress.solved || !current) return undefined;
  const goal = progress.failing[0];
  if (goal !== undefined && progress.failStreak >= rule.sameGoalTries)
    return { kind: 'same-goal', goal, tries: progress.failStreak };
  const since = now - progress.progressedAt;
  if (since >= rule.quietMinutes * 60_000) return { kind: 'no-progress', sinceMs: since };
  return undefined;
}

/** Each participant's latest progress per exercise, and the exercise each reported last. */
export interface ProgressIndex {
  readonly cell: (participantId: string, exerciseId: string) => ProgressView | undefined;
  readonly currentExercise: (participantId: string) => string | undefined;
}

export function indexProgress(progress: Iterable<ProgressView>): ProgressIndex {
  const cells = new Map<string, ProgressView>();
  const latest = new Map<string, ProgressView>();
  for (const entry of progress) {
    cells.set(cellKey(entry.participantId, entry.exerciseId), entry);
    const previous = latest.get(entry.participantId);
    if (!previous || entry.updatedAt >= previous.updatedAt) latest.set(entry.participantId, entry);
  }
  return {
    cell: (participantId, exerciseId) => cells.get(cellKey(participantId, exerciseId)),
    currentExercise: (participantId) => latest.get(participantId)?.exerciseId,
  };
}

export function cellKey(participantId: string, exerciseId: string): string {
  return `${participantId}\u0000${exerciseId}`;
}

export interface ExerciseCounts {
  readonly notStarted: number;
  readonly working: number;
  readonly solved: number;
  readonly stuck: number;
}

export function countExercise(
  exerciseId: string,
  participants: readonly ParticipantView[],
  index: ProgressIndex,
  now: number,
  rule: StuckRule = DEFAULT_STUCK,
): ExerciseCounts {
  let working = 0;
  let solved = 0;
  let stuck = 0;
  for (const participant of participants) {
    const progress = index.cell(participant.id, exerciseId);
    if (!progress) continue;
    if (progress.solved) solved++;
    else working++;
    if (stuckOn(progress, index.currentExercise(participant.id) === exerciseId, now, rule)) stuck++;
  }
  return { notStarted: participants.length - working - solved, working, solved, stuck };
}

export interface LeaderboardRow {
  readonly rank: number;
  readonly name: string;
  readonly bytes: number;
}

/**
 * The smallest passing images of an exercise, by the names participants chose for it; those who
 * chose not to appear are left out. Equal sizes share a rank.
 */
export function leaderboard(
  exerciseId: string,
  participants: readonly ParticipantView[],
  index: ProgressIndex,
  limit = 10,
): LeaderboardRow[] {
  const rows: { name: string; bytes: number; at: number }[] = [];
  for (const participant of participants) {
    const progress = index.cell(participant.id, exerciseId);
    if (participant.leaderboardName === null || progress?.bestBytes == null) continue;
    rows.push({ name: participant.leaderboardName, bytes: progress.bestBytes, at: progress.solvedAt ?? 0 });
  }
  rows.sort((a, b) => a.bytes - b.bytes || a.at - b.at);
  const ranked: LeaderboardRow[] = [];
  for (const [i, row] of rows.slice(0, limit).entries()) {
    const previous = ranked[i - 1];
    ranked.push({
      rank: previous && previous.bytes === row.bytes ? previous.rank : i + 1,
      name: row.name,
      bytes: row.bytes,
    });
  }
  return ranked;
}
