/**
 * The messages between the page and the engine worker. Each kind of job declares its input and its
 * output in `EngineJobs`; requests, responses and the client's typing all follow from that table, so
 * the build job joins `parse` as one more entry and one more case in `runJob`.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { ParseResult } from '../../lib/dockerfile/index.ts';

/** A file of the build context, as the engine receives it. */
export interface ContextFile {
  readonly path: string;
  readonly content: string;
}

export interface ParseInput {
  readonly dockerfile: string;
  /** The build context; parsing ignores it, the build will read it. */
  readonly files: readonly ContextFile[];
}

export interface ParseOutput {
  /** What `parseDockerfile` returned, unchanged. */
  readonly result: ParseResult;
  /** The error (when parsing failed) and the warnings, for the editor and the problem list. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface EngineJobs {
  parse: { input: ParseInput; output: ParseOutput };
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
  /** A newer request of the same kind arrived before this one started, so the worker skipped it. */
  | { readonly id: number; readonly kind: JobKind; readonly status: 'superseded' };
