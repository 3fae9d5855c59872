import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  type DashboardEvent,
  distinctNames,
} from '../../../src/components/workshop/dashboard-model.ts';
import type { ProgressView, PublicState } from '../../../src/workshop/protocol.ts';

const state: PublicState = {
  code: 'KM7TX4',
  title: 'T',
  lessons: [],
  exercises: ['x'],
  startsAt: null,
  endsAt: null,
  endedAt: null,
  message: null,
  timer: null,
  follow: null,
  locks: {},
  joiningOpen: true,
  stuck: { quietMinutes: 10, sameGoalTries: 5 },
  now: 1000,
};

const view = (seq: number): ProgressView => ({
  participantId: 'p',
  exerciseId: 'x',
  seq,
  passing: seq,
  total: 3,
  failing: [],
  solved: false,
  imageBytes: null,
  bestBytes: null,
  attempts: 1,
  failStreak: 0,
  startedAt: 0,
  updatedAt: 500 + seq,
  progressedAt: 0,
  solvedAt: null,
  hasDockerfile: false,
});

describe('dashboard model', () => {
  it('starts from the snapshot and applies events in order, ignoring older progress', () => {
    const events: DashboardEvent[] = [
      { event: 'snapshot', data: { state, createdAt: 0, participants: [], progress: [] } },
      {
        event: 'participant',
        data: { id: 'p', name: 'Ada', leaderboardName: null, joinedAt: 0, seenAt: 0, online: false },
      },
      { event: 'presence', data: { participantId: 'p', online: true, seenAt: 400 } },
      { event: 'progress', data: view(2) },
      { event: 'progress', data: view(1) },
      { event: 'state', data: { ...state, message: { text: 'hi', at: 1 }, now: 2000 } },
    ];
    const model = applyEvents(null, events, 900);
    expect(model?.skew).toBe(1100);
    expect(model?.state.message?.text).toBe('hi');
    expect(model?.participants.get('p')).toMatchObject({ online: true, seenAt: 502 });
    expect([...(model?.progress.values() ?? [])].map((item) => item.seq)).toEqual([2]);
  });

  it('waits for the snapshot before it has anything to show', () => {
    expect(applyEvents(null, [{ event: 'progress', data: view(1) }], 0)).toBeNull();
  });
});

describe('distinctNames', () => {
  it('numbers a repeated name in the order people joined, and leaves unique names alone', () => {
    const person = (id: string, name: string, joinedAt: number) => ({
      id,
      name,
      leaderboardName: null,
      joinedAt,
      seenAt: joinedAt,
      online: true,
    });
    const names = distinctNames([person('c', 'Ada', 30), person('a', 'Ada', 10), person('b', 'Grace', 20)]);
    expect(Object.fromEntries(names)).toEqual({ a: 'Ada', b: 'Grace', c: 'Ada (2)' });
  });
});
