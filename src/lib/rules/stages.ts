/**
 * What rules need to know about stages: which stage is the target, which stages' files end up in
 * it (the target and the stages it is built FROM), and the built image when the build finished.
 */
import type { StageResult } from '../build/result.ts';
import {
  type FromInstruction,
  type Instruction,
  type ResolvedStage,
  type RunInstruction,
  resolveStages,
} from '../dockerfile/index.ts';
import type { DirNode } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import type { RuleInput } from './rule.ts';
import { LocatedWord, logicalLine } from './source-text.ts';

const resolvedCache = new WeakMap<RuleInput['dockerfile'], readonly ResolvedStage[] | null>();

/** The stages with their bases resolved (global ARG defaults applied); null when that fails. */
export function resolvedStages(input: RuleInput): readonly ResolvedStage[] | null {
  let resolved = resolvedCache.get(input.dockerfile);
  if (resolved === undefined) {
    const result = resolveStages(input.dockerfile);
    resolved = result.ok ? result.value : null;
    resolvedCache.set(input.dockerfile, resolved);
  }
  return resolved;
}

/** The stage the build produces: the build's target, or the last stage. */
export function targetIndex(input: RuleInput): number {
  return input.build?.target ?? input.dockerfile.stages.length - 1;
}

/** The stage and the stages it is built FROM, base first. */
export function stageChain(input: RuleInput, index: number): number[] {
  const resolved = resolvedStages(input);
  const chain = [index];
  for (let base = resolved?.[index]?.base; base?.kind === 'stage'; base = resolved?.[base.index]?.base) {
    if (chain.includes(base.index)) break;
    chain.unshift(base.index);
  }
  return chain;
}

/** The stages whose files and settings the target image carries: the target and its FROM chain. */
export function shippedStages(input: RuleInput): ReadonlySet<number> {
  return new Set(stageChain(input, targetIndex(input)));
}

export interface BuiltImage {
  readonly stage: StageResult;
  readonly tree: DirNode;
}

/**
 * The target image, when the build finished and simulated every step: only then is a missing file
 * really missing, not just something a RUN the simulator skipped would have made.
 */
export function builtImage(input: RuleInput): BuiltImage | undefined {
  const build = input.build;
  if (!build?.ok || build.target === null) return undefined;
  if (build.steps.some((step) => step.status === 'not-simulated')) return undefined;
  const stage = build.stages[build.target];
  if (!stage?.built || stage.tree === null || stage.config === null) return undefined;
  return { stage, tree: stage.tree };
}

export interface LocatedText {
  /** As written, case kept. */
  readonly text: string;
  readonly range: SourceRange;
}

/** The `AS name` part of a FROM as written (the parsed stage name is lower-cased). */
export function asClause(
  input: RuleInput,
  from: FromInstruction,
): { keyword: LocatedText; name: LocatedText } | undefined {
  const line = logicalLine(from);
  const tokens = [...line.value.matchAll(/\S+/g)];
  let first = 1;
  while (tokens[first]?.[0].startsWith('--')) first++;
  const args = tokens.slice(first);
  const [, keyword, name] = args;
  if (args.length !== 3 || keyword === undefined || name === undefined) return undefined;
  const located = new LocatedWord(input, line);
  const at = (token: RegExpExecArray | RegExpMatchArray): LocatedText => ({
    text: token[0],
    range: located.range(token.index ?? 0, (token.index ?? 0) + token[0].length),
  });
  return { keyword: at(keyword), name: at(name) };
}

/**
 * A stage's instructions with each valid ONBUILD trigger in its place: `ONBUILD RUN apt-get update`
 * runs in every image built FROM this one, so the rules about RUN read it too.
 */
export function withTriggers(instructions: readonly Instruction[]): Instruction[] {
  return instructions.flatMap((instruction) =>
    instruction.kind === 'ONBUILD' && instruction.trigger !== undefined
      ? [instruction, instruction.trigger]
      : [instruction],
  );
}

/**
 * The RUN instructions, ONBUILD triggers included, of every stage: for the rules about the build
 * itself (what it fetches), where a builder stage counts as much as the final one.
 */
export function allRuns(input: RuleInput): RunInstruction[] {
  return input.dockerfile.stages.flatMap((stage) =>
    withTriggers(stage.instructions).filter((i): i is RunInstruction => i.kind === 'RUN'),
  );
}

/** The RUN instructions, ONBUILD triggers included, of the stages whose files end up in the final image. */
export function shippedRuns(input: RuleInput): RunInstruction[] {
  const shipped = shippedStages(input);
  return input.dockerfile.stages.flatMap((stage) =>
    shipped.has(stage.index)
      ? withTriggers(stage.instructions).filter((i): i is RunInstruction => i.kind === 'RUN')
      : [],
  );
}
