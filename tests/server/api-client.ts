/** Small typed helpers over the workshop API for the API suites (plain fetch, as any client would). */
import { EventStreamParser } from '../../src/components/workshop/event-stream.ts';
import type {
  CreatedWorkshop,
  CreateWorkshopBody,
  JoinedWorkshop,
  ProgressEntry,
} from '../../src/workshop/protocol.ts';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function call<T = unknown>(
  base: string,
  path: string,
  options: { method?: string; secret?: string; body?: unknown; raw?: string; type?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.secret) headers.authorization = `Bearer ${options.secret}`;
  if (options.body !== undefined || options.raw !== undefined)
    headers['content-type'] = options.type ?? 'application/json';
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (options.body === undefined && options.raw === undefined ? 'GET' : 'POST'),
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, SVG: keep the text.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

export const EXERCISES = ['go-under-10mb', 'smallest-go-image'] as const;
/** How many goals each has: the server checks a report's figures against them. */
export const GOALS: Readonly<Record<string, number>> = { 'go-under-10mb': 4, 'smallest-go-image': 3 };

export async function createWorkshop(base: string, body: Partial<CreateWorkshopBody> = {}) {
  const answer = await call<CreatedWorkshop>(base, '/api/workshops', {
    body: { title: 'Containers, small', lessons: [], exercises: [...EXERCISES], ...body },
  });
  if (answer.status !== 201) throw new Error(`create: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function join(base: string, code: string, name = 'Ada', leaderboardName: string | null = name) {
  const answer = await call<JoinedWorkshop>(base, `/api/workshops/${code}/participants`, {
    body: { name, leaderboardName },
  });
  if (answer.status !== 201) throw new Error(`join: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A report that agrees with itself and its exercise, unless `overrides` say otherwise. */
export function entry(seq: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  const exerciseId = overrides.exerciseId ?? EXERCISES[0];
  const total = overrides.total ?? GOALS[exerciseId] ?? 3;
  const passing = overrides.passing ?? 1;
  return {
    exerciseId,
    seq,
    passing,
    total,
    failing: Array.from({ length: Math.max(0, total - passing) }, (_, i) => passing + i),
    results: null,
    solved: passing === total,
    imageBytes: 900_000_000,
    attempts: seq,
    failStreak: 1,
    dockerfile: 'FROM golang:1.25\nCOPY . .\nRUN go build -o /app\n',
    ...overrides,
  };
}

export function report(base: string, code: string, token: string, entries: ProgressEntry[]) {
  return call<{ acked: { exerciseId: string; seq: number }[] }>(base, `/api/workshops/${code}/progress`, {
    secret: token,
    body: { entries },
  });
}

/** An open event stream that collects what arrives, for `next()` to wait on. */
export class StreamReader {
  readonly events: { event: string; data: unknown }[] = [];
  readonly #controller = new AbortController();
  #waiters: (() => void)[] = [];
  status = 0;

  static async open(url: string, secret: string): Promise<StreamReader> {
    const reader = new StreamReader();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${secret}`, accept: 'text/event-stream' },
      signal: reader.#controller.signal,
    });
    reader.status = response.status;
    if (response.ok && response.body) reader.#pump(response.body);
    return reader;
  }

  async #pump(body: ReadableStream<Uint8Array>) {
    const parser = new EventStreamParser();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        for (const { event, data } of parser.push(decoder.decode(chunk, { stream: true })))
          this.events.push({ event, data: JSON.parse(data) });
        for (const wake of this.#waiters.splice(0)) wake();
      }
    } catch {
      // Closed.
    }
  }

  /** The first event named `event` that matches, waiting up to `ms` for it. */
  async next<T>(event: string, matches: (data: T) => boolean = () => true, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find((item) => item.event === event && matches(item.data as T));
      if (found) return found.data as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event} event within ${ms} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  close(): void {
    this.#controller.abort();
  }
}
