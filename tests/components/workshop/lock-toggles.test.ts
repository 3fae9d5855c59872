import { describe, expect, it } from 'vitest';
import { newerState, settle, shownLock } from '../../../src/components/workshop/lock-toggles.ts';
import type { PublicState } from '../../../src/workshop/protocol.ts';

const state = (now: number, locks: PublicState['locks'] = {}): PublicState => ({
  code: 'KM7TX4',
  title: 'T',
  lessons: [],
  exercises: ['x', 'y'],
  startsAt: null,
  endsAt: null,
  endedAt: null,
  message: null,
  timer: null,
  follow: null,
  locks,
  joiningOpen: true,
  stuck: { quietMinutes: 10, sameGoalTries: 5 },
  now,
});

describe('lock toggles', () => {
  it('shows a click at once, before the server answers, and the state otherwise', () => {
    const streamed = state(1);
    expect(shownLock({}, streamed, 'x', 'solution')).toBe(true);
    expect(shownLock({ 'x\nsolution': false }, streamed, 'x', 'solution')).toBe(false);
    expect(shownLock({ 'x\nsolution': false }, streamed, 'y', 'solution')).toBe(true);
    expect(shownLock({}, state(1, { x: { hints: true, solution: false } }), 'x', 'hints')).toBe(true);
  });

  it('drops a pending click when its answer comes, unless a later click asked otherwise', () => {
    const pending = { 'x\nhints': true, 'y\nhints': false };
    expect(settle(pending, 'x', 'hints', true)).toEqual({ 'y\nhints': false });
    // A second click flipped it back before the first answer: that one still waits.
    expect(settle({ 'x\nhints': false }, 'x', 'hints', true)).toEqual({ 'x\nhints': false });
  });

  it('prefers whichever of the stream and the last answer the server sent later', () => {
    const streamed = state(5);
    const answered = state(9, { x: { hints: true, solution: true } });
    expect(newerState(streamed, answered)).toBe(answered);
    expect(newerState(state(10), answered).now).toBe(10);
    expect(newerState(streamed, null)).toBe(streamed);
  });
});
