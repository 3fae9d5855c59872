/**
 * Bad luck with the disk: the write-ahead log deleted under a running server (against the real
 * process and file), and a full disk (against the store on a real SQLite file held to a few pages).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/database.ts';
import { storageFailure } from '../../src/server/workshop-server.ts';
import { WorkshopStore } from '../../src/server/workshop-store.ts';
import type { ApiError } from '../../src/workshop/protocol.ts';
import { call, createWorkshop, EXERCISES, entry, join, report } from './api-client.ts';
import { hasServerBuild, startSite } from './site-process.ts';

const folder = mkdtempSync(joinPath(tmpdir(), 'mc-storage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!hasServerBuild())('a vanished write-ahead log', () => {
  it('stops acknowledging at once and says why, instead of losing what it acknowledges', async () => {
    const site = await startSite();
    try {
      const { code } = await createWorkshop(site.url);
      const ada = await join(site.url, code, 'Ada');
      expect((await report(site.url, code, ada.token, [entry(1)])).status).toBe(200);
      rmSync(`${site.database}-wal`);
      const refused = await report(site.url, code, ada.token, [entry(2)]);
      expect(refused.status).toBe(503);
      expect((refused.body as unknown as ApiError).error.code).toBe('workshop/storage-lost');
      expect((await call(site.url, '/api/workshops/health')).status).toBe(503);
      expect(site.stderr()).toContain('-wal was deleted while the server ran');
    } finally {
      await site.stop();
    }
  });
});

describe('a full disk', () => {
  it('surfaces SQLITE_FULL, not a failed ROLLBACK, and answers 503 with a clear code', () => {
    const db = openDatabase(joinPath(folder, 'full.sqlite'), 'normal');
    const store = new WorkshopStore(db);
    const { workshop } = store.create(
      { title: 'Full', lessons: [], exercises: [...EXERCISES], startsAt: null, endsAt: null },
      Date.now(),
    );
    const { participant } = store.join(workshop, { name: 'Ada', leaderboardName: null }, 500, Date.now());
    const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db.exec(`PRAGMA max_page_count = ${pages}`);
    let thrown: unknown;
    try {
      for (let seq = 1; seq < 50; seq++)
        store.applyProgress(
          workshop,
          participant,
          [entry(seq, { dockerfile: `FROM scratch\n${'#'.repeat(30_000)}` })],
          Date.now(),
        );
    } catch (error) {
      thrown = error;
    }
    expect(String(thrown)).toContain('database or disk is full');
    expect(db.isTransaction).toBe(false);
    expect(storageFailure(thrown)).toMatchObject({ status: 503, code: 'workshop/disk-full' });
    db.close();
    expect(storageFailure(new Error('other'))).toBeUndefined();
  });
});
