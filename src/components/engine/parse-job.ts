/**
 * The parse job on its own, for the parse worker: it answers every keystroke at once, never queued
 * behind a build's analysis in the engine worker.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type ParseResult, parseDockerfile } from '../../lib/dockerfile/index.ts';
import type { RunJob } from './job-queue.ts';
import type { ParseInput, ParseOutput } from './protocol.ts';

export function parse(input: ParseInput): ParseOutput {
  const result = parseDockerfile(input.dockerfile);
  return { result, diagnostics: diagnosticsOf(result) };
}

function diagnosticsOf(result: ParseResult): Diagnostic[] {
  const diagnostics = result.ok ? [...result.dockerfile.warnings] : [result.error, ...result.warnings];
  return diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** Runs parse jobs and refuses the others, which belong to the engine worker. */
export function createParseRunner(now: () => number = () => performance.now()): RunJob {
  return async (request) => {
    const started = now();
    if (request.kind !== 'parse')
      return {
        id: request.id,
        kind: request.kind,
        status: 'failed',
        message: `the parse worker does not ${request.kind}`,
      };
    try {
      return {
        id: request.id,
        kind: 'parse',
        status: 'done',
        output: parse(request),
        workMs: now() - started,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        id: request.id,
        kind: 'parse',
        status: 'failed',
        message: `The simulator failed on this input: ${message}`,
      };
    }
  };
}
