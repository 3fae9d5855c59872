/** The worker's work, apart from its message port: one request in, one response out, never a throw. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type ParseResult, parseDockerfile } from '../../lib/dockerfile/index.ts';
import type { EngineRequest, EngineResponse, ParseInput, ParseOutput } from './protocol.ts';

export function runJob(request: EngineRequest, now: () => number = () => performance.now()): EngineResponse {
  const started = now();
  try {
    switch (request.kind) {
      case 'parse': {
        const output = parse(request);
        return { id: request.id, kind: request.kind, status: 'done', output, workMs: now() - started };
      }
    }
  } catch (error) {
    return { id: request.id, kind: request.kind, status: 'failed', message: describe(error) };
  }
}

function parse(input: ParseInput): ParseOutput {
  const result = parseDockerfile(input.dockerfile);
  return { result, diagnostics: diagnosticsOf(result) };
}

function diagnosticsOf(result: ParseResult): Diagnostic[] {
  const diagnostics = result.ok ? [...result.dockerfile.warnings] : [result.error, ...result.warnings];
  return diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The simulator failed on this input: ${message}`;
}
