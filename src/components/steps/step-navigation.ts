/**
 * The build as a debugger walks it: steps grouped by stage, the steps that ran in the order they
 * ran (skipped stages have nothing to step through), and moving from one to the next.
 */
import type { Step, StepStatus } from '../../lib/build/result.ts';
import type { BuildSummary, StageSummary } from '../engine/protocol.ts';

export interface StepEntry {
  /** Index into the build's steps. */
  readonly index: number;
  readonly step: Step;
}

export type StageState = 'built' | 'failed' | 'not-needed' | 'build-failed';

export interface StageGroup {
  readonly stage: StageSummary;
  /** As BuildKit's progress names it: the stage's name, else `stage-N`. */
  readonly label: string;
  readonly target: boolean;
  readonly state: StageState;
  readonly steps: readonly StepEntry[];
}

export function stageLabel(stage: Pick<StageSummary, 'name' | 'index'>): string {
  return stage.name ?? `stage-${stage.index}`;
}

function stageState(stage: StageSummary): StageState {
  if (stage.built) return 'built';
  return stage.skipped ?? 'failed';
}

export function stageGroups(result: BuildSummary): StageGroup[] {
  return result.stages.map((stage) => ({
    stage,
    label: stageLabel(stage),
    target: stage.index === result.target,
    state: stageState(stage),
    steps: result.steps.flatMap((step, index) => (step.stage === stage.index ? [{ index, step }] : [])),
  }));
}

/** The steps a learner can step through: every one that ran, failed or could not be simulated. */
export function steppable(steps: readonly Step[]): number[] {
  return steps.flatMap((step, index) => (step.status === 'skipped' ? [] : [index]));
}

export type StepMove = 'next' | 'previous' | 'first' | 'last';

/** The step after a move; from no step, next and first go to the first, previous and last to the last. */
export function moveStep(order: readonly number[], current: number | null, move: StepMove): number | null {
  if (order.length === 0) return null;
  const position = current === null ? -1 : order.indexOf(current);
  const last = order.length - 1;
  let next: number;
  if (move === 'first') next = 0;
  else if (move === 'last') next = last;
  else if (position < 0) next = move === 'next' ? 0 : last;
  else next = Math.min(last, Math.max(0, position + (move === 'next' ? 1 : -1)));
  return order[next] ?? null;
}

/**
 * The step to keep showing after a rebuild: the same instruction of the same stage if it is still
 * there (lines move as the learner types above it), else the same position, else none.
 */
export function sameStep(previous: Step | undefined, at: number, steps: readonly Step[]): number | null {
  if (!previous) return null;
  const index = steps.findIndex(
    (step) =>
      step.stage === previous.stage && step.instruction === previous.instruction && step.status !== 'skipped',
  );
  if (index >= 0) return index;
  const step = steps[at];
  return step && step.status !== 'skipped' ? at : null;
}

export const STATUS_LABEL: Readonly<Record<StepStatus, string>> = {
  done: 'Done',
  failed: 'Failed',
  'not-simulated': 'Effect uncertain',
  skipped: 'Skipped',
};

export const STAGE_STATE_LABEL: Readonly<Record<StageState, string>> = {
  built: 'Built',
  failed: 'Failed',
  'not-needed': 'Skipped',
  'build-failed': 'Not built',
};

/** Why a stage has no layers of its own, in a sentence. */
export function skippedReason(state: StageState): string | null {
  if (state === 'not-needed')
    return 'The target does not need this stage (no FROM, COPY --from or RUN --mount reads it), so BuildKit skips it.';
  if (state === 'build-failed') return 'The build stopped at an error before it reached this stage.';
  return null;
}

/** A step's size change as a signed figure: `+13 B`, `0 B`. */
export function sizeDelta(bytes: number, format: (bytes: number) => string): string {
  return bytes > 0 ? `+${format(bytes)}` : format(bytes);
}
