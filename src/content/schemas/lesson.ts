/** The front matter every lesson declares; the content collection and the course navigation share it. */
import { z } from 'astro/zod';

export const lessonSchema = z.object({
  title: z.string().min(1).describe('The lesson title, as shown in the course outline and the page heading.'),
  summary: z.string().min(1).describe('One sentence on what the learner will be able to do afterwards.'),
  order: z.number().int().positive().describe('Position in the course; lessons are listed by this number.'),
  minutes: z.number().int().positive().describe('Estimated time to work through the lesson, in minutes.'),
});

export type Lesson = z.infer<typeof lessonSchema>;
