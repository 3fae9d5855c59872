import { describe, expect, it } from 'vitest';
import { type ResultRow, toCsv } from '../../src/workshop/export.ts';

const row: ResultRow = {
  participant: 'Ada',
  leaderboardName: null,
  joinedAt: '2026-01-01T00:00:00.000Z',
  exercise: 'go-under-10mb',
  status: 'solved',
  goalsPassing: 3,
  goalsTotal: 3,
  imageBytes: 1234,
  smallestPassingBytes: 1000,
  attempts: 4,
  solvedAt: null,
  lastActivity: null,
};

describe('CSV export', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv([row, { ...row, participant: '+1 "x", y\nz' }, { ...row, participant: '@SUM(A1)' }]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('Ada,,2026-01-01T00:00:00.000Z,go-under-10mb,solved,3,3,1234,1000,4,,');
    expect(lines[2]).toBe(
      `"'+1 ""x"", y\nz",,2026-01-01T00:00:00.000Z,go-under-10mb,solved,3,3,1234,1000,4,,`,
    );
    expect(lines[3]?.startsWith("'@SUM(A1),")).toBe(true);
  });
});
