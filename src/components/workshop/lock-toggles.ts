/**
 * The dashboard's lock checkboxes. Each click sends one change (this exercise's hints or solution,
 * locked or not) and shows it at once, so a second click before the first answer builds on the
 * first rather than on the state the stream last sent. The server applies each change alone.
 */
import { useState } from 'preact/hooks';
import { lockFor, type PublicState } from '../../workshop/protocol.ts';
import { act } from './api.ts';

export type LockPart = 'hints' | 'solution';

/** Clicks not yet answered, by exercise and part: the value each asked for. */
export type PendingLocks = Readonly<Record<string, boolean>>;

const keyOf = (exerciseId: string, part: LockPart) => `${exerciseId}\n${part}`;

/** Of the stream's state and the latest answer to a change, the one the server sent last. */
export function newerState(streamed: PublicState, answered: PublicState | null): PublicState {
  return answered && answered.now > streamed.now ? answered : streamed;
}

/** What a checkbox shows: the click awaiting its answer, else the newest state the server sent. */
export function shownLock(
  pending: PendingLocks,
  state: PublicState,
  exerciseId: string,
  part: LockPart,
): boolean {
  return pending[keyOf(exerciseId, part)] ?? lockFor(state, exerciseId)[part];
}

/** Pending clicks once an answer came: its own entry goes, unless a later click asked otherwise. */
export function settle(
  pending: PendingLocks,
  exerciseId: string,
  part: LockPart,
  asked: boolean,
): PendingLocks {
  const key = keyOf(exerciseId, part);
  if (pending[key] !== asked) return pending;
  const { [key]: _, ...rest } = pending;
  return rest;
}

export function useLockToggles(
  code: string,
  secret: string,
  streamed: PublicState,
  onError: (message: string | null) => void,
) {
  const [pending, setPending] = useState<PendingLocks>({});
  const [answered, setAnswered] = useState<PublicState | null>(null);
  const state = newerState(streamed, answered);

  const toggle = async (exerciseId: string, part: LockPart) => {
    const locked = !shownLock(pending, state, exerciseId, part);
    setPending((now) => ({ ...now, [keyOf(exerciseId, part)]: locked }));
    onError(null);
    const answer = await act(code, secret, { action: 'lock', exerciseId, part, locked });
    if (answer.ok) setAnswered((before) => (before && before.now > answer.data.now ? before : answer.data));
    else onError(answer.message);
    setPending((now) => settle(now, exerciseId, part, locked));
  };

  return {
    shown: (exerciseId: string, part: LockPart) => shownLock(pending, state, exerciseId, part),
    toggle,
  };
}
