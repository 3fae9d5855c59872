/**
 * Workshops, participants and progress in SQLite: every write the API acknowledges is committed
 * before the response goes out. Workshops are cached in memory (this process is the only writer),
 * so the hot path, a participant's progress report, reads one participant row and writes one
 * progress row per exercise in a transaction.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { z } from 'astro/zod';
import { newJoinCode } from '../workshop/join-code.ts';
import {
  type DashboardSnapshot,
  type Lock,
  lockFor,
  type ParticipantDetail,
  type ParticipantView,
  type ProgressEntry,
  type ProgressView,
  type PublicState,
} from '../workshop/protocol.ts';
import type { actionBody, createWorkshopBody, joinBody } from '../workshop/request-schemas.ts';
import { ApiFailure } from './api-failure.ts';
import { hashSecret, newId, newSecret, randomBelow, secretMatches } from './secrets.ts';

type CreateInput = z.output<typeof createWorkshopBody>;
type JoinInput = z.output<typeof joinBody>;
type Action = z.output<typeof actionBody>;

export interface Workshop {
  readonly id: number;
  readonly code: string;
  readonly keyHash: Uint8Array;
  readonly createdAt: number;
  readonly state: Omit<PublicState, 'now'>;
}

export interface Participant {
  readonly rowId: number;
  readonly workshopId: number;
  readonly view: ParticipantView;
}

interface WorkshopRow {
  id: number;
  code: string;
  title: string;
  key_hash: Uint8Array;
  lessons: string;
  exercises: string;
  starts_at: number | null;
  ends_at: number | null;
  created_at: number;
  ended_at: number | null;
  message: string | null;
  message_at: number | null;
  timer_ends_at: number | null;
  timer_seconds: number | null;
  timer_label: string | null;
  follow_path: string | null;
  follow_title: string | null;
  follow_at: number | null;
  locks: string;
  joining_closed: number;
  stuck_quiet_minutes: number;
  stuck_same_goal_tries: number;
}

interface ParticipantRow {
  id: number;
  workshop_id: number;
  public_id: string;
  token_hash: Uint8Array;
  name: string;
  leaderboard_name: string | null;
  joined_at: number;
  seen_at: number;
}

interface ProgressRow {
  public_id: string;
  exercise_id: string;
  seq: number;
  passing: number;
  total: number;
  failing: string;
  solved: number;
  image_bytes: number | null;
  best_bytes: number | null;
  attempts: number;
  fail_streak: number;
  started_at: number;
  updated_at: number;
  progressed_at: number;
  solved_at: number | null;
  has_dockerfile: number;
}

const PROGRESS_COLUMNS = `p.public_id, g.exercise_id, g.seq, g.passing, g.total, g.failing, g.solved,
  g.image_bytes, g.best_bytes, g.attempts, g.fail_streak, g.started_at, g.updated_at,
  g.progressed_at, g.solved_at, g.dockerfile IS NOT NULL AS has_dockerfile`;

function statements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  return {
    workshopByCode: prepare('SELECT * FROM workshops WHERE code = ?'),
    insertWorkshop: prepare(
      `INSERT INTO workshops (code, title, key_hash, lessons, exercises, starts_at, ends_at, created_at, touched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    participantCount: prepare('SELECT count(*) AS n FROM participants WHERE workshop_id = ?'),
    insertParticipant: prepare(
      `INSERT INTO participants (workshop_id, public_id, token_hash, name, leaderboard_name, joined_at, seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    participantByPublicId: prepare('SELECT * FROM participants WHERE public_id = ? AND workshop_id = ?'),
    participantsOf: prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY joined_at, id'),
    touchParticipant: prepare('UPDATE participants SET seen_at = ? WHERE id = ?'),
    progressKey: prepare(
      `SELECT seq, passing, solved, best_bytes, started_at, progressed_at, solved_at
       FROM progress WHERE participant_id = ? AND exercise_id = ?`,
    ),
    upsertProgress: prepare(
      `INSERT INTO progress (participant_id, exercise_id, seq, passing, total, failing, results, solved,
         image_bytes, best_bytes, attempts, fail_streak, dockerfile, started_at, updated_at, progressed_at, solved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (participant_id, exercise_id) DO UPDATE SET
         seq = excluded.seq, passing = excluded.passing, total = excluded.total, failing = excluded.failing,
         results = excluded.results, solved = excluded.solved, image_bytes = excluded.image_bytes,
         best_bytes = excluded.best_bytes, attempts = excluded.attempts, fail_streak = excluded.fail_streak,
         dockerfile = excluded.dockerfile, updated_at = excluded.updated_at,
         progressed_at = excluded.progressed_at, solved_at = excluded.solved_at`,
    ),
    progressOf: prepare(
      `SELECT ${PROGRESS_COLUMNS} FROM progress g JOIN participants p ON p.id = g.participant_id
       WHERE p.workshop_id = ? ORDER BY g.updated_at`,
    ),
    progressCell: prepare(
      `SELECT ${PROGRESS_COLUMNS}, g.dockerfile, g.results FROM progress g
       JOIN participants p ON p.id = g.participant_id
       WHERE p.workshop_id = ? AND p.public_id = ? AND g.exercise_id = ?`,
    ),
    dockerfilesOf: prepare(
      `SELECT p.name, g.exercise_id, g.dockerfile FROM progress g
       JOIN participants p ON p.id = g.participant_id
       WHERE p.workshop_id = ? AND g.dockerfile IS NOT NULL ORDER BY g.updated_at`,
    ),
    expired: prepare(
      `SELECT id, code FROM workshops
       WHERE max(touched_at, coalesce(ends_at, 0), coalesce(ended_at, 0)) < ?`,
    ),
    deleteWorkshop: prepare('DELETE FROM workshops WHERE code = ?'),
    touchWorkshop: prepare('UPDATE workshops SET touched_at = ? WHERE id = ?'),
    deleteParticipant: prepare('DELETE FROM participants WHERE public_id = ? AND workshop_id = ?'),
  };
}

const TOUCH_MS = 30_000;

export class WorkshopStore {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, Workshop>();
  readonly #touched = new Map<number, number>();
  readonly #sql: ReturnType<typeof statements>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statements(db);
  }

  create(input: CreateInput, now: number): { workshop: Workshop; key: string } {
    const key = newSecret();
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = newJoinCode(randomBelow);
      if (this.#sql.workshopByCode.get(code)) continue;
      this.#sql.insertWorkshop.run(
        code,
        input.title,
        hashSecret(key),
        JSON.stringify(input.lessons),
        JSON.stringify(input.exercises),
        input.startsAt,
        input.endsAt,
        now,
        now,
      );
      const workshop = this.byCode(code);
      if (workshop) return { workshop, key };
    }
    throw new ApiFailure(503, 'workshop/no-code', 'No free join code was found; try again.');
  }

  byCode(code: string): Workshop | undefined {
    const cached = this.#cache.get(code);
    if (cached) return cached;
    const row = this.#sql.workshopByCode.get(code) as WorkshopRow | undefined;
    if (!row) return undefined;
    const workshop = toWorkshop(row);
    this.#cache.set(code, workshop);
    return workshop;
  }

  isInstructor(workshop: Workshop, key: string): boolean {
    return secretMatches(key, workshop.keyHash);
  }

  join(workshop: Workshop, input: JoinInput, maxParticipants: number, now: number) {
    assertOpen(workshop);
    if (!workshop.state.joiningOpen)
      throw new ApiFailure(
        403,
        'workshop/joining-closed',
        'The instructor has closed joining for this workshop; ask them to reopen it.',
      );
    const { n } = this.#sql.participantCount.get(workshop.id) as { n: number };
    if (n >= maxParticipants)
      throw new ApiFailure(
        409,
        'workshop/full',
        `This workshop has its ${maxParticipants} participants; ask the instructor.`,
      );
    const secret = newSecret();
    const publicId = newId();
    const { lastInsertRowid } = this.#sql.insertParticipant.run(
      workshop.id,
      publicId,
      hashSecret(secret),
      input.name,
      input.leaderboardName,
      now,
      now,
    ) as { lastInsertRowid: number | bigint };
    const participant: Participant = {
      rowId: Number(lastInsertRowid),
      workshopId: workshop.id,
      view: {
        id: publicId,
        name: input.name,
        leaderboardName: input.leaderboardName,
        joinedAt: now,
        seenAt: now,
        online: false,
      },
    };
    return { participant, token: `${publicId}.${secret}` };
  }

  /** The participant a `<public id>.<secret>` token belongs to, in this workshop. */
  participantByToken(workshop: Workshop, token: string): Participant | undefined {
    const dot = token.indexOf('.');
    if (dot < 1) return undefined;
    const row = this.#sql.participantByPublicId.get(token.slice(0, dot), workshop.id) as
      | ParticipantRow
      | undefined;
    if (!row || !secretMatches(token.slice(dot + 1), row.token_hash)) return undefined;
    return { rowId: row.id, workshopId: row.workshop_id, view: toParticipantView(row, false) };
  }

  /**
   * Stores each entry unless an entry with the same or a later sequence number is stored already
   * (a resend after a lost answer, or an older report overtaken), all in one transaction.
   * Returns what is stored now per exercise, and the views that changed.
   */
  applyProgress(
    workshop: Workshop,
    participant: Participant,
    entries: readonly ProgressEntry[],
    now: number,
  ): { acked: { exerciseId: string; seq: number }[]; changed: ProgressView[] } {
    assertOpen(workshop);
    for (const entry of entries) {
      if (!workshop.state.exercises.includes(entry.exerciseId))
        throw new ApiFailure(
          400,
          'workshop/unknown-exercise',
          `The exercise ${entry.exerciseId} is not part of this workshop.`,
        );
    }
    const stored = new Map<string, number>();
    const changed: ProgressView[] = [];
    this.#transaction(() => {
      for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
        const previous = this.#sql.progressKey.get(participant.rowId, entry.exerciseId) as
          | {
              seq: number;
              passing: number;
              solved: number;
              best_bytes: number | null;
              started_at: number;
              progressed_at: number;
              solved_at: number | null;
            }
          | undefined;
        if (previous && entry.seq <= previous.seq) {
          stored.set(entry.exerciseId, previous.seq);
          continue;
        }
        const progressed =
          !previous || entry.passing > previous.passing || (entry.solved && !previous.solved);
        const best =
          entry.solved && entry.imageBytes !== null
            ? Math.min(entry.imageBytes, previous?.best_bytes ?? Number.POSITIVE_INFINITY)
            : (previous?.best_bytes ?? null);
        const view: ProgressView = {
          participantId: participant.view.id,
          exerciseId: entry.exerciseId,
          seq: entry.seq,
          passing: entry.passing,
          total: entry.total,
          failing: entry.failing,
          solved: entry.solved,
          imageBytes: entry.imageBytes,
          bestBytes: best,
          attempts: entry.attempts,
          failStreak: entry.failStreak,
          startedAt: previous?.started_at ?? now,
          updatedAt: now,
          progressedAt: progressed ? now : (previous?.progressed_at ?? now),
          solvedAt: previous?.solved_at ?? (entry.solved ? now : null),
          hasDockerfile: entry.dockerfile !== null,
        };
        this.#sql.upsertProgress.run(
          participant.rowId,
          view.exerciseId,
          view.seq,
          view.passing,
          view.total,
          JSON.stringify(view.failing),
          entry.results === null ? null : JSON.stringify(entry.results),
          view.solved ? 1 : 0,
          view.imageBytes,
          view.bestBytes,
          view.attempts,
          view.failStreak,
          entry.dockerfile,
          view.startedAt,
          view.updatedAt,
          view.progressedAt,
          view.solvedAt,
        );
        stored.set(entry.exerciseId, entry.seq);
        changed.push(view);
      }
      this.touch(participant, now);
    });
    return { acked: [...stored].map(([exerciseId, seq]) => ({ exerciseId, seq })), changed };
  }

  /**
   * Records that a participant was seen; at most every TOUCH_MS, since it is a write of its own
   * on every report otherwise, and the dashboard's "last activity" needs no finer grain.
   */
  touch(participant: Participant, now: number): void {
    const last = this.#touched.get(participant.rowId) ?? 0;
    if (now - last < TOUCH_MS) return;
    this.#touched.set(participant.rowId, now);
    this.#sql.touchParticipant.run(now, participant.rowId);
  }

  participants(workshop: Workshop, online: ReadonlySet<string>): ParticipantView[] {
    return (this.#sql.participantsOf.all(workshop.id) as unknown as ParticipantRow[]).map((row) =>
      toParticipantView(row, online.has(row.public_id)),
    );
  }

  progress(workshop: Workshop): ProgressView[] {
    return (this.#sql.progressOf.all(workshop.id) as unknown as ProgressRow[]).map(toProgressView);
  }

  snapshot(workshop: Workshop, online: ReadonlySet<string>, now: number): DashboardSnapshot {
    return {
      state: { ...workshop.state, now },
      createdAt: workshop.createdAt,
      participants: this.participants(workshop, online),
      progress: this.progress(workshop),
    };
  }

  detail(workshop: Workshop, participantId: string, exerciseId: string): ParticipantDetail | undefined {
    const row = this.#sql.progressCell.get(workshop.id, participantId, exerciseId) as
      | (ProgressRow & { dockerfile: string | null; results: string | null })
      | undefined;
    const participant = this.#sql.participantByPublicId.get(participantId, workshop.id) as
      | ParticipantRow
      | undefined;
    if (!row || !participant) return undefined;
    return {
      participant: toParticipantView(participant, false),
      progress: toProgressView(row),
      dockerfile: row.dockerfile,
      results: row.results === null ? null : JSON.parse(row.results),
    };
  }

  /**
   * Every shared Dockerfile with its participant's name and exercise, for the JSON export, read
   * row by row so that the export never holds them all at once.
   */
  *dockerfiles(workshop: Workshop): Generator<{ participant: string; exercise: string; dockerfile: string }> {
    for (const row of this.#sql.dockerfilesOf.iterate(workshop.id) as Iterable<{
      name: string;
      exercise_id: string;
      dockerfile: string;
    }>)
      yield { participant: row.name, exercise: row.exercise_id, dockerfile: row.dockerfile };
  }

  /** Applies an instructor's action and returns the workshop as it is now. */
  act(workshop: Workshop, action: Action, now: number): Workshop {
    assertOpen(workshop);
    const set = (assignments: string, ...values: (string | number | null)[]) =>
      this.#db
        .prepare(`UPDATE workshops SET ${assignments}, touched_at = ? WHERE id = ?`)
        .run(...values, now, workshop.id);
    switch (action.action) {
      case 'message':
        set('message = ?, message_at = ?', action.text, action.text === null ? null : now);
        break;
      case 'timer':
        set(
          'timer_ends_at = ?, timer_seconds = ?, timer_label = ?',
          action.seconds === null ? null : now + action.seconds * 1000,
          action.seconds,
          action.seconds === null ? null : action.label,
        );
        break;
      case 'follow':
        set(
          'follow_path = ?, follow_title = ?, follow_at = ?',
          action.target?.path ?? null,
          action.target?.title ?? null,
          action.target === null ? null : now,
        );
        break;
      case 'lock': {
        if (!workshop.state.exercises.includes(action.exerciseId))
          throw new ApiFailure(
            400,
            'workshop/unknown-exercise',
            `The exercise ${action.exerciseId} is not part of this workshop.`,
          );
        // From the stored row, not the request's copy: another change may have landed while this
        // request's body was read, and only the one named part changes.
        const row = this.#sql.workshopByCode.get(workshop.code) as WorkshopRow | undefined;
        const current = row ? toWorkshop(row).state : workshop.state;
        const locks: Record<string, Lock> = {
          ...current.locks,
          [action.exerciseId]: { ...lockFor(current, action.exerciseId), [action.part]: action.locked },
        };
        set('locks = ?', JSON.stringify(locks));
        break;
      }
      case 'stuck':
        set('stuck_quiet_minutes = ?, stuck_same_goal_tries = ?', action.quietMinutes, action.sameGoalTries);
        break;
      case 'end':
        set('ended_at = ?, timer_ends_at = NULL, timer_seconds = NULL, follow_path = NULL', now);
        break;
      case 'joining':
        set('joining_closed = ?', action.open ? 0 : 1);
        break;
      case 'remove':
        // One transaction: the participants and, by cascade, their progress.
        this.#transaction(() => {
          for (const id of action.participantIds) this.#sql.deleteParticipant.run(id, workshop.id);
          this.#sql.touchWorkshop.run(now, workshop.id);
        });
        break;
    }
    this.#cache.delete(workshop.code);
    const updated = this.byCode(workshop.code);
    if (!updated) throw new ApiFailure(404, 'workshop/not-found', 'The workshop is gone.');
    return updated;
  }

  /** Deletes workshops idle (no action, planned end or end) since before `cutoff`; returns which. */
  expire(cutoff: number): { id: number; code: string }[] {
    const expired = this.#sql.expired.all(cutoff) as unknown as { id: number; code: string }[];
    this.#transaction(() => {
      for (const { code } of expired) this.#sql.deleteWorkshop.run(code);
    });
    for (const { code } of expired) this.#cache.delete(code);
    return expired;
  }

  #transaction(work: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.#db.exec('COMMIT');
    } catch (error) {
      // SQLite has already rolled back after some errors (a full disk, an I/O error): a second
      // ROLLBACK would fail and hide the real cause behind "no transaction is active".
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

export function assertOpen(workshop: Workshop): void {
  if (workshop.state.endedAt !== null)
    throw new ApiFailure(
      409,
      'workshop/ended',
      'This workshop has ended: it is read-only now. Your work stays in this browser.',
    );
}

function toWorkshop(row: WorkshopRow): Workshop {
  return {
    id: row.id,
    code: row.code,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    state: {
      code: row.code,
      title: row.title,
      lessons: JSON.parse(row.lessons),
      exercises: JSON.parse(row.exercises),
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      endedAt: row.ended_at,
      message: row.message === null ? null : { text: row.message, at: row.message_at ?? 0 },
      timer:
        row.timer_ends_at === null
          ? null
          : { endsAt: row.timer_ends_at, seconds: row.timer_seconds ?? 0, label: row.timer_label },
      follow:
        row.follow_path === null
          ? null
          : { path: row.follow_path, title: row.follow_title ?? row.follow_path, at: row.follow_at ?? 0 },
      locks: JSON.parse(row.locks),
      joiningOpen: row.joining_closed === 0,
      stuck: { quietMinutes: row.stuck_quiet_minutes, sameGoalTries: row.stuck_same_goal_tries },
    },
  };
}

function toParticipantView(row: ParticipantRow, online: boolean): ParticipantView {
  return {
    id: row.public_id,
    name: row.name,
    leaderboardName: row.leaderboard_name,
    joinedAt: row.joined_at,
    seenAt: row.seen_at,
    online,
  };
}

function toProgressView(row: ProgressRow): ProgressView {
  return {
    participantId: row.public_id,
    exerciseId: row.exercise_id,
    seq: row.seq,
    passing: row.passing,
    total: row.total,
    failing: JSON.parse(row.failing),
    solved: row.solved === 1,
    imageBytes: row.image_bytes,
    bestBytes: row.best_bytes,
    attempts: row.attempts,
    failStreak: row.fail_streak,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    progressedAt: row.progressed_at,
    solvedAt: row.solved_at,
    hasDockerfile: row.has_dockerfile === 1,
  };
}
