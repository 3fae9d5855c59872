/**
 * An exercise inside an embed: the course's Exercise island with the embed's options (views,
 * read-only, the editor on demand, progress kept under its own key), wired to the postMessage
 * bridge: its results become events, the host's commands become its commands.
 */
import { useEffect, useRef } from 'preact/hooks';
import Exercise, {
  COMMAND_EVENT,
  type ExerciseCommandDetail,
  type ExerciseResultDetail,
  RESULT_EVENT,
} from '../exercise/Exercise.tsx';
import type { ExerciseData } from '../exercise/exercise-state.ts';
import { InlineCode } from '../exercise/Prose.tsx';
import type { Bridge } from './bridge.ts';
import { eventsAfterBuild } from './events.ts';
import { buildViewsOf, type EmbedOptions } from './options.ts';
import { applyTheme } from './theme.ts';

export interface EmbedExerciseProps {
  readonly exercise: ExerciseData;
  readonly reference: { readonly starter: number | null; readonly solution: number | null };
  readonly options: EmbedOptions;
  readonly bridge: Bridge;
  /** An author's exercise brings its own title and task; a course exercise's are in the page. */
  readonly heading?: { readonly title: string; readonly summary: string | undefined };
}

/** Where an embed keeps the reader's work on an exercise, in its own origin's storage. */
export const embedStorageKey = (exerciseId: string) => `mc:embed:v1:${exerciseId}`;

/** The editor's height for a Dockerfile: its lines and a few to spare, 8 to 24 rows (a style for embed.css). */
export function editorHeight(dockerfile: string): string {
  const rows = Math.min(24, Math.max(8, dockerfile.split('\n').length + 3));
  return `--mc-embed-editor-height: ${(rows * 1.45 + 1.5).toFixed(2)}rem`;
}

export function EmbedExercise({ exercise, reference, options, bridge, heading }: EmbedExerciseProps) {
  const previous = useRef<ExerciseResultDetail | undefined>(undefined);

  useEffect(() => {
    const onResult = (event: Event) => {
      const result = (event as CustomEvent<ExerciseResultDetail>).detail;
      if (result.exerciseId !== exercise.id) return;
      for (const body of eventsAfterBuild(previous.current, result, exercise.goals)) bridge.post(body);
      previous.current = result;
    };
    addEventListener(RESULT_EVENT, onResult);
    bridge.setHandler((command) => {
      if (command.type === 'setTheme') {
        applyTheme(command.theme);
        return;
      }
      const detail: ExerciseCommandDetail =
        command.type === 'reset'
          ? { exerciseId: exercise.id, kind: 'reset' }
          : { exerciseId: exercise.id, kind: 'setDockerfile', dockerfile: command.dockerfile };
      dispatchEvent(new CustomEvent(COMMAND_EVENT, { detail }));
    });
    bridge.post({ type: 'ready', mode: 'exercise', exercise: exercise.id, goals: exercise.goals.length });
    return () => {
      removeEventListener(RESULT_EVENT, onResult);
      bridge.setHandler(undefined);
    };
  }, []);

  return (
    <div class="mc-embed-widget" style={editorHeight(exercise.dockerfile)}>
      {heading && (
        <header class="mc-embed-header">
          <h1>{heading.title}</h1>
          {heading.summary && (
            <p>
              <InlineCode text={heading.summary} />
            </p>
          )}
        </header>
      )}
      <Exercise
        exercise={exercise}
        reference={reference}
        persist={false}
        storageKey={embedStorageKey(exercise.id)}
        panels={buildViewsOf(options.panels)}
        readOnly={options.readonly}
        editorOnDemand
      />
    </div>
  );
}
