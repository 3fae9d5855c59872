/**
 * The workshop database: one SQLite file through Node's built-in `node:sqlite`, in WAL mode so
 * readers never wait for the writer, with the schema migrated in code at open. `user_version`
 * counts the migrations applied; each runs in its own transaction and is never edited once
 * released: a change to the schema is a new entry at the end.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE workshops (
     id INTEGER PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     key_hash BLOB NOT NULL,
     lessons TEXT NOT NULL,
     exercises TEXT NOT NULL,
     starts_at INTEGER,
     ends_at INTEGER,
     created_at INTEGER NOT NULL,
     touched_at INTEGER NOT NULL,
     ended_at INTEGER,
     message TEXT,
     message_at INTEGER,
     timer_ends_at INTEGER,
     timer_seconds INTEGER,
     timer_label TEXT,
     follow_path TEXT,
     follow_title TEXT,
     follow_at INTEGER,
     locks TEXT NOT NULL DEFAULT '{}'
   );
   CREATE TABLE participants (
     id INTEGER PRIMARY KEY,
     workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
     public_id TEXT NOT NULL UNIQUE,
     token_hash BLOB NOT NULL,
     name TEXT NOT NULL,
     leaderboard_name TEXT,
     joined_at INTEGER NOT NULL,
     seen_at INTEGER NOT NULL
   );
   CREATE INDEX participants_by_workshop ON participants(workshop_id);
   CREATE TABLE progress (
     participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
     exercise_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     passing INTEGER NOT NULL,
     total INTEGER NOT NULL,
     failing TEXT NOT NULL,
     results TEXT,
     solved INTEGER NOT NULL,
     image_bytes INTEGER,
     best_bytes INTEGER,
     attempts INTEGER NOT NULL,
     fail_streak INTEGER NOT NULL,
     dockerfile TEXT,
     started_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     progressed_at INTEGER NOT NULL,
     solved_at INTEGER,
     PRIMARY KEY (participant_id, exercise_id)
   );`,
  'ALTER TABLE workshops ADD COLUMN joining_closed INTEGER NOT NULL DEFAULT 0;',
  `ALTER TABLE workshops ADD COLUMN stuck_quiet_minutes INTEGER NOT NULL DEFAULT 10;
   ALTER TABLE workshops ADD COLUMN stuck_same_goal_tries INTEGER NOT NULL DEFAULT 5;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Why the database cannot be served from: the server refuses to start, saying so. */
export class DatabaseUnusable extends Error {}

/**
 * Opens (creating and migrating) the database for the server's one connection. Checkpoints are
 * left to a separate connection (checkpointer.ts); the WAL file is cut back to 64 MiB after each.
 */
export function openDatabase(path: string, synchronous: 'normal' | 'full'): DatabaseSync {
  mkdirSync(dirname(path), { recursive: true });
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path);
    db.exec(`PRAGMA busy_timeout = 5000;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'};
             PRAGMA foreign_keys = ON;
             PRAGMA wal_autocheckpoint = 0;
             PRAGMA journal_size_limit = ${64 * 1024 * 1024};`);
    verify(db, path);
    migrate(db);
    return db;
  } catch (error) {
    // A connection that will not be used must not stay open: the next attempt would open another.
    db?.close();
    if (error instanceof DatabaseUnusable) throw error;
    throw new DatabaseUnusable(
      `The workshop database ${path} cannot be opened: ${error instanceof Error ? error.message : String(error)}. Restore a backup (docs/workshop.md, Backups) or point WORKSHOP_DB at a new file.`,
    );
  }
}

/** The checks made at open: the log is in WAL mode, the file is sound, the schema is one we know. */
function verify(db: DatabaseSync, path: string): void {
  const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
  if (mode.toLowerCase() !== 'wal')
    throw new DatabaseUnusable(
      `The workshop database ${path} could not be put in WAL mode (it is in ${mode} mode): check that its folder is writable and on a local disk.`,
    );
  const problems = (db.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[]).map(
    (row) => row.quick_check,
  );
  if (problems.join() !== 'ok')
    throw new DatabaseUnusable(
      `The workshop database ${path} is damaged (${problems.join('; ')}): restore a backup (docs/workshop.md, Backups) or point WORKSHOP_DB at a new file.`,
    );
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (version > MIGRATIONS.length)
    throw new DatabaseUnusable(
      `The workshop database ${path} is at schema version ${version}, newer than this server (${MIGRATIONS.length}): run the newer server or restore a backup.`,
    );
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
      (row) => row.name,
    ),
  );
  const expected = ['workshops', 'participants', 'progress'];
  if (version > 0 && expected.some((table) => !tables.has(table)))
    throw new DatabaseUnusable(
      `The workshop database ${path} says schema version ${version} but lacks its tables (${expected.filter((table) => !tables.has(table)).join(', ')}): it is not a workshop database, or it is damaged.`,
    );
}

function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[next] as string);
      db.exec(`PRAGMA user_version = ${next + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
