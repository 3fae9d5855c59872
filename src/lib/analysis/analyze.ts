/**
 * Everything the simulator concludes about a built image: whether it starts, its attack surface,
 * dive's efficiency figures, and the findings about size, each pointed at a Dockerfile line.
 */
import type { BuildResult, StageResult } from '../build/result.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { lint } from '../rules/index.ts';
import { type EfficiencyReport, efficiency } from './efficiency.ts';
import { checkRun, type RunCheck, type RunOptions } from './run-check.ts';
import { sizeFindings } from './size-findings.ts';
import { attackSurface, type SurfaceReport, surfaceDiagnostics } from './surface.ts';

export interface Analysis {
  readonly run: RunCheck | null;
  readonly surface: SurfaceReport | null;
  readonly efficiency: EfficiencyReport | null;
  /** Run, surface and size findings, with the build's own diagnostics first. */
  readonly diagnostics: readonly Diagnostic[];
}

export function targetStage(result: BuildResult): StageResult | undefined {
  return result.target === null ? undefined : result.stages[result.target];
}

function targetInstructions(
  result: BuildResult,
): { all: readonly Instruction[]; from: Instruction } | undefined {
  const stage = result.dockerfile?.stages[result.target ?? -1];
  return stage ? { all: stage.instructions, from: stage.from } : undefined;
}

export function analyze(result: BuildResult, options: RunOptions = {}): Analysis {
  const stage = targetStage(result);
  const instructions = targetInstructions(result);
  const rules = result.dockerfile
    ? lint({ dockerfile: result.dockerfile, text: result.source, build: result })
    : [];
  if (!result.ok || !stage?.built || !instructions) {
    return { run: null, surface: null, efficiency: null, diagnostics: [...result.diagnostics, ...rules] };
  }
  const run = checkRun(stage, options);
  const surface = attackSurface(stage);
  const report = efficiency(stage);
  const fromRange = instructions.from.range;
  const command = [...instructions.all]
    .reverse()
    .find((instruction) => instruction.kind === 'CMD' || instruction.kind === 'ENTRYPOINT');
  // A run failure over something an unfollowed step may have made is not the learner's error.
  const unsure = run.certainty.level === 'unknown';
  const runDiagnostics: Diagnostic[] = run.error
    ? [
        {
          code: run.error.code,
          severity: unsure ? 'warning' : 'error',
          message: run.error.message,
          range: command?.range ?? fromRange,
          ...(run.error.hint && !unsure ? { hint: run.error.hint } : {}),
          ...(run.certainty.level === 'known' ? {} : { certainty: run.certainty }),
        },
      ]
    : [];
  return {
    run,
    surface,
    efficiency: report,
    diagnostics: [
      ...result.diagnostics,
      ...runDiagnostics,
      ...surfaceDiagnostics(surface, fromRange),
      ...sizeFindings({ stage, instructions: instructions.all, fromRange }, report),
      ...rules,
    ],
  };
}
