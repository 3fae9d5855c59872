/**
 * The build engine's entry point: Dockerfile text + build context + catalog → every needed stage
 * built into layers, the target image, a step per instruction, and the first error if any, as
 * BuildKit would build it. The build stops at the first error; what was built stays inspectable.
 */

import {
  atLine,
  type Certainty,
  certaintyOf,
  combine,
  type Gap,
  gapsOf,
  KNOWN,
  unknown,
} from '../certainty.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { suggest } from '../dockerfile/go-text.ts';
import {
  type Dockerfile,
  globalArgValues,
  type Instruction,
  PLATFORM_ARGS,
  parseDockerfile,
  type ResolvedStage,
  resolveCopyFrom,
  resolveStages,
  type SyntaxWord,
} from '../dockerfile/index.ts';
import { contentDigest } from '../fs/content.ts';
import { updateNode } from '../fs/edit.ts';
import { type DirNode, emptyTree, stat } from '../fs/tree.ts';
import { type Catalog, ImageNotFoundError, type LoadedImage, layerCertainty } from '../images/catalog.ts';
import type { PackageCatalog } from '../packages/catalog.ts';
import { shellRun } from '../shell/run.ts';
import { basePlatform } from './base-platform.ts';
import { type BuildContext, ContextError, contextTree } from './context.ts';
import { BuildFailure, type CopySource } from './copy.ts';
import { ExpansionBudget } from './expansion-budget.ts';
import { configFromCatalog, type ImageConfig, SCRATCH_CONFIG } from './image-config.ts';
import type {
  BaseDescription,
  BuildError,
  BuildResult,
  BuiltLayer,
  HistoryEntry,
  StageResult,
  Step,
} from './result.ts';
import type { RunInterpreter } from './run-step.ts';
import { type CacheEntry, type LayerCache, StageBuilder, type StageState } from './stage-builder.ts';
import { planStages, stageLabel } from './stage-graph.ts';

export interface BuildInput {
  readonly dockerfile: string;
  readonly context: BuildContext;
  readonly catalog: Catalog;
  /** The stage to build (`--target`); the last stage by default. */
  readonly target?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** How RUN changes a stage; by default the shell interpreter with every simulated command. */
  readonly runInterpreter?: RunInterpreter;
  /** The package data pip, apt, apk and go build use (public/packages); without it they are not simulated. */
  readonly packages?: PackageCatalog;
  /** The previous build's cache (`BuildResult.cache`): steps whose keys match are CACHED. */
  readonly cache?: BuildCache;
}

export type BuildCache = ReadonlyMap<string, CacheEntry>;

/** How many steps a cache keeps: plenty for a session of edits, bounded for a long one. */
const CACHE_LIMIT = 2000;

/** One interpreter per package catalog, so its loaded data is shared across builds. */
const interpreters = new WeakMap<PackageCatalog, RunInterpreter>();
const withoutPackages = shellRun();

function runInterpreterFor(packages: PackageCatalog | undefined): RunInterpreter {
  if (!packages) return withoutPackages;
  let run = interpreters.get(packages);
  if (!run) {
    run = shellRun({ packages });
    interpreters.set(packages, run);
  }
  return run;
}

interface BaseImage {
  readonly image: LoadedImage;
  readonly tree: DirNode;
}

/** The image's tree with the text of the small files the catalog carries attached to their nodes. */
function withContents(image: LoadedImage): DirNode {
  let tree = image.tree;
  for (const [path, content] of image.contents) {
    if (stat(tree, path)?.kind !== 'file') continue;
    tree = updateNode(tree, path, (node) => ({
      ...node,
      content,
      contentId: `sha:${contentDigest(content)}`,
    }));
  }
  return tree;
}

/** A build that stopped before any stage: parse, context, argument and target errors are Docker's own. */
function failureResult(
  source: string,
  known: Omit<BuildError, 'certainty'>,
  diagnostics: Diagnostic[],
): BuildResult {
  const error: BuildError = { ...known, certainty: KNOWN };
  return {
    source,
    dockerfile: null,
    ok: false,
    error,
    certainty: KNOWN,
    stages: [],
    target: null,
    steps: [],
    diagnostics,
    cache: new Map(),
  };
}

/** The build's error as a diagnostic; a stop for want of data is a warning, not the learner's error. */
function errorDiagnostic(error: Omit<BuildError, 'certainty'> & { certainty?: Certainty }): Diagnostic[] {
  if (!error.range) return [];
  const unknownStop = error.certainty?.level === 'unknown';
  return [
    {
      code: error.code,
      severity: unknownStop ? 'warning' : 'error',
      message: error.message,
      range: error.range,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.certainty && error.certainty.level !== 'known' ? { certainty: error.certainty } : {}),
    },
  ];
}

class Simulation {
  private readonly input: BuildInput;
  private readonly dockerfile: Dockerfile;
  private readonly resolved: readonly ResolvedStage[];
  private readonly images = new Map<string, Promise<BaseImage>>();
  private readonly built = new Map<number, StageResult>();
  /** Each built stage's last cache key, the base key of stages built on it. */
  private readonly keys = new Map<number, string>();
  readonly cache: LayerCache;
  readonly steps: Step[] = [];
  private readonly budget = new ExpansionBudget();

  constructor(input: BuildInput, dockerfile: Dockerfile, resolved: readonly ResolvedStage[]) {
    this.input = input;
    this.dockerfile = dockerfile;
    this.resolved = resolved;
    this.cache = { previous: input.cache ?? new Map(), current: new Map() };
  }

  /** This build's cache entries after the previous ones, the oldest dropped past the limit. */
  mergedCache(): BuildCache {
    const merged = new Map([...this.cache.previous, ...this.cache.current]);
    const excess = merged.size - CACHE_LIMIT;
    if (excess > 0) for (const key of [...merged.keys()].slice(0, excess)) merged.delete(key);
    return merged;
  }

  private baseKey(base: BaseDescription): string {
    if (base.kind === 'scratch') return 'scratch';
    if (base.kind === 'stage') return this.keys.get(base.index) ?? `stage:${base.index}`;
    return `image:${base.resolved}`;
  }

  private loadImage(reference: string): Promise<BaseImage> {
    let pending = this.images.get(reference);
    if (!pending) {
      pending = this.input.catalog.load(reference).then((image) => ({ image, tree: withContents(image) }));
      this.images.set(reference, pending);
    }
    return pending;
  }

  /** The gaps of the stage `COPY --from` reads: files its unfollowed steps made may be missing. */
  sourceGaps(from: SyntaxWord): readonly Gap[] {
    const source = resolveCopyFrom(from.value, this.dockerfile.stages);
    if (!source.ok || source.source.kind !== 'stage') return [];
    return gapsOf(this.built.get(source.source.index)?.certainty ?? KNOWN);
  }

  /** The tree of an image or built stage by reference, for RUN --mount=from. */
  treeOf(reference: string): DirNode | undefined {
    const source = resolveCopyFrom(reference, this.dockerfile.stages);
    if (source.ok && source.source.kind === 'stage')
      return this.built.get(source.source.index)?.tree ?? undefined;
    return undefined;
  }

  async copySource(
    from: SyntaxWord | undefined,
    context: ReturnType<typeof contextTree>,
  ): Promise<CopySource> {
    if (from === undefined)
      return { label: 'build context', root: context.root, fromContext: true, archives: context.archives };
    const resolved = resolveCopyFrom(from.value, this.dockerfile.stages);
    if (!resolved.ok) throw new BuildFailure('build/invalid-copy-from', resolved.message, from.range);
    if (resolved.source.kind === 'stage') {
      const stage = this.built.get(resolved.source.index);
      return {
        label: `stage ${stageLabel(this.resolved, resolved.source.index)}`,
        root: stage?.tree ?? emptyTree(),
        fromContext: false,
        archives: new Map(),
      };
    }
    const reference = resolved.source.reference;
    try {
      const base = await this.loadImage(reference);
      return { label: base.image.record.ref, root: base.tree, fromContext: false, archives: new Map() };
    } catch (error) {
      if (!(error instanceof ImageNotFoundError)) throw error;
      const names = this.dockerfile.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
      const match = suggest(reference, names, false);
      const { code, buildMessage, suggestion } = error.resolution.error;
      if (code !== 'not-in-catalog')
        throw new BuildFailure(
          'build/unknown-image',
          buildMessage,
          from.range,
          suggestion ? `Did you mean ${suggestion}?` : undefined,
        );
      if (match === undefined)
        throw new BuildFailure(
          'build/image-not-in-catalog',
          error.resolution.error.message,
          from.range,
          undefined,
          error.resolution.certainty,
        );
      // Most likely a typo of a stage name; whether an image of that name exists, the simulator cannot say.
      const message = `--from=${reference}: no stage of this Dockerfile is called ${reference}, and the simulator has no image of that name`;
      throw new BuildFailure(
        'build/unknown-stage',
        message,
        from.range,
        `No stage is called "${reference}": did you mean "${match}"?`,
        unknown('no-data', message),
      );
    }
  }

  /** The starting point of a stage: scratch, an earlier stage's result, or a catalog image. */
  private async baseOf(index: number): Promise<{ state: StageState; base: BaseDescription }> {
    const stage = this.resolved[index] as ResolvedStage;
    const base = stage.base;
    if (base.kind === 'scratch') {
      return { state: { tree: emptyTree(), config: SCRATCH_CONFIG, layers: [], history: [] }, base };
    }
    if (base.kind === 'stage') {
      const parent = this.built.get(base.index);
      if (!parent?.tree || !parent.config)
        throw new BuildFailure('build/unknown-stage', `stage ${base.name} was not built`);
      return {
        state: {
          tree: parent.tree,
          config: parent.config,
          layers: [...parent.layers],
          history: [...parent.history],
        },
        base,
      };
    }
    const from = this.dockerfile.stages[index]?.from;
    const wanted = stage.platform ?? (PLATFORM_ARGS.get('TARGETPLATFORM') as string);
    const platformOf = () =>
      basePlatform(base.reference, wanted, this.input.catalog.platforms(base.reference));
    let loaded: BaseImage;
    try {
      loaded = await this.loadImage(base.reference);
    } catch (error) {
      if (!(error instanceof ImageNotFoundError)) throw error;
      // A tag for other platforms only (windowsservercore) fails as BuildKit does, data or not.
      const platform = platformOf();
      if (!platform.ok)
        throw new BuildFailure('build/no-platform-match', platform.message, from?.image.range);
      const { suggestion, code, buildMessage } = error.resolution.error;
      const noData = code === 'not-in-catalog';
      throw new BuildFailure(
        noData ? 'build/image-not-in-catalog' : 'build/unknown-image',
        buildMessage,
        from?.image.range,
        suggestion
          ? `Did you mean ${suggestion}?`
          : noData
            ? 'The page of what the simulator knows lists the images it has data for.'
            : undefined,
        error.resolution.certainty,
      );
    }
    const { record, resolution } = loaded.image;
    const layers: BuiltLayer[] = loaded.image.layers.map((layer) => ({
      createdBy: layer.record.createdBy,
      line: null,
      stage: null,
      size: layer.record.size,
      certainty: layerCertainty(layer.record, record),
      entries: layer.decoded.entries,
    }));
    let next = 0;
    const history: HistoryEntry[] = record.history.map((entry) => ({
      createdBy: entry.createdBy,
      line: null,
      stage: null,
      layer: entry.layer === undefined ? null : next++,
    }));
    const platform = platformOf();
    if (!platform.ok) throw new BuildFailure('build/no-platform-match', platform.message, from?.image.range);
    const line = from?.startLine;
    const certainty = combine(
      line === undefined ? resolution.certainty : atLine(resolution.certainty, line),
      line === undefined ? platform.certainty : atLine(platform.certainty, line),
      ...layers.map((layer) => layer.certainty),
    );
    const mismatch = platform.mismatch ? { platformMismatch: platform.mismatch } : {};
    return {
      state: { tree: loaded.tree, config: configFromCatalog(record.config), layers, history },
      base: { kind: 'image', reference: base.reference, resolved: record.ref, certainty, ...mismatch },
    };
  }

  /** What a stage starts out resting on: its base image's certainty, or the stage it builds on. */
  private baseGaps(base: BaseDescription): readonly Gap[] {
    if (base.kind === 'image') return gapsOf(base.certainty);
    if (base.kind === 'stage') return gapsOf(this.built.get(base.index)?.certainty ?? KNOWN);
    return [];
  }

  /** ONBUILD triggers of the base, as instructions to run first. */
  private triggers(config: ImageConfig, from: Instruction): Instruction[] {
    if (config.onbuild.length === 0) return [];
    const parsed = parseDockerfile(`FROM scratch\n${config.onbuild.join('\n')}\n`);
    const instructions = parsed.ok ? (parsed.dockerfile.stages[0]?.instructions ?? []) : [];
    // Triggers have no line of their own in this Dockerfile: they run at the FROM that inherits them.
    return instructions.map((instruction) => ({
      ...instruction,
      startLine: from.startLine,
      endLine: from.endLine,
      range: from.range,
    }));
  }

  async buildStage(
    index: number,
    context: ReturnType<typeof contextTree>,
    args: ReadonlyMap<string, string>,
  ): Promise<BuildError | null> {
    const stage = this.dockerfile.stages[index];
    const resolved = this.resolved[index] as ResolvedStage;
    let start: { state: StageState; base: BaseDescription };
    try {
      start = await this.baseOf(index);
    } catch (error) {
      if (!(error instanceof BuildFailure)) throw error;
      return {
        code: error.code,
        message: error.message,
        line: stage?.from.startLine ?? null,
        range: error.range ?? stage?.from.range,
        ...(error.hint ? { hint: error.hint } : {}),
        stage: index,
        certainty: error.certainty,
      };
    }
    const triggers = stage ? this.triggers(start.state.config, stage.from) : [];
    start.state.config = { ...start.state.config, onbuild: [] };
    const builder = new StageBuilder(
      {
        index,
        escapeToken: this.dockerfile.escapeToken,
        buildArgs: new Map(Object.entries(this.input.buildArgs ?? {})),
        globalArgs: args,
        runInterpreter: this.input.runInterpreter ?? runInterpreterFor(this.input.packages),
        copySource: (from) => this.copySource(from, context),
        treeOf: (reference) => (reference === undefined ? context.root : this.treeOf(reference)),
        sourceGaps: (from) => this.sourceGaps(from),
        inheritedGaps: this.baseGaps(start.base),
        cache: this.cache,
        baseKey: this.baseKey(start.base),
        budget: this.budget,
      },
      start.state,
    );
    let failure: BuildError | null = null;
    const instructions = [...triggers, ...(stage?.instructions ?? [])];
    for (const instruction of instructions) {
      try {
        await builder.apply(instruction);
      } catch (error) {
        if (!(error instanceof BuildFailure)) throw error;
        failure = {
          code: error.code,
          message: error.message,
          line: instruction.startLine,
          range: error.range ?? instruction.range,
          ...(error.hint ? { hint: error.hint } : {}),
          stage: index,
          certainty: atLine(error.certainty, instruction.startLine),
        };
        if (!builder.steps.some((step) => step.range === instruction.range)) {
          builder.steps.push({
            stage: index,
            kind: instruction.kind,
            instruction: instruction.source.trim(),
            line: instruction.startLine,
            range: instruction.range,
            status: 'failed',
            sizeDelta: 0,
            layer: null,
            cached: false,
            narrative: error.message,
            certainty: failure.certainty,
          });
        }
        break;
      }
    }
    // One by one: spreading a stage of 200,000 steps into push() overflows the stack.
    for (const step of builder.steps) this.steps.push(step);
    this.keys.set(index, builder.key);
    const { state } = builder;
    this.built.set(index, {
      index,
      name: resolved.name ?? null,
      reference: resolved.reference,
      ...(resolved.platform ? { platform: resolved.platform } : {}),
      base: start.base,
      built: failure === null,
      tree: state.tree,
      layers: state.layers,
      history: state.history,
      config: state.config,
      size: state.layers.reduce((sum, layer) => sum + layer.size, 0),
      certainty: certaintyOf(builder.gaps),
    });
    return failure;
  }

  stageResults(skipped: ReadonlySet<number>): StageResult[] {
    return this.dockerfile.stages.map((stage) => {
      const built = this.built.get(stage.index);
      if (built) return built;
      const resolved = this.resolved[stage.index];
      return {
        index: stage.index,
        name: stage.name ?? null,
        reference: resolved?.reference ?? stage.from.image.value,
        base: null,
        built: false,
        skipped: skipped.has(stage.index) ? 'not-needed' : 'build-failed',
        tree: null,
        layers: [],
        history: [],
        config: null,
        size: null,
        certainty: KNOWN,
      };
    });
  }

  skippedSteps(index: number): Step[] {
    return (this.dockerfile.stages[index]?.instructions ?? []).map((instruction) => ({
      stage: index,
      kind: instruction.kind,
      instruction: instruction.source.trim(),
      line: instruction.startLine,
      range: instruction.range,
      status: 'skipped' as const,
      sizeDelta: 0,
      layer: null,
      cached: false,
      narrative: `Not built: the target does not need stage ${stageLabel(this.resolved, index)}.`,
      certainty: KNOWN,
    }));
  }
}

export async function simulateBuild(input: BuildInput): Promise<BuildResult> {
  const parsed = parseDockerfile(input.dockerfile);
  if (!parsed.ok) {
    const { error } = parsed;
    return failureResult(
      input.dockerfile,
      {
        code: error.code,
        message: error.message,
        line: error.range.start.line,
        range: error.range,
        ...(error.hint ? { hint: error.hint } : {}),
      },
      [error, ...parsed.warnings],
    );
  }
  const { dockerfile } = parsed;
  const warnings = [...dockerfile.warnings];
  let context: ReturnType<typeof contextTree>;
  try {
    context = contextTree(input.context);
  } catch (error) {
    if (!(error instanceof ContextError)) throw error;
    return failureResult(
      input.dockerfile,
      { code: 'build/context', message: error.message, line: null },
      warnings,
    );
  }
  const buildArgs = new Map(Object.entries(input.buildArgs ?? {}));
  const resolved = resolveStages(dockerfile, buildArgs);
  const args = globalArgValues(dockerfile, buildArgs);
  if (!resolved.ok || !args.ok) {
    const error = !resolved.ok ? resolved.error : args.ok ? undefined : args.error;
    const buildError: Omit<BuildError, 'certainty'> = error
      ? { code: error.code, message: error.message, line: error.range.start.line, range: error.range }
      : { code: 'build/unknown', message: 'could not resolve the stages', line: null };
    return failureResult(input.dockerfile, buildError, [...errorDiagnostic(buildError), ...warnings]);
  }
  const plan = planStages(dockerfile, resolved.value, input.target);
  if (!plan.ok) {
    const error: Omit<BuildError, 'certainty'> = {
      code: plan.error.code,
      message: plan.error.message,
      line: plan.error.range?.start.line ?? null,
      ...(plan.error.range ? { range: plan.error.range } : {}),
    };
    return failureResult(input.dockerfile, error, [...errorDiagnostic(error), ...warnings]);
  }
  const simulation = new Simulation(input, dockerfile, resolved.value);
  let error: BuildError | null = null;
  for (const index of plan.plan.order) {
    error = await simulation.buildStage(index, context, args.value);
    if (error) break;
  }
  const skipped = new Set(plan.plan.skipped);
  const steps = [...simulation.steps, ...[...skipped].flatMap((index) => simulation.skippedSteps(index))];
  // Grouped by stage, each in the order its instructions ran (Array.prototype.sort is stable).
  steps.sort((a, b) => a.stage - b.stage);
  const stages = simulation.stageResults(skipped);
  const target = stages[plan.plan.target];
  return {
    source: input.dockerfile,
    dockerfile,
    ok: error === null,
    error,
    stages,
    target: plan.plan.target,
    steps,
    diagnostics: [...(error ? errorDiagnostic(error) : []), ...warnings],
    certainty: error ? error.certainty : (target?.certainty ?? KNOWN),
    cache: simulation.mergedCache(),
  };
}
