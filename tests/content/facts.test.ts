/**
 * What the lessons state is what real Docker does: every scenario's build matches the outcome and
 * size recorded from real images, and every <Fact> a lesson uses can be computed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/content/facts/evaluate.ts';
import { type FactName, fact, ratio } from '../../src/content/facts/fields.ts';
import { SCENARIOS, type Scenario, type ScenarioId } from '../../src/content/facts/scenarios.ts';
import { targetStage } from '../../src/lib/analysis/analyze.ts';

const LESSONS = join(import.meta.dirname, '../../src/content/lessons');
const ids = Object.keys(SCENARIOS) as ScenarioId[];

describe.each(ids)('scenario %s', (id) => {
  const scenario: Scenario = SCENARIOS[id];

  it(`${scenario.expect.starts ? 'starts' : 'does not start'}, as real Docker does`, async () => {
    const { result, analysis } = await evaluateScenario(id);
    expect(result.error?.message ?? null).toBeNull();
    expect(analysis.run?.starts).toBe(scenario.expect.starts);
    if (scenario.expect.runError) expect(analysis.run?.error?.message).toContain(scenario.expect.runError);
  });

  it.runIf(scenario.expect.size)('has the size of the real image', async () => {
    const { result } = await evaluateScenario(id);
    const [min, max] = scenario.expect.size ?? [0, 0];
    const size = targetStage(result)?.size ?? 0;
    expect(size).toBeGreaterThanOrEqual(min);
    expect(size).toBeLessThanOrEqual(max);
  });
});

/** Every <Fact …/> in the lessons, with its attributes. */
function factsInLessons(): { lesson: string; attrs: Record<string, string> }[] {
  const found: { lesson: string; attrs: Record<string, string> }[] = [];
  for (const file of readdirSync(LESSONS).filter((name) => name.endsWith('.mdx'))) {
    const text = readFileSync(join(LESSONS, file), 'utf8');
    for (const match of text.matchAll(/<Fact\b([^>]*?)\/>/g)) {
      const attrs = Object.fromEntries(
        [...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
      );
      found.push({ lesson: file, attrs });
    }
  }
  return found;
}

describe('facts quoted in the lessons', () => {
  const facts = factsInLessons();

  it.each(facts.map((f) => [`${f.lesson}: ${JSON.stringify(f.attrs)}`, f] as const))(
    '%s computes',
    async (_, f) => {
      const of = f.attrs.of as ScenarioId;
      expect(ids).toContain(of);
      const evaluated = await evaluateScenario(of);
      const show = (f.attrs.show ?? 'size') as FactName | 'ratio';
      const text =
        show === 'ratio'
          ? ratio(evaluated, await evaluateScenario(f.attrs.vs as ScenarioId))
          : fact(evaluated, show, f.attrs.code);
      expect(text).not.toBe('');
    },
  );
});
