/**
 * The simulator held to real builds: every case of tests/oracle/cases/ was built by real BuildKit
 * (Docker's containerd image store) and, where it has a `run` file, run with `docker run`; the
 * simulator must agree, or the difference must be listed in known-differences.json with its reason.
 */
import { describe, expect, test } from 'vitest';
import { compareCase } from './case-comparison.ts';
import { acceptedKinds, knownDifferences } from './known-differences.ts';
import { readCase, recordedCases } from './simulate-case.ts';

const names = recordedCases();
const known = knownDifferences();
const accepted = acceptedKinds(known);

describe('the oracle corpus', () => {
  test('holds at least 250 recorded cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(250);
  });

  test('lists known differences only for cases it has, each with a reason', () => {
    for (const entry of known) {
      expect(entry.reason.length).toBeGreaterThan(20);
      for (const name of entry.cases) expect(names).toContain(name);
    }
  });
});

describe('the simulator agrees with the real build', () => {
  for (const name of names) {
    test(name, async () => {
      const diffs = await compareCase(readCase(name));
      const allowed = accepted.get(name) ?? new Set<string>();
      const unexplained = diffs.filter((d) => !allowed.has(d.kind));
      expect(unexplained).toEqual([]);
      // a listed difference that no longer occurs is taken off the list
      const stale = [...allowed].filter((kind) => !diffs.some((d) => d.kind === kind));
      expect(stale, 'known differences that no longer occur').toEqual([]);
    });
  }
});
