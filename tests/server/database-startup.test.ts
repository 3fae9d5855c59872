/**
 * The server checks its database before it listens: a damaged file, one from a newer version or
 * one that is not a workshop database stops it with the reason, instead of every workshop request
 * failing (and, once, leaking a connection and a worker thread each) later.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { startSite } from './site-process.ts';

const folder = mkdtempSync(join(tmpdir(), 'mc-db-start-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function refusal(database: string): Promise<string> {
  const started = performance.now();
  const outcome = await startSite({ WORKSHOP_DB: database }).then(
    async (site) => {
      await site.stop({ keepDatabase: true });
      return 'started';
    },
    (error: Error) => error.message,
  );
  expect(performance.now() - started).toBeLessThan(10_000);
  return outcome;
}

describe('the database at start-up', () => {
  it('refuses a file that is not a database', async () => {
    const path = join(folder, 'garbage.sqlite');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    await expect(refusal(path)).resolves.toMatch(
      /Not starting: The workshop database .* cannot be opened: .*not a database/,
    );
  });

  it('refuses a database from a newer version of the server', async () => {
    const path = join(folder, 'newer.sqlite');
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(refusal(path)).resolves.toMatch(/schema version 99, newer than this server/);
  });

  it('refuses a database that claims the schema but lacks its tables', async () => {
    const path = join(folder, 'other.sqlite');
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE notes (text TEXT); PRAGMA user_version = 1');
    db.close();
    await expect(refusal(path)).resolves.toMatch(/lacks its tables \(workshops, participants, progress\)/);
  });

  it('refuses a database with a damaged page', async () => {
    const path = join(folder, 'damaged.sqlite');
    const site = await startSite({ WORKSHOP_DB: path });
    await site.stop({ keepDatabase: true });
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = DELETE; CREATE TABLE filler (text TEXT);');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(400));
    db.close();
    // Page 2 onwards: overwrite the middle of the file, as a bad disk block would.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 4096 * 3);
    closeSync(fd);
    await expect(refusal(path)).resolves.toMatch(
      /Not starting: The workshop database .* (is damaged|cannot be opened)/,
    );
  });

  it('starts on a sound database', async () => {
    await expect(refusal(join(folder, 'fresh.sqlite'))).resolves.toBe('started');
  });
});
