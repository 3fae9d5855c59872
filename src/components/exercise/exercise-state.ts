/**
 * What an exercise session needs that is not the editor: the starter as playground state, the
 * learner's saved work, and what a set of goal results means for the learner (verdict, next hint).
 */
import type { Goal, GoalResult } from '../../lib/analysis/goal.ts';
import { DOCKERFILE } from '../context/file-path.ts';
import type { PlaygroundFile, PlaygroundState } from '../playground/state.ts';

export interface ExerciseFile {
  readonly path: string;
  readonly content: string;
  readonly readOnly?: boolean;
}

/** The exercise as the island receives it: the schema's data, as plain JSON. */
export interface ExerciseData {
  readonly id: string;
  readonly title: string;
  readonly dockerfile: string;
  readonly files: readonly ExerciseFile[];
  readonly goals: readonly Goal[];
  readonly hints: readonly string[];
  /** Every course exercise has one; an author's embedded exercise may not. */
  readonly solution?: { readonly dockerfile: string; readonly files: readonly ExerciseFile[] };
  readonly explanation: string;
}

export function starterState(exercise: ExerciseData): PlaygroundState {
  return {
    files: [{ path: DOCKERFILE, content: exercise.dockerfile }, ...exercise.files.map(copyFile)],
    active: DOCKERFILE,
  };
}

export function solutionState(exercise: ExerciseData): PlaygroundState | undefined {
  const { solution } = exercise;
  if (!solution) return undefined;
  const byPath = new Map(exercise.files.map((file) => [file.path, copyFile(file)]));
  for (const file of solution.files) byPath.set(file.path, copyFile(file));
  return {
    files: [{ path: DOCKERFILE, content: solution.dockerfile }, ...byPath.values()],
    active: DOCKERFILE,
  };
}

/** The same files with none of them editable: an embed's read-only mode. */
export function lockedState(state: PlaygroundState): PlaygroundState {
  return { ...state, files: state.files.map((file) => ({ ...file, readOnly: true })) };
}

/**
 * The learner's saved work on top of the starter: their Dockerfile and their versions of the
 * editable files; read-only files always come from the exercise.
 */
export function restoredState(
  exercise: ExerciseData,
  saved:
    | { readonly dockerfile?: string; readonly files?: readonly { path: string; content: string }[] }
    | undefined,
): PlaygroundState {
  const starter = starterState(exercise);
  if (!saved?.dockerfile) return starter;
  const savedFiles = new Map((saved.files ?? []).map((file) => [file.path, file.content]));
  const files = starter.files.map((file) =>
    file.path === DOCKERFILE
      ? { ...file, content: saved.dockerfile as string }
      : file.readOnly
        ? file
        : { ...file, content: savedFiles.get(file.path) ?? file.content },
  );
  // Files the learner added (not in the starter) come back too.
  for (const [path, content] of savedFiles) {
    if (path !== DOCKERFILE && !files.some((file) => file.path === path)) files.push({ path, content });
  }
  return { files, active: DOCKERFILE };
}

function copyFile(file: ExerciseFile): PlaygroundFile {
  return file.readOnly
    ? { path: file.path, content: file.content, readOnly: true }
    : { path: file.path, content: file.content };
}

export type Verdict =
  | { readonly kind: 'waiting' }
  /** Every goal met; `estimated` when some verdict rests on the simulator's estimates. */
  | { readonly kind: 'solved'; readonly size: number | null; readonly estimated: boolean }
  | {
      readonly kind: 'failing';
      readonly first: GoalResult;
      readonly passing: number;
      readonly total: number;
    }
  /** Every goal met as far as the simulator can tell, but some rest on what it could not follow. */
  | { readonly kind: 'unsure'; readonly first: GoalResult; readonly total: number };

export function verdictOf(goals: readonly GoalResult[] | undefined, size: number | null): Verdict {
  if (!goals) return { kind: 'waiting' };
  const failing = goals.filter((goal) => !goal.pass);
  const first = failing[0];
  if (first && first.certainty.level !== 'unknown')
    return { kind: 'failing', first, passing: goals.length - failing.length, total: goals.length };
  const unsure = goals.find((goal) => goal.certainty.level === 'unknown');
  if (unsure) return { kind: 'unsure', first: unsure, total: goals.length };
  if (first) return { kind: 'failing', first, passing: goals.length - failing.length, total: goals.length };
  const estimated = goals.some((goal) => goal.certainty.level === 'estimated');
  return { kind: 'solved', size, estimated };
}
