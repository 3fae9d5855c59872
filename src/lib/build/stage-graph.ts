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

/**
 * The target and the stages it needs, each after its dependencies, or the stage where a cycle
 * closes. Depth-first with a stack of its own rather than recursion: a chain of 10,000 stages
 * (each `COPY --from` the one before) would overflow the call stack.
 */
function dependencyOrder(target: number, dependencies: readonly (readonly number[])[]): number[] | number {
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const stack: { index: number; next: number }[] = [{ index: target, next: 0 }];
  state.set(target, 'visiting');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { index: number; next: number };
    const dep = dependencies[frame.index]?.[frame.next++];
    if (dep === undefined) {
      stack.pop();
      state.set(frame.index, 'done');
      order.push(frame.index);
    } else if (state.get(dep) === 'visiting') {
      return dep;
    } else if (state.get(dep) === undefined) {
      state.set(dep, 'visiting');
      stack.push({ index: dep, next: 0 });
    }
  }
  return order;
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
  const found = dependencyOrder(target, dependencies);
  if (typeof found === 'number') {
    return {
      ok: false,
      error: {
        code: 'build/circular-dependency',
        message: `circular dependency detected on stage: ${stageLabel(resolved, found)}`,
        range: dockerfile.stages[found]?.from.range,
      },
    };
  }
  const order = found;
  const built = new Set(order);
  const skipped = dockerfile.stages.map((stage) => stage.index).filter((index) => !built.has(index));
  return { ok: true, plan: { target, order, skipped, dependencies } };
}
