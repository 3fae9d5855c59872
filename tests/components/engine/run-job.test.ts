/** The worker's work: the brief's Dockerfiles parse, a typo comes back as a diagnostic with its fix, and nothing throws. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../../src/components/engine/protocol.ts';
import { runJob } from '../../../src/components/engine/run-job.ts';

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');
const parse = (dockerfile: string): EngineRequest => ({ id: 7, kind: 'parse', dockerfile, files: [] });

describe('runJob', () => {
  it.each(readdirSync(EXAMPLES).filter((name) => name.endsWith('.Dockerfile')))(
    'parses the brief’s %s',
    (name) => {
      const response = runJob(parse(readFileSync(join(EXAMPLES, name), 'utf8')));
      expect(response).toMatchObject({ id: 7, kind: 'parse', status: 'done', output: { diagnostics: [] } });
      expect(response.status === 'done' && response.output.result.ok).toBe(true);
    },
  );

  it('returns the parse error first with its quick fix, and the result as parseDockerfile gave it', () => {
    const response = runJob(parse('FROM alpine\nRUNN echo hi\n'));
    if (response.status !== 'done') throw new Error(response.status);
    expect(response.output.result.ok).toBe(false);
    expect(response.output.diagnostics).toEqual([
      expect.objectContaining({
        code: 'parse/unknown-instruction',
        message: 'unknown instruction: RUNN (did you mean RUN?)',
        fixes: [{ title: 'Replace with RUN', edits: [{ from: 12, to: 16, insert: 'RUN' }] }],
      }),
    ]);
  });

  it('lists warnings of a good Dockerfile in source order', () => {
    const response = runJob(parse('FROM alpine\nRUN a \\\n\n  b\n'));
    if (response.status !== 'done') throw new Error(response.status);
    expect(response.output.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'parse/no-empty-continuation',
    ]);
  });

  it('measures the work with the clock it is given', () => {
    let clock = 0;
    const response = runJob(parse('FROM scratch\n'), () => (clock += 4));
    expect(response.status === 'done' && response.workMs).toBe(4);
  });

  it('turns an exception into a failed response', () => {
    const broken = { id: 3, kind: 'parse', dockerfile: null, files: [] } as unknown as EngineRequest;
    expect(runJob(broken)).toMatchObject({
      id: 3,
      kind: 'parse',
      status: 'failed',
      message: expect.stringContaining('failed'),
    });
  });
});
