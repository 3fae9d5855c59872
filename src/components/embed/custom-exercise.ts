/**
 * An author's own exercise in an embed's URL: `#e=` and the versioned JSON `{ v: 1, exercise }`,
 * compressed as shared links are. Nothing from it is trusted: the codec bounds its size, the
 * exercise schema (as JSON Schema, see schema-check.ts) checks every field, and the files must also
 * pass the editor's own rules and limits (checkState) before anything is shown.
 */
import type { ExerciseData } from '../exercise/exercise-state.ts';
import { solutionState, starterState } from '../exercise/exercise-state.ts';
import { decodeJson, encodeJson } from '../playground/compressed-json.ts';
import { LINK_LIMITS } from '../playground/share-link.ts';
import { checkState } from '../playground/state.ts';
import { checkAgainst, type JsonSchema } from './schema-check.ts';

const VERSION = 1;

export interface CustomExercise {
  readonly exercise: ExerciseData;
  readonly summary: string | undefined;
}

export type CustomRead =
  | { readonly ok: true; readonly custom: CustomExercise }
  | { readonly ok: false; readonly message: string };

export function encodeCustomExercise(exercise: unknown): Promise<string> {
  return encodeJson({ v: VERSION, exercise });
}

export async function decodeCustomExercise(encoded: string, schema: JsonSchema): Promise<CustomRead> {
  const decoded = await decodeJson(encoded, LINK_LIMITS, 'an exercise');
  return decoded.ok ? readCustomExercise(decoded.value, schema) : decoded;
}

/** The exercise in a decoded fragment, checked. */
export function readCustomExercise(value: unknown, schema: JsonSchema): CustomRead {
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== VERSION) {
    return { ok: false, message: 'it was made for a different version of the embed' };
  }
  const checked = checkAgainst(schema, (value as { exercise?: unknown }).exercise);
  if (!checked.ok) return { ok: false, message: `the exercise is not valid: ${checked.message}` };
  // The schema guarantees the shape; the cast names it.
  const data = checked.value as Omit<ExerciseData, 'id'> & { readonly summary?: string };
  const exercise: ExerciseData = {
    id: `custom-${fingerprint(JSON.stringify(data))}`,
    title: data.title,
    dockerfile: data.dockerfile,
    files: data.files,
    goals: data.goals,
    hints: data.hints,
    ...(data.solution ? { solution: data.solution } : {}),
    explanation: data.explanation,
  };
  for (const [what, state] of [
    ['its files', starterState(exercise)],
    ['its solution', solutionState(exercise)],
  ] as const) {
    const files = state && checkState(state);
    if (files && !files.ok) return { ok: false, message: `${what} cannot be opened: ${files.message}` };
  }
  return { ok: true, custom: { exercise, summary: data.summary } };
}

/** FNV-1a, 32 bits, in hex: names the exercise's saved work, so different exercises never share it. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
