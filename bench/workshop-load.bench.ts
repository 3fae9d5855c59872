/**
 * Workshop load on loopback (`npm run bench:workshop` builds first): PARTICIPANTS (300) join one
 * workshop, each keeps its own event stream open and reports progress every INTERVAL_MS (2 s) for
 * DURATION_S (60 s), while DASHBOARDS (2) instructor streams watch. Halfway through, the server is
 * killed (SIGKILL, as a crash) and started again on the same port and database; participants
 * resend what was not acknowledged, as the real client does. Reports throughput, the latency from
 * a participant's post to a dashboard seeing it (p50/p99, issue 9's goal: p99 under 250 ms),
 * errors, the server's memory, and checks in the SQLite file that no acknowledged update was lost.
 * At ATTACK_AT_S (10 s) one attendee attacks, from addresses of its own: a join flood (600 joins),
 * a stream flood (20 joined tokens opening 10 streams each) and a slow reader (a dashboard stream
 * never read); the legitimate participants must see no error through it all.
 * Bounded: it stops itself after DURATION_S plus a minute whatever happens.
 */
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { EventStreamParser } from '../src/components/workshop/event-stream.ts';
import type {
  CreatedWorkshop,
  JoinedWorkshop,
  ProgressEntry,
  ProgressView,
} from '../src/workshop/protocol.ts';
import { hasServerBuild, startSite } from '../tests/server/site-process.ts';

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 300);
const DASHBOARDS = Number(process.env.DASHBOARDS ?? 2);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 2000);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const RESTART_AT_S = Number(process.env.RESTART_AT_S ?? DURATION_S / 2);
const ATTACK_AT_S = Number(process.env.ATTACK_AT_S ?? 10);
const EXERCISES = ['go-under-10mb', 'smallest-go-image'];
/** Each exercise's number of goals: the server refuses a report whose count differs. */
const GOALS: Readonly<Record<string, number>> = { 'go-under-10mb': 4, 'smallest-go-image': 3 };
const DOCKERFILE = `FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app\n\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT ["/app"]\n`;

if (!hasServerBuild()) throw new Error('Build the site first: npm run bench:workshop');

const deadline = setTimeout(
  () => {
    console.error(`Stopped: still running ${DURATION_S + 60} s after the start.`);
    process.exit(2);
  },
  (DURATION_S + 60) * 1000,
);
deadline.unref();

// Behind a "proxy", so that the attacker can come from addresses other than the class's.
const site = await startSite({ WORKSHOP_TRUST_PROXY: '1' });
const now = () => performance.now();
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

// ---- Setup: a workshop, its participants ----

async function post<T>(
  path: string,
  body: unknown,
  secret?: string,
  from?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${site.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const created = await post<CreatedWorkshop>('/api/workshops', {
  title: 'Load test',
  lessons: [],
  exercises: EXERCISES,
});
if (created.status !== 201) throw new Error(`create: ${created.status}`);
const { code, key } = created.body;

interface Simulated {
  readonly id: string;
  readonly token: string;
  seq: number;
  /** Highest acknowledged sequence number per exercise. */
  readonly acked: Map<string, number>;
  sending: boolean;
}

const participants: Simulated[] = [];
for (let i = 0; i < PARTICIPANTS; i += 25) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(25, PARTICIPANTS - i) }, (_, j) =>
      post<JoinedWorkshop>(`/api/workshops/${code}/participants`, {
        name: `Participant ${i + j + 1}`,
        leaderboardName: `p${i + j + 1}`,
      }),
    ),
  );
  for (const joined of batch) {
    if (joined.status !== 201) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
    participants.push({
      id: joined.body.participantId,
      token: joined.body.token,
      seq: 0,
      acked: new Map(),
      sending: false,
    });
  }
}

// ---- Streams: one per participant, DASHBOARDS for the instructor, reconnecting like the client ----

let running = true;
let restarting = false;
const outage = { start: 0, end: 0 };
const counts = {
  posts: 0,
  acked: 0,
  retriedAfterRestart: 0,
  errors: 0,
  errorKinds: new Map<string, number>(),
  streamEvents: 0,
  dashboardEvents: 0,
  streamDrops: 0,
  streamErrors: 0,
};
const sentAt = new Map<string, number>();
const latencies: { ms: number; sent: number }[] = [];
let openStreams = 0;

function error(kind: string): void {
  if (restarting) return;
  counts.errors++;
  counts.errorKinds.set(kind, (counts.errorKinds.get(kind) ?? 0) + 1);
}

async function stream(
  path: string,
  secret: string,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  while (running) {
    try {
      const response = await fetch(`${site.url}${path}`, {
        headers: { authorization: `Bearer ${secret}`, accept: 'text/event-stream' },
      });
      if (!response.ok || !response.body) {
        error(`stream ${response.status}`);
        await sleep(500);
        continue;
      }
      openStreams++;
      const parser = new EventStreamParser();
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body) {
          for (const { event, data } of parser.push(decoder.decode(chunk, { stream: true })))
            onEvent(event, data);
          if (!running) break;
        }
      } finally {
        openStreams--;
      }
      if (running) counts.streamDrops++;
    } catch {
      if (running && !restarting) counts.streamErrors++;
    }
    if (running) await sleep(250 + Math.random() * 500);
  }
}

const streams: Promise<void>[] = [];
for (let d = 0; d < DASHBOARDS; d++)
  streams.push(
    stream(`/api/workshops/${code}/dashboard`, key, (event, data) => {
      if (event !== 'progress') return;
      counts.dashboardEvents++;
      const view = JSON.parse(data) as ProgressView;
      const sent = sentAt.get(`${view.participantId} ${view.exerciseId} ${view.seq}`);
      // Only the first dashboard's view is timed, so each post counts once.
      if (d === 0 && sent !== undefined) latencies.push({ ms: now() - sent, sent });
    }),
  );
for (const participant of participants)
  streams.push(
    stream(`/api/workshops/${code}/events`, participant.token, () => {
      counts.streamEvents++;
    }),
  );
while (openStreams < PARTICIPANTS + DASHBOARDS) await sleep(50);

// ---- Load: every participant reports every INTERVAL_MS, resending what was not acknowledged ----

function entry(participant: Simulated, exerciseId: string): ProgressEntry {
  participant.seq++;
  const total = GOALS[exerciseId] ?? 3;
  const passing = Math.min(total, Math.floor(participant.seq / 3));
  return {
    exerciseId,
    seq: participant.seq,
    passing,
    total,
    failing: Array.from({ length: total - passing }, (_, i) => passing + i),
    results: null,
    solved: passing === total,
    imageBytes: 2_000_000 + ((participant.seq * 7919) % 1_000_000),
    attempts: participant.seq,
    failStreak: passing === total ? 0 : 1,
    dockerfile: `${DOCKERFILE}# try ${participant.seq}\n`,
  };
}

async function report(participant: Simulated): Promise<void> {
  if (participant.sending) return;
  participant.sending = true;
  const exerciseId = EXERCISES[participant.seq % EXERCISES.length] as string;
  const next = entry(participant, exerciseId);
  const start = now();
  sentAt.set(`${participant.id} ${exerciseId} ${next.seq}`, start);
  counts.posts++;
  try {
    let delay = 250;
    for (;;) {
      try {
        const answer = await post<{ acked: { exerciseId: string; seq: number }[] }>(
          `/api/workshops/${code}/progress`,
          { entries: [next] },
          participant.token,
        );
        if (answer.status === 200) {
          for (const acked of answer.body.acked)
            participant.acked.set(
              acked.exerciseId,
              Math.max(participant.acked.get(acked.exerciseId) ?? 0, acked.seq),
            );
          counts.acked++;
          return;
        }
        error(`post ${answer.status}`);
        if (answer.status < 500 && answer.status !== 429) return;
      } catch {
        if (!restarting) error('post failed');
        counts.retriedAfterRestart += restarting ? 1 : 0;
      }
      if (!running) return;
      await sleep(delay);
      delay = Math.min(2000, delay * 2);
    }
  } finally {
    participant.sending = false;
  }
}

// ---- Memory: the server's resident set, sampled every second ----

const memory: number[] = [];
const sampler = setInterval(() => {
  const pid = site.pid();
  if (!pid || restarting) return;
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (rss) memory.push(Number(rss) * 1024);
  } catch {
    // Between processes.
  }
}, 1000);

const started = now();
const timers = participants.map((participant, i) =>
  setTimeout(
    () => {
      report(participant);
      timers[i] = setInterval(() => report(participant), INTERVAL_MS);
    },
    (i / PARTICIPANTS) * INTERVAL_MS,
  ),
);

// ---- The attack: one attendee, from its own addresses, while the class works ----

const attack = {
  joins: new Map<number, number>(),
  streams: new Map<number, number>(),
  slowReaderBytes: 0,
  rssBefore: 0,
  rssAfter: 0,
};
const attackStreams: AbortController[] = [];
const tally = (counts: Map<number, number>, status: number) =>
  counts.set(status, (counts.get(status) ?? 0) + 1);

async function floodJoins(): Promise<void> {
  for (let i = 0; i < 600; i += 50) {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        post(
          `/api/workshops/${code}/participants`,
          { name: `bot ${i + j}`, leaderboardName: null },
          undefined,
          '203.0.113.7',
        ).catch(() => ({ status: 0 })),
      ),
    );
    for (const answer of answers) tally(attack.joins, answer.status);
  }
}

async function floodStreams(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const joined = await post<JoinedWorkshop>(
      `/api/workshops/${code}/participants`,
      { name: `tab hoarder ${i}`, leaderboardName: null },
      undefined,
      '203.0.113.8',
    ).catch(() => undefined);
    if (joined?.status !== 201) continue;
    const { token } = joined.body;
    for (let tab = 0; tab < 10; tab++) {
      const controller = new AbortController();
      attackStreams.push(controller);
      const response = await fetch(`${site.url}/api/workshops/${code}/events`, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.8' },
        signal: controller.signal,
      }).catch(() => undefined);
      tally(attack.streams, response?.status ?? 0);
      if (!response?.ok) await response?.body?.cancel();
    }
  }
}

/** A dashboard stream that is opened and never read: what the server buffers for it stays bounded? */
function slowReader(): void {
  const controller = new AbortController();
  attackStreams.push(controller);
  fetch(`${site.url}/api/workshops/${code}/dashboard`, {
    headers: { authorization: `Bearer ${key}` },
    signal: controller.signal,
  })
    .then((response) => {
      // Read the first chunk only, then stop reading: the socket fills, the server must cope.
      const reader = response.body?.getReader();
      return reader?.read().then((chunk) => {
        attack.slowReaderBytes = chunk.value?.length ?? 0;
      });
    })
    .catch(() => {});
}

const attacking = (async () => {
  if (ATTACK_AT_S <= 0 || ATTACK_AT_S >= DURATION_S) return;
  await sleep(ATTACK_AT_S * 1000);
  attack.rssBefore = memory.at(-1) ?? 0;
  slowReader();
  // The streams first: the join flood ends with the workshop full, and no one else could join.
  await floodStreams();
  await floodJoins();
  await sleep(10_000);
  attack.rssAfter = memory.at(-1) ?? 0;
})();

if (RESTART_AT_S > 0 && RESTART_AT_S < DURATION_S) {
  await sleep(RESTART_AT_S * 1000);
  restarting = true;
  outage.start = now();
  await site.restart();
  outage.end = now();
  // Give the clients a moment to reconnect before errors count again.
  await sleep(1500);
  restarting = false;
  await sleep((DURATION_S - RESTART_AT_S) * 1000 - (now() - outage.start));
} else {
  await sleep(DURATION_S * 1000);
}

for (const timer of timers) clearInterval(timer);
const elapsed = (now() - started) / 1000;
await attacking;
for (const controller of attackStreams) controller.abort();
await sleep(1500);
running = false;
clearInterval(sampler);
const serverRssEnd = memory.at(-1) ?? 0;
await site.stop({ keepDatabase: true });
await Promise.race([Promise.allSettled(streams), sleep(3000)]);

// ---- Durability: every acknowledged update is in the database ----

const db = new DatabaseSync(site.database, { readOnly: true });
const stored = new Map<string, number>();
for (const row of db
  .prepare(
    'SELECT p.public_id AS id, g.exercise_id AS exercise, g.seq FROM progress g JOIN participants p ON p.id = g.participant_id',
  )
  .all() as { id: string; exercise: string; seq: number }[])
  stored.set(`${row.id} ${row.exercise}`, row.seq);
db.close();
await site.stop();
let ackedUpdates = 0;
let lost = 0;
for (const participant of participants)
  for (const [exercise, seq] of participant.acked) {
    ackedUpdates++;
    if ((stored.get(`${participant.id} ${exercise}`) ?? 0) < seq) lost++;
  }

// ---- Report ----

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const inRestart = (sent: number) =>
  outage.start > 0 && sent >= outage.start - 1000 && sent <= outage.end + 1500;
const steady = latencies.filter((sample) => !inRestart(sample.sent)).map((sample) => sample.ms);
const all = latencies.map((sample) => sample.ms);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log(
  `Workshop load: ${PARTICIPANTS} participants every ${INTERVAL_MS} ms for ${elapsed.toFixed(0)} s, ${PARTICIPANTS + DASHBOARDS} streams (${DASHBOARDS} dashboards)`,
);
console.log(
  `  posts          ${counts.posts} sent, ${counts.acked} acknowledged, ${(counts.acked / elapsed).toFixed(1)} per second`,
);
console.log(
  `  dashboards     ${counts.dashboardEvents} progress events received (${(counts.dashboardEvents / elapsed).toFixed(0)} per second over ${DASHBOARDS} streams)`,
);
console.log(`  participants   ${counts.streamEvents} state events received`);
console.log(
  `  post → dashboard latency, steady (${steady.length} samples): p50 ${ms(percentile(steady, 50))}, p99 ${ms(percentile(steady, 99))}, max ${ms(Math.max(...steady))}`,
);
console.log(
  `  post → dashboard latency, all incl. restart (${all.length}): p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(Math.max(...all))}`,
);
if (outage.start > 0)
  console.log(
    `  restart        SIGKILL at ${RESTART_AT_S} s, listening again after ${ms(outage.end - outage.start)}; ${counts.retriedAfterRestart} posts retried across it`,
  );
console.log(
  `  errors         ${counts.errors}${counts.errors ? ` (${[...counts.errorKinds].map(([kind, n]) => `${kind}: ${n}`).join(', ')})` : ''}; streams dropped outside the restart: ${counts.streamErrors}`,
);
const trend = memory.filter((_, i) => i % 10 === 9).map((bytes) => (bytes / 1e6).toFixed(0));
console.log(
  `  server memory  peak RSS ${mb(Math.max(...memory))}, at the end ${mb(serverRssEnd)} (every 10 s: ${trend.join(', ')} MB); this process ${mb(process.memoryUsage().rss)}`,
);
const statuses = (counts: Map<number, number>) =>
  [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
if (attack.joins.size > 0) {
  console.log(`  join flood     600 joins from one address: ${statuses(attack.joins)}`);
  console.log(`  stream flood   20 tokens × 10 streams from one address: ${statuses(attack.streams)}`);
  console.log(
    `  slow reader    a dashboard stream never read after its first ${attack.slowReaderBytes} bytes; server RSS ${mb(attack.rssBefore)} before the attack, ${mb(attack.rssAfter)} 10 s after`,
  );
}
console.log(
  `  durability     ${counts.acked} posts acknowledged; the latest acknowledged state of each of the ${ackedUpdates} (participant, exercise) pairs checked in SQLite: ${lost} lost`,
);

const failed = lost > 0 || counts.errors > 0;
process.exit(failed ? 1 : 0);
