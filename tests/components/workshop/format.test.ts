import { describe, expect, it } from 'vitest';
import { formatAgo, formatCountdown, formatPlanned } from '../../../src/components/workshop/format.ts';

describe('workshop formats', () => {
  it('counts down in minutes and seconds, hours when needed, never below zero', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(61_001)).toBe('1:02');
    expect(formatCountdown(3_725_000)).toBe('1:02:05');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('says how long ago in rounded words', () => {
    expect(formatAgo(10_000)).toBe('just now');
    expect(formatAgo(4 * 60_000)).toBe('4 min ago');
    expect(formatAgo(125 * 60_000)).toBe('2 h ago');
  });

  it('shows planned times only when there are some, the end as a time on the same day', () => {
    expect(formatPlanned(null, null)).toBeNull();
    const start = new Date(2026, 10, 24, 10, 0).getTime();
    const end = new Date(2026, 10, 24, 12, 30).getTime();
    const both = formatPlanned(start, end) ?? '';
    expect(both).toContain(' – ');
    expect(both.split(' – ')[1]).toBe(
      new Date(end).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
    );
    expect(formatPlanned(start, null)).toMatch(/^from /);
    expect(formatPlanned(null, end)).toMatch(/^until /);
  });
});
