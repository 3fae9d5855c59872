/**
 * A course exercise as the pages that show it hand it to the Exercise island (the challenge page,
 * the embed): the exercise's data, and the starter's and the reference solution's image sizes,
 * computed by the engine while the site is built.
 */
import type { CollectionEntry } from 'astro:content';
import type { ExerciseData } from '../components/exercise/exercise-state.ts';
import { imageSize } from './facts/evaluate.ts';
import { solutionFiles } from './schemas/exercise.ts';

export interface ExerciseWithReference {
  readonly exercise: ExerciseData;
  readonly reference: { readonly starter: number | null; readonly solution: number | null };
}

export async function exerciseWithReference(
  entry: CollectionEntry<'exercises'>,
): Promise<ExerciseWithReference> {
  const data = entry.data;
  return {
    exercise: {
      id: entry.id,
      title: data.title,
      dockerfile: data.dockerfile,
      files: data.files,
      goals: data.goals,
      hints: data.hints,
      solution: data.solution,
      explanation: data.explanation,
    },
    reference: {
      starter: await imageSize(data.dockerfile, data.files),
      solution: await imageSize(data.solution.dockerfile, solutionFiles(data)),
    },
  };
}
