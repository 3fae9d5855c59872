import { describe, expect, it } from 'vitest';
import { compare } from '../../../src/lib/analysis/compare.ts';
import { checkGoals } from '../../../src/lib/analysis/goals.ts';
import { buildAndAnalyze } from './build-and-analyze.ts';

describe('goals and comparison', () => {
  it('checks every kind of goal, passing and failing', async () => {
    const fat = await buildAndAnalyze('FROM alpine:3.22\nCOPY app.sh /app.sh\nENTRYPOINT ["/app.sh"]\n', {
      'app.sh': '#!/bin/sh\necho hi\n',
    });
    const results = checkGoals(
      [
        { kind: 'builds' },
        { kind: 'starts' },
        { kind: 'maxSize', bytes: 5_000_000 },
        { kind: 'noShell' },
        { kind: 'nonRoot' },
        { kind: 'absentPaths', paths: ['/sbin/apk'] },
        { kind: 'presentPaths', paths: ['/app.sh'] },
        { kind: 'noDiagnostic', code: 'surface/shell' },
        { kind: 'stageCount', min: 2 },
        { kind: 'maxLayers', count: 1 },
      ],
      fat.result,
      fat.analysis,
    );
    expect(results.map((goal) => [goal.goal.kind, goal.pass])).toEqual([
      ['builds', true],
      ['starts', true],
      ['maxSize', false],
      ['noShell', false],
      ['nonRoot', false],
      ['absentPaths', false],
      ['presentPaths', true],
      ['noDiagnostic', false],
      ['stageCount', false],
      ['maxLayers', true],
    ]);
    expect(results[2]?.hint).toMatch(/smaller base/);
    expect(results[2]?.detail).toMatch(/8\.3 MB, limit 5\.0 MB/);
  });

  it('says a goal about the image could not be checked when the build failed, never "met" or "none present"', async () => {
    const failed = await buildAndAnalyze('FROM alpine:3.22\nCOPY missing.txt /\nUSER app\n');
    expect(failed.result.ok).toBe(false);
    const results = checkGoals(
      [
        { kind: 'builds' },
        { kind: 'noShell' },
        { kind: 'absentPaths', paths: ['/bin/sh'] },
        { kind: 'noDiagnostic', code: 'size/build-cache' },
        { kind: 'stageCount', max: 1 },
      ],
      failed.result,
      failed.analysis,
    );
    expect(results.map((r) => [r.goal.kind, r.pass, r.unchecked ?? false])).toEqual([
      ['builds', false, false],
      ['noShell', false, true],
      ['absentPaths', false, true],
      ['noDiagnostic', false, true],
      ['stageCount', true, false],
    ]);
    for (const r of results.filter((r) => r.unchecked)) {
      expect(r.detail).toBe('could not be checked: the image was not built');
    }
  });

  it('still fails a noDiagnostic goal on a failed build when the finding was reported', async () => {
    const failed = await buildAndAnalyze('FROM alpine:3.22\nCOPY missing.txt /\n');
    const code = failed.analysis.diagnostics.find((d) => d.code.startsWith('rule/'))?.code;
    expect(code).toBeDefined();
    const [result] = checkGoals(
      [{ kind: 'noDiagnostic', code: code as string }],
      failed.result,
      failed.analysis,
    );
    expect(result?.pass).toBe(false);
    expect(result?.unchecked).toBeUndefined();
    expect(result?.detail).toMatch(/^line \d+: /);
  });

  it('compares a fat and a lean image: ratio and the tools the lean one dropped', async () => {
    const fat = await buildAndAnalyze('FROM alpine:3.22\nCMD ["sh"]\n');
    const lean = await buildAndAnalyze(
      'FROM scratch\nCOPY --from=busybox /etc/passwd /etc/passwd\nUSER nobody\n',
    );
    const comparison = compare(fat, lean);
    expect(comparison.ratio).toBeGreaterThan(1000);
    expect(comparison.removed.shell).toEqual(expect.arrayContaining(['sh']));
    expect(comparison.removed['package-manager']).toEqual(['apk']);
    expect(comparison.added.shell).toEqual([]);
    expect(comparison.b.user).toBe('nobody');
  });
});
