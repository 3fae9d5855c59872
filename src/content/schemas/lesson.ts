/** The front matter every lesson declares; the content collection and the course navigation share it. */
import { z } from 'astro/zod';

export const lessonSchema = z.object({
  title: z.string().min(1).describe('The lesson title, as shown in the course outline and the page heading.'),
  summary: z.string().min(1).describe('One sentence on what the learner will be able to do afterwards.'),
  order: z.number().int().positive().describe('Position in the course; lessons are listed by this number.'),
  minutes: z.number().int().positive().describe('Estimated time to work through the lesson, in minutes.'),
  goals: z
    .array(z.string().min(1))
    .min(1)
    .max(6)
    .describe('What the learner will be able to do after the lesson, shown at the top.'),
  exercise: z
    .string()
    .optional()
    .describe('Id of the challenge that practises this lesson, offered at the end.'),
  lab: z
    .string()
    .optional()
    .describe('Id of the scenario the lesson’s lab opens with; the lab is hidden when there is none.'),
});

export type Lesson = z.infer<typeof lessonSchema>;
