/**
 * An exercise as data: the starter the learner edits, the goals the engine checks, hints, a
 * reference solution and its explanation. Built-in exercises (src/content/exercises) and custom
 * ones (embeds) are validated by this same schema.
 */
import { z } from 'astro/zod';
import type { Goal } from '../../lib/analysis/goal.ts';

const MAX_FILE_BYTES = 64 * 1024;
const MAX_FILES = 32;

const path = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w@%+=:,./ -]+$/, 'a relative path inside the build context')
  .describe('A path relative to the build context root, e.g. `src/example.py`; no `..`.');

export const contextFileSchema = z.object({
  path: path,
  content: z.string().max(MAX_FILE_BYTES).describe('The file as text.'),
  readOnly: z.boolean().default(false).describe('Whether the learner may edit the file.'),
});

const imagePaths = z
  .array(z.string().startsWith('/').max(1024))
  .min(1)
  .max(64)
  .describe('Absolute paths in the final image, e.g. `/bin/sh`.');

const goalSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('builds') }).describe('The build succeeds.'),
    z
      .object({
        kind: z.literal('maxSize'),
        bytes: z.number().int().positive().describe('Upper limit in bytes.'),
      })
      .describe('The final image is at most this many bytes, as `docker images` counts them.'),
    z.object({ kind: z.literal('starts') }).describe('`docker run` of the image would start its command.'),
    z.object({ kind: z.literal('noShell') }).describe('The final image has no shell.'),
    z.object({ kind: z.literal('nonRoot') }).describe('The container does not run as root.'),
    z
      .object({ kind: z.literal('absentPaths'), paths: imagePaths })
      .describe('None of these absolute paths exist in the final image.'),
    z
      .object({ kind: z.literal('presentPaths'), paths: imagePaths })
      .describe('All of these absolute paths exist in the final image.'),
    z
      .object({
        kind: z.literal('noDiagnostic'),
        code: z
          .string()
          .max(100)
          .regex(/^[a-z]+\/[a-z0-9-]+$/),
      })
      .describe('The analysis reports no finding with this code, e.g. `rule/copy-manifests-first`.'),
    z
      .object({
        kind: z.literal('stageCount'),
        min: z.number().int().positive().optional(),
        max: z.number().int().positive().optional(),
      })
      .describe('The Dockerfile has between min and max stages.'),
    z
      .object({ kind: z.literal('maxLayers'), count: z.number().int().positive() })
      .describe('The final stage adds at most this many layers of its own.'),
  ])
  .describe('A predicate the engine checks on the build and its analysis.');

export const exerciseSchema = z.object({
  title: z.string().min(1).max(120).describe('Short imperative title, e.g. "Ship the Go app from scratch".'),
  summary: z.string().min(1).max(400).describe('One or two sentences: the task as the learner reads it.'),
  order: z.number().int().positive().describe('Position in the challenge list.'),
  lesson: z.string().optional().describe('Id of the lesson that teaches what this exercise needs.'),
  dockerfile: z.string().min(1).max(MAX_FILE_BYTES).describe('The starter Dockerfile.'),
  files: z
    .array(contextFileSchema)
    .max(MAX_FILES)
    .describe('The starter build context, besides the Dockerfile.'),
  goals: z
    .array(goalSchema)
    .min(1)
    .max(12)
    .describe('Every goal must pass for the exercise to count as solved.'),
  hints: z.array(z.string().min(1).max(600)).max(8).describe('Hints, revealed one at a time, mildest first.'),
  solution: z
    .object({
      dockerfile: z.string().min(1).max(MAX_FILE_BYTES).describe('The reference Dockerfile.'),
      files: z
        .array(contextFileSchema)
        .max(MAX_FILES)
        .default([])
        .describe('Context files the solution adds or changes; the rest stay as in the starter.'),
    })
    .describe('A reference solution; a test checks it passes every goal.'),
  explanation: z.string().max(8000).default('').describe('Markdown shown after success or on request.'),
});

/**
 * An exercise an author embeds on their own page (in the embed's URL or the loader's attributes):
 * the same fields and limits, without the course's place for it (order, lesson), and with only
 * what a task needs required: a title, a starter Dockerfile and goals.
 */
export const customExerciseSchema = exerciseSchema.omit({ order: true, lesson: true }).extend({
  summary: exerciseSchema.shape.summary.optional(),
  files: exerciseSchema.shape.files.default([]),
  hints: exerciseSchema.shape.hints.default([]),
  solution: exerciseSchema.shape.solution
    .optional()
    .describe('A reference solution, if the author gives one.'),
});

export type ContextFile = z.infer<typeof contextFileSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;
export type CustomExercise = z.infer<typeof customExerciseSchema>;

// The schema must produce goals the engine understands: this fails to compile if they drift apart.
type SchemaGoal = z.infer<typeof goalSchema>;
export const goalsAgree: SchemaGoal extends Goal ? true : false = true;

/** The solution's full context: the starter's files with the solution's added or replaced. */
export function solutionFiles(exercise: Exercise): ContextFile[] {
  const byPath = new Map(exercise.files.map((file) => [file.path, file]));
  for (const file of exercise.solution.files) byPath.set(file.path, file);
  return [...byPath.values()];
}
