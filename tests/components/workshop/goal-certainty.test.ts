/** The dashboard's words for a verdict that rests on the simulator's estimates. */
import { describe, expect, it } from 'vitest';
import { solvedLabel } from '../../../src/components/workshop/goal-certainty.ts';

describe('solvedLabel', () => {
  it('says a solve rests on estimates only when a goal was met on them', () => {
    expect(solvedLabel(null)).toBe('Solved');
    expect(solvedLabel([{ pass: true, detail: 'ok' }])).toBe('Solved');
    expect(
      solvedLabel([
        { pass: true, detail: 'ok' },
        { pass: true, detail: '8 MB', certainty: 'estimated' },
      ]),
    ).toBe('Solved on estimates');
  });
});
