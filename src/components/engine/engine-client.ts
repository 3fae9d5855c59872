/**
 * The page's side of the engine worker. Nothing is debounced: every edit is sent at once, and a new
 * request makes the previous one of its kind stale, so its promise settles as `stale` right away
 * and its answer, if it still comes, is dropped. Only the newest answer is ever applied.
 *
 * The worker stops a superseded job between its stages, which cannot help a job stuck inside one.
 * So, given a way to start a worker, the client also ends the worker itself: when a job runs past
 * its kind's budget (it fails, saying so), or when a newer request arrives while the previous one
 * of its kind has run for RESTART_AFTER_MS (the newer one's answer says so). It then starts a fresh
 * worker and sends it every request still waiting.
 */
import type { EngineJobs, EngineRequest, EngineResponse, JobKind } from './protocol.ts';

export type Outcome<K extends JobKind> =
  | {
      readonly status: 'done';
      readonly output: EngineJobs[K]['output'];
      readonly roundTripMs: number;
      /** Why the worker was restarted on the way to this answer, to tell the learner. */
      readonly notice?: string;
    }
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

/**
 * How long a job may run before the worker is ended. A course build takes well under a second;
 * terminal commands have no budget, since the learner stops those with Ctrl+C.
 */
export const JOB_BUDGET_MS: Readonly<Record<JobKind, number>> = {
  parse: 10_000,
  build: 20_000,
  image: 20_000,
  compare: 40_000,
  terminal: Number.POSITIVE_INFINITY,
  'terminal-complete': 10_000,
};

/** A superseded job still running after this long is stopped by ending its worker. */
export const RESTART_AFTER_MS = 3_000;

const NOUN: Readonly<Record<JobKind, string>> = {
  parse: 'reading the Dockerfile',
  build: 'the build',
  image: 'loading the image',
  compare: 'the comparison',
  terminal: 'the command',
  'terminal-complete': 'completing the command',
};

interface Waiting {
  readonly request: EngineRequest;
  readonly sentAt: number;
  readonly settle: (outcome: Outcome<JobKind>) => void;
  timer?: ReturnType<typeof setTimeout>;
  notice?: string;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function createEngineClient(
  worker: WorkerPort | (() => WorkerPort),
  now: () => number = () => performance.now(),
): EngineClient {
  const start = typeof worker === 'function' ? worker : undefined;
  let nextId = 1;
  const newest = new Map<JobKind, number>();
  const waiting = new Map<number, Waiting>();

  const settle = (id: number, outcome: Outcome<JobKind>) => {
    const entry = waiting.get(id);
    waiting.delete(id);
    if (entry?.timer !== undefined) clearTimeout(entry.timer);
    entry?.settle(outcome);
  };

  const onMessage = (event: MessageEvent<EngineResponse>) => {
    const response = event.data;
    const entry = waiting.get(response.id);
    if (!entry) return;
    if (newest.get(response.kind) !== response.id || response.status === 'superseded') {
      settle(response.id, { status: 'stale' });
    } else if (response.status === 'failed') {
      settle(response.id, { status: 'failed', message: response.message });
    } else {
      const done = { status: 'done', output: response.output, roundTripMs: now() - entry.sentAt } as const;
      settle(response.id, entry.notice ? { ...done, notice: entry.notice } : done);
    }
  };

  // A worker that fails to load or throws outside a job fails every request still waiting.
  const failAll = (message: string) => {
    for (const id of [...waiting.keys()]) settle(id, { status: 'failed', message });
  };

  const attach = (target: WorkerPort): WorkerPort => {
    target.addEventListener('message', (event) => {
      if (port === target) onMessage(event);
    });
    target.addEventListener('error', (event) => {
      if (port !== target) return;
      const detail = (event as Partial<ErrorEvent>).message || 'its worker failed to start';
      failAll(`The simulator stopped: ${detail}.`);
    });
    target.addEventListener('messageerror', () => {
      if (port === target) failAll('The simulator sent an answer the page could not read.');
    });
    return target;
  };
  let port: WorkerPort = attach(start ? start() : (worker as WorkerPort));

  const post = (entry: Waiting) => {
    try {
      port.postMessage(entry.request);
    } catch (error) {
      settle(entry.request.id, {
        status: 'failed',
        message: `The simulator could not be reached: ${String(error)}`,
      });
    }
  };

  /** Ends the worker and starts another, which gets every request still waiting. */
  const restart = (restartable: () => WorkerPort) => {
    const old = port;
    port = attach(restartable());
    old.terminate();
    for (const entry of waiting.values()) post(entry);
  };

  const overBudget = (id: number) => {
    const entry = waiting.get(id);
    if (!entry || !start) return;
    const { kind } = entry.request;
    settle(id, {
      status: 'failed',
      message: `The simulator stopped ${NOUN[kind]} after ${seconds(JOB_BUDGET_MS[kind])}, its time limit, and restarted. Undo the last change or make the Dockerfile simpler, and it will build again.`,
    });
    restart(start);
  };

  return {
    request(kind, input) {
      const previousId = newest.get(kind);
      const previous = previousId === undefined ? undefined : waiting.get(previousId);
      if (previousId !== undefined) settle(previousId, { status: 'stale' });
      const id = nextId++;
      newest.set(kind, id);
      const stuck = start && previous && now() - previous.sentAt >= RESTART_AFTER_MS;
      return new Promise((resolve) => {
        const entry: Waiting = {
          request: { id, kind, ...input } as EngineRequest,
          sentAt: now(),
          settle: resolve as (outcome: Outcome<JobKind>) => void,
        };
        if (start && Number.isFinite(JOB_BUDGET_MS[kind]))
          entry.timer = setTimeout(() => overBudget(id), JOB_BUDGET_MS[kind]);
        waiting.set(id, entry);
        if (stuck) {
          entry.notice = `The simulator stopped ${NOUN[kind]} of the previous text, still running after ${seconds(RESTART_AFTER_MS)}, to start this one.`;
          restart(start);
        } else post(entry);
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
