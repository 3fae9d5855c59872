import { describe, expect, it } from 'vitest';
import { Outbox, type ProgressReport, TRY_GAP_MS } from '../../../src/components/workshop/outbox.ts';
import { MemoryStorage } from './memory-storage.ts';

function report(overrides: Partial<ProgressReport> = {}, failing: number[] = [2]): ProgressReport {
  const total = 3;
  return {
    exerciseId: 'go-under-10mb',
    goals: {
      passing: total - failing.length,
      total,
      results: [0, 1, 2].map((goal) => ({ pass: !failing.includes(goal), detail: `goal ${goal}` })),
    },
    solved: failing.length === 0,
    imageBytes: 12_000_000.4,
    dockerfile: 'FROM scratch\n',
    ...overrides,
  };
}

describe('participant outbox', () => {
  it('keeps only the latest report per exercise, numbered, until the server acknowledges it', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox('p1', storage);
    outbox.add(report(), 0);
    outbox.add(report({ exerciseId: 'smallest-go-image' }), 10);
    const latest = outbox.add(report({ imageBytes: 9_000_000 }, []), 20);
    expect(latest).toMatchObject({ seq: 3, passing: 3, failing: [], solved: true, imageBytes: 9_000_000 });
    expect(outbox.pending().map((entry) => [entry.exerciseId, entry.seq])).toEqual([
      ['smallest-go-image', 2],
      ['go-under-10mb', 3],
    ]);
    // The server stored seq 2 and, for the first exercise, only an older report (seq 1).
    outbox.acknowledge([
      { exerciseId: 'smallest-go-image', seq: 2 },
      { exerciseId: 'go-under-10mb', seq: 1 },
    ]);
    expect(outbox.pending().map((entry) => entry.seq)).toEqual([3]);
    // Another tab (a second Outbox on the same storage) sees the same outbox.
    expect(new Outbox('p1', storage).pending().map((entry) => entry.seq)).toEqual([3]);
    expect(new Outbox('p2', storage).pending()).toEqual([]);
  });

  it('counts builds close together as one try, and tries in a row failing the same goal', () => {
    const outbox = new Outbox('p1', new MemoryStorage());
    expect(outbox.add(report(), 0)).toMatchObject({ attempts: 1, failStreak: 1 });
    // Typing: same try, whatever it shows meanwhile.
    expect(outbox.add(report({}, [1]), 500)).toMatchObject({ attempts: 1, failStreak: 1 });
    expect(outbox.add(report(), 1000)).toMatchObject({ attempts: 1, failStreak: 1 });
    expect(outbox.add(report(), 1000 + TRY_GAP_MS)).toMatchObject({ attempts: 2, failStreak: 2 });
    expect(outbox.add(report(), 1000 + 2 * TRY_GAP_MS)).toMatchObject({ attempts: 3, failStreak: 3 });
    expect(outbox.add(report({}, [0, 2]), 1000 + 3 * TRY_GAP_MS)).toMatchObject({
      attempts: 4,
      failStreak: 1,
    });
    expect(outbox.add(report({}, []), 1000 + 4 * TRY_GAP_MS)).toMatchObject({ attempts: 5, failStreak: 0 });
  });

  it('leaves out a Dockerfile over the limit rather than the progress, and trims goal details', () => {
    const outbox = new Outbox('p1', new MemoryStorage());
    const entry = outbox.add(
      report({
        dockerfile: `FROM scratch\n${'#'.repeat(70_000)}`,
        goals: { passing: 0, total: 1, results: [{ pass: false, detail: 'x'.repeat(1000) }] },
      }),
      0,
    );
    expect(entry.dockerfile).toBeNull();
    expect(entry.results?.[0]?.detail).toHaveLength(300);
    expect(entry.imageBytes).toBe(12_000_000);
  });

  it('keeps whether a goal’s verdict is estimated or unknown, and says nothing of known ones', () => {
    const outbox = new Outbox('p1', new MemoryStorage());
    const results = [
      { pass: true, detail: 'ok' },
      { pass: true, detail: '8 MB', certainty: 'estimated' as const },
      { pass: false, detail: 'line 3', certainty: 'unknown' as const },
    ];
    const entry = outbox.add(report({ goals: { passing: 2, total: 3, results } }), 0);
    expect(entry.results).toEqual(results);
    expect(entry.failing).toEqual([2]);
  });

  it('works for the page’s lifetime where storage refuses to keep anything', () => {
    const storage = new MemoryStorage();
    storage.refuseWrites = true;
    const outbox = new Outbox('p1', storage);
    outbox.add(report(), 0);
    expect(outbox.pending()).toHaveLength(1);
    outbox.clear();
    expect(outbox.pending()).toHaveLength(0);
  });
});
