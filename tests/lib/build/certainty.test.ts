/**
 * The certainty a build carries, on the cases of issue 14's table: a stand-in base is estimated
 * with its reason, a step after an unfollowed one fails only as an unknown naming that step, and
 * a tag that never existed fails in BuildKit's words.
 */
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { certaintyOf, gap, gapsOf } from '../../../src/lib/certainty.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

async function build(dockerfile: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}

describe('certainty of a build', () => {
  it('builds a real tag the catalog lacks on its nearest sibling, as an estimate that says why', async () => {
    const result = await build('FROM python:3.12.4-slim\n');
    const base = result.stages[0]?.base;
    expect(base?.kind === 'image' && base.resolved).toBe('python:3.12.14-slim-trixie');
    expect(result.ok).toBe(true);
    expect(result.certainty.level).toBe('estimated');
    expect(gapsOf(result.certainty)).toContainEqual(
      expect.objectContaining({
        kind: 'stand-in',
        line: 1,
        text: expect.stringContaining('python:3.12.4-slim'),
      }),
    );
  });

  it('does not fail confidently on a command an unfollowed step may have installed', async () => {
    const result = await build(
      'FROM golang:1-alpine\nRUN apk add --no-cache upx\nRUN upx /usr/local/go/bin/go\n',
    );
    expect(result.ok).toBe(true);
    const [install, run] = result.steps;
    expect(install?.status).toBe('not-simulated');
    expect(run?.status).toBe('not-simulated');
    expect(run?.certainty).toMatchObject({ level: 'unknown', gaps: [{ kind: 'depends', line: 3 }] });
    expect(gapsOf(run?.certainty ?? certaintyOf([]))[0]?.text).toContain(
      'line 2, which the simulator could not follow',
    );
    expect(run?.narrative).not.toMatch(/install it/);
  });

  it('still fails as Docker does when nothing unfollowed came before', async () => {
    const result = await build('FROM golang:1-alpine\nRUN upx /usr/local/go/bin/go\n');
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('build/command-not-found');
    expect(result.error?.certainty.level).not.toBe('unknown');
  });

  it('keeps one gap per sentence and line, at its weakest level', () => {
    const a = gap('estimated', 'depends', 'x', 3);
    const b = gap('unknown', 'depends', 'x', 3);
    expect(certaintyOf([a, b])).toEqual({ level: 'unknown', gaps: [b] });
    expect(certaintyOf([])).toEqual({ level: 'known' });
  });
});
