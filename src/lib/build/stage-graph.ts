/**
 * Which stages a build runs: the target and what it depends on (FROM an earlier stage,
 * COPY --from, RUN --mount from=), in dependency order. Other stages are skipped, as BuildKit
 * skips them; a cycle is an error.
 */
import { suggest } from '../dockerfile/go-text.ts';
import type { Dockerfile, ResolvedStage, SyntaxWord } from '../dockerfile/index.ts';
import { resolveCopyFrom } from '../dockerfile/index.ts';
import type { SourceRange } from '../source-range.ts';

export interface StagePlan {
  readonly target: number;
  /** Stages to build, dependencies first. */
  readonly order: readonly number[];
  readonly skipped: readonly number[];
  /** For each stage, the stages it needs. */
  readonly dependencies: readonly (readonly number[])[];
}

export interface PlanError {
  readonly code: string;
  readonly message: string;
  readonly range?: SourceRange;
}

export function stageLabel(stages: readonly ResolvedStage[], index: number): string {
  return stages[index]?.name ?? `stage-${index}`;
}

/** The stages a stage reads from. */
function dependenciesOf(dockerfile: Dockerfile, resolved: readonly ResolvedStage[], index: number): number[] {
  const deps = new Set<number>();
  const base = resolved[index]?.base;
  if (base?.kind === 'stage') deps.add(base.index);
  const stage = dockerfile.stages[index];
  const addFrom = (from: SyntaxWord | string | undefined) => {
    const value = typeof from === 'string' ? from : from?.value;
    if (value === undefined) return;
    const source = resolveCopyFrom(value, dockerfile.stages);
    if (source.ok && source.source.kind === 'stage') deps.add(source.source.index);
  };
  for (const instruction of stage?.instructions ?? []) {
    if (instruction.kind === 'COPY') addFrom(instruction.from);
    if (instruction.kind === 'RUN') for (const mount of instruction.mounts) addFrom(mount.from);
  }
  return [...deps];
}

export function planStages(
  dockerfile: Dockerfile,
  resolved: readonly ResolvedStage[],
  targetName?: string,
): { ok: true; plan: StagePlan } | { ok: false; error: PlanError } {
  let target = dockerfile.stages.length - 1;
  if (targetName !== undefined && targetName !== '') {
    const found = dockerfile.stages.find((stage) => stage.name === targetName.toLowerCase());
    if (!found) {
      const names = dockerfile.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
      const match = suggest(targetName, names, true);
      const hint = match === undefined ? '' : ` (did you mean ${match}?)`;
      return {
        ok: false,
        error: {
          code: 'build/unknown-target',
          message: `target stage "${targetName}" could not be found${hint}`,
        },
      };
    }
    target = found.index;
  }
  const dependencies = dockerfile.stages.map((stage) => dependenciesOf(dockerfile, resolved, stage.index));
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (index: number): PlanError | undefined => {
    if (state.get(index) === 'done') return undefined;
    if (state.get(index) === 'visiting') {
      return {
        code: 'build/circular-dependency',
        message: `circular dependency detected on stage: ${stageLabel(resolved, index)}`,
        range: dockerfile.stages[index]?.from.range,
      };
    }
    state.set(index, 'visiting');
    for (const dep of dependencies[index] ?? []) {
      const error = visit(dep);
      if (error) return error;
    }
    state.set(index, 'done');
    order.push(index);
    return undefined;
  };
  const error = visit(target);
  if (error) return { ok: false, error };
  const skipped = dockerfile.stages.map((stage) => stage.index).filter((index) => !order.includes(index));
  return { ok: true, plan: { target, order, skipped, dependencies } };
}
