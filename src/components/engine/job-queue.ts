/**
 * The worker's inbox. Requests that arrive while it is busy wait here, and only the newest of each
 * kind runs: the older ones are answered `superseded` at once, since the page would drop their
 * results anyway. That is how a keystroke cancels a stale build that has not started yet.
 */
import type { EngineRequest, EngineResponse, JobKind } from './protocol.ts';

export interface JobQueue {
  push(request: EngineRequest): void;
}

export function createJobQueue(
  run: (request: EngineRequest) => EngineResponse,
  post: (response: EngineResponse) => void,
  /** Runs the drain after the messages already waiting have been pushed (a macrotask in the worker). */
  defer: (drain: () => void) => void = (drain) => setTimeout(drain, 0),
): JobQueue {
  const pending = new Map<JobKind, EngineRequest>();
  let scheduled = false;

  const drain = () => {
    scheduled = false;
    for (const [kind, request] of pending) {
      pending.delete(kind);
      post(run(request));
    }
  };

  return {
    push(request) {
      const older = pending.get(request.kind);
      if (older) post({ id: older.id, kind: older.kind, status: 'superseded' });
      pending.set(request.kind, request);
      if (!scheduled) {
        scheduled = true;
        defer(drain);
      }
    },
  };
}
