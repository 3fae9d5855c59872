import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { exerciseIds, readExercise } from './content/exercise-files.ts';
import { exerciseSchema } from './content/schemas/exercise.ts';
import { lessonSchema } from './content/schemas/lesson.ts';

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './src/content/lessons' }),
  schema: lessonSchema,
});

// Exercises are directories (metadata, starter, solution, explanation), read by one function that
// the tests share, so what the site shows is what the tests check.
const exercises = defineCollection({
  loader: async () =>
    Promise.all((await exerciseIds()).map(async (id) => ({ id, ...(await readExercise(id)) }))),
  schema: exerciseSchema,
});

const glossary = defineCollection({
  loader: file('src/content/glossary.yaml'),
  schema: z.object({
    term: z.string().min(1).describe('The term as the glossary lists it.'),
    definition: z.string().min(1).describe('One or two sentences; `backticks` mark code.'),
  }),
});

export const collections = { lessons, exercises, glossary };
