/** The parse worker's runner: parses, and refuses the jobs that belong to the engine worker. */
import { describe, expect, it } from 'vitest';
import { createParseRunner } from '../../../src/components/engine/parse-job.ts';

describe('the parse runner', () => {
  it('parses', async () => {
    const response = await createParseRunner()(
      { id: 1, kind: 'parse', dockerfile: 'FROM scratch\n', files: [] },
      () => false,
    );
    expect(response).toMatchObject({
      id: 1,
      kind: 'parse',
      status: 'done',
      output: { result: { ok: true } },
    });
  });

  it('refuses a build, which only the engine worker can run', async () => {
    const response = await createParseRunner()(
      { id: 2, kind: 'build', dockerfile: 'FROM scratch\n', files: [] },
      () => false,
    );
    expect(response).toEqual({
      id: 2,
      kind: 'build',
      status: 'failed',
      message: 'the parse worker does not build',
    });
  });

  it('turns an exception into a failed response', async () => {
    const broken = { id: 3, kind: 'parse', dockerfile: null, files: [] } as never;
    await expect(createParseRunner()(broken, () => false)).resolves.toMatchObject({ status: 'failed' });
  });
});
