/**
 * Attacks by one attendee against the real server and a real SQLite file: a join flood from one
 * address, a stream flood from one join code, and the instructor's answers (close joining, remove
 * participants). Legitimate participants and other workshops must keep working throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, PublicState } from '../../src/workshop/protocol.ts';
import { call, createWorkshop, entry, join, report, StreamReader } from './api-client.ts';
import { hasServerBuild, type SiteProcess, startSite } from './site-process.ts';

const errorCode = (answer: { body: unknown }) => (answer.body as ApiError).error.code;

describe.skipIf(!hasServerBuild())('one attendee against the workshop server', () => {
  let site: SiteProcess;
  let base: string;
  const streams: StreamReader[] = [];
  const stream = async (path: string, secret: string) => {
    const reader = await StreamReader.open(`${base}${path}`, secret);
    streams.push(reader);
    return reader;
  };

  beforeAll(async () => {
    site = await startSite({
      WORKSHOP_TRUST_PROXY: '1',
      WORKSHOP_RATE_CREATE: '100/1',
      WORKSHOP_MAX_STREAMS: '40',
      WORKSHOP_INSTRUCTOR_STREAMS: '5',
      WORKSHOP_MAX_WORKSHOP_STREAMS: '20',
      WORKSHOP_MAX_PARTICIPANT_STREAMS: '3',
    });
    base = site.url;
  });

  afterAll(async () => {
    for (const reader of streams) reader.close();
    await site?.stop();
  });

  /** A join as if from `address` (the server trusts X-Forwarded-For here, as behind a proxy). */
  const joinFrom = (code: string, address: string, name: string) =>
    fetch(`${base}/api/workshops/${code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ name, leaderboardName: null }),
    });

  it('stops a join flood from one address before it fills the workshop, and lets others in', async () => {
    const { code, key } = await createWorkshop(base);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    const started = performance.now();
    for (let batch = 0; batch < 8; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => joinFrom(code, '203.0.113.7', `bot ${batch * 50 + i}`)),
      );
      statuses.push(...answers.map((answer) => answer.status));
      retryAfter ??= answers.find((answer) => answer.status === 429)?.headers.get('retry-after') ?? undefined;
    }
    // 300 at once, then 5 a second: far from the 500 that would fill the workshop.
    const seconds = (performance.now() - started) / 1000;
    const joined = statuses.filter((status) => status === 201).length;
    expect(joined).toBeGreaterThanOrEqual(300);
    expect(joined).toBeLessThanOrEqual(300 + Math.ceil(5 * seconds));
    expect(statuses.filter((status) => status === 429).length).toBe(400 - joined);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // A real student elsewhere still gets in.
    expect((await joinFrom(code, '198.51.100.20', 'Grace')).status).toBe(201);

    // The instructor closes joining, removes everyone who never reported, and reopens.
    const closed = await call<PublicState>(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'joining', open: false },
    });
    expect(closed.body.joiningOpen).toBe(false);
    const blocked = await joinFrom(code, '198.51.100.21', 'Linus');
    expect(blocked.status).toBe(403);
    expect(errorCode({ body: await blocked.json() })).toBe('workshop/joining-closed');
    const dashboard = await stream(`/api/workshops/${code}/dashboard`, key);
    const snapshot = await dashboard.next<{ participants: { id: string; name: string }[] }>('snapshot');
    const bots = snapshot.participants.filter((p) => p.name.startsWith('bot')).map((p) => p.id);
    expect(bots).toHaveLength(joined);
    for (let i = 0; i < bots.length; i += 500) {
      const removed = await call(base, `/api/workshops/${code}/actions`, {
        secret: key,
        body: { action: 'remove', participantIds: bots.slice(i, i + 500) },
      });
      expect(removed.status).toBe(200);
    }
    await dashboard.next('removed');
    const after = await (await stream(`/api/workshops/${code}/dashboard`, key)).next<{
      participants: { name: string }[];
    }>('snapshot');
    expect(after.participants.map((participant) => participant.name)).toEqual(['Grace']);
    await call(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'joining', open: true },
    });
    expect((await joinFrom(code, '198.51.100.21', 'Linus')).status).toBe(201);
  });

  it('removes a participant: their token stops working and their streams close', async () => {
    const { code, key } = await createWorkshop(base);
    const mallory = await join(base, code, 'Mallory');
    const own = await stream(`/api/workshops/${code}/events`, mallory.token);
    await own.next('state');
    expect((await report(base, code, mallory.token, [entry(1)])).status).toBe(200);
    const removed = await call(base, `/api/workshops/${code}/actions`, {
      secret: key,
      body: { action: 'remove', participantIds: [mallory.participantId] },
    });
    expect(removed.status).toBe(200);
    const after = await report(base, code, mallory.token, [entry(2)]);
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('workshop/unknown-participant');
    const reopened = await StreamReader.open(`${base}/api/workshops/${code}/events`, mallory.token);
    expect(reopened.status).toBe(401);
    const snapshot = await (await stream(`/api/workshops/${code}/dashboard`, key)).next<{
      participants: unknown[];
      progress: unknown[];
    }>('snapshot');
    expect(snapshot).toMatchObject({ participants: [], progress: [] });
  });

  it('refuses reports whose figures do not fit the exercise, so the leaderboard cannot be forged', async () => {
    const { code, key } = await createWorkshop(base);
    const eve = await join(base, code, 'Eve');
    const forged = [
      entry(1, { passing: 4, failing: [], solved: true, imageBytes: 0 }),
      entry(1, { passing: 2, failing: [11] }),
      entry(1, { total: 3, passing: 3, failing: [], solved: true, imageBytes: 1000 }),
      entry(1, { passing: 4, failing: [], solved: false, imageBytes: 1000 }),
      entry(1, { passing: 1, results: [{ pass: true, detail: 'ok' }] }),
    ];
    for (const forgery of forged) {
      const answer = await report(base, code, eve.token, [forgery]);
      expect(answer.status, JSON.stringify(forgery)).toBe(400);
      expect(errorCode(answer)).toBe('workshop/invalid-body');
    }
    expect((await report(base, code, eve.token, [entry(1, { passing: 2 })])).status).toBe(200);
    const snapshot = await (await stream(`/api/workshops/${code}/dashboard`, key)).next<{
      progress: { passing: number; solved: boolean }[];
    }>('snapshot');
    expect(snapshot.progress).toMatchObject([{ passing: 2, solved: false }]);
  });

  it('slows join-code probing from one address without stopping its participants', async () => {
    const { code } = await createWorkshop(base);
    const ada = await join(base, code, 'Ada');
    const lookup = (address: string, tried: string) =>
      fetch(`${base}/api/workshops/${tried}`, { headers: { 'x-forwarded-for': address } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await lookup('192.0.2.66', `ZZZ${String(i).padStart(3, '0')}`)).status);
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(32).every((status) => status === 429)).toBe(true);
    // A hit from the probing address waits too, so a 200 tells nothing; other addresses do not.
    expect((await lookup('192.0.2.66', code)).status).toBe(429);
    expect((await lookup('198.51.100.30', code)).status).toBe(200);
    // Participants carry a token: they are not held up by a neighbour's probing.
    expect((await report(base, code, ada.token, [entry(1)])).status).toBe(200);
  });

  it('holds one join code to its share of streams; other workshops and instructors keep theirs', async () => {
    const attacked = await createWorkshop(base);
    const other = await createWorkshop(base);
    const tokens = [];
    for (let i = 0; i < 10; i++) tokens.push((await join(base, attacked.code, `flood ${i}`)).token);
    const statuses: number[] = [];
    for (const token of tokens)
      for (let tab = 0; tab < 4; tab++)
        statuses.push((await stream(`/api/workshops/${attacked.code}/events`, token)).status);
    // Three tabs per participant, twenty streams per workshop: the rest are refused.
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);

    const student = await join(base, other.code, 'Ada');
    expect((await stream(`/api/workshops/${other.code}/events`, student.token)).status).toBe(200);
    expect((await stream(`/api/workshops/${other.code}/dashboard`, other.key)).status).toBe(200);
    expect((await stream(`/api/workshops/${attacked.code}/dashboard`, attacked.key)).status).toBe(200);
  });

  it('keeps the last streams of the server for instructors', async () => {
    const workshops = await Promise.all([createWorkshop(base), createWorkshop(base)]);
    // Fill the participants' part of the server (40 − 5 reserved) from two workshops.
    for (const { code } of workshops)
      for (let i = 0; i < 10; i++) {
        const { token } = await join(base, code, `tab ${i}`);
        for (let tab = 0; tab < 3; tab++) await stream(`/api/workshops/${code}/events`, token);
      }
    const late = await join(base, workshops[0].code, 'Late');
    const refused = await stream(`/api/workshops/${workshops[0].code}/events`, late.token);
    expect(refused.status).toBe(503);
    const instructor = await stream(`/api/workshops/${workshops[1].code}/dashboard`, workshops[1].key);
    expect(instructor.status).toBe(200);
  });
});
