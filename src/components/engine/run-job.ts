/**
 * The worker's work, apart from its message port: one request in, one response out, never a throw.
 * It holds what builds share: the catalog (opened on the first build), the layer cache of the
 * builds so far, the newest build, whose image the layer explorer asks for, and the terminals'
 * sessions (each with its own images, layer cache and open container).
 */
import { type Analysis, analyze, targetStage } from '../../lib/analysis/analyze.ts';
import { compare } from '../../lib/analysis/compare.ts';
import { checkGoals } from '../../lib/analysis/goals.ts';
import type { BuildResult } from '../../lib/build/result.ts';
import { type BuildCache, simulateBuild } from '../../lib/build/simulate.ts';
import type { Catalog } from '../../lib/images/catalog.ts';
import type { PackageCatalog } from '../../lib/packages/catalog.ts';
import type { TerminalAnswer, TerminalSession } from '../../lib/terminal/session.ts';
import { buildSummary, layerSummary } from './build-summary.ts';
import type { Cancelled, RunJob } from './job-queue.ts';
import { layerTrees } from './layer-trees.ts';
import { parse } from './parse-job.ts';
import type {
  BuildInput,
  BuildOutput,
  ComparedImage,
  CompareInput,
  CompareOutput,
  CompareSide,
  EngineRequest,
  EngineResponse,
  ImageInput,
  ImageOutput,
  SourceFiles,
  TerminalInput,
} from './protocol.ts';

/** Terminals a worker keeps at once: a page has one or two; the oldest goes past this. */
const TERMINAL_LIMIT = 4;

export interface JobRunnerOptions {
  /** Opens the image catalog; called on the first build, and again after a failure. */
  readonly openCatalog: () => Promise<Catalog>;
  /** The package data pip, apt, apk and go install from; RUN of a package manager is not simulated without it. */
  readonly packages?: PackageCatalog;
  readonly now?: () => number;
  /** Lets messages that arrived during a step in, so a job can see it was superseded. */
  readonly yieldToEvents?: () => Promise<void>;
}

/** Thrown by a job that noticed a newer request of its kind; becomes a `superseded` answer. */
class Superseded extends Error {}

export function createJobRunner(options: JobRunnerOptions): RunJob {
  const now = options.now ?? (() => performance.now());
  const yieldToEvents = options.yieldToEvents ?? (() => new Promise((resume) => setTimeout(resume, 0)));
  let catalog: Promise<Catalog> | undefined;
  let cache: BuildCache | undefined;
  let newest: { readonly id: number; readonly result: BuildResult } | undefined;

  const catalogOf = (): Promise<Catalog> => {
    if (!catalog) {
      catalog = options.openCatalog();
      // A catalog that failed to load (offline, say) is tried again on the next build.
      catalog.catch(() => {
        catalog = undefined;
      });
    }
    return catalog;
  };

  /** Builds and analyses, checking between the two for a newer request: analysis is the slow part. */
  const buildAndAnalyze = async (source: SourceFiles, cancelled: Cancelled) => {
    const started = now();
    const result = await simulateBuild({
      dockerfile: source.dockerfile,
      context: { files: source.files },
      catalog: await catalogOf(),
      ...(options.packages ? { packages: options.packages } : {}),
      ...(cache ? { cache } : {}),
    });
    // Even a superseded build's cache is good: its keys are the content it built.
    cache = result.cache;
    const built = now();
    await yieldToEvents();
    if (cancelled()) throw new Superseded();
    const analysis = analyze(result);
    return { result, analysis, buildMs: built - started, analyzeMs: now() - built };
  };

  const build = async (id: number, source: BuildInput, cancelled: Cancelled): Promise<BuildOutput> => {
    const { result, analysis, buildMs, analyzeMs } = await buildAndAnalyze(source, cancelled);
    newest = { id, result };
    return {
      build: id,
      result: buildSummary(result),
      analysis,
      timing: { buildMs, analyzeMs, cachedSteps: result.steps.filter((step) => step.cached).length },
      ...(source.goals ? { goals: checkGoals(source.goals, result, analysis) } : {}),
    };
  };

  const image = (input: ImageInput): ImageOutput => {
    if (newest?.id !== input.build)
      throw new Error('that build is no longer the newest: ask for the image of the newest build');
    const stage = targetStage(newest.result);
    if (!stage?.tree) throw new Error('the build made no image to explore');
    return { build: input.build, stage, trees: layerTrees(stage.layers) };
  };

  const terminals = new Map<string, TerminalSession>();
  // The terminal's code loads with the first terminal job, so builds alone never fetch it.
  let terminalCode: Promise<typeof import('../../lib/terminal/session.ts')> | undefined;
  const terminalOf = async (id: string): Promise<TerminalSession> => {
    let session = terminals.get(id);
    if (!session) {
      terminalCode ??= import('../../lib/terminal/session.ts');
      const { TerminalSession } = await terminalCode;
      session = new TerminalSession({
        catalog: catalogOf,
        ...(options.packages ? { packages: options.packages } : {}),
      });
      terminals.set(id, session);
      for (const old of [...terminals.keys()].slice(0, Math.max(0, terminals.size - TERMINAL_LIMIT)))
        terminals.delete(old);
    }
    return session;
  };

  const terminal = async (input: TerminalInput, cancelled: Cancelled): Promise<TerminalAnswer> => {
    const session = await terminalOf(input.session);
    const { action } = input;
    if (action.kind === 'interrupt') return session.interrupt();
    const context = { files: action.files };
    const prepared = action.prepare ? await session.prepare(action.prepare, context) : [];
    const answer = await session.run({ line: action.line, context, columns: action.columns, cancelled });
    return prepared.length ? { ...answer, chunks: [...prepared, ...answer.chunks] } : answer;
  };

  const compareJob = async (input: CompareInput, cancelled: Cancelled): Promise<CompareOutput> => {
    const a = await buildAndAnalyze(input.a, cancelled);
    const b = await buildAndAnalyze(input.b, cancelled);
    const bothBuilt = targetStage(a.result)?.built && targetStage(b.result)?.built;
    return {
      a: comparedImage(input.a, a),
      b: comparedImage(input.b, b),
      comparison: bothBuilt ? compare(a, b) : null,
    };
  };

  return async (request: EngineRequest, cancelled: Cancelled): Promise<EngineResponse> => {
    const started = now();
    const done = <T>(output: T) => ({
      id: request.id,
      kind: request.kind,
      status: 'done' as const,
      output,
      workMs: now() - started,
    });
    try {
      switch (request.kind) {
        case 'parse':
          return { ...done(parse(request)), kind: request.kind };
        case 'build':
          return { ...done(await build(request.id, request, cancelled)), kind: request.kind };
        case 'image':
          return { ...done(image(request)), kind: request.kind };
        case 'compare':
          return { ...done(await compareJob(request, cancelled)), kind: request.kind };
        case 'terminal':
          return { ...done(await terminal(request, cancelled)), kind: request.kind };
        case 'terminal-complete':
          return { ...done((await terminalOf(request.session)).complete(request.line)), kind: request.kind };
      }
    } catch (error) {
      if (error instanceof Superseded) return { id: request.id, kind: request.kind, status: 'superseded' };
      return { id: request.id, kind: request.kind, status: 'failed', message: describe(error) };
    }
  };
}

function comparedImage(
  side: CompareSide,
  built: { readonly result: BuildResult; readonly analysis: Analysis },
): ComparedImage {
  const stage = targetStage(built.result);
  return {
    label: side.label,
    reference: stage?.reference ?? null,
    error: built.result.error,
    certainty: built.result.certainty,
    layers: stage?.layers.map(layerSummary) ?? [],
    run: built.analysis.run,
    surface: built.analysis.surface,
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The simulator failed on this input: ${message}`;
}
