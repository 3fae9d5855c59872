/**
 * The participant's outbox: the latest report per exercise, numbered, kept in localStorage until
 * the server acknowledges it. A report replaces the unsent one of the same exercise (the newest
 * state is what the instructor needs), so the outbox stays small however long the learner is
 * offline, and a resend is harmless: the server keeps an entry only if its number is new.
 *
 * It also counts tries: builds less than TRY_GAP_MS apart are one try (the learner is typing), and
 * `failStreak` counts the tries in a row that failed the same first goal (the dashboard's "stuck").
 * Every function reads and writes storage in one go, so two tabs of one participant stay in step.
 */
import { type GoalReport, LIMITS, type ProgressEntry, utf8Bytes } from '../../workshop/protocol.ts';

/** What the exercise UI reports after each build (see ARCHITECTURE.md, Workshop). */
export interface ProgressReport {
  readonly exerciseId: string;
  readonly goals: {
    readonly passing: number;
    readonly total: number;
    /** Each goal's verdict in the exercise's goal order, e.g. checkGoals(...) as it is. */
    readonly results?: readonly GoalReport[];
  };
  readonly solved: boolean;
  /** The final image's size; null when the build failed. */
  readonly imageBytes: number | null;
  readonly dockerfile: string;
}

export const TRY_GAP_MS = 3000;

interface Tries {
  readonly attempts: number;
  readonly failStreak: number;
  /** What failed on this try and the one before: the first failing goal, or the passing count. */
  readonly failing: string | null;
  readonly previousFailing: string | null;
  readonly previousStreak: number;
  readonly at: number;
}

interface OutboxData {
  readonly v: 1;
  readonly nextSeq: number;
  readonly pending: Readonly<Record<string, ProgressEntry>>;
  readonly tries: Readonly<Record<string, Tries>>;
}

const EMPTY: OutboxData = { v: 1, nextSeq: 1, pending: {}, tries: {} };

export class Outbox {
  readonly #key: string;
  readonly #storage: Storage | undefined;
  /** Used when storage refuses to keep the outbox: it then lasts as long as the page. */
  #memory: OutboxData = EMPTY;

  constructor(participantId: string, storage: Storage | undefined) {
    this.#key = `mc-workshop-outbox:${participantId}`;
    this.#storage = storage;
  }

  add(report: ProgressReport, now: number): ProgressEntry {
    const data = this.#read();
    const failing = report.solved ? null : failingKey(report);
    const tries = nextTries(data.tries[report.exerciseId], failing, now);
    const results = report.goals.results?.slice(0, LIMITS.goalsPerExercise).map((result) => ({
      pass: result.pass,
      detail: result.detail.slice(0, LIMITS.goalDetailChars),
      ...(result.certainty ? { certainty: result.certainty } : {}),
    }));
    const entry: ProgressEntry = {
      exerciseId: report.exerciseId,
      seq: data.nextSeq,
      passing: report.goals.passing,
      total: report.goals.total,
      failing: results ? results.flatMap((result, index) => (result.pass ? [] : [index])) : [],
      results: results ?? null,
      solved: report.solved,
      imageBytes: report.imageBytes === null ? null : Math.round(report.imageBytes),
      attempts: tries.attempts,
      failStreak: tries.failStreak,
      // A Dockerfile over the limit is not shared rather than holding back the progress.
      dockerfile: utf8Bytes(report.dockerfile) <= LIMITS.dockerfileBytes ? report.dockerfile : null,
    };
    this.#write({
      v: 1,
      nextSeq: data.nextSeq + 1,
      pending: { ...data.pending, [report.exerciseId]: entry },
      tries: { ...data.tries, [report.exerciseId]: tries },
    });
    return entry;
  }

  /** Unsent entries, oldest first. */
  pending(): ProgressEntry[] {
    return Object.values(this.#read().pending).sort((a, b) => a.seq - b.seq);
  }

  /** Forgets what the server stored (an entry replaced since then stays pending). */
  acknowledge(acked: readonly { readonly exerciseId: string; readonly seq: number }[]): void {
    const data = this.#read();
    const pending = { ...data.pending };
    for (const { exerciseId, seq } of acked) {
      const entry = pending[exerciseId];
      if (entry && entry.seq <= seq) delete pending[exerciseId];
    }
    this.#write({ ...data, pending });
  }

  /** Drops entries the server will never take (refused as invalid, or the workshop ended). */
  drop(entries: readonly ProgressEntry[]): void {
    this.acknowledge(entries);
  }

  clear(): void {
    this.#memory = EMPTY;
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Nothing stored.
    }
  }

  #read(): OutboxData {
    try {
      const text = this.#storage?.getItem(this.#key);
      if (!text) return this.#memory;
      const data = JSON.parse(text) as OutboxData;
      return data?.v === 1 ? data : this.#memory;
    } catch {
      return this.#memory;
    }
  }

  #write(data: OutboxData): void {
    this.#memory = data;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(data));
    } catch {
      // Over quota or disabled: kept in memory for this page.
    }
  }
}

function failingKey(report: ProgressReport): string {
  const first = report.goals.results?.findIndex((result) => !result.pass) ?? -1;
  return first >= 0 ? `goal ${first}` : `${report.goals.passing} passing`;
}

function nextTries(previous: Tries | undefined, failing: string | null, now: number): Tries {
  const streakAfter = (before: string | null, streak: number) =>
    failing === null ? 0 : failing === before ? streak + 1 : 1;
  if (!previous)
    return {
      attempts: 1,
      failStreak: failing === null ? 0 : 1,
      failing,
      previousFailing: null,
      previousStreak: 0,
      at: now,
    };
  if (now - previous.at < TRY_GAP_MS)
    // Still the same try: its outcome is the latest build's.
    return {
      ...previous,
      failing,
      failStreak: streakAfter(previous.previousFailing, previous.previousStreak),
      at: now,
    };
  return {
    attempts: previous.attempts + 1,
    failStreak: streakAfter(previous.failing, previous.failStreak),
    failing,
    previousFailing: previous.failing,
    previousStreak: previous.failStreak,
    at: now,
  };
}
