/**
 * The worker's inbox. Jobs of one kind run one at a time, in order, so each build starts from the
 * previous build's layer cache; jobs of different kinds run side by side (a parse never waits for a
 * build). Only the newest waiting request of a kind runs: older waiting ones are answered
 * `superseded` at once, and a running one is told to stop through its cancellation check, its
 * answer replaced by `superseded`, since the page would drop it anyway.
 */
import type { EngineRequest, EngineResponse, JobKind } from './protocol.ts';

/** Asked by a running job between its stages: true once a newer request of its kind has arrived. */
export type Cancelled = () => boolean;

export type RunJob = (request: EngineRequest, cancelled: Cancelled) => Promise<EngineResponse>;

export interface JobQueue {
  push(request: EngineRequest): void;
}

export function createJobQueue(
  run: RunJob,
  post: (response: EngineResponse) => void,
  /** Runs the drain after the messages already waiting have been pushed (a macrotask in the worker). */
  defer: (drain: () => void) => void = (drain) => setTimeout(drain, 0),
): JobQueue {
  const pending = new Map<JobKind, EngineRequest>();
  const running = new Map<JobKind, { cancelled: boolean }>();
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(drain);
  };

  const start = (request: EngineRequest) => {
    const token = { cancelled: false };
    running.set(request.kind, token);
    const finish = (response: EngineResponse) => {
      running.delete(request.kind);
      post(
        token.cancelled && response.status === 'done'
          ? { id: request.id, kind: request.kind, status: 'superseded' }
          : response,
      );
      if (pending.has(request.kind)) schedule();
    };
    run(request, () => token.cancelled).then(finish, (error: unknown) =>
      finish({ id: request.id, kind: request.kind, status: 'failed', message: String(error) }),
    );
  };

  function drain() {
    scheduled = false;
    for (const [kind, request] of pending) {
      if (running.has(kind)) continue;
      pending.delete(kind);
      start(request);
    }
  }

  return {
    push(request) {
      const older = pending.get(request.kind);
      if (older) post({ id: older.id, kind: older.kind, status: 'superseded' });
      pending.set(request.kind, request);
      const current = running.get(request.kind);
      if (current) current.cancelled = true;
      else schedule();
    },
  };
}
