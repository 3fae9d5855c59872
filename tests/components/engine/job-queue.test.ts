/**
 * The worker's inbox: only the newest request of a kind runs, jobs of a kind run one at a time, a
 * newer request cancels the running one, and kinds do not wait for each other.
 */
import { describe, expect, it } from 'vitest';
import { type Cancelled, createJobQueue, type RunJob } from '../../../src/components/engine/job-queue.ts';
import type { EngineRequest, EngineResponse, JobKind } from '../../../src/components/engine/protocol.ts';

const request = (id: number, kind: JobKind = 'parse'): EngineRequest =>
  ({ id, kind, dockerfile: `# ${id}`, files: [] }) as EngineRequest;

/** A queue whose drains and jobs the test releases by hand. */
function harness() {
  const posted: EngineResponse[] = [];
  const started: { id: number; cancelled: Cancelled; finish: () => void }[] = [];
  let drain: (() => void) | undefined;
  const run: RunJob = (job, cancelled) =>
    new Promise((resolve) => {
      started.push({
        id: job.id,
        cancelled,
        finish: () => resolve({ id: job.id, kind: job.kind, status: 'failed', message: 'ran' }),
      });
    });
  const queue = createJobQueue(
    run,
    (response) => posted.push(response),
    (next) => {
      drain = next;
    },
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    queue,
    posted: () => posted.map((response) => [response.id, response.status]),
    started,
    drain: () => drain?.(),
    settle,
  };
}

describe('job queue', () => {
  it('runs the newest waiting request and answers the others as superseded', async () => {
    const h = harness();
    h.queue.push(request(1));
    h.queue.push(request(2));
    h.queue.push(request(3));
    expect(h.started).toEqual([]);
    h.drain();
    expect(h.started.map((job) => job.id)).toEqual([3]);
    h.started[0]?.finish();
    await h.settle();
    expect(h.posted()).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'failed'],
    ]);
  });

  it('cancels the running job of a kind when a newer one comes, and starts the newer one after it', async () => {
    const h = harness();
    h.queue.push(request(1, 'build'));
    h.drain();
    const first = h.started[0];
    expect(first?.cancelled()).toBe(false);
    h.queue.push(request(2, 'build'));
    expect(first?.cancelled()).toBe(true);
    // One build at a time: the second waits for the first, which starts from its cache.
    expect(h.started).toHaveLength(1);
    first?.finish();
    await h.settle();
    h.drain();
    expect(h.started.map((job) => job.id)).toEqual([1, 2]);
    expect(h.started[1]?.cancelled()).toBe(false);
  });

  it('replaces a cancelled job’s answer by superseded', async () => {
    const h = harness();
    const done: RunJob = async (job) => ({
      id: job.id,
      kind: 'parse',
      status: 'done',
      output: { result: { ok: false } as never, diagnostics: [] },
      workMs: 0,
    });
    const posted: EngineResponse[] = [];
    let drain: (() => void) | undefined;
    const queue = createJobQueue(
      (job, cancelled) => {
        queue.push(request(job.id + 1));
        return done(job, cancelled);
      },
      (response) => posted.push(response),
      (next) => {
        drain = next;
      },
    );
    queue.push(request(1));
    drain?.();
    await h.settle();
    expect(posted[0]).toEqual({ id: 1, kind: 'parse', status: 'superseded' });
  });

  it('runs different kinds side by side', () => {
    const h = harness();
    h.queue.push(request(1, 'build'));
    h.queue.push(request(2, 'parse'));
    h.drain();
    expect(h.started.map((job) => job.id)).toEqual([1, 2]);
    expect(h.started.every((job) => !job.cancelled())).toBe(true);
  });

  it('turns a job that rejects into a failed answer', async () => {
    const posted: EngineResponse[] = [];
    let drain: (() => void) | undefined;
    const queue = createJobQueue(
      () => Promise.reject(new Error('boom')),
      (response) => posted.push(response),
      (next) => {
        drain = next;
      },
    );
    queue.push(request(5));
    drain?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toEqual([{ id: 5, kind: 'parse', status: 'failed', message: 'Error: boom' }]);
  });
});
