/**
 * The workshop API's request bodies as zod schemas, with their limits: the server checks every body
 * with these, the tests use them as the reference. Browser code never imports this file (zod stays
 * off the pages); the types it derives are re-exported by protocol.ts.
 */
import { z } from 'astro/zod';
import { LIMITS, utf8Bytes } from './protocol.ts';

/** Names and messages are one line of printable text: no control or bidi-override characters. */
const PRINTABLE = /^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u;
/**
 * Characters that show as nothing (U+3164 HANGUL FILLER, U+115F, U+FFA0…), so a name could look
 * empty or like another's; variation selectors stay, for emoji.
 */
const INVISIBLE = /(?![\uFE0E\uFE0F])\p{Default_Ignorable_Code_Point}/u;
/** More combining marks on one letter than any language writes: "zalgo" text that spills over rows. */
const STACKED_MARKS = /\p{M}{4,}/u;

function line(max: number, what: string) {
  return z
    .string()
    .transform((text) => text.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, `${what} is empty.`)
        .max(max, `${what} is longer than ${max} characters.`)
        .regex(PRINTABLE, `${what} contains control characters.`)
        .refine((text) => !INVISIBLE.test(text), `${what} contains invisible characters.`)
        .refine((text) => !STACKED_MARKS.test(text), `${what} stacks too many accents on one letter.`),
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

export const joinBody = z.object({
  name: line(LIMITS.nameChars, 'The name'),
  leaderboardName: line(LIMITS.nameChars, 'The leaderboard name')
    .nullable()
    .describe('How the participant appears on the leaderboard; null keeps them off it.'),
});

const goalResult = z.object({
  pass: z.boolean(),
  detail: z.string().max(LIMITS.goalDetailChars),
  certainty: z
    .enum(['estimated', 'unknown'])
    .optional()
    .describe('Present when the verdict rests on the simulator’s estimate, or on what it cannot tell.'),
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
  .refine((entry) => entry.solved === (entry.passing === entry.total), {
    message: 'Solved must mean that every goal passes, and every goal passing must be solved.',
  })
  .refine((entry) => !entry.solved || (entry.imageBytes !== null && entry.imageBytes > 0), {
    message: 'A solved exercise has a built image, larger than 0 bytes.',
  })
  .refine(
    (entry) =>
      new Set(entry.failing).size === entry.failing.length &&
      entry.failing.every((index) => index < entry.total) &&
      entry.failing.length <= entry.total - entry.passing,
    { message: 'The failing goals must be distinct goals of the exercise, no more than fail.' },
  )
  .refine(
    (entry) =>
      entry.results === null ||
      (entry.results.length === entry.total &&
        entry.results.filter((result) => result.pass).length === entry.passing &&
        entry.results.every((result, index) => result.pass !== entry.failing.includes(index))),
    { message: 'The goal results must be one per goal and agree with the passing count and failing goals.' },
  );

export const progressBody = z.object({
  entries: z.array(progressEntry).min(1).max(LIMITS.entriesPerReport),
});

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
    part: z
      .enum(['hints', 'solution'])
      .describe('Which lock of the exercise changes; the other stays as it is.'),
    locked: z.boolean().describe('true locks that part, false opens it.'),
  }),
  z.object({
    action: z.literal('stuck'),
    quietMinutes: z
      .number()
      .int()
      .min(LIMITS.stuckQuietMinutes.min)
      .max(LIMITS.stuckQuietMinutes.max)
      .describe('Minutes without a new goal passing before a participant counts as stuck.'),
    sameGoalTries: z
      .number()
      .int()
      .min(LIMITS.stuckSameGoalTries.min)
      .max(LIMITS.stuckSameGoalTries.max)
      .describe('Tries in a row failing the same goal before a participant counts as stuck.'),
  }),
  z.object({ action: z.literal('end') }),
  z.object({
    action: z.literal('joining'),
    open: z.boolean().describe('false closes joining: the code lets nobody new in until reopened.'),
  }),
  z.object({
    action: z.literal('remove'),
    participantIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a participant id'))
      .min(1)
      .max(500)
      .describe('Participants to remove, with their progress; their tokens stop working.'),
  }),
]);

function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}
