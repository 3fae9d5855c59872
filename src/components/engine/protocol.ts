/**
 * The messages between the page and the engine worker. Each kind of job declares its input and its
 * output in `EngineJobs`; requests, responses and the client's typing all follow from that table.
 */

import type { Analysis } from '../../lib/analysis/analyze.ts';
import type { Comparison } from '../../lib/analysis/compare.ts';
import type { Goal, GoalResult } from '../../lib/analysis/goal.ts';
import type { RunCheck } from '../../lib/analysis/run-check.ts';
import type { SurfaceReport } from '../../lib/analysis/surface.ts';
import type { BuildError, BuildResult, BuiltLayer, StageResult } from '../../lib/build/result.ts';
import type { Certainty } from '../../lib/certainty.ts';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { ParseResult } from '../../lib/dockerfile/index.ts';
import type { DirNode } from '../../lib/fs/tree.ts';
import type { Completion, TerminalAnswer } from '../../lib/terminal/session.ts';

/** A file of the build context, as the engine receives it. */
export interface ContextFile {
  readonly path: string;
  readonly content: string;
}

/** The Dockerfile and its build context: what parse, build and compare read. */
export interface SourceFiles {
  readonly dockerfile: string;
  /** The build context, the Dockerfile included; parsing ignores it. */
  readonly files: readonly ContextFile[];
}

export type ParseInput = SourceFiles;

/** What to build, and the exercise goals to check on the result, if any. */
export interface BuildInput extends SourceFiles {
  readonly goals?: readonly Goal[];
}

export interface ParseOutput {
  /** What `parseDockerfile` returned, unchanged. */
  readonly result: ParseResult;
  /** The error (when parsing failed) and the warnings, for the editor and the problem list. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A layer as `docker history` lists it, without the files it holds. */
export type LayerSummary = Omit<BuiltLayer, 'changes' | 'entries'>;

/**
 * A stage without its file tree and its layers' files, which are tens of thousands of nodes on a
 * Debian base: the `image` job brings those when the layer explorer asks.
 */
export type StageSummary = Omit<StageResult, 'tree' | 'layers'> & {
  readonly layers: readonly LayerSummary[];
};

/** The build result with its stages summarised and without the layer cache, which stays in the worker. */
export type BuildSummary = Omit<BuildResult, 'stages' | 'cache'> & {
  readonly stages: readonly StageSummary[];
};

export interface BuildOutput {
  /** This build's id (its request's), which the `image` job asks for. */
  readonly build: number;
  readonly result: BuildSummary;
  /** What `analyze` concluded: run check, attack surface, efficiency and the findings. */
  readonly analysis: Analysis;
  readonly timing: {
    readonly buildMs: number;
    readonly analyzeMs: number;
    /** Steps answered from the previous builds' layer cache. */
    readonly cachedSteps: number;
  };
  /** The input's goals, checked; absent when none were given. */
  readonly goals?: readonly GoalResult[];
}

export interface ImageInput {
  /** The build whose target image to send: the newest one the worker answered. */
  readonly build: number;
}

export interface ImageOutput {
  readonly build: number;
  /** The target stage as `simulateBuild` returned it: tree, layers with their files, config. */
  readonly stage: StageResult;
  /** The image's files after each of its layers: `trees[i]` is layers 0 to i applied. */
  readonly trees: readonly DirNode[];
}

/** One side of a comparison: a label to show and the files to build. */
export interface CompareSide extends SourceFiles {
  readonly label: string;
}

export interface CompareInput {
  readonly a: CompareSide;
  readonly b: CompareSide;
}

/** One image of a comparison, as the comparison view shows it. */
export interface ComparedImage {
  readonly label: string;
  /** The target stage's FROM reference (`python:3.9-alpine`, `scratch`). */
  readonly reference: string | null;
  readonly error: BuildError | null;
  /** How sure the build's outcome is (the target image's, or the failure's). */
  readonly certainty: Certainty;
  readonly layers: readonly LayerSummary[];
  readonly run: RunCheck | null;
  readonly surface: SurfaceReport | null;
}

export interface CompareOutput {
  readonly a: ComparedImage;
  readonly b: ComparedImage;
  /** `compare()` of the two; null unless both built. */
  readonly comparison: Comparison | null;
}

/** What a terminal asks of its session in the worker: run a line, or stop the one running (Ctrl+C). */
export type TerminalAction =
  | {
      readonly kind: 'line';
      readonly line: string;
      /** The editor's files now: `docker build .` builds them. */
      readonly files: readonly ContextFile[];
      readonly columns: number;
      /** Build the files and tag them with this name first, printing nothing (the lab's scenario). */
      readonly prepare?: string;
    }
  | { readonly kind: 'interrupt' };

export interface TerminalInput {
  /** Which terminal: the worker keeps a session (images, layer cache, container) for each. */
  readonly session: string;
  readonly action: TerminalAction;
}

export interface CompletionInput {
  readonly session: string;
  /** The line up to the cursor. */
  readonly line: string;
}

export interface EngineJobs {
  parse: { input: ParseInput; output: ParseOutput };
  build: { input: BuildInput; output: BuildOutput };
  image: { input: ImageInput; output: ImageOutput };
  compare: { input: CompareInput; output: CompareOutput };
  terminal: { input: TerminalInput; output: TerminalAnswer };
  'terminal-complete': { input: CompletionInput; output: Completion };
}

export type JobKind = keyof EngineJobs;

/** Every request carries an id; the client applies only the answer to its newest request of a kind. */
export type EngineRequest = {
  [K in JobKind]: { readonly id: number; readonly kind: K } & EngineJobs[K]['input'];
}[JobKind];

export type EngineResponse =
  | {
      [K in JobKind]: {
        readonly id: number;
        readonly kind: K;
        readonly status: 'done';
        readonly output: EngineJobs[K]['output'];
        /** Time spent in the worker on this job. */
        readonly workMs: number;
      };
    }[JobKind]
  | { readonly id: number; readonly kind: JobKind; readonly status: 'failed'; readonly message: string }
  /** A newer request of the same kind arrived before this one finished, so the worker dropped it. */
  | { readonly id: number; readonly kind: JobKind; readonly status: 'superseded' };
