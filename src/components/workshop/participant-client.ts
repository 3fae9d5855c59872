/**
 * The participant's side of a workshop, for the exercise UI and the workshop overlay. Outside a
 * workshop (no session in this browser) every call is a no-op and every subscription says so.
 *
 * - `reportProgress(report)` after every build: the report goes to the outbox (localStorage) and
 *   is sent shortly after, batched; offline, it waits and is sent when the server answers again.
 *   Reports carry increasing sequence numbers and the server keeps only new ones, so resending is
 *   safe and nothing acknowledged is sent twice on purpose nor lost.
 * - `subscribe(topic, listener)` for `state`, `follow`, `message`, `timer`, `locks`, `sync` and
 *   `session`: the listener is called at once with the current value and on every change; the
 *   returned function unsubscribes. The first subscription opens the live stream.
 *
 * The contract is described in ARCHITECTURE.md (Workshop).
 */
import { LIMITS, type ProgressEntry, type PublicState } from '../../workshop/protocol.ts';
import { openEventStream } from './event-stream.ts';
import { Outbox, type ProgressReport } from './outbox.ts';
import { type ParticipantSession, readSession, writeSession } from './session.ts';

export { lockFor } from '../../workshop/protocol.ts';
export type { ProgressReport };

export type SyncStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'synced' }
  | { readonly kind: 'sending'; readonly pending: number }
  | { readonly kind: 'offline'; readonly pending: number }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'ended' };

export type Connection = 'off' | 'connecting' | 'live' | 'retrying';

/** The countdown, with `endsAt` on this device's clock (the server's, corrected for skew). */
export interface Timer {
  readonly endsAt: number;
  readonly seconds: number;
  readonly label: string | null;
}

export interface Topics {
  readonly session: ParticipantSession | null;
  readonly state: PublicState | null;
  readonly follow: PublicState['follow'];
  readonly message: PublicState['message'];
  readonly timer: Timer | null;
  /** null outside a workshop: nothing is locked. Read it with `lockFor`. */
  readonly locks: PublicState['locks'] | null;
  readonly sync: SyncStatus;
  readonly connection: Connection;
}

const FLUSH_DELAY_MS = 600;
const FLUSH_MAX_WAIT_MS = 3000;
const RETRY_MS = [1000, 2000, 5000, 10_000, 20_000, 30_000];
const KEEPALIVE_LIMIT = 60 * 1024;
const STATE_KEY = 'mc-workshop-state';

interface Client {
  session: ParticipantSession | null;
  state: PublicState | null;
  /** Server clock minus this device's clock, from the last state. */
  skew: number;
  sync: SyncStatus;
  connection: Connection;
  outbox: Outbox | null;
  closeStream: (() => void) | null;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  firstUnsentAt: number | null;
  sending: boolean;
  failures: number;
}

type Listener = () => void;

const listeners = new Set<Listener>();
let client: Client | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function started(): Client {
  if (client) return client;
  const session = readSession();
  client = {
    session,
    state: session ? cachedState(session.code) : null,
    skew: 0,
    sync: session ? { kind: 'synced' } : { kind: 'none' },
    connection: 'off',
    outbox: session ? new Outbox(session.participantId, storage()) : null,
    closeStream: null,
    flushTimer: undefined,
    firstUnsentAt: null,
    sending: false,
    failures: 0,
  };
  wireWindow();
  if (client.outbox?.pending().length) flushSoon(0);
  return client;
}

let wired = false;

function wireWindow(): void {
  if (wired || typeof window === 'undefined') return;
  wired = true;
  window.addEventListener('online', () => flushSoon(0));
  window.addEventListener('pagehide', sendOnLeave);
  // Another tab joined or left.
  window.addEventListener('storage', (event) => {
    if (event.key === 'mc-workshop') restart();
  });
  // For code that cannot import this module (an embed, a test driving the page).
  window.addEventListener('mc-workshop-progress', (event) => {
    const detail = (event as CustomEvent<ProgressReport>).detail;
    if (detail) reportProgress(detail);
  });
}

function restart(): void {
  const previous = client;
  previous?.closeStream?.();
  clearTimeout(previous?.flushTimer);
  client = undefined;
  const next = started();
  if (listeners.size > 0) connect(next);
  emit();
}

function cachedState(code: string): PublicState | null {
  try {
    const state = JSON.parse(storage()?.getItem(STATE_KEY) ?? 'null') as PublicState | null;
    return state?.code === code ? state : null;
  } catch {
    return null;
  }
}

function setState(current: Client, state: PublicState): void {
  current.state = state;
  current.skew = state.now - Date.now();
  if (state.endedAt !== null) {
    current.outbox?.clear();
    current.sync = { kind: 'ended' };
  }
  try {
    storage()?.setItem(STATE_KEY, JSON.stringify(state));
  } catch {
    // Only a cache.
  }
  emit();
}

function connect(current: Client): void {
  if (current.closeStream || !current.session) return;
  const session = current.session;
  current.connection = 'connecting';
  current.closeStream = openEventStream({
    url: `/api/workshops/${session.code}/events`,
    secret: session.token,
    onEvent: (event) => {
      if (event.event !== 'state') return;
      try {
        setState(current, JSON.parse(event.data) as PublicState);
      } catch {
        // A malformed event: the next one replaces it.
      }
    },
    onStatus: (status) => {
      if (status.kind === 'refused') {
        if (status.code === 'workshop/not-found' || status.code === 'workshop/unknown-participant') leave();
        else current.connection = 'retrying';
      } else if (status.kind === 'open') {
        current.connection = 'live';
        flushSoon(0);
      } else current.connection = status.kind === 'connecting' ? 'connecting' : 'retrying';
      emit();
    },
  });
}

/** Reports the exercise's state after a build. Returns false outside a workshop. */
export function reportProgress(report: ProgressReport): boolean {
  const current = started();
  if (!current.session || !current.outbox || current.state?.endedAt != null) return false;
  if (current.state && !current.state.exercises.includes(report.exerciseId)) return false;
  current.outbox.add(report, Date.now());
  current.firstUnsentAt ??= Date.now();
  const waited = Date.now() - current.firstUnsentAt;
  flushSoon(Math.max(0, Math.min(FLUSH_DELAY_MS, FLUSH_MAX_WAIT_MS - waited)));
  return true;
}

function flushSoon(delay: number): void {
  const current = started();
  if (!current.outbox) return;
  clearTimeout(current.flushTimer);
  current.flushTimer = setTimeout(flush, delay);
}

/** Entries that fit in one request. */
function batch(entries: readonly ProgressEntry[]): ProgressEntry[] {
  const chosen: ProgressEntry[] = [];
  let bytes = 64;
  for (const entry of entries.slice(0, LIMITS.entriesPerReport)) {
    bytes += JSON.stringify(entry).length * 3;
    if (chosen.length > 0 && bytes > LIMITS.reportBodyBytes) break;
    chosen.push(entry);
  }
  return chosen;
}

async function flush(): Promise<void> {
  const current = started();
  const { session, outbox } = current;
  if (!session || !outbox || current.sending) return;
  const entries = batch(outbox.pending());
  if (entries.length === 0) {
    current.firstUnsentAt = null;
    if (current.sync.kind !== 'refused' && current.sync.kind !== 'ended') current.sync = { kind: 'synced' };
    emit();
    return;
  }
  current.sending = true;
  current.sync = { kind: 'sending', pending: outbox.pending().length };
  emit();
  let retryIn: number | null = null;
  try {
    const response = await fetch(`/api/workshops/${session.code}/progress`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ entries }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      acked?: { exerciseId: string; seq: number }[];
      error?: { code: string; message: string };
    };
    if (response.ok) {
      outbox.acknowledge(body.acked ?? []);
      current.failures = 0;
    } else if (
      body.error?.code === 'workshop/not-found' ||
      body.error?.code === 'workshop/unknown-participant'
    ) {
      leave();
      return;
    } else if (body.error?.code === 'workshop/ended') {
      outbox.clear();
      current.sync = { kind: 'ended' };
    } else if (response.status === 400 || response.status === 413) {
      // The server will never take these: keep going with the rest.
      outbox.drop(entries);
      current.sync = { kind: 'refused', message: body.error?.message ?? 'The server refused a report.' };
    } else {
      const after = Number(response.headers.get('retry-after'));
      retryIn = Number.isFinite(after) && after > 0 ? after * 1000 : nextRetry(current);
    }
  } catch {
    retryIn = nextRetry(current);
  } finally {
    current.sending = false;
  }
  if (retryIn !== null) {
    current.sync = { kind: 'offline', pending: outbox.pending().length };
    emit();
    flushSoon(retryIn);
    return;
  }
  const left = outbox.pending().length;
  if (left > 0) flushSoon(0);
  else {
    current.firstUnsentAt = null;
    if (current.sync.kind === 'sending') current.sync = { kind: 'synced' };
    emit();
  }
}

function nextRetry(current: Client): number {
  const delay = RETRY_MS[Math.min(current.failures, RETRY_MS.length - 1)] ?? 30_000;
  current.failures++;
  return delay;
}

/** The page is going away: hand what is unsent to the browser to deliver (it stays in the outbox). */
function sendOnLeave(): void {
  const current = client;
  if (!current?.session || !current.outbox || current.sending) return;
  const entries = batch(current.outbox.pending());
  const body = JSON.stringify({ entries });
  if (entries.length === 0 || body.length * 3 > KEEPALIVE_LIMIT) return;
  fetch(`/api/workshops/${current.session.code}/progress`, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${current.session.token}` },
    body,
  }).catch(() => {});
}

/** Leaves the workshop in this browser: the session, its outbox and cached state are forgotten. */
export function leave(): void {
  const current = started();
  current.outbox?.clear();
  try {
    storage()?.removeItem(STATE_KEY);
  } catch {
    // Only a cache.
  }
  writeSession(null);
  restart();
}

/** After joining (the join page): starts over with the new session. */
export function joined(session: ParticipantSession, state: PublicState): void {
  writeSession(session);
  try {
    storage()?.setItem(STATE_KEY, JSON.stringify(state));
  } catch {
    // Only a cache.
  }
  restart();
}

function read<K extends keyof Topics>(topic: K): Topics[K] {
  const current = started();
  const state = current.state;
  const values: { [T in keyof Topics]: () => Topics[T] } = {
    session: () => current.session,
    state: () => state,
    follow: () => state?.follow ?? null,
    message: () => state?.message ?? null,
    timer: () => (state?.timer ? { ...state.timer, endsAt: state.timer.endsAt - current.skew } : null),
    locks: () => (state ? state.locks : null),
    sync: () => current.sync,
    connection: () => current.connection,
  };
  return values[topic]();
}

function emit(): void {
  for (const listener of [...listeners]) listener();
}

export function subscribe<K extends keyof Topics>(
  topic: K,
  listener: (value: Topics[K]) => void,
): () => void {
  const current = started();
  let last = JSON.stringify(read(topic));
  listener(read(topic));
  const check = () => {
    const value = read(topic);
    const text = JSON.stringify(value);
    if (text === last) return;
    last = text;
    listener(value);
  };
  listeners.add(check);
  connect(current);
  return () => {
    listeners.delete(check);
  };
}
