/**
 * The workshop API's contract, shared by the server, the browser clients, the tests and the load
 * benchmark: request bodies as zod schemas with their size limits, and the JSON the server sends
 * back (responses and Server-Sent Events) as types. Browser code imports only the types, so zod
 * never reaches a page.
 */
import { z } from 'astro/zod';

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

/** Names and messages are one line of printable text: no control or bidi-override characters. */
const PRINTABLE = /^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u;

function line(max: number, what: string) {
  return z
    .string()
    .transform((text) => text.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, `${what} is empty.`)
        .max(max, `${what} is longer than ${max} characters.`)
        .regex(PRINTABLE, `${what} contains control characters.`),
    );
}

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'an id in lower-case kebab-case')
  .describe('A lesson or exercise id from the content collections.');

/** A path on this site: participants navigate to it, so nothing that could leave the origin. */
export const sitePath = z
  .string()
  .max(LIMITS.pathChars)
  .regex(/^\/(?![/\\])[A-Za-z0-9\-._~/#%?=&]*$/, 'a path on this site, starting with one /')
  .describe('A path on this site, e.g. `/lessons/multi-stage/#the-final-stage`.');

const epochMs = z.number().int().min(0).max(8.64e15);

export const createWorkshopBody = z
  .object({
    title: line(LIMITS.titleChars, 'The title'),
    lessons: z.array(id).max(LIMITS.itemsPerWorkshop).describe('Lessons in course order.'),
    exercises: z
      .array(id)
      .min(1, 'Choose at least one exercise.')
      .max(LIMITS.itemsPerWorkshop)
      .describe('Exercises whose progress the dashboard shows.'),
    startsAt: epochMs.nullable().default(null).describe('When the workshop starts (shown to participants).'),
    endsAt: epochMs.nullable().default(null).describe('When it is planned to end.'),
  })
  .refine((body) => body.startsAt === null || body.endsAt === null || body.endsAt > body.startsAt, {
    message: 'The end is before the start.',
    path: ['endsAt'],
  });
export type CreateWorkshopBody = z.input<typeof createWorkshopBody>;

export const joinBody = z.object({
  name: line(LIMITS.nameChars, 'The name'),
  leaderboardName: line(LIMITS.nameChars, 'The leaderboard name')
    .nullable()
    .describe('How the participant appears on the leaderboard; null keeps them off it.'),
});
export type JoinBody = z.input<typeof joinBody>;

const goalResult = z.object({
  pass: z.boolean(),
  detail: z.string().max(LIMITS.goalDetailChars),
});

export const progressEntry = z
  .object({
    exerciseId: id,
    seq: z.number().int().positive().describe('Increases with every report the participant makes.'),
    passing: z.number().int().min(0).max(LIMITS.goalsPerExercise),
    total: z.number().int().min(1).max(LIMITS.goalsPerExercise),
    failing: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(LIMITS.goalsPerExercise - 1),
      )
      .max(LIMITS.goalsPerExercise)
      .describe('Indices of the failing goals, in the exercise’s goal order.'),
    results: z.array(goalResult).max(LIMITS.goalsPerExercise).nullable().describe('Each goal’s detail.'),
    solved: z.boolean(),
    imageBytes: z.number().int().min(0).max(1e13).nullable().describe('The final image; null when unbuilt.'),
    attempts: z
      .number()
      .int()
      .min(0)
      .max(1e7)
      .describe('Tries so far (builds at least a few seconds apart).'),
    failStreak: z.number().int().min(0).max(1e7).describe('Consecutive tries failing the same first goal.'),
    dockerfile: z
      .string()
      .nullable()
      .superRefine((text, context) => {
        const bytes = text === null ? 0 : utf8Bytes(text);
        if (bytes > LIMITS.dockerfileBytes)
          context.addIssue({
            code: 'custom',
            message: `The Dockerfile is ${formatKiB(bytes)}; a workshop accepts Dockerfiles up to ${formatKiB(LIMITS.dockerfileBytes)}.`,
            params: { tooLarge: true },
          });
      })
      .describe('The Dockerfile as the participant left it; null when it is not shared.'),
  })
  .refine((entry) => entry.passing <= entry.total, { message: 'More goals pass than there are.' })
  .refine((entry) => !entry.solved || entry.passing === entry.total, {
    message: 'Solved, but not every goal passes.',
  });
export type ProgressEntry = z.infer<typeof progressEntry>;

export const progressBody = z.object({
  entries: z.array(progressEntry).min(1).max(LIMITS.entriesPerReport),
});
export type ProgressBody = z.infer<typeof progressBody>;

/** What the instructor can change, one action per request. */
export const actionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('message'),
    text: line(LIMITS.messageChars, 'The message').nullable().describe('null clears the message.'),
  }),
  z.object({
    action: z.literal('timer'),
    seconds: z.number().int().min(1).max(LIMITS.timerMaxSeconds).nullable().describe('null stops it.'),
    label: line(LIMITS.timerLabelChars, 'The label').nullable().default(null),
  }),
  z.object({
    action: z.literal('follow'),
    target: z
      .object({ path: sitePath, title: line(LIMITS.followTitleChars, 'The title') })
      .nullable()
      .describe('Where everyone goes; null turns follow-me off.'),
  }),
  z.object({
    action: z.literal('lock'),
    exerciseId: id,
    hints: z.boolean().describe('true locks the hints.'),
    solution: z.boolean().describe('true locks the solution.'),
  }),
  z.object({ action: z.literal('end') }),
]);
export type ActionBody = z.input<typeof actionBody>;

function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}

// ---- What the server sends ----

export interface Lock {
  readonly hints: boolean;
  readonly solution: boolean;
}

/** Until the instructor says otherwise: hints open, solutions locked. */
export const DEFAULT_LOCK: Lock = { hints: false, solution: true };

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
  readonly results: readonly { readonly pass: boolean; readonly detail: string }[] | null;
}

/** Every error: a stable code and a message that says what to do. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string };
}
