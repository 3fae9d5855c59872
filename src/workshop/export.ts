/**
 * The results export: one row per participant and exercise of the workshop, as JSON objects or
 * CSV. CSV cells that a spreadsheet would run as a formula (a name starting with `=`, `+`, `-`,
 * `@`) are prefixed with an apostrophe: names are whatever participants typed.
 */
import { cellStatus, indexProgress } from './progress-status.ts';
import type { DashboardSnapshot } from './protocol.ts';

export interface ResultRow {
  readonly participant: string;
  readonly leaderboardName: string | null;
  readonly joinedAt: string;
  readonly exercise: string;
  readonly status: 'not started' | 'working' | 'solved';
  readonly goalsPassing: number | null;
  readonly goalsTotal: number | null;
  readonly imageBytes: number | null;
  readonly smallestPassingBytes: number | null;
  readonly attempts: number | null;
  readonly solvedAt: string | null;
  readonly lastActivity: string | null;
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

export function resultRows(snapshot: DashboardSnapshot): ResultRow[] {
  const index = indexProgress(snapshot.progress);
  return snapshot.participants.flatMap((participant) =>
    snapshot.state.exercises.map((exercise): ResultRow => {
      const progress = index.cell(participant.id, exercise);
      const status = cellStatus(progress).kind;
      return {
        participant: participant.name,
        leaderboardName: participant.leaderboardName,
        joinedAt: iso(participant.joinedAt) ?? '',
        exercise,
        status: status === 'not-started' ? 'not started' : status,
        goalsPassing: progress?.passing ?? null,
        goalsTotal: progress?.total ?? null,
        imageBytes: progress?.imageBytes ?? null,
        smallestPassingBytes: progress?.bestBytes ?? null,
        attempts: progress?.attempts ?? null,
        solvedAt: iso(progress?.solvedAt),
        lastActivity: iso(progress?.updatedAt),
      };
    }),
  );
}

const COLUMNS: readonly (keyof ResultRow)[] = [
  'participant',
  'leaderboardName',
  'joinedAt',
  'exercise',
  'status',
  'goalsPassing',
  'goalsTotal',
  'imageBytes',
  'smallestPassingBytes',
  'attempts',
  'solvedAt',
  'lastActivity',
];

export function toCsv(rows: readonly ResultRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
