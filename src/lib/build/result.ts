/**
 * What a simulated build returns. Plain data (trees hold Maps, which structured clone passes to and
 * from a worker); `toJsonReport` turns it into the fixed JSON contract of `sim build --json`.
 */
import type { Certainty } from '../certainty.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Dockerfile, InstructionKind } from '../dockerfile/index.ts';
import type { LayerChange } from '../fs/diff.ts';
import type { LayerEntry } from '../fs/entry.ts';
import type { DirNode } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import type { ImageConfig } from './image-config.ts';
import type { CacheEntry } from './stage-builder.ts';

export interface BuiltLayer {
  /** The instruction as `docker history` shows it (CREATED BY). */
  readonly createdBy: string;
  /** 1-based Dockerfile line, null for a layer of a base image. */
  readonly line: number | null;
  /** The stage whose instruction made it; null for a base image's layer. */
  readonly stage: number | null;
  readonly size: number;
  /** How sure the size and the changes are: a catalog layer's provenance, or the step's certainty. */
  readonly certainty: Certainty;
  /** The changes, for layers this build made. */
  readonly changes?: readonly LayerChange[];
  /** A base image's layer as the catalog records it (shared, not copied). */
  readonly entries?: readonly LayerEntry[];
}

/** A metadata-only instruction: a `docker history` row without a layer. */
export interface HistoryEntry {
  readonly createdBy: string;
  readonly line: number | null;
  readonly stage: number | null;
  /** Index into the stage's layers when the instruction made one. */
  readonly layer: number | null;
}

export type BaseDescription =
  | { readonly kind: 'scratch' }
  | { readonly kind: 'stage'; readonly index: number; readonly name: string }
  | {
      readonly kind: 'image';
      readonly reference: string;
      /** The catalog image that was used: the one asked for, or a stand-in (see certainty). */
      readonly resolved: string;
      /** known: the image asked for; estimated: a stand-in, with the reason and the data's own models. */
      readonly certainty: Certainty;
      /** The base came in another platform than the build's (BuildKit's InvalidBaseImagePlatform). */
      readonly platformMismatch?: { readonly expected: string; readonly actual: string };
    };

export interface StageResult {
  readonly index: number;
  readonly name: string | null;
  /** The FROM reference after ARG expansion. */
  readonly reference: string;
  /** `FROM --platform=…`, expanded: the platform the base is resolved for (files are linux/amd64's). */
  readonly platform?: string;
  readonly base: BaseDescription | null;
  readonly built: boolean;
  /** Why a stage was not built: not needed by the target, or the build stopped before it. */
  readonly skipped?: 'not-needed' | 'build-failed';
  readonly tree: DirNode | null;
  readonly layers: readonly BuiltLayer[];
  readonly history: readonly HistoryEntry[];
  readonly config: ImageConfig | null;
  /** Sum of the layer sizes, as `docker images` counts; null when not built. */
  readonly size: number | null;
  /**
   * How sure its size and file list are: the base's data, every step of this stage and the stages
   * it builds on, and what COPY --from brought in.
   */
  readonly certainty: Certainty;
}

export type StepStatus = 'done' | 'failed' | 'skipped' | 'not-simulated';

export interface Step {
  readonly stage: number;
  readonly kind: InstructionKind;
  /** The instruction as written (continuations joined). */
  readonly instruction: string;
  readonly line: number;
  readonly range: SourceRange;
  readonly status: StepStatus;
  /** Bytes this step added to the image (its layer's size; 0 without a layer). */
  readonly sizeDelta: number;
  /** Index of the layer it made in the stage's layers, if any. */
  readonly layer: number | null;
  readonly cached: boolean;
  /** What happened, in a sentence or two a learner can follow. */
  readonly narrative: string;
  /** How sure the simulator is of what this step did (not-simulated steps are unknown). */
  readonly certainty: Certainty;
  /** The files its layer added, modified and removed, with the largest listed. */
  readonly files?: {
    readonly added: number;
    readonly modified: number;
    readonly removed: number;
    readonly largest: readonly { readonly path: string; readonly size: number }[];
  };
  /** For COPY --from: what crossed from the other stage or image. */
  readonly crossed?: {
    readonly from: string;
    readonly paths: readonly string[];
    readonly bytes: number;
  };
}

export interface BuildError {
  readonly code: string;
  readonly message: string;
  readonly line: number | null;
  readonly range?: SourceRange;
  readonly hint?: string;
  readonly stage?: number;
  /**
   * known: a real build fails this way (Docker's own words); unknown: the simulator stopped for
   * want of data (its own words), and a real build may well go on.
   */
  readonly certainty: Certainty;
}

export interface BuildResult {
  /** The Dockerfile text that was built. */
  readonly source: string;
  /** The parsed Dockerfile, when it parsed: analyses point their findings at its instructions. */
  readonly dockerfile: Dockerfile | null;
  readonly ok: boolean;
  readonly error: BuildError | null;
  readonly stages: readonly StageResult[];
  /** The stage whose image the build produces. */
  readonly target: number | null;
  readonly steps: readonly Step[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * How sure the outcome is: the target image's certainty, or for a failed build the error's and
   * the steps' before it.
   */
  readonly certainty: Certainty;
  /** The layer cache after this build: pass it to the next build of an edited Dockerfile. */
  readonly cache: ReadonlyMap<string, CacheEntry>;
}
