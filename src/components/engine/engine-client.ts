/**
 * The page's side of the engine worker. Nothing is debounced: every edit is sent at once, and a new
 * request makes the previous one of its kind stale, so its promise settles as `stale` right away
 * and its answer, if it still comes, is dropped. Only the newest answer is ever applied.
 */
import type { EngineJobs, EngineRequest, EngineResponse, JobKind } from './protocol.ts';

export type Outcome<K extends JobKind> =
  | { readonly status: 'done'; readonly output: EngineJobs[K]['output']; readonly roundTripMs: number }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'stale' };

/** What the client needs of a Worker, so tests can hand it a fake. */
export interface WorkerPort {
  postMessage(request: EngineRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineResponse>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EngineClient {
  request<K extends JobKind>(kind: K, input: EngineJobs[K]['input']): Promise<Outcome<K>>;
  /** Stops the worker; requests still waiting settle as stale. */
  dispose(): void;
}

interface Waiting {
  readonly sentAt: number;
  readonly settle: (outcome: Outcome<JobKind>) => void;
}

export function createEngineClient(
  port: WorkerPort,
  now: () => number = () => performance.now(),
): EngineClient {
  let nextId = 1;
  const newest = new Map<JobKind, number>();
  const waiting = new Map<number, Waiting>();

  const settle = (id: number, outcome: Outcome<JobKind>) => {
    const entry = waiting.get(id);
    waiting.delete(id);
    entry?.settle(outcome);
  };

  port.addEventListener('message', (event) => {
    const response = event.data;
    const entry = waiting.get(response.id);
    if (!entry) return;
    if (newest.get(response.kind) !== response.id || response.status === 'superseded') {
      settle(response.id, { status: 'stale' });
    } else if (response.status === 'failed') {
      settle(response.id, { status: 'failed', message: response.message });
    } else {
      settle(response.id, { status: 'done', output: response.output, roundTripMs: now() - entry.sentAt });
    }
  });

  // A worker that fails to load or throws outside a job fails every request still waiting.
  const failAll = (message: string) => {
    for (const id of [...waiting.keys()]) settle(id, { status: 'failed', message });
  };
  port.addEventListener('error', (event) => {
    const detail = (event as Partial<ErrorEvent>).message || 'its worker failed to start';
    failAll(`The simulator stopped: ${detail}.`);
  });
  port.addEventListener('messageerror', () =>
    failAll('The simulator sent an answer the page could not read.'),
  );

  return {
    request(kind, input) {
      const previous = newest.get(kind);
      if (previous !== undefined) settle(previous, { status: 'stale' });
      const id = nextId++;
      newest.set(kind, id);
      return new Promise((resolve) => {
        waiting.set(id, { sentAt: now(), settle: resolve as (outcome: Outcome<JobKind>) => void });
        try {
          port.postMessage({ id, kind, ...input } as EngineRequest);
        } catch (error) {
          settle(id, { status: 'failed', message: `The simulator could not be reached: ${String(error)}` });
        }
      });
    },
    dispose() {
      port.terminate();
      for (const id of [...waiting.keys()]) settle(id, { status: 'stale' });
    },
  };
}

/** The engine worker (builds, images, comparisons), bundled by Vite as an ES module worker. */
export function startEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}

/**
 * The parse worker: a second, small worker, so the verdict on a keystroke never waits for the
 * analysis of the previous keystroke's build (tens of milliseconds on a Debian base).
 */
export function startParseWorker(): Worker {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' });
}
