/** The worker client: only the newest request's answer is applied, and a failing worker fails requests, not the page. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEngineClient,
  JOB_BUDGET_MS,
  RESTART_AFTER_MS,
  type WorkerPort,
} from '../../../src/components/engine/engine-client.ts';
import { parse } from '../../../src/components/engine/parse-job.ts';
import type { EngineRequest, EngineResponse } from '../../../src/components/engine/protocol.ts';

/** A worker stand-in that keeps requests until the test answers them, in any order. */
function fakeWorker() {
  const target = new EventTarget();
  const sent: EngineRequest[] = [];
  let terminated = false;
  const port: WorkerPort = {
    postMessage: (request) => {
      sent.push(request);
    },
    addEventListener: (type: string, listener: (event: never) => void) =>
      target.addEventListener(type, listener as EventListener),
    terminate: () => {
      terminated = true;
    },
  };
  return {
    port,
    sent,
    terminated: () => terminated,
    answer(response: EngineResponse) {
      target.dispatchEvent(new MessageEvent('message', { data: response }));
    },
    run(request: EngineRequest | undefined) {
      if (!request) throw new Error('no such request');
      if (request.kind !== 'parse') throw new Error('the fake worker only parses');
      this.answer({ id: request.id, kind: 'parse', status: 'done', output: parse(request), workMs: 0 });
    },
    fail(message: string) {
      const event = new Event('error');
      Object.assign(event, { message });
      target.dispatchEvent(event);
    },
  };
}

const input = (dockerfile: string) => ({ dockerfile, files: [] });

describe('engine client', () => {
  it('sends each request at once, with a fresh id, and resolves with the answer and its round trip', async () => {
    const worker = fakeWorker();
    let clock = 10;
    const client = createEngineClient(worker.port, () => clock);
    const pending = client.request('parse', input('FROM scratch\n'));
    expect(worker.sent).toEqual([{ id: 1, kind: 'parse', dockerfile: 'FROM scratch\n', files: [] }]);
    clock = 12.5;
    worker.run(worker.sent[0]);
    const outcome = await pending;
    expect(outcome.status).toBe('done');
    if (outcome.status === 'done') {
      expect(outcome.roundTripMs).toBe(2.5);
      expect(outcome.output.result.ok).toBe(true);
    }
  });

  it('settles an older request as stale when a newer one is made, and drops its late answer', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const applied: string[] = [];
    const first = client
      .request('parse', input('RUNN x\n'))
      .then((outcome) => applied.push(`first:${outcome.status}`));
    const second = client
      .request('parse', input('FROM scratch\n'))
      .then((outcome) => applied.push(`second:${outcome.status}`));
    // The newer answer overtakes the stale one, which arrives last and must change nothing.
    worker.run(worker.sent[1]);
    worker.run(worker.sent[0]);
    await Promise.all([first, second]);
    expect(applied).toEqual(['first:stale', 'second:done']);
  });

  it('treats an answer to an unknown id, or a repeated answer, as noise', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const pending = client.request('parse', input('FROM scratch\n'));
    worker.answer({ id: 99, kind: 'parse', status: 'failed', message: 'not mine' });
    worker.run(worker.sent[0]);
    worker.answer({ id: 1, kind: 'parse', status: 'failed', message: 'again' });
    await expect(pending).resolves.toMatchObject({ status: 'done' });
  });

  it('reports a job the worker skipped as stale', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const pending = client.request('parse', input('FROM scratch\n'));
    worker.answer({ id: 1, kind: 'parse', status: 'superseded' });
    await expect(pending).resolves.toEqual({ status: 'stale' });
  });

  it('passes a failed job on as a failure', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const pending = client.request('parse', input('FROM scratch\n'));
    worker.answer({
      id: 1,
      kind: 'parse',
      status: 'failed',
      message: 'The simulator failed on this input: boom',
    });
    await expect(pending).resolves.toEqual({
      status: 'failed',
      message: 'The simulator failed on this input: boom',
    });
  });

  it('fails the waiting requests when the worker dies, and keeps working for later ones', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const pending = client.request('parse', input('FROM scratch\n'));
    worker.fail('Uncaught SyntaxError');
    await expect(pending).resolves.toEqual({
      status: 'failed',
      message: 'The simulator stopped: Uncaught SyntaxError.',
    });
    const next = client.request('parse', input('FROM scratch\n'));
    worker.run(worker.sent[1]);
    await expect(next).resolves.toMatchObject({ status: 'done' });
  });

  it('fails a request it cannot post instead of throwing', async () => {
    const worker = fakeWorker();
    worker.port.postMessage = () => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    };
    const client = createEngineClient(worker.port);
    await expect(client.request('parse', input('FROM scratch\n'))).resolves.toMatchObject({
      status: 'failed',
    });
  });

  it('terminates the worker on dispose and settles what was waiting', async () => {
    const worker = fakeWorker();
    const client = createEngineClient(worker.port);
    const pending = client.request('parse', input('FROM scratch\n'));
    client.dispose();
    expect(worker.terminated()).toBe(true);
    await expect(pending).resolves.toEqual({ status: 'stale' });
  });
});

describe('engine client with a worker it can restart', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A client over fake workers, started on demand: `workers[0]` first, then each restart's. */
  function restartable() {
    vi.useFakeTimers();
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = createEngineClient(
      () => {
        const worker = fakeWorker();
        workers.push(worker);
        return worker.port;
      },
      () => Date.now(),
    );
    return { client, workers };
  }

  it('ends a build that runs past its budget, says why, and sends what was waiting to a new worker', async () => {
    const { client, workers } = restartable();
    const build = client.request('build', input('FROM scratch\n'));
    const terminal = client.request('terminal', { session: 't', action: { kind: 'interrupt' } });
    vi.advanceTimersByTime(JOB_BUDGET_MS.build);
    const outcome = await build;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status === 'failed') expect(outcome.message).toContain('stopped the build after 20 s');
    expect(workers[0]?.terminated()).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.sent.map((request) => request.kind)).toEqual(['terminal']);
    // The old worker's late answer changes nothing; the new one's is applied.
    workers[0]?.answer({ id: 2, kind: 'terminal', status: 'failed', message: 'old' });
    workers[1]?.answer({ id: 2, kind: 'terminal', status: 'failed', message: 'new' });
    await expect(terminal).resolves.toEqual({ status: 'failed', message: 'new' });
  });

  it('restarts the worker when a newer edit arrives while the previous job is stuck, and says so', async () => {
    const { client, workers } = restartable();
    const stuck = client.request('parse', input('FROM scratch\n'));
    vi.advanceTimersByTime(RESTART_AFTER_MS);
    const fix = client.request('parse', input('FROM alpine:3.22\n'));
    await expect(stuck).resolves.toEqual({ status: 'stale' });
    expect(workers[0]?.terminated()).toBe(true);
    expect(workers[1]?.sent).toHaveLength(1);
    workers[1]?.run(workers[1].sent[0]);
    const outcome = await fix;
    expect(outcome).toMatchObject({ status: 'done' });
    if (outcome.status === 'done') expect(outcome.notice).toContain('still running after 3 s');
  });

  it('keeps the worker when the newer edit comes before the previous job has run long', async () => {
    const { client, workers } = restartable();
    client.request('parse', input('FROM scratch\n'));
    vi.advanceTimersByTime(RESTART_AFTER_MS - 100);
    const next = client.request('parse', input('FROM alpine:3.22\n'));
    expect(workers).toHaveLength(1);
    workers[0]?.run(workers[0].sent[1]);
    const outcome = await next;
    expect(outcome).toMatchObject({ status: 'done' });
    expect(outcome.status === 'done' && outcome.notice).toBeFalsy();
  });

  it('gives terminal commands no budget: Ctrl+C stops those', () => {
    const { client, workers } = restartable();
    client.request('terminal', { session: 't', action: { kind: 'interrupt' } });
    vi.advanceTimersByTime(10 * 60_000);
    expect(workers).toHaveLength(1);
  });
});
