import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupProblems, surfaceSummary } from '../../../src/components/editor/problem-groups.ts';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';
import { buildAndAnalyze } from '../../lib/analysis/build-and-analyze.ts';

const EXERCISES = join(import.meta.dirname, '../../../src/content/exercises');
const starter = (id: string) => readFileSync(join(EXERCISES, id, 'starter/Dockerfile'), 'utf8');

/** Every diagnostic the entries hold, flattened, so a test can see none went missing. */
const flatten = (entries: ReturnType<typeof groupProblems>): Diagnostic[] =>
  entries.flatMap((entry) => (entry.kind === 'one' ? [entry.diagnostic] : entry.diagnostics));

describe('the problem list groups the attack surface', () => {
  it('folds a starter’s surface findings into one entry after the findings about a step, losing none', async () => {
    const { analysis } = await buildAndAnalyze(starter('python-under-60mb'), {
      'requirements.txt': 'flask==3.1.2\n',
      'src/example.py': 'print("hi")\n',
    });
    const surface = analysis.diagnostics.filter((d) => d.code.startsWith('surface/'));
    expect(surface.length).toBeGreaterThanOrEqual(5);
    const entries = groupProblems(analysis.diagnostics);
    expect(flatten(entries)).toHaveLength(analysis.diagnostics.length);
    expect(new Set(flatten(entries))).toEqual(new Set(analysis.diagnostics));
    const groups = entries.filter((entry) => entry.kind === 'surface');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.diagnostics).toEqual(surface);
    // The first entry is a finding the learner can act on at a step, not the image-wide group.
    expect(entries[0]?.kind).toBe('one');
    expect(entries.length).toBe(analysis.diagnostics.length - surface.length + 1);
    const summary = surfaceSummary(groups[0]?.carries ?? []);
    for (const words of ['a shell', 'network tools', 'package managers', 'compilers', 'root as the user']) {
      expect(summary).toContain(words);
    }
  });

  it('lists errors before the group, and warnings before notes', async () => {
    const { analysis } = await buildAndAnalyze(
      'FROM python:3.9\nCOPY missing.txt /\nRUN pip install flask\n',
    );
    const entries = groupProblems(analysis.diagnostics);
    const severities = entries.map((e) => (e.kind === 'one' ? e.diagnostic.severity : e.severity));
    const rank = { error: 0, warning: 1, info: 2 };
    expect(severities.map((s) => rank[s])).toEqual([...severities.map((s) => rank[s])].sort());
    expect(severities[0]).toBe('error');
  });

  it('leaves a lone surface finding as it is', async () => {
    const { analysis } = await buildAndAnalyze('FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n', {
      app: 'binary',
    });
    const surface = analysis.diagnostics.filter((d) => d.code.startsWith('surface/'));
    expect(surface).toHaveLength(1);
    expect(groupProblems(analysis.diagnostics).every((entry) => entry.kind === 'one')).toBe(true);
  });
});
