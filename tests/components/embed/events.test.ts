/** What a widget posts after each build: build always, goal when a result changes, complete once solved. */
import { describe, expect, it } from 'vitest';
import { eventsAfterBuild } from '../../../src/components/embed/events.ts';
import type { ExerciseResultDetail } from '../../../src/components/exercise/Exercise.tsx';
import type { Goal } from '../../../src/lib/analysis/goal.ts';

const goals: Goal[] = [{ kind: 'builds' }, { kind: 'maxSize', bytes: 10_000_000 }];

const KNOWN_SUMMARY = { level: 'known', reasons: [] } as const;

function result(
  passes: boolean[],
  imageBytes: number | null = 12_000_000,
  certainty: ExerciseResultDetail['certainty'] = KNOWN_SUMMARY,
): ExerciseResultDetail {
  const passing = passes.filter(Boolean).length;
  return {
    exerciseId: 'custom-1',
    passing,
    total: passes.length,
    solved: passing === passes.length,
    imageBytes,
    dockerfile: 'FROM scratch',
    goals: passes.map((pass) => ({ pass, detail: pass ? 'ok' : 'not yet' })),
    diagnostics: { error: 1, warning: 2, info: 0 },
    built: true,
    starts: true,
    certainty,
  };
}

const types = (events: ReturnType<typeof eventsAfterBuild>) =>
  events.map((event) => (event.type === 'goal' ? `goal ${event.index} ${event.pass}` : event.type));

describe('events after a build', () => {
  it('reports the build and every goal the first time', () => {
    const events = eventsAfterBuild(undefined, result([true, false]), goals);
    expect(types(events)).toEqual(['build', 'goal 0 true', 'goal 1 false']);
    expect(events[0]).toEqual({
      type: 'build',
      built: true,
      imageBytes: 12_000_000,
      starts: true,
      diagnostics: { errors: 1, warnings: 2, infos: 0 },
      passing: 1,
      total: 2,
      certainty: KNOWN_SUMMARY,
    });
    expect(events[2]).toMatchObject({
      kind: 'maxSize',
      text: 'The image is at most 10.0 MB',
      detail: 'not yet',
      certainty: 'known',
    });
  });

  it('then only the goals that changed, and complete when the last one passes', () => {
    const first = result([true, false]);
    expect(types(eventsAfterBuild(first, result([true, false]), goals))).toEqual(['build']);
    const solved = result([true, true], 8_000_000);
    const events = eventsAfterBuild(first, solved, goals);
    expect(types(events)).toEqual(['build', 'goal 1 true', 'complete']);
    expect(events.at(-1)).toEqual({
      type: 'complete',
      imageBytes: 8_000_000,
      passing: 2,
      total: 2,
      certainty: KNOWN_SUMMARY,
    });
    expect(types(eventsAfterBuild(solved, result([true, true], 7_000_000), goals))).toEqual(['build']);
    expect(types(eventsAfterBuild(solved, result([true, false]), goals))).toEqual(['build', 'goal 1 false']);
  });

  it('carries certainty: a build on a stand-in says so, and a goal whose certainty changes is posted again', () => {
    const estimate = {
      level: 'estimated',
      reasons: [
        "line 1: Not in this simulator's catalog: python:3.12-slim. Built on python:3.9.25-slim-trixie.",
      ],
    } as const;
    const known = result([true, true]);
    const onStandIn: ExerciseResultDetail = {
      ...result([true, true], 12_000_000, estimate),
      goals: [
        { pass: true, detail: 'ok', certainty: 'estimated' },
        { pass: true, detail: 'ok' },
      ],
    };
    const events = eventsAfterBuild(known, onStandIn, goals);
    expect(types(events)).toEqual(['build', 'goal 0 true']);
    expect(events[0]).toMatchObject({ type: 'build', certainty: estimate });
    expect(events[1]).toMatchObject({ type: 'goal', certainty: 'estimated' });
    const completed = eventsAfterBuild(result([true, false]), onStandIn, goals).at(-1);
    expect(completed).toMatchObject({ type: 'complete', certainty: estimate });
  });
});
