/** The virtual list's window: which rows to render for a scroll position, and how to reveal a row. */
import { describe, expect, it } from 'vitest';
import { rowsPerPage, rowWindow, scrollToRow } from '../../../src/components/explorer/virtual-window.ts';

const base = { viewportHeight: 300, rowHeight: 30, rowCount: 1000, overscan: 5 };

describe('rowWindow', () => {
  it('renders the rows in view and the overscan below them at the top', () => {
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 15, before: 0, after: 985 * 30 });
  });

  it('renders the overscan on both sides in the middle, with padding for the rest', () => {
    const window = rowWindow({ ...base, scrollTop: 3000 });
    expect(window).toEqual({ start: 95, end: 115, before: 95 * 30, after: 885 * 30 });
  });

  it('covers a row cut by the viewport edges', () => {
    const window = rowWindow({ ...base, overscan: 0, scrollTop: 45 });
    expect([window.start, window.end]).toEqual([1, 12]);
  });

  it('clamps a scroll position past the end (a list that just got shorter)', () => {
    const window = rowWindow({ ...base, rowCount: 20, scrollTop: 5000 });
    expect(window).toEqual({ start: 5, end: 20, before: 150, after: 0 });
  });

  it('renders nothing for an empty list, and the whole of a short one', () => {
    expect(rowWindow({ ...base, rowCount: 0, scrollTop: 0 })).toEqual({
      start: 0,
      end: 0,
      before: 0,
      after: 0,
    });
    expect(rowWindow({ ...base, rowCount: 3, scrollTop: 0 })).toEqual({
      start: 0,
      end: 3,
      before: 0,
      after: 0,
    });
  });

  it('keeps the rendered rows few, whatever the list’s length', () => {
    const window = rowWindow({ ...base, rowCount: 40_000, scrollTop: 600_000 });
    expect(window.end - window.start).toBeLessThanOrEqual(Math.ceil(300 / 30) + 1 + 2 * 5);
    expect(window.before + (window.end - window.start) * 30 + window.after).toBe(40_000 * 30);
  });
});

describe('scrollToRow', () => {
  it('scrolls up to a row above the view and down to one below it, and not at all for one in view', () => {
    expect(scrollToRow(2, 300, 300, 30)).toBe(60);
    expect(scrollToRow(25, 300, 300, 30)).toBe(480);
    expect(scrollToRow(12, 300, 300, 30)).toBe(300);
  });

  it('counts whole rows per page, at least one', () => {
    expect(rowsPerPage(300, 30)).toBe(10);
    expect(rowsPerPage(10, 30)).toBe(1);
  });
});
