/**
 * An exercise, live: the starter in the editor, the goals checked on every build, hints one at a
 * time, the reference solution and its explanation on success or on request, and the learner's
 * work and best size kept in their progress. Every result is also announced as a DOM event
 * (`mc:exercise-result`) for whoever listens: a workshop, an embedding page; and it takes
 * commands the same way (`mc:exercise-command`: replace the Dockerfile, start over).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { describeGoal, type GoalResult, goalsSolved } from '../../lib/analysis/goal.ts';
import { mainGaps } from '../../lib/certainty.ts';
import type { Severity } from '../../lib/diagnostic.ts';
import { formatSize } from '../../lib/format-size.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { type CertaintySummary, goalReport, summarizeCertainty } from '../certainty/certainty-summary.ts';
import { DOCKERFILE } from '../context/file-path.ts';
import type { BuildOutput } from '../engine/protocol.ts';
import type { PanelId } from '../playground/BuildPanels.tsx';
import { dockerfileOf, sourcesOf, withContent } from '../playground/state.ts';
import {
  changeProgress,
  loadProgress,
  PROGRESS_KEY,
  recordSolved,
  updateExercise,
} from '../progress/progress.ts';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { useWorkbenchFiles } from '../workbench/use-workbench-files.ts';
import { Workbench } from '../workbench/Workbench.tsx';
import {
  type ExerciseData,
  lockedState,
  restoredState,
  solutionState,
  starterState,
  type Verdict,
  verdictOf,
} from './exercise-state.ts';
import { InlineCode, Prose } from './Prose.tsx';
import './exercise.css';

export interface ExerciseResultDetail {
  readonly exerciseId: string;
  readonly passing: number;
  readonly total: number;
  readonly solved: boolean;
  readonly imageBytes: number | null;
  readonly dockerfile: string;
  /**
   * Each goal's result, in the exercise's order; `certainty` when the verdict rests on an estimate
   * or on what the simulator could not tell (as the goal's badge shows it).
   */
  readonly goals: readonly {
    readonly pass: boolean;
    readonly detail: string;
    readonly certainty?: 'estimated' | 'unknown';
  }[];
  /** How sure the build's outcome is, with the reasons of the learner's own Dockerfile. */
  readonly certainty: CertaintySummary;
  /** The build's findings (errors, run check, surface, size, rules), counted by severity. */
  readonly diagnostics: Readonly<Record<Severity, number>>;
  /** Whether the build finished, and whether the image would start (null without an image). */
  readonly built: boolean;
  readonly starts: boolean | null;
}

/** A workshop's lock on this exercise's hints and solution (sent by the workshop bar). */
export const LOCK_EVENT = 'mc:workshop-lock';

export const RESULT_EVENT = 'mc:exercise-result';

/** Dispatched on `window` to drive an exercise from outside (an embed's host page, a workshop). */
export type ExerciseCommandDetail = { readonly exerciseId: string } & (
  | { readonly kind: 'setDockerfile'; readonly dockerfile: string }
  | { readonly kind: 'reset' }
);

export const COMMAND_EVENT = 'mc:exercise-command';

interface Props {
  readonly exercise: ExerciseData;
  /** Sizes computed when the site was built, to compare the learner's image with. */
  readonly reference: { readonly starter: number | null; readonly solution: number | null };
  /** Keep the learner's work in their progress (off in an embed, which keeps its own). */
  readonly persist?: boolean;
  /** With `persist` off, keep the work in this browser under this key instead (an embed does). */
  readonly storageKey?: string;
  /** The views of the build under the editor, in order; none for `[]`. */
  readonly panels?: readonly PanelId[];
  /** Show the exercise without letting the reader edit it; commands still change the Dockerfile. */
  readonly readOnly?: boolean;
  /** Load the editor only when the reader first wants to edit (an embed keeps its first load light). */
  readonly editorOnDemand?: boolean;
}

const SAVE_DELAY_MS = 400;

type GoalStatus = 'pending' | 'pass' | 'fail' | 'unchecked';

function goalStatus(result: GoalResult | undefined, building: boolean): GoalStatus {
  if (!result || building) return 'pending';
  if (result.pass) return 'pass';
  return result.unchecked ? 'unchecked' : 'fail';
}

/** The mark beside a goal, and the words a screen reader says instead (never the mark alone). */
const GOAL_MARK: Record<GoalStatus, string> = { pass: '✓', fail: '✗', unchecked: '–', pending: '…' };
const GOAL_SAYS: Record<GoalStatus, string> = {
  pass: 'Met: ',
  fail: 'Not met: ',
  unchecked: 'Not checked: ',
  pending: 'Checking: ',
};

export default function Exercise(props: Props) {
  const { exercise, reference, persist = true, readOnly = false } = props;
  /** Where the learner's work is kept: the site's progress, an embed's own key, or nowhere. */
  const store = persist ? PROGRESS_KEY : props.storageKey;
  const starter = () => (readOnly ? lockedState(starterState(exercise)) : starterState(exercise));
  const solution = solutionState(exercise);
  const id = useId();
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionShown, setSolutionShown] = useState(false);
  const [best, setBest] = useState<number | undefined>();
  const [lock, setLock] = useState({ hints: false, solution: false });
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const session = useBuildSession((output) => onBuilt(output));
  const files = useWorkbenchFiles(starter, session, {
    onFiles: (next) => {
      session.request(sourcesOf(next), exercise.goals);
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(save, SAVE_DELAY_MS);
    },
  });
  const { apply } = files;

  const onBuilt = (output: BuildOutput) => {
    const goals = output.goals ?? [];
    const target = output.result.target === null ? undefined : output.result.stages[output.result.target];
    const size = output.result.ok ? (target?.size ?? null) : null;
    const passing = goals.filter((goal) => goal.pass).length;
    const solved = goalsSolved(goals);
    if (solved && size !== null && store) {
      const progress = changeProgress((p, now) => recordSolved(p, exercise.id, size, now), store);
      setBest(progress.exercises[exercise.id]?.bestSize);
    }
    const diagnostics = { error: 0, warning: 0, info: 0 };
    for (const diagnostic of output.analysis.diagnostics) diagnostics[diagnostic.severity] += 1;
    const detail: ExerciseResultDetail = {
      exerciseId: exercise.id,
      passing,
      total: goals.length,
      solved,
      imageBytes: size,
      dockerfile: dockerfileOf(files.current()),
      goals: goals.map(goalReport),
      diagnostics,
      built: output.result.ok,
      starts: output.analysis.run?.starts ?? null,
      certainty: summarizeCertainty(output.result.certainty),
    };
    dispatchEvent(new CustomEvent(RESULT_EVENT, { detail }));
  };

  const save = () => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    if (!store || readOnly) return;
    const now = files.current();
    changeProgress(
      (p, at) =>
        updateExercise(
          p,
          exercise.id,
          {
            dockerfile: dockerfileOf(now),
            files: now.files
              .filter((f) => f.path !== DOCKERFILE && !f.readOnly)
              .map(({ path, content }) => ({ path, content })),
          },
          at,
        ),
      store,
    );
  };

  useEffect(() => {
    const saved = store ? loadProgress(undefined, store).exercises[exercise.id] : undefined;
    setHintsShown(Math.min(saved?.hintsShown ?? 0, exercise.hints.length));
    setBest(saved?.bestSize);
    apply(() => (readOnly ? starter() : restoredState(exercise, saved)), { replace: true });
    const flush = () => saveTimer.current !== undefined && save();
    const onCommand = (event: Event) => {
      const command = (event as CustomEvent<ExerciseCommandDetail>).detail;
      if (command?.exerciseId !== exercise.id) return;
      if (command.kind === 'reset') apply(starter, { replace: true });
      else apply((previous) => withContent(previous, DOCKERFILE, command.dockerfile), { replace: true });
    };
    addEventListener('pagehide', flush);
    const onLock = (event: Event) => {
      const detail = (event as CustomEvent<{ exerciseId: string; lock: typeof lock }>).detail;
      if (detail?.exerciseId === exercise.id)
        setLock({ hints: detail.lock.hints, solution: detail.lock.solution });
    };
    addEventListener(LOCK_EVENT, onLock);
    dispatchEvent(new CustomEvent('mc:exercise-ready', { detail: { exerciseId: exercise.id } }));
    addEventListener(COMMAND_EVENT, onCommand);
    return () => {
      removeEventListener(LOCK_EVENT, onLock);
      removeEventListener('pagehide', flush);
      removeEventListener(COMMAND_EVENT, onCommand);
      flush();
    };
  }, []);

  const revealHint = () => {
    const next = Math.min(hintsShown + 1, exercise.hints.length);
    setHintsShown(next);
    if (store) changeProgress((p, now) => updateExercise(p, exercise.id, { hintsShown: next }, now), store);
  };

  const reset = () => {
    if (!window.confirm('Start over from the starter Dockerfile? Your changes to this exercise are lost.'))
      return;
    apply(starter, { replace: true });
  };

  const loadSolution = () => {
    if (!solution || !window.confirm('Replace your Dockerfile with the reference solution?')) return;
    apply(() => solution, { replace: true });
  };

  const { build } = session;
  const output = session.failure ? undefined : build?.output;
  const target =
    output?.result.target === null || !output ? undefined : output.result.stages[output.result.target];
  const verdict = verdictOf(output?.goals, output?.result.ok ? (target?.size ?? null) : null);
  const explained = solution !== undefined || exercise.explanation !== '';
  const showExplanation = explained && ((solutionShown && !lock.solution) || verdict.kind === 'solved');

  return (
    <div class="mc-exercise" data-verdict={verdict.kind}>
      <section class="mc-goals" aria-labelledby={`${id}-goals`}>
        <h2 id={`${id}-goals`}>Goals</h2>
        <ul>
          {exercise.goals.map((goal, i) => {
            const result = output?.goals?.[i];
            const status = goalStatus(result, session.building);
            return (
              <li key={i} data-status={status}>
                <span class="mc-goal-mark" aria-hidden="true">
                  {GOAL_MARK[status]}
                </span>
                <span class="visually-hidden">{GOAL_SAYS[status]}</span>
                <span class="mc-goal-text">{describeGoal(goal)}</span>
                {result && <span class="mc-goal-detail">{result.detail}</span>}
                {result && !session.building && <CertaintyBadge certainty={result.certainty} />}
              </li>
            );
          })}
        </ul>
        <Feedback verdict={verdict} reference={reference} best={best} hint={exercise.hints[hintsShown]} />
      </section>

      <Workbench
        session={session}
        files={files}
        examples={[
          { id: 'starter', title: 'The starter', files: starterState(exercise).files },
          ...(solution ? [{ id: 'solution', title: 'The reference solution', files: solution.files }] : []),
        ]}
        readOnly={readOnly}
        {...(props.editorOnDemand ? { editorOnDemand: true } : {})}
        {...(props.panels ? { panels: props.panels } : {})}
      >
        <div class="mc-exercise-help">
          <section aria-labelledby={`${id}-hints`}>
            <h2 id={`${id}-hints`}>Hints</h2>
            {hintsShown === 0 ? (
              <p class="mc-muted">Stuck? Hints come one at a time, mildest first.</p>
            ) : null}
            <ol class="mc-hints">
              {exercise.hints.slice(0, hintsShown).map((hint, i) => (
                <li key={i}>
                  <InlineCode text={hint} />
                </li>
              ))}
            </ol>
            <div class="mc-exercise-actions">
              <button
                type="button"
                class="button"
                onClick={revealHint}
                disabled={lock.hints || hintsShown >= exercise.hints.length}
              >
                {lock.hints
                  ? 'Hints are locked by your instructor'
                  : hintsShown >= exercise.hints.length
                    ? 'No more hints'
                    : `Show hint ${hintsShown + 1} of ${exercise.hints.length}`}
              </button>
              {explained && (
                <button
                  type="button"
                  class="button"
                  aria-expanded={showExplanation}
                  onClick={() => setSolutionShown((shown) => !shown)}
                  disabled={verdict.kind === 'solved' || lock.solution}
                >
                  {lock.solution && verdict.kind !== 'solved'
                    ? 'The solution is locked by your instructor'
                    : solutionShown
                      ? 'Hide the solution'
                      : 'Show the solution'}
                </button>
              )}
              {!readOnly && (
                <button type="button" class="button danger" onClick={reset}>
                  Start over
                </button>
              )}
            </div>
          </section>
          {showExplanation && (
            <section class="mc-solution" aria-labelledby={`${id}-solution`}>
              <h2 id={`${id}-solution`}>
                {!solution
                  ? verdict.kind === 'solved'
                    ? 'Solved. Why it works'
                    : 'How to solve it'
                  : verdict.kind === 'solved'
                    ? 'Solved. How the reference does it'
                    : 'The reference solution'}
              </h2>
              {exercise.solution && (
                <pre>
                  <code>{exercise.solution.dockerfile}</code>
                </pre>
              )}
              <Prose text={exercise.explanation} />
              {solution && !readOnly && verdict.kind !== 'solved' && (
                <button type="button" class="button" onClick={loadSolution}>
                  Load it into the editor
                </button>
              )}
            </section>
          )}
        </div>
      </Workbench>
    </div>
  );
}

function Feedback(props: {
  verdict: Verdict;
  reference: Props['reference'];
  best: number | undefined;
  hint: string | undefined;
}) {
  const { verdict, reference, best } = props;
  if (verdict.kind === 'waiting') {
    return (
      <p class="mc-feedback" role="status">
        Building your image…
      </p>
    );
  }
  if (verdict.kind === 'solved') {
    return (
      <div class="mc-feedback mc-feedback-solved" role="status">
        <p>
          <strong>Solved.</strong> Your image is {verdict.size === null ? 'built' : formatSize(verdict.size)}
          {reference.solution !== null ? `; the reference solution is ${formatSize(reference.solution)}` : ''}
          {reference.starter !== null ? `; you started from ${formatSize(reference.starter)}` : ''}.
          {best !== undefined && verdict.size !== null && best < verdict.size
            ? ` Your best so far: ${formatSize(best)}.`
            : ''}
        </p>
        {verdict.estimated && (
          <p class="mc-muted">
            Some goals were met on the simulator’s estimates, not real data: each goal says which.
          </p>
        )}
      </div>
    );
  }
  if (verdict.kind === 'unsure') {
    const gaps = mainGaps(verdict.first.certainty);
    return (
      <div class="mc-feedback mc-feedback-unsure" role="status">
        <p>
          <strong>Not checked.</strong> {sentenceInside(describeGoal(verdict.first.goal))}: the simulator
          cannot tell, so this challenge is not marked solved.
        </p>
        <CertaintyNote certainty={verdict.first.certainty} subject="The check" />
        {gaps.length === 0 && <p class="mc-muted">{verdict.first.detail}</p>}
      </div>
    );
  }
  const { first, passing, total } = verdict;
  return (
    <div class="mc-feedback mc-feedback-failing" role="status">
      <p>
        <strong>
          {passing} of {total} goals met.
        </strong>{' '}
        {first.unchecked ? 'Not checked yet' : 'Not met yet'}: {sentenceInside(describeGoal(first.goal))} (
        {first.detail}).
      </p>
      {first.hint && (
        <p class="mc-muted">
          <InlineCode text={first.hint} />
        </p>
      )}
    </div>
  );
}

/**
 * A goal's sentence ("The image is at most 10.0 MB") set inside another: only its first letter
 * drops to lower case, so units and names (MB, CGO_ENABLED) keep theirs.
 */
function sentenceInside(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
