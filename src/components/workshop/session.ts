/**
 * What this browser keeps about workshops, in localStorage: the participant's session (the token
 * the server gave at join) and, for instructors, each workshop's key with its title and creation
 * time, so the workshop pages can list them. The layout's inline check (WorkshopOverlay.astro)
 * reads SESSION_KEY by name too, to show the workshop bar.
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
const ABOUT_KEY = 'mc-workshop-about:';

/** A workshop this browser holds the instructor key of; title and time are unknown for keys kept before they were. */
export interface RememberedWorkshop {
  readonly code: string;
  readonly title: string | null;
  readonly createdAt: number | null;
}

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
    else {
      storage()?.removeItem(INSTRUCTOR_KEY + code);
      storage()?.removeItem(ABOUT_KEY + code);
    }
  } catch {
    // As above.
  }
}

/** Keeps a workshop's title and creation time next to its key, for the list of this browser's workshops. */
export function rememberWorkshop(code: string, title: string, createdAt: number): void {
  try {
    storage()?.setItem(ABOUT_KEY + code, JSON.stringify({ title, createdAt }));
  } catch {
    // As above: the list then shows the code alone.
  }
}

function about(code: string): { title: string | null; createdAt: number | null } {
  try {
    const value = JSON.parse(storage()?.getItem(ABOUT_KEY + code) ?? 'null') as Record<
      string,
      unknown
    > | null;
    return {
      title: typeof value?.title === 'string' ? value.title : null,
      createdAt: typeof value?.createdAt === 'number' ? value.createdAt : null,
    };
  } catch {
    return { title: null, createdAt: null };
  }
}

/** Every workshop this browser holds a key for, the newest first (those of unknown age last). */
export function rememberedWorkshops(): RememberedWorkshop[] {
  const store = storage();
  if (!store) return [];
  const codes: string[] = [];
  try {
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (name?.startsWith(INSTRUCTOR_KEY) && store.getItem(name))
        codes.push(name.slice(INSTRUCTOR_KEY.length));
    }
  } catch {
    return [];
  }
  return codes
    .map((code) => ({ code, ...about(code) }))
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || a.code.localeCompare(b.code));
}
