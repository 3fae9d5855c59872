/**
 * Every exercise is checked by the engine it teaches with: its data is valid, its reference
 * solution passes every goal, and its starter fails at least one (nothing is solved before it starts).
 */
import { describe, expect, it } from 'vitest';
import { exerciseIds, readExercise } from '../../src/content/exercise-files.ts';
import {
  type ContextFile,
  type Exercise,
  exerciseSchema,
  solutionFiles,
} from '../../src/content/schemas/exercise.ts';
import { analyze } from '../../src/lib/analysis/analyze.ts';
import { checkGoals, describeGoal } from '../../src/lib/analysis/goals.ts';
import { simulateBuild } from '../../src/lib/build/simulate.ts';
import { committedCatalog, committedPackages } from '../lib/images/catalog-fixture.ts';

async function attempt(exercise: Exercise, dockerfile: string, files: readonly ContextFile[]) {
  const result = await simulateBuild({
    dockerfile,
    context: { files: files.map(({ path, content }) => ({ path, content })) },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
  return checkGoals(exercise.goals, result, analyze(result));
}

const ids = await exerciseIds();

it('has at least five challenges', () => {
  expect(ids.length).toBeGreaterThanOrEqual(5);
});

describe.each(ids)('exercise %s', (id) => {
  let exercise: Exercise;

  it('is valid against the exercise schema', async () => {
    const parsed = exerciseSchema.safeParse(await readExercise(id));
    expect(parsed.error?.issues ?? []).toEqual([]);
    exercise = parsed.data as Exercise;
    expect(exercise.hints.length).toBeGreaterThan(0);
    expect(exercise.explanation.trim()).not.toBe('');
  });

  it('is solved by its reference solution', async () => {
    const goals = await attempt(exercise, exercise.solution.dockerfile, solutionFiles(exercise));
    const failing = goals
      .filter((goal) => !goal.pass)
      .map((goal) => `${describeGoal(goal.goal)}: ${goal.detail}`);
    expect(failing).toEqual([]);
  });

  it('is not solved by its starter', async () => {
    const goals = await attempt(exercise, exercise.dockerfile, exercise.files);
    expect(goals.some((goal) => !goal.pass)).toBe(true);
  });

  it('keeps read-only files out of the solution', () => {
    const readOnly = new Set(exercise.files.filter((file) => file.readOnly).map((file) => file.path));
    expect(exercise.solution.files.filter((file) => readOnly.has(file.path))).toEqual([]);
  });
});
