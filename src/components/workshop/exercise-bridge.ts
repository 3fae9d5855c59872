/**
 * Connects the page's exercise to the workshop without either importing the other: the exercise
 * announces every result (`mc:exercise-result`) and listens for `mc:workshop-lock`; this module,
 * loaded only in a browser that joined a workshop, reports the results to the instructor and
 * tells the exercise which of its hints and solution the instructor has locked.
 */
import type { GoalReport } from '../../workshop/protocol.ts';
import { lockFor, reportProgress, subscribe } from './participant-client.ts';

/** What an exercise announces after each build (src/components/exercise/Exercise.tsx). */
interface ExerciseResult {
  readonly exerciseId: string;
  readonly passing: number;
  readonly total: number;
  readonly solved: boolean;
  readonly imageBytes: number | null;
  readonly dockerfile: string;
  readonly goals?: readonly GoalReport[];
}

export const LOCK_EVENT = 'mc:workshop-lock';
/** An exercise that has started listening for its lock. */
export const READY_EVENT = 'mc:exercise-ready';

let connected = false;

export function connectExercises(): void {
  if (connected || typeof window === 'undefined') return;
  connected = true;
  window.addEventListener('mc:exercise-result', (event) => {
    const result = (event as CustomEvent<ExerciseResult>).detail;
    if (!result) return;
    reportProgress({
      exerciseId: result.exerciseId,
      goals: {
        passing: result.passing,
        total: result.total,
        ...(result.goals ? { results: result.goals } : {}),
      },
      solved: result.solved,
      imageBytes: result.imageBytes,
      dockerfile: result.dockerfile,
    });
  });
  let latest: Parameters<typeof lockFor>[0] = null;
  const tell = (exerciseId: string) => {
    const lock = lockFor(latest, exerciseId);
    window.dispatchEvent(new CustomEvent(LOCK_EVENT, { detail: { exerciseId, lock } }));
  };
  // Whichever loads first, the exercise or this bar, the exercise learns its lock: on every change
  // of the workshop's state, and whenever an exercise says it is ready to listen.
  window.addEventListener(READY_EVENT, (event) => {
    const exerciseId = (event as CustomEvent<{ exerciseId?: unknown }>).detail?.exerciseId;
    if (typeof exerciseId === 'string') tell(exerciseId);
  });
  subscribe('state', (state) => {
    latest = state;
    for (const element of document.querySelectorAll<HTMLElement>('[data-exercise-page]')) {
      tell(element.dataset.exercisePage ?? '');
    }
  });
}
