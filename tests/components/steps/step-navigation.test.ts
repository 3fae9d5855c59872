/** Stepping through a build: groups by stage, the steps that ran, moves, and keeping a step across rebuilds. */

import { describe, expect, it } from 'vitest';
import type { BuildSummary } from '../../../src/components/engine/protocol.ts';
import {
  moveStep,
  sameStep,
  sizeDelta,
  skippedReason,
  stageGroups,
  steppable,
} from '../../../src/components/steps/step-navigation.ts';
import type { Step } from '../../../src/lib/build/result.ts';
import { KNOWN } from '../../../src/lib/certainty.ts';

const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

function step(stage: number, instruction: string, status: Step['status'] = 'done'): Step {
  return {
    stage,
    kind: instruction.split(' ')[0] as Step['kind'],
    instruction,
    line: 1,
    range,
    status,
    sizeDelta: 0,
    layer: null,
    cached: false,
    narrative: '',
    certainty: KNOWN,
  };
}

const steps = [
  step(0, 'RUN unused', 'skipped'),
  step(1, 'WORKDIR /src'),
  step(1, 'RUN go build', 'not-simulated'),
  step(2, 'COPY --from=build /app /app', 'failed'),
];

const stage = (index: number, name: string | null, extra: object) => ({
  index,
  name,
  reference: 'golang:1',
  base: null,
  built: false,
  layers: [],
  history: [],
  config: null,
  size: null,
  ...extra,
});

const result = {
  source: '',
  dockerfile: null,
  ok: false,
  error: null,
  target: 2,
  steps,
  diagnostics: [],
  stages: [
    stage(0, 'unused', { skipped: 'not-needed' }),
    stage(1, 'build', { built: true }),
    stage(2, null, {}),
  ],
} as unknown as BuildSummary;

describe('stage groups', () => {
  it('groups steps under their stage, with BuildKit’s names and each stage’s state', () => {
    const groups = stageGroups(result);
    expect(
      groups.map((group) => [
        group.label,
        group.state,
        group.target,
        group.steps.map((entry) => entry.index),
      ]),
    ).toEqual([
      ['unused', 'not-needed', false, [0]],
      ['build', 'built', false, [1, 2]],
      ['stage-2', 'failed', true, [3]],
    ]);
    expect(skippedReason('not-needed')).toContain('does not need');
    expect(skippedReason('built')).toBeNull();
  });
});

describe('moving through the steps', () => {
  const order = steppable(steps);

  it('steps only through what ran, failed or was not simulated', () => {
    expect(order).toEqual([1, 2, 3]);
  });

  it('moves forward and back, stopping at the ends', () => {
    expect(moveStep(order, 1, 'next')).toBe(2);
    expect(moveStep(order, 3, 'next')).toBe(3);
    expect(moveStep(order, 2, 'previous')).toBe(1);
    expect(moveStep(order, 1, 'previous')).toBe(1);
    expect(moveStep(order, 2, 'first')).toBe(1);
    expect(moveStep(order, 1, 'last')).toBe(3);
  });

  it('starts from the first step going forward and from the last going back', () => {
    expect(moveStep(order, null, 'next')).toBe(1);
    expect(moveStep(order, null, 'previous')).toBe(3);
    expect(moveStep([], null, 'next')).toBeNull();
  });

  it('keeps showing the same instruction after a rebuild, wherever it moved', () => {
    const rebuilt = [step(1, 'ENV A=1'), ...steps.slice(1)];
    expect(sameStep(steps[2], 2, rebuilt)).toBe(2);
    const moved = [steps[1] as Step, step(1, 'ENV A=1'), steps[2] as Step];
    expect(sameStep(steps[2], 2, moved)).toBe(2);
    const edited = [steps[1] as Step, step(1, 'RUN go build -o app', 'done')];
    expect(sameStep(steps[2], 1, edited)).toBe(1);
    expect(sameStep(steps[2], 5, edited)).toBeNull();
    expect(sameStep(undefined, 0, steps)).toBeNull();
  });

  it('writes a size change with its sign', () => {
    const format = (bytes: number) => `${bytes} B`;
    expect(sizeDelta(13, format)).toBe('+13 B');
    expect(sizeDelta(0, format)).toBe('0 B');
  });
});
