/**
 * Server-Sent Events: each open stream is a ReadableStream the Node adapter writes to its socket.
 * The hub keeps them by workshop, instructors apart from participants, and sends an event's bytes,
 * encoded once, to every stream of its audience. A comment line every 20 s keeps proxies from
 * closing idle streams and lets a dead connection surface as an error.
 */

export type Audience = 'instructors' | 'participants';

interface Subscriber {
  readonly audience: Audience;
  readonly workshopId: number;
  readonly participantId: string | null;
  /** The client's address, for the per-address limit. */
  readonly address: string;
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
}

/** How many streams are open: the counts the stream limits are checked against. */
export interface StreamCounts {
  readonly total: number;
  /** Participants' streams of the workshop. */
  readonly workshop: number;
  readonly participant: number;
  /** Participants' streams from the address. */
  readonly address: number;
}

export interface PresenceChange {
  readonly workshopId: number;
  readonly participantId: string;
  readonly online: boolean;
}

const HEARTBEAT_MS = 20_000;
const encoder = new TextEncoder();

export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Adds `by` to a count, forgetting it at zero so the maps hold only open streams. */
function bump<K>(counts: Map<K, number>, key: K, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

export class EventHub {
  readonly #streams = new Map<number, Set<Subscriber>>();
  /** Open streams per participant, for presence: several tabs are one person. */
  readonly #participantStreams = new Map<string, number>();
  readonly #workshopParticipantStreams = new Map<number, number>();
  readonly #addressStreams = new Map<string, number>();
  readonly #onPresence: (change: PresenceChange) => void;
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #count = 0;

  constructor(onPresence: (change: PresenceChange) => void) {
    this.#onPresence = onPresence;
    this.#heartbeat = setInterval(() => this.#sendAll(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  get size(): number {
    return this.#count;
  }

  counts(workshopId: number, participantId: string | null, address: string): StreamCounts {
    return {
      total: this.#count,
      workshop: this.#workshopParticipantStreams.get(workshopId) ?? 0,
      participant: participantId === null ? 0 : (this.#participantStreams.get(participantId) ?? 0),
      address: this.#addressStreams.get(address) ?? 0,
    };
  }

  /**
   * A `text/event-stream` response that starts with `first` (already formatted events) and then
   * receives what is broadcast to its audience, until the client goes away.
   */
  open(
    options: {
      audience: Audience;
      workshopId: number;
      participantId: string | null;
      address: string;
      signal: AbortSignal;
    },
    first: string,
  ): Response {
    let subscriber: Subscriber | undefined;
    const remove = () => {
      if (subscriber) this.#remove(subscriber);
      subscriber = undefined;
    };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        subscriber = { ...options, controller };
        controller.enqueue(encoder.encode(`retry: 2000\n\n${first}`));
        this.#add(subscriber);
      },
      cancel: remove,
    });
    options.signal.addEventListener('abort', remove, { once: true });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        // nginx buffers responses unless told not to; an event must go out as soon as it is sent.
        'x-accel-buffering': 'no',
      },
    });
  }

  broadcast(workshopId: number, audience: Audience | 'everyone', event: string, data: unknown): void {
    const streams = this.#streams.get(workshopId);
    if (!streams) return;
    const bytes = encoder.encode(formatEvent(event, data));
    for (const subscriber of streams)
      if (audience === 'everyone' || subscriber.audience === audience) this.#send(subscriber, bytes);
  }

  /** Participants with at least one open stream. */
  online(workshopId: number): Set<string> {
    const found = new Set<string>();
    for (const subscriber of this.#streams.get(workshopId) ?? [])
      if (subscriber.participantId !== null) found.add(subscriber.participantId);
    return found;
  }

  /** Ends every stream of a workshop (it expired), or only those of some participants (removed). */
  closeWorkshop(workshopId: number, participantIds?: ReadonlySet<string>): void {
    for (const subscriber of [...(this.#streams.get(workshopId) ?? [])]) {
      if (participantIds && !participantIds.has(subscriber.participantId ?? '')) continue;
      this.#remove(subscriber);
      try {
        subscriber.controller.close();
      } catch {
        // Already closed by the client.
      }
    }
  }

  #add(subscriber: Subscriber): void {
    const streams = this.#streams.get(subscriber.workshopId) ?? new Set();
    this.#streams.set(subscriber.workshopId, streams);
    streams.add(subscriber);
    this.#count++;
    const id = subscriber.participantId;
    if (id === null) return;
    bump(this.#workshopParticipantStreams, subscriber.workshopId, 1);
    bump(this.#addressStreams, subscriber.address, 1);
    const open = (this.#participantStreams.get(id) ?? 0) + 1;
    this.#participantStreams.set(id, open);
    if (open === 1) this.#onPresence({ workshopId: subscriber.workshopId, participantId: id, online: true });
  }

  #remove(subscriber: Subscriber): void {
    const streams = this.#streams.get(subscriber.workshopId);
    if (!streams?.delete(subscriber)) return;
    this.#count--;
    if (streams.size === 0) this.#streams.delete(subscriber.workshopId);
    const id = subscriber.participantId;
    if (id === null) return;
    bump(this.#workshopParticipantStreams, subscriber.workshopId, -1);
    bump(this.#addressStreams, subscriber.address, -1);
    const open = (this.#participantStreams.get(id) ?? 1) - 1;
    if (open > 0) {
      this.#participantStreams.set(id, open);
      return;
    }
    this.#participantStreams.delete(id);
    this.#onPresence({ workshopId: subscriber.workshopId, participantId: id, online: false });
  }

  #send(subscriber: Subscriber, bytes: Uint8Array): void {
    try {
      subscriber.controller.enqueue(bytes);
    } catch {
      this.#remove(subscriber);
    }
  }

  #sendAll(bytes: Uint8Array): void {
    for (const streams of [...this.#streams.values()])
      for (const subscriber of [...streams]) this.#send(subscriber, bytes);
  }
}
