/**
 * The workshop API against the real server (`node scripts/serve.ts` on the production build) and a
 * real SQLite file: creating and joining, progress and its idempotency, the live streams, the
 * instructor's controls, who may read what, limits, export, restarts and expiry.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join as joinPath } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  DashboardSnapshot,
  ParticipantDetail,
  ProgressView,
  PublicState,
} from '../../src/workshop/protocol.ts';
import { call, createWorkshop, EXERCISES, entry, GOALS, join, report, StreamReader } from './api-client.ts';
import { hasServerBuild, ROOT, type SiteProcess, startSite } from './site-process.ts';

const errorCode = (answer: { body: unknown }) => (answer.body as ApiError).error.code;
const errorMessage = (answer: { body: unknown }) => (answer.body as ApiError).error.message;

describe.skipIf(!hasServerBuild())('workshop API', () => {
  let site: SiteProcess;
  let base: string;
  const streams: StreamReader[] = [];
  const stream = async (path: string, secret: string) => {
    const reader = await StreamReader.open(`${base}${path}`, secret);
    streams.push(reader);
    return reader;
  };

  beforeAll(async () => {
    site = await startSite({ WORKSHOP_RATE_CREATE: '100/1' });
    base = site.url;
  });

  afterAll(async () => {
    for (const reader of streams) reader.close();
    await site?.stop();
  });

  it('answers the health check that tells pages a server is there', async () => {
    const answer = await call<{ ok: boolean }>(base, '/api/workshops/health');
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
  });

  it('creates a workshop with a short unambiguous code, storing only the hash of its key', async () => {
    const created = await createWorkshop(base, { title: '  Small images, Tuesday  ' });
    expect(created.code).toMatch(/^[ACDEFGHJKMNPQRTWXY34679]{6}$/);
    expect(created.key.length).toBeGreaterThanOrEqual(40);
    expect(created.state.title).toBe('Small images, Tuesday');
    expect(created.state.exercises).toEqual(EXERCISES);

    const db = new DatabaseSync(site.database, { readOnly: true });
    const row = db.prepare('SELECT key_hash FROM workshops WHERE code = ?').get(created.code) as {
      key_hash: Uint8Array;
    };
    db.close();
    expect(Buffer.from(row.key_hash)).toEqual(createHash('sha256').update(created.key).digest());
  });

  it('refuses bodies that are not JSON, do not check out or name content the course lacks', async () => {
    const notJson = await call(base, '/api/workshops', { raw: '<title/>', type: 'application/xml' });
    expect(notJson.status).toBe(415);
    const broken = await call(base, '/api/workshops', { raw: '{"title":' });
    expect(errorCode(broken)).toBe('workshop/invalid-json');
    const empty = await call(base, '/api/workshops', {
      body: { title: ' ', lessons: [], exercises: [EXERCISES[0]] },
    });
    expect(empty.status).toBe(400);
    expect(errorMessage(empty)).toBe('title: The title is empty.');
    const unknown = await call(base, '/api/workshops', {
      body: { title: 'x', lessons: ['no-such-lesson'], exercises: ['no-such-exercise'] },
    });
    expect(unknown.status).toBe(400);
    expect(errorMessage(unknown)).toBe(
      'This course has no lesson no-such-lesson, exercise no-such-exercise.',
    );
    const huge = await call(base, '/api/workshops', {
      body: { title: 'x'.repeat(40_000), lessons: [], exercises: [EXERCISES[0]] },
    });
    expect(huge.status).toBe(413);
  });

  it('lets anyone with the code join under a name, kept as typed', async () => {
    const { code } = await createWorkshop(base);
    const joined = await join(base, code, '<img src=x onerror=alert(1)>', null);
    expect(joined.token.startsWith(`${joined.participantId}.`)).toBe(true);
    const wrongCode = await call(base, '/api/workshops/AAAAAA/participants', {
      body: { name: 'Bo', leaderboardName: null },
    });
    expect(wrongCode.status).toBe(404);
    const control = await call(base, `/api/workshops/${code}/participants`, {
      body: { name: 'Bo\u202Eevil', leaderboardName: null },
    });
    expect(errorMessage(control)).toBe('name: The name contains control characters.');
  });

  it('stores progress idempotently and shows it on the dashboard stream as it happens', async () => {
    const { code, key } = await createWorkshop(base);
    const dashboard = await stream(`/api/workshops/${code}/dashboard`, key);
    expect(dashboard.status).toBe(200);
    const first = await dashboard.next<DashboardSnapshot>('snapshot');
    expect(first.participants).toEqual([]);

    const ada = await join(base, code, 'Ada');
    await dashboard.next('participant', (view: { id: string }) => view.id === ada.participantId);

    const sent = await report(base, code, ada.token, [entry(1)]);
    expect(sent.status).toBe(200);
    expect(sent.body.acked).toEqual([{ exerciseId: EXERCISES[0], seq: 1 }]);
    const live = await dashboard.next<ProgressView>('progress', (view) => view.seq === 1);
    expect(live).toMatchObject({
      participantId: ada.participantId,
      passing: 1,
      total: 4,
      hasDockerfile: true,
    });

    // The same report again (its answer was lost) and an older one overtaken: nothing changes.
    const again = await report(base, code, ada.token, [entry(1, { passing: 2 })]);
    expect(again.body.acked).toEqual([{ exerciseId: EXERCISES[0], seq: 1 }]);
    await report(base, code, ada.token, [entry(3, { passing: 2, failing: [2], failStreak: 4 })]);
    const older = await report(base, code, ada.token, [entry(2, { passing: 0 })]);
    expect(older.body.acked).toEqual([{ exerciseId: EXERCISES[0], seq: 3 }]);

    const solved = await report(base, code, ada.token, [
      entry(4, { passing: 4, failing: [], solved: true, imageBytes: 2_100_000, failStreak: 0 }),
      entry(5, { exerciseId: EXERCISES[1], passing: 0, failing: [0, 1], solved: false, imageBytes: null }),
    ]);
    expect(solved.body.acked).toHaveLength(2);
    const done = await dashboard.next<ProgressView>('progress', (view) => view.seq === 4);
    expect(done).toMatchObject({ solved: true, bestBytes: 2_100_000 });
    expect(done.solvedAt).not.toBeNull();
    // A bigger passing image later keeps the best size for the leaderboard.
    await report(base, code, ada.token, [
      entry(6, { passing: 4, failing: [], solved: true, imageBytes: 5_000_000, failStreak: 0 }),
    ]);
    const later = await dashboard.next<ProgressView>('progress', (view) => view.seq === 6);
    expect(later.bestBytes).toBe(2_100_000);
    expect(dashboard.events.filter((event) => event.event === 'progress')).toHaveLength(5);

    const reopened = await stream(`/api/workshops/${code}/dashboard`, key);
    const snapshot = await reopened.next<DashboardSnapshot>('snapshot');
    expect(snapshot.progress.map((view) => [view.exerciseId, view.seq])).toEqual([
      [EXERCISES[1], 5],
      [EXERCISES[0], 6],
    ]);
    expect(snapshot.participants[0]).toMatchObject({ name: 'Ada', online: false });
  });

  it('refuses a Dockerfile over 64 KiB with a message that gives both sizes', async () => {
    const { code } = await createWorkshop(base);
    const ada = await join(base, code);
    const answer = await report(base, code, ada.token, [
      entry(1, { dockerfile: `FROM scratch\n${'#'.repeat(70_000)}` }),
    ]);
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('workshop/dockerfile-too-large');
    expect(errorMessage(answer)).toBe(
      'The Dockerfile is 68 KiB; a workshop accepts Dockerfiles up to 64 KiB.',
    );
    const bad = await report(base, code, ada.token, [entry(1, { passing: 4, total: 3 })]);
    expect(bad.status).toBe(400);
    const stranger = await report(base, code, ada.token, [
      entry(1, { exerciseId: 'fix-python-multi-stage' }),
    ]);
    expect(errorCode(stranger)).toBe('workshop/unknown-exercise');
  });

  it('lets participants write only their own progress and read only what is shared', async () => {
    const one = await createWorkshop(base);
    const two = await createWorkshop(base);
    const ada = await join(base, one.code, 'Ada');
    const bo = await join(base, two.code, 'Bo');
    // As many results as the exercise has goals, the first met, as the server checks reports.
    const goals = GOALS[EXERCISES[0] ?? ''] ?? 3;
    const results = Array.from({ length: goals }, (_, i) =>
      i === 0
        ? { pass: true, detail: 'builds', certainty: 'estimated' as const }
        : { pass: false, detail: `line ${i + 2} not followed`, certainty: 'unknown' as const },
    );
    expect((await report(base, one.code, ada.token, [entry(1, { results })])).status).toBe(200);

    expect((await report(base, one.code, bo.token, [entry(9)])).status).toBe(401);
    expect((await report(base, one.code, `${ada.participantId}.forged`, [entry(9)])).status).toBe(401);
    expect((await report(base, one.code, '', [entry(9)])).status).toBe(401);
    const detailPath = `/api/workshops/${one.code}/participants/${ada.participantId}/${EXERCISES[0]}`;
    expect((await call(base, detailPath, { secret: ada.token })).status).toBe(403);
    expect((await call(base, detailPath, { secret: two.key })).status).toBe(403);
    expect((await call(base, detailPath)).status).toBe(401);
    expect((await stream(`/api/workshops/${one.code}/dashboard`, ada.token)).status).toBe(403);
    // The presenter view reads the public stream with the instructor's key; another key is refused.
    expect((await stream(`/api/workshops/${one.code}/events`, one.key)).status).toBe(200);
    expect((await stream(`/api/workshops/${one.code}/events`, two.key)).status).toBe(403);
    expect((await stream(`/api/workshops/${one.code}/events`, bo.token)).status).toBe(401);
    const action = { action: 'message', text: 'hi' };
    expect(
      (await call(base, `/api/workshops/${one.code}/actions`, { secret: ada.token, body: action })).status,
    ).toBe(403);
    expect((await call(base, `/api/workshops/${one.code}/export.csv`, { secret: ada.token })).status).toBe(
      403,
    );

    const detail = await call<ParticipantDetail>(base, detailPath, { secret: one.key });
    expect(detail.status).toBe(200);
    expect(detail.body.dockerfile).toContain('go build');
    expect(detail.body.participant.name).toBe('Ada');
    // Whether a verdict rests on the simulator's estimates reaches the instructor as reported.
    expect(detail.body.results).toEqual(results);
  });

  it('sends the instructor’s message, timer, follow-me and locks to every participant stream', async () => {
    const { code, key } = await createWorkshop(base);
    const ada = await join(base, code);
    const participant = await stream(`/api/workshops/${code}/events`, ada.token);
    const initial = await participant.next<PublicState>('state');
    expect(initial.message).toBeNull();
    const act = (body: unknown) =>
      call<PublicState>(base, `/api/workshops/${code}/actions`, { secret: key, body });

    expect((await act({ action: 'message', text: 'Break until 11:00 <b>' })).status).toBe(200);
    await participant.next<PublicState>('state', (state) => state.message?.text === 'Break until 11:00 <b>');
    const timer = await act({ action: 'timer', seconds: 600, label: 'Exercise 2' });
    expect(timer.body.timer?.endsAt).toBeGreaterThan(timer.body.now + 590_000);
    await participant.next<PublicState>('state', (state) => state.timer?.label === 'Exercise 2');
    await act({ action: 'follow', target: { path: '/playground/#editor', title: 'Playground' } });
    await participant.next<PublicState>('state', (state) => state.follow?.path === '/playground/#editor');
    await act({ action: 'lock', exerciseId: EXERCISES[0], part: 'hints', locked: true });
    const locked = await participant.next<PublicState>('state', (state) => EXERCISES[0] in state.locks);
    expect(locked.locks[EXERCISES[0]]).toEqual({ hints: true, solution: true });
    await act({ action: 'lock', exerciseId: EXERCISES[0], part: 'solution', locked: false });
    const opened = await participant.next<PublicState>(
      'state',
      (state) => state.locks[EXERCISES[0]]?.solution === false,
    );
    expect(opened.locks[EXERCISES[0]]).toEqual({ hints: true, solution: false });

    for (const path of [
      '//evil.example/x',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\\evil.example',
    ]) {
      const refused = await act({ action: 'follow', target: { path, title: 'x' } });
      expect(refused.status, path).toBe(400);
    }
    expect((await act({ action: 'timer', seconds: 0 })).status).toBe(400);
    expect(
      (await act({ action: 'lock', exerciseId: 'fix-python-multi-stage', part: 'hints', locked: true }))
        .status,
    ).toBe(400);
    // The whole-lock form of before is refused rather than half read.
    expect(
      (await act({ action: 'lock', exerciseId: EXERCISES[0], hints: true, solution: true })).status,
    ).toBe(400);
  });

  it('keeps the stuck thresholds the instructor sets, within bounds, and tells every stream', async () => {
    const { code, key, state } = await createWorkshop(base);
    expect(state.stuck).toEqual({ quietMinutes: 10, sameGoalTries: 5 });
    const dashboard = await stream(`/api/workshops/${code}/dashboard`, key);
    await dashboard.next<DashboardSnapshot>('snapshot');
    const act = (body: unknown) =>
      call<PublicState>(base, `/api/workshops/${code}/actions`, { secret: key, body });
    const set = await act({ action: 'stuck', quietMinutes: 3, sameGoalTries: 8 });
    expect(set.status).toBe(200);
    expect(set.body.stuck).toEqual({ quietMinutes: 3, sameGoalTries: 8 });
    await dashboard.next<PublicState>('state', (next) => next.stuck.quietMinutes === 3);
    for (const wrong of [
      { quietMinutes: 0, sameGoalTries: 5 },
      { quietMinutes: 241, sameGoalTries: 5 },
      { quietMinutes: 10, sameGoalTries: 1 },
      { quietMinutes: 2.5, sameGoalTries: 5 },
      { quietMinutes: '10', sameGoalTries: 5 },
    ])
      expect((await act({ action: 'stuck', ...wrong })).status, JSON.stringify(wrong)).toBe(400);
    // Only the instructor's key sets them.
    const stranger = await call(base, `/api/workshops/${code}/actions`, {
      secret: 'not-the-key',
      body: { action: 'stuck', quietMinutes: 1, sameGoalTries: 2 },
    });
    expect(stranger.status).toBe(403);
    expect((await call<PublicState>(base, `/api/workshops/${code}`)).body.stuck).toEqual({
      quietMinutes: 3,
      sameGoalTries: 8,
    });
  });

  it('applies lock changes sent at once each on its own: none undoes another', async () => {
    const { code, key } = await createWorkshop(base);
    // Every change flips a default (hints open, solution locked), so a lost one shows.
    const changes = EXERCISES.flatMap((exerciseId) => [
      { action: 'lock', exerciseId, part: 'hints', locked: true },
      { action: 'lock', exerciseId, part: 'solution', locked: false },
    ]);
    const answers = await Promise.all(
      changes.map((body) => call<PublicState>(base, `/api/workshops/${code}/actions`, { secret: key, body })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(changes.map(() => 200));
    const state = await call<PublicState>(base, `/api/workshops/${code}`);
    expect(state.body.locks).toEqual(
      Object.fromEntries(EXERCISES.map((id) => [id, { hints: true, solution: false }])),
    );
  });

  it('ends a workshop: read-only for everyone afterwards, and the dashboard still opens', async () => {
    const { code, key } = await createWorkshop(base);
    const ada = await join(base, code);
    await report(base, code, ada.token, [entry(1)]);
    const ended = await call<PublicState>(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'end' },
    });
    expect(ended.body.endedAt).not.toBeNull();
    const late = await report(base, code, ada.token, [entry(2)]);
    expect(late.status).toBe(409);
    expect(errorCode(late)).toBe('workshop/ended');
    expect(
      (
        await call(base, `/api/workshops/${code}/participants`, {
          body: { name: 'Cy', leaderboardName: null },
        })
      ).status,
    ).toBe(409);
    const again = await call(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'message', text: 'x' },
    });
    expect(again.status).toBe(409);
    const dashboard = await stream(`/api/workshops/${code}/dashboard`, key);
    expect((await dashboard.next<DashboardSnapshot>('snapshot')).progress).toHaveLength(1);
  });

  it('exports the results as CSV, with names that look like formulas defused, and as JSON', async () => {
    const { code, key } = await createWorkshop(base);
    const mallory = await join(base, code, '=HYPERLINK("http://x")', null);
    const ada = await join(base, code, 'Ada, "the first"');
    await report(base, code, ada.token, [
      entry(1, { passing: 4, failing: [], solved: true, imageBytes: 1234 }),
    ]);
    await report(base, code, mallory.token, [entry(1)]);
    const csv = await call<string>(base, `/api/workshops/${code}/export.csv`, { secret: key });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'participant,leaderboardName,joinedAt,exercise,status,goalsPassing,goalsTotal,imageBytes,smallestPassingBytes,attempts,solvedAt,lastActivity',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",,/);
    expect(lines[3]).toMatch(
      /^"Ada, ""the first""","Ada, ""the first""",.*,go-under-10mb,solved,4,4,1234,1234,1,/,
    );
    const exported = await call<{
      results: unknown[];
      dockerfiles: { participant: string; dockerfile: string }[];
    }>(base, `/api/workshops/${code}/export.json`, { secret: key });
    expect(exported.body.results).toHaveLength(4);
    expect(exported.body.dockerfiles.map((item) => item.participant).sort()).toEqual([
      '=HYPERLINK("http://x")',
      'Ada, "the first"',
    ]);
  });

  it('serves the join link as a QR code', async () => {
    const { code } = await createWorkshop(base);
    const answer = await call<string>(base, `/api/workshops/${code}/qr.svg`);
    expect(answer.headers.get('content-type')).toBe('image/svg+xml');
    expect(answer.body).toContain(`<title>QR code of ${base}/workshop/join/?code=${code}</title>`);
  });

  it('backs up the database consistently while the server runs', async () => {
    const { code } = await createWorkshop(base);
    const ada = await join(base, code);
    await report(base, code, ada.token, [entry(3)]);
    const target = joinPath(dirname(site.database), 'backup.sqlite');
    execFileSync(process.execPath, [joinPath(ROOT, 'scripts/backup-workshops.ts'), target], {
      env: { ...process.env, WORKSHOP_DB: site.database },
      stdio: 'pipe',
    });
    const copy = new DatabaseSync(target, { readOnly: true });
    const row = copy
      .prepare(
        'SELECT g.seq FROM progress g JOIN participants p ON p.id = g.participant_id WHERE p.public_id = ?',
      )
      .get(ada.participantId) as { seq: number } | undefined;
    copy.close();
    expect(row?.seq).toBe(3);
  });

  it('keeps everything acknowledged through a crash and restart, tokens included', async () => {
    const { code, key } = await createWorkshop(base);
    const ada = await join(base, code);
    await report(base, code, ada.token, [entry(7, { passing: 2 })]);
    await call(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'message', text: 'still here' },
    });
    await site.restart();
    base = site.url;
    const dashboard = await stream(`/api/workshops/${code}/dashboard`, key);
    const snapshot = await dashboard.next<DashboardSnapshot>('snapshot');
    expect(snapshot.state.message?.text).toBe('still here');
    expect(snapshot.progress[0]).toMatchObject({ seq: 7, passing: 2 });
    expect((await report(base, code, ada.token, [entry(8)])).status).toBe(200);
  });
});

describe.skipIf(!hasServerBuild())('workshop API limits', () => {
  let site: SiteProcess;

  beforeAll(async () => {
    site = await startSite({
      WORKSHOP_RATE_PARTICIPANT: '3/1',
      WORKSHOP_RATE_CREATE: '2/0.001',
      WORKSHOP_MAX_PARTICIPANTS: '2',
    });
  });

  afterAll(async () => {
    await site?.stop();
  });

  it('rate-limits each participant, with Retry-After', async () => {
    const { code } = await createWorkshop(site.url);
    const ada = await join(site.url, code);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let seq = 1; seq <= 5; seq++) {
      const answer = await report(site.url, code, ada.token, [entry(seq)]);
      statuses.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('limits how many workshops one address creates and how many join one workshop', async () => {
    const { code } = await createWorkshop(site.url);
    const refused = await call(site.url, '/api/workshops', {
      body: { title: 'third', lessons: [], exercises: [EXERCISES[0]] },
    });
    expect(refused.status).toBe(429);
    await join(site.url, code, 'One');
    await join(site.url, code, 'Two');
    const third = await call(site.url, `/api/workshops/${code}/participants`, {
      body: { name: 'Three', leaderboardName: null },
    });
    expect(third.status).toBe(409);
    expect(errorCode(third)).toBe('workshop/full');
  });
});

describe.skipIf(!hasServerBuild())('workshop API deployment settings', () => {
  it('asks for the organiser key when one is set, and limits each address', async () => {
    const site = await startSite({ WORKSHOP_CREATE_KEY: 'organiser-secret', WORKSHOP_RATE_IP: '6/0.01' });
    try {
      const body = { title: 'x', lessons: [], exercises: [EXERCISES[0]] };
      expect((await call(site.url, '/api/workshops', { body })).status).toBe(403);
      const allowed = await fetch(`${site.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-workshop-create-key': 'organiser-secret' },
        body: JSON.stringify(body),
      });
      expect(allowed.status).toBe(201);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call(site.url, '/api/workshops/health')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await site.stop();
    }
  });

  it('deletes workshops past their retention when it starts', async () => {
    const site = await startSite({ WORKSHOP_RETENTION_DAYS: '0.00001' });
    try {
      const { code } = await createWorkshop(site.url);
      expect((await call(site.url, `/api/workshops/${code}`)).status).toBe(200);
      await new Promise((wait) => setTimeout(wait, 1100));
      await site.restart();
      expect((await call(site.url, `/api/workshops/${code}`)).status).toBe(404);
    } finally {
      await site.stop();
    }
  });
});
