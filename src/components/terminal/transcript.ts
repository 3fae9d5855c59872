/**
 * What `docker build` and `docker run` would print for one build, as the lines of a terminal
 * transcript: BuildKit's progress in its tty shape (with each layer's size added), `docker images`
 * and the run check's outcome. It is read-only: a record of the build on show, not a shell.
 */
import type { RunCheck } from '../../lib/analysis/run-check.ts';
import type { Step } from '../../lib/build/result.ts';
import { formatSize } from '../../lib/format-size.ts';
import type { BuildSummary, StageSummary } from '../engine/protocol.ts';
import { commandLine } from '../run/RunCheck.tsx';
import { stageLabel } from '../steps/step-navigation.ts';

export type LineKind = 'prompt' | 'out' | 'error' | 'note';

export interface TranscriptLine {
  readonly kind: LineKind;
  readonly text: string;
}

/** The tag the transcript builds and runs. */
export const IMAGE_NAME = 'exercise';

export function transcriptOf(result: BuildSummary, run: RunCheck | null): TranscriptLine[] {
  const lines: TranscriptLine[] = [
    line('prompt', `docker build -t ${IMAGE_NAME} .`),
    line('out', '[+] Building'),
    line('out', ' => [internal] load build definition from Dockerfile'),
  ];
  const shown = new Set<number>();
  for (const step of result.steps) {
    if (step.status === 'skipped') continue;
    const stage = result.stages[step.stage];
    if (!stage) continue;
    const numbering = numberingOf(result, stage);
    if (!shown.has(stage.index)) {
      shown.add(stage.index);
      if (stage.base?.kind === 'image') {
        lines.push(line('out', ` => [${stageLabel(stage)} 1/${numbering.total}] FROM ${stage.reference}`));
      }
    }
    lines.push(...stepLines(step, `[${stageLabel(stage)} ${numbering.of(step)}/${numbering.total}]`));
  }
  if (!result.ok) {
    lines.push(line('error', `ERROR: failed to solve: ${result.error?.message ?? 'the build failed'}`));
    return lines;
  }
  const target = result.stages[result.target ?? -1];
  lines.push(
    line('out', ' => exporting to image'),
    line('out', ` => => naming to docker.io/library/${IMAGE_NAME}:latest`),
    line('prompt', `docker images ${IMAGE_NAME}`),
    line('out', 'REPOSITORY   TAG       SIZE'),
    line('out', `${IMAGE_NAME.padEnd(13)}latest    ${formatSize(target?.size ?? 0)}`),
    line('prompt', `docker run --rm ${IMAGE_NAME}`),
    ...runLines(run),
  );
  return lines;
}

function stepLines(step: Step, position: string): TranscriptLine[] {
  const size = step.sizeDelta > 0 ? `  ${formatSize(step.sizeDelta)}` : '';
  switch (step.status) {
    case 'failed':
      return [
        line('error', ` => ERROR ${position} ${step.instruction}`),
        line('error', `    ${step.narrative}`),
      ];
    case 'not-simulated':
      return [
        line('out', ` => ${position} ${step.instruction}${size}`),
        line('note', '    (not simulated: what this step changes is uncertain)'),
      ];
    default:
      return [line('out', ` => ${step.cached ? 'CACHED ' : ''}${position} ${step.instruction}${size}`)];
  }
}

function runLines(run: RunCheck | null): TranscriptLine[] {
  if (!run) return [line('error', 'Unable to find image: the build made none')];
  if (run.starts) {
    return [
      line(
        'note',
        `(starts ${commandLine(run.argv)} as ${run.user}; what the program prints is not simulated)`,
      ),
    ];
  }
  const lines = [line('error', run.error?.message ?? 'the container does not start')];
  if (run.error?.hint) lines.push(line('note', `(${run.error.hint})`));
  return lines;
}

/** BuildKit numbers a stage's steps n/total, its FROM first when it pulls an image. */
function numberingOf(result: BuildSummary, stage: StageSummary) {
  const own = result.steps.filter((step) => step.stage === stage.index);
  const offset = stage.base?.kind === 'image' ? 1 : 0;
  return { total: own.length + offset, of: (step: Step) => own.indexOf(step) + 1 + offset };
}

function line(kind: LineKind, text: string): TranscriptLine {
  return { kind, text };
}
