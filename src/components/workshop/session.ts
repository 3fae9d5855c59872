/**
 * What this browser keeps about workshops, in localStorage: the participant's session (the token
 * the server gave at join) and, for instructors, each workshop's key. The layout's inline check
 * (WorkshopOverlay.astro) reads SESSION_KEY by name too, to show the workshop bar.
 */

export interface ParticipantSession {
  readonly code: string;
  readonly title: string;
  readonly participantId: string;
  readonly token: string;
  readonly name: string;
  readonly leaderboardName: string | null;
  readonly joinedAt: number;
}

const SESSION_KEY = 'mc-workshop';
const INSTRUCTOR_KEY = 'mc-workshop-instructor:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readSession(): ParticipantSession | null {
  try {
    const value = JSON.parse(storage()?.getItem(SESSION_KEY) ?? 'null') as ParticipantSession | null;
    return value && typeof value.token === 'string' && typeof value.code === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function writeSession(session: ParticipantSession | null): void {
  try {
    if (session) storage()?.setItem(SESSION_KEY, JSON.stringify(session));
    else storage()?.removeItem(SESSION_KEY);
  } catch {
    // Storage refused (private mode, quota): the session lasts as long as the page.
  }
}

/** The instructor key kept for a workshop, so the dashboard and presenter reopen without the link. */
export function readInstructorKey(code: string): string | null {
  try {
    return storage()?.getItem(INSTRUCTOR_KEY + code) ?? null;
  } catch {
    return null;
  }
}

export function writeInstructorKey(code: string, key: string | null): void {
  try {
    if (key) storage()?.setItem(INSTRUCTOR_KEY + code, key);
    else storage()?.removeItem(INSTRUCTOR_KEY + code);
  } catch {
    // As above.
  }
}
