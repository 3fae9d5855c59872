import { describe, expect, it } from 'vitest';
import {
  cellStatus,
  countExercise,
  indexProgress,
  leaderboard,
  stuckOn,
} from '../../src/workshop/progress-status.ts';
import { DEFAULT_STUCK, type ParticipantView, type ProgressView } from '../../src/workshop/protocol.ts';

const STUCK = { sameGoalTries: DEFAULT_STUCK.sameGoalTries, quietMs: DEFAULT_STUCK.quietMinutes * 60_000 };

const NOW = 1_800_000_000_000;

function person(id: string, leaderboardName: string | null = id): ParticipantView {
  return { id, name: id, leaderboardName, joinedAt: NOW, seenAt: NOW, online: true };
}

function progress(
  participantId: string,
  exerciseId: string,
  overrides: Partial<ProgressView> = {},
): ProgressView {
  return {
    participantId,
    exerciseId,
    seq: 1,
    passing: 1,
    total: 3,
    failing: [1, 2],
    solved: false,
    imageBytes: 100,
    bestBytes: null,
    attempts: 1,
    failStreak: 1,
    startedAt: NOW,
    updatedAt: NOW,
    progressedAt: NOW,
    solvedAt: null,
    hasDockerfile: true,
    ...overrides,
  };
}

describe('progress status', () => {
  it('names each cell', () => {
    expect(cellStatus(undefined)).toEqual({ kind: 'not-started' });
    expect(cellStatus(progress('a', 'x'))).toEqual({ kind: 'working', passing: 1, total: 3 });
    expect(cellStatus(progress('a', 'x', { solved: true, passing: 3 }))).toEqual({ kind: 'solved' });
  });

  it('calls someone stuck after many tries on the same goal, or a long time without a new one', () => {
    expect(stuckOn(progress('a', 'x', { failStreak: STUCK.sameGoalTries }), true, NOW)).toEqual({
      kind: 'same-goal',
      goal: 1,
      tries: STUCK.sameGoalTries,
    });
    const quiet = progress('a', 'x', { progressedAt: NOW - STUCK.quietMs });
    expect(stuckOn(quiet, true, NOW)).toEqual({ kind: 'no-progress', sinceMs: STUCK.quietMs });
    expect(stuckOn(quiet, true, NOW - 1)).toBeUndefined();
    // Not on an exercise they have moved on from, nor on one they solved.
    expect(stuckOn(quiet, false, NOW)).toBeUndefined();
    expect(stuckOn({ ...quiet, solved: true }, true, NOW)).toBeUndefined();
  });

  it('keeps the defaults the course always had: 10 minutes quiet, 5 tries on one goal', () => {
    expect(DEFAULT_STUCK).toEqual({ quietMinutes: 10, sameGoalTries: 5 });
  });

  it('follows the thresholds the instructor set for the workshop', () => {
    const rule = { quietMinutes: 3, sameGoalTries: 8 };
    const quiet = progress('a', 'x', { progressedAt: NOW - 3 * 60_000 });
    expect(stuckOn(quiet, true, NOW, rule)).toEqual({ kind: 'no-progress', sinceMs: 3 * 60_000 });
    expect(stuckOn(quiet, true, NOW)).toBeUndefined();
    const tries = progress('a', 'x', { failStreak: 5 });
    expect(stuckOn(tries, true, NOW)).toMatchObject({ kind: 'same-goal', tries: 5 });
    expect(stuckOn(tries, true, NOW, rule)).toBeUndefined();
    expect(stuckOn({ ...tries, failStreak: 8 }, true, NOW, rule)).toMatchObject({
      kind: 'same-goal',
      tries: 8,
    });
    const index = indexProgress([quiet]);
    expect(countExercise('x', [person('a')], index, NOW, rule).stuck).toBe(1);
    expect(countExercise('x', [person('a')], index, NOW).stuck).toBe(0);
  });

  it('counts an exercise and knows each participant’s current one', () => {
    const people = [person('a'), person('b'), person('c')];
    const index = indexProgress([
      progress('a', 'x', { updatedAt: NOW - 10, progressedAt: NOW - STUCK.quietMs }),
      progress('a', 'y', { updatedAt: NOW }),
      progress('b', 'x', { solved: true, passing: 3, failing: [] }),
    ]);
    expect(index.currentExercise('a')).toBe('y');
    expect(countExercise('x', people, index, NOW)).toEqual({
      notStarted: 1,
      working: 1,
      solved: 1,
      stuck: 0,
    });
  });

  it('ranks the smallest passing images, sharing ranks, leaving out who asked not to appear', () => {
    const people = [person('a'), person('b', 'Bee'), person('c', null), person('d')];
    const index = indexProgress([
      progress('a', 'x', { bestBytes: 300, solvedAt: 1 }),
      progress('b', 'x', { bestBytes: 200, solvedAt: 2 }),
      progress('c', 'x', { bestBytes: 100, solvedAt: 3 }),
      progress('d', 'x', { bestBytes: 200, solvedAt: 1 }),
    ]);
    expect(leaderboard('x', people, index)).toEqual([
      { rank: 1, name: 'd', bytes: 200 },
      { rank: 1, name: 'Bee', bytes: 200 },
      { rank: 3, name: 'a', bytes: 300 },
    ]);
  });
});
