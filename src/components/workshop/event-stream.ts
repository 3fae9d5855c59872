/**
 * A Server-Sent Events client over fetch, because EventSource cannot send an Authorization header
 * and the workshop streams need the participant's token or the instructor's key. It reconnects
 * with backoff after a dropped connection, and gives up on an answer that says retrying is useless
 * (401, 403, 404: the workshop or the participant is gone). Runs in browsers and in Node.
 */

export interface StreamEvent {
  readonly event: string;
  readonly data: string;
}

/** Splits a text/event-stream into events as chunks arrive (the WHATWG event-stream format). */
export class EventStreamParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];

  push(chunk: string): StreamEvent[] {
    this.#buffer += chunk;
    const events: StreamEvent[] = [];
    let newline = this.#buffer.search(/\r\n|\r|\n/);
    while (newline >= 0) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (width === 1 && this.#buffer[newline] === '\r' && newline === this.#buffer.length - 1) break;
      this.#buffer = this.#buffer.slice(newline + width);
      const event = this.#line(line);
      if (event) events.push(event);
      newline = this.#buffer.search(/\r\n|\r|\n/);
    }
    return events;
  }

  #line(line: string): StreamEvent | undefined {
    if (line === '') {
      const event =
        this.#data.length > 0 ? { event: this.#event || 'message', data: this.#data.join('\n') } : undefined;
      this.#event = '';
      this.#data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    return undefined;
  }
}

export type StreamStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  | { readonly kind: 'retrying'; readonly inMs: number }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string };

export interface StreamOptions {
  readonly url: string;
  readonly secret: string;
  readonly onEvent: (event: StreamEvent) => void;
  readonly onStatus?: (status: StreamStatus) => void;
  readonly fetch?: typeof fetch;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: StreamOptions): () => void {
  const controller = new AbortController();
  const get = options.fetch ?? globalThis.fetch.bind(globalThis);
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const retry = () => {
    const base = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 15000;
    const inMs = Math.round(base * (0.75 + Math.random() * 0.5));
    failures++;
    options.onStatus?.({ kind: 'retrying', inMs });
    timer = setTimeout(connect, inMs);
  };

  const connect = async () => {
    options.onStatus?.({ kind: 'connecting' });
    try {
      const response = await get(options.url, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${options.secret}` },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        const body = (await response.json().catch(() => undefined)) as
          | { error?: { code?: string; message?: string } }
          | undefined;
        options.onStatus?.({
          kind: 'refused',
          status: response.status,
          code: body?.error?.code ?? 'workshop/refused',
          message: body?.error?.message ?? `The server answered ${response.status}.`,
        });
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const parser = new EventStreamParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      let opened = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!opened) {
          opened = true;
          failures = 0;
          options.onStatus?.({ kind: 'open' });
        }
        for (const event of parser.push(decoder.decode(value, { stream: true }))) options.onEvent(event);
      }
    } catch {
      if (controller.signal.aborted) return;
    }
    if (!controller.signal.aborted) retry();
  };

  connect();
  return () => {
    clearTimeout(timer);
    controller.abort();
  };
}
