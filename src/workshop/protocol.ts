/**
 * The workshop API's contract, shared by the server, the browser clients, the tests and the load
 * benchmark: the limits, the request bodies' types (their zod schemas are in request-schemas.ts,
 * which only the server and the tests load) and the JSON the server sends back, in responses and
 * Server-Sent Events. Nothing here pulls zod into a page.
 */
import type { z } from 'astro/zod';
import type {
  actionBody,
  createWorkshopBody,
  joinBody,
  progressBody,
  progressEntry,
} from './request-schemas.ts';

export const LIMITS = {
  titleChars: 120,
  nameChars: 40,
  messageChars: 280,
  timerLabelChars: 60,
  followTitleChars: 120,
  pathChars: 300,
  /** The same limit as an exercise's own files (src/content/schemas/exercise.ts). */
  dockerfileBytes: 64 * 1024,
  goalDetailChars: 300,
  goalsPerExercise: 12,
  entriesPerReport: 16,
  itemsPerWorkshop: 64,
  /** A progress report: a few entries, each with a Dockerfile. */
  reportBodyBytes: 320 * 1024,
  /** Every other body. */
  smallBodyBytes: 16 * 1024,
  timerMaxSeconds: 6 * 60 * 60,
  /** The instructor's stuck thresholds: quiet minutes and tries on one goal. */
  stuckQuietMinutes: { min: 1, max: 240 },
  stuckSameGoalTries: { min: 2, max: 100 },
} as const;

/** UTF-8 length, as the limits count: a Dockerfile of 64 KiB is 64 KiB on the wire. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export type CreateWorkshopBody = z.input<typeof createWorkshopBody>;
export type JoinBody = z.input<typeof joinBody>;
export type ProgressEntry = z.infer<typeof progressEntry>;
export type ProgressBody = z.infer<typeof progressBody>;
export type ActionBody = z.input<typeof actionBody>;

// ---- What the server sends ----

export interface Lock {
  readonly hints: boolean;
  readonly solution: boolean;
}

/** Until the instructor says otherwise: hints open, solutions locked. */
export const DEFAULT_LOCK: Lock = { hints: false, solution: true };

/** Whether an exercise's hints and solution are locked; outside a workshop, or its exercises, nothing is. */
export function lockFor(state: Pick<PublicState, 'exercises' | 'locks'> | null, exerciseId: string): Lock {
  if (!state?.exercises.includes(exerciseId)) return { hints: false, solution: false };
  return state.locks[exerciseId] ?? DEFAULT_LOCK;
}

/** When a participant looks stuck: no new goal passing for so long, or so many tries failing one goal. */
export interface StuckRule {
  readonly quietMinutes: number;
  readonly sameGoalTries: number;
}

/** Until the instructor says otherwise. */
export const DEFAULT_STUCK: StuckRule = { quietMinutes: 10, sameGoalTries: 5 };

/** What every participant may read: the `state` event of the participant stream. */
export interface PublicState {
  readonly code: string;
  readonly title: string;
  readonly lessons: readonly string[];
  readonly exercises: readonly string[];
  readonly startsAt: number | null;
  readonly endsAt: number | null;
  readonly endedAt: number | null;
  readonly message: { readonly text: string; readonly at: number } | null;
  readonly timer: { readonly endsAt: number; readonly label: string | null; readonly seconds: number } | null;
  readonly follow: { readonly path: string; readonly title: string; readonly at: number } | null;
  /** Per exercise; an exercise missing here has DEFAULT_LOCK. */
  readonly locks: Readonly<Record<string, Lock>>;
  /** false once the instructor closes joining: the code then lets nobody new in. */
  readonly joiningOpen: boolean;
  /** When the dashboard calls a participant stuck; the instructor sets it (default DEFAULT_STUCK). */
  readonly stuck: StuckRule;
  /** The server's clock when it sent this, so clients can show the timer despite a skewed clock. */
  readonly now: number;
}

export interface ParticipantView {
  readonly id: string;
  readonly name: string;
  readonly leaderboardName: string | null;
  readonly joinedAt: number;
  readonly seenAt: number;
  readonly online: boolean;
}

/** One participant's latest state on one exercise, without the Dockerfile. */
export interface ProgressView {
  readonly participantId: string;
  readonly exerciseId: string;
  readonly seq: number;
  readonly passing: number;
  readonly total: number;
  readonly failing: readonly number[];
  readonly solved: boolean;
  readonly imageBytes: number | null;
  /** The smallest image that passed every goal, for the leaderboard. */
  readonly bestBytes: number | null;
  readonly attempts: number;
  readonly failStreak: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  /** When the number of passing goals last went up (or the first report). */
  readonly progressedAt: number;
  readonly solvedAt: number | null;
  readonly hasDockerfile: boolean;
}

export interface DashboardSnapshot {
  readonly state: PublicState;
  readonly createdAt: number;
  readonly participants: readonly ParticipantView[];
  readonly progress: readonly ProgressView[];
}

/** The events of the instructor's stream, by SSE event name. */
export interface DashboardEvents {
  snapshot: DashboardSnapshot;
  state: PublicState;
  participant: ParticipantView;
  progress: ProgressView;
  presence: { readonly participantId: string; readonly online: boolean; readonly seenAt: number };
  /** The instructor removed these participants: their rows and progress are gone. */
  removed: { readonly participantIds: readonly string[] };
}

/** The events of a participant's stream. */
export interface ParticipantEvents {
  state: PublicState;
}

export interface CreatedWorkshop {
  readonly code: string;
  /** The instructor's secret; the server keeps only its hash. */
  readonly key: string;
  readonly state: PublicState;
}

export interface JoinedWorkshop {
  readonly participantId: string;
  /** `Bearer <token>` for this participant's requests; the server keeps only its hash. */
  readonly token: string;
  readonly state: PublicState;
}

export interface ProgressAck {
  /** The highest sequence number stored for each exercise in the request. */
  readonly acked: readonly { readonly exerciseId: string; readonly seq: number }[];
}

export interface ParticipantDetail {
  readonly participant: ParticipantView;
  readonly progress: ProgressView;
  readonly dockerfile: string | null;
  readonly results: readonly GoalReport[] | null;
}

/** One goal's verdict as a participant reported it; `certainty` when it rests on a gap in the simulator's data. */
export interface GoalReport {
  readonly pass: boolean;
  readonly detail: string;
  readonly certainty?: 'estimated' | 'unknown';
}

/** Every error: a stable code and a message that says what to do. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string };
}
