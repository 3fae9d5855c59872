/**
 * The course as the workshop pages need it, read from the content collections at build time: each
 * lesson with its sections (follow-me targets) and each exercise with its goals as the learner
 * reads them. Lesson and exercise ids come from the collections, so new content appears here as
 * it is added.
 */
import { getCollection, render } from 'astro:content';
import { describeGoal } from '../../lib/analysis/goals.ts';
import { exercisePath, lessonPath } from '../../workshop/course-paths.ts';

export interface OutlineSection {
  readonly title: string;
  readonly path: string;
}

export interface OutlineLesson {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly sections: readonly OutlineSection[];
}

export interface OutlineExercise {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly lesson: string | null;
  readonly goals: readonly string[];
}

export interface CourseOutline {
  readonly lessons: readonly OutlineLesson[];
  readonly exercises: readonly OutlineExercise[];
  /** Other pages the class can be sent to. */
  readonly pages: readonly OutlineSection[];
}

export async function courseOutline(): Promise<CourseOutline> {
  const lessons = (await getCollection('lessons')).sort((a, b) => a.data.order - b.data.order);
  const exercises = (await getCollection('exercises')).sort((a, b) => a.data.order - b.data.order);
  return {
    lessons: await Promise.all(
      lessons.map(async (lesson) => {
        const { headings } = await render(lesson);
        const path = lessonPath(lesson.id);
        return {
          id: lesson.id,
          title: lesson.data.title,
          path,
          sections: headings
            .filter((heading) => heading.depth === 2)
            .map((heading) => ({ title: heading.text, path: `${path}#${heading.slug}` })),
        };
      }),
    ),
    exercises: exercises.map((exercise) => ({
      id: exercise.id,
      title: exercise.data.title,
      path: exercisePath(exercise.id),
      lesson: exercise.data.lesson ?? null,
      goals: exercise.data.goals.map(describeGoal),
    })),
    pages: [
      { title: 'Home', path: '/' },
      { title: 'Playground', path: '/playground/' },
      { title: 'Rule reference', path: '/rules/' },
    ],
  };
}

/** The course in teaching order: each lesson followed by its exercises, then exercises of no lesson. */
export function teachingOrder(outline: CourseOutline) {
  const placed = new Set<string>();
  const items: {
    kind: 'lesson' | 'exercise';
    id: string;
    title: string;
    path: string;
    lesson: string | null;
  }[] = [];
  for (const lesson of outline.lessons) {
    items.push({ kind: 'lesson', id: lesson.id, title: lesson.title, path: lesson.path, lesson: null });
    for (const exercise of outline.exercises.filter((item) => item.lesson === lesson.id)) {
      items.push({ kind: 'exercise', ...exercise });
      placed.add(exercise.id);
    }
  }
  for (const exercise of outline.exercises.filter((item) => !placed.has(item.id)))
    items.push({ kind: 'exercise', ...exercise });
  return items.map(({ kind, id, title, path, lesson }) => ({ kind, id, title, path, lesson }));
}
