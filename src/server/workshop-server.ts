/**
 * The workshop server inside the site's Node process: one store, one event hub, the rate limits
 * and the expiry sweep, created on the first API request. Every API route is an `api(...)`
 * handler: it gets the request with the server and the client's address, and whatever it throws as
 * an ApiFailure becomes that status and `{ error: { code, message } }`.
 */
import { existsSync } from 'node:fs';
import type { APIContext, APIRoute } from 'astro';
import type { ParticipantView, ProgressView, PublicState } from '../workshop/protocol.ts';
import { ApiFailure } from './api-failure.ts';
import { startCheckpointer } from './checkpointer.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { openDatabase } from './database.ts';
import { EventHub } from './event-hub.ts';
import { bearer, clientAddress, failure } from './http.ts';
import { RateLimiter } from './rate-limit.ts';
import { type Participant, type Workshop, WorkshopStore } from './workshop-store.ts';

const SWEEP_MS = 60 * 60 * 1000;
const LIMITER_SWEEP_MS = 5 * 60 * 1000;

export class WorkshopServer {
  readonly config: ServerConfig;
  readonly store: WorkshopStore;
  readonly hub: EventHub;
  readonly #limits: Record<keyof ServerConfig['rate'], RateLimiter>;
  #storageLost: ApiFailure | undefined;

  constructor(config: ServerConfig) {
    this.config = config;
    const db = openDatabase(config.database, config.synchronous);
    let checkpointer: ReturnType<typeof startCheckpointer> | undefined;
    try {
      this.store = new WorkshopStore(db);
      checkpointer = startCheckpointer(config.database);
    } catch (error) {
      // Release what was started: a server that failed to start is never retried (see below).
      checkpointer?.stop();
      db.close();
      throw error;
    }
    const started = checkpointer;
    process.once('exit', () => {
      started.stop();
      db.close();
    });
    this.hub = new EventHub(({ workshopId, participantId, online }) => {
      this.hub.broadcast(workshopId, 'instructors', 'presence', {
        participantId,
        online,
        seenAt: Date.now(),
      });
    });
    this.#limits = {
      ip: new RateLimiter(config.rate.ip),
      join: new RateLimiter(config.rate.join),
      workshopJoin: new RateLimiter(config.rate.workshopJoin),
      create: new RateLimiter(config.rate.create),
      participant: new RateLimiter(config.rate.participant),
      probe: new RateLimiter(config.rate.probe),
    };
    this.expire();
    setInterval(() => this.expire(), SWEEP_MS).unref();
    setInterval(() => {
      for (const limiter of Object.values(this.#limits)) limiter.sweep();
    }, LIMITER_SWEEP_MS).unref();
  }

  /**
   * Refuses every request once the database's write-ahead log has been deleted under the server:
   * SQLite would go on writing to the deleted file, and whatever it acknowledged would be lost at
   * the next restart. Checked on each request (one stat), latched, and logged once.
   */
  assertStorage(): void {
    if (this.#storageLost === undefined && !existsSync(`${this.config.database}-wal`)) {
      this.#storageLost = new ApiFailure(
        503,
        'workshop/storage-lost',
        'The server’s database log was removed, so it stopped saving; the instructor must restart the server. Your work stays in this browser.',
      );
      console.error(
        `workshop database: ${this.config.database}-wal was deleted while the server ran; refusing every request until a restart (updates since the deletion may be lost).`,
      );
    }
    if (this.#storageLost) throw this.#storageLost;
  }

  /** Deletes the workshops past their retention and closes their streams. */
  expire(now = Date.now()): string[] {
    const expired = this.store.expire(now - this.config.retentionMs);
    for (const workshop of expired) this.hub.closeWorkshop(workshop.id);
    return expired.map((workshop) => workshop.code);
  }

  limit(kind: keyof ServerConfig['rate'], key: string): void {
    const verdict = this.#limits[kind].take(key);
    if (!verdict.ok) throw rateLimited(verdict.retryAfterMs, 'Too many requests');
  }

  workshop(code: string | undefined): Workshop {
    const workshop = code ? this.store.byCode(code) : undefined;
    if (!workshop)
      throw new ApiFailure(
        404,
        'workshop/not-found',
        `No workshop has the code ${code ?? ''}. Check it with your instructor; old workshops expire.`,
      );
    return workshop;
  }

  /**
   * The workshop of a code typed by someone without a secret (the join page, the QR code, a
   * join). Each unknown code spends one of the address's tries; with none left, every such
   * lookup from the address waits, hits included, so codes cannot be probed at speed. Requests
   * with a token or key never wait: a room behind one address keeps working.
   */
  workshopByTypedCode(code: string | undefined, address: string): Workshop {
    const left = this.#limits.probe.check(address);
    if (!left.ok) throw rateLimited(left.retryAfterMs, 'Too many unknown codes from this network');
    try {
      return this.workshop(code);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'workshop/not-found')
        this.#limits.probe.take(address);
      throw error;
    }
  }

  /** The workshop, if the request carries its instructor key. */
  instructor(request: Request, code: string | undefined): Workshop {
    const workshop = this.workshop(code);
    const key = bearer(request);
    if (!key)
      throw new ApiFailure(401, 'workshop/no-key', 'This needs the instructor key (Authorization: Bearer).');
    if (!this.store.isInstructor(workshop, key))
      throw new ApiFailure(403, 'workshop/wrong-key', 'The instructor key does not match this workshop.');
    return workshop;
  }

  /** The participant whose token the request carries, rate-limited per participant. */
  participant(request: Request, workshop: Workshop): Participant {
    const token = bearer(request);
    const participant = token ? this.store.participantByToken(workshop, token) : undefined;
    if (!participant)
      throw new ApiFailure(
        401,
        'workshop/unknown-participant',
        'This browser is not a participant of the workshop (any more); join again with the code.',
      );
    this.limit('participant', participant.view.id);
    return participant;
  }

  publicState(workshop: Workshop): PublicState {
    return { ...workshop.state, now: Date.now() };
  }

  /** Tells every stream of the workshop about a change the instructor made. */
  announceState(workshop: Workshop): void {
    this.hub.broadcast(workshop.id, 'everyone', 'state', this.publicState(workshop));
  }

  announceParticipant(workshop: Workshop, participant: ParticipantView): void {
    this.hub.broadcast(workshop.id, 'instructors', 'participant', participant);
  }

  announceProgress(workshop: Workshop, progress: readonly ProgressView[]): void {
    for (const view of progress) this.hub.broadcast(workshop.id, 'instructors', 'progress', view);
  }

  /**
   * Refuses a stream past its limits. Instructors are held only to the server's total, the last
   * `instructorStreams` of which participants cannot take; participants also to their workshop's,
   * their own and their address's share, so one join code cannot take the streams of every other.
   */
  admitStream(workshop: Workshop, participant: Participant | null, address: string): void {
    const { config } = this;
    const counts = this.hub.counts(workshop.id, participant?.view.id ?? null, address);
    const busy = (message: string) => new ApiFailure(503, 'workshop/busy', message, { 'retry-after': '10' });
    if (participant === null) {
      if (counts.total >= config.maxStreams)
        throw busy('The server has too many live connections; try again soon.');
      return;
    }
    if (counts.total >= config.maxStreams - config.instructorStreams)
      throw busy('The server has too many live connections; try again soon.');
    if (counts.workshop >= config.maxWorkshopStreams)
      throw busy(
        `This workshop has ${config.maxWorkshopStreams} live connections, its limit; try again soon.`,
      );
    if (counts.address >= config.maxAddressStreams)
      throw busy('Too many live connections from this network; try again soon.');
    if (counts.participant >= config.maxParticipantStreams)
      throw new ApiFailure(
        429,
        'workshop/too-many-streams',
        `This participant has ${config.maxParticipantStreams} pages open on the workshop; close some.`,
        { 'retry-after': '30' },
      );
  }

  /** Removes participants: their progress goes, their streams close, the dashboards are told. */
  removeParticipants(workshop: Workshop, participantIds: readonly string[]): Workshop {
    const updated = this.store.act(
      workshop,
      { action: 'remove', participantIds: [...participantIds] },
      Date.now(),
    );
    this.hub.closeWorkshop(workshop.id, new Set(participantIds));
    this.hub.broadcast(workshop.id, 'instructors', 'removed', { participantIds });
    return updated;
  }
}

let instance: WorkshopServer | undefined;
/** Why the server could not start: kept, so that each request does not try (and leak) again. */
let startFailure: ApiFailure | undefined;

export function workshopServer(): WorkshopServer {
  if (startFailure) throw startFailure;
  try {
    instance ??= new WorkshopServer(readConfig());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    startFailure = new ApiFailure(
      503,
      'workshop/unavailable',
      'Workshops are unavailable: the server could not open its database. The reason is in its log.',
    );
    throw startFailure;
  }
  return instance;
}

function rateLimited(retryAfterMs: number, what: string): ApiFailure {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiFailure(429, 'workshop/rate-limited', `${what}; try again in ${seconds} s.`, {
    'retry-after': String(seconds),
  });
}

/** SQLite's primary result codes for a full disk and for an I/O error. */
const SQLITE_FULL = 13;
const SQLITE_IOERR = 10;

/**
 * A storage failure as a clear 503, the real cause logged: SQLite's extended codes keep the
 * primary code in their low byte.
 */
export function storageFailure(error: unknown): ApiFailure | undefined {
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number') return undefined;
  if ((code & 0xff) === SQLITE_FULL) {
    console.error(`workshop database: the disk is full (${String((error as Error).message)})`);
    return new ApiFailure(
      503,
      'workshop/disk-full',
      'The server’s disk is full, so nothing new can be saved; your work stays in this browser and is sent again later.',
      { 'retry-after': '30' },
    );
  }
  if ((code & 0xff) === SQLITE_IOERR) {
    console.error(`workshop database: input/output error (${String((error as Error).message)})`);
    return new ApiFailure(
      503,
      'workshop/storage-error',
      'The server could not write to its disk; your work stays in this browser and is sent again later.',
      { 'retry-after': '30' },
    );
  }
  return undefined;
}

export interface ApiRequest {
  readonly request: Request;
  readonly params: APIContext['params'];
  readonly server: WorkshopServer;
  readonly address: string;
}

/** An API route: per-address rate limit, then the handler; failures become JSON errors. */
export function api(handler: (request: ApiRequest) => Response | Promise<Response>): APIRoute {
  return async (context) => {
    try {
      const server = workshopServer();
      server.assertStorage();
      const address = clientAddress(context.request, context.clientAddress, server.config.trustProxy);
      server.limit('ip', address);
      return await handler({ request: context.request, params: context.params, server, address });
    } catch (error) {
      if (error instanceof ApiFailure) return failure(error);
      const storage = storageFailure(error);
      if (storage) return failure(storage);
      console.error(error);
      return failure(new ApiFailure(500, 'workshop/internal', 'The server failed; the error is in its log.'));
    }
  };
}
