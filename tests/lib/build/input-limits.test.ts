/**
 * Hostile Dockerfiles: each once ran the engine out of memory, out of time or out of stack. Each
 * must now end quickly, with a clear error where it is one, and the figures stay linear.
 */
import { describe, expect, it } from 'vitest';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { expandWord, MAX_EXPANDED_LENGTH } from '../../../src/lib/dockerfile/word-expansion.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

/** `ARG A1=${A0}${A0}` … 24 levels: 537 bytes that double to 400 MB. */
function doubling(prefix: string, levels = 24): string {
  const lines = [prefix, 'ARG A0=xxxxxxxxxxxxxxxxxxxxxxxx'];
  for (let i = 1; i <= levels; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return `${lines.join('\n')}\nRUN echo $A${levels}\n`;
}

async function build(dockerfile: string) {
  const started = performance.now();
  const result = await simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
  });
  return { result, seconds: (performance.now() - started) / 1000 };
}

describe('engine limits', () => {
  it('stops a word at 128 KiB with its own code, checked as it grows', () => {
    const env = new Map([['A', 'x'.repeat(MAX_EXPANDED_LENGTH / 2 + 1)]]);
    const result = expandWord('${A}${A}', env);
    expect(result).toMatchObject({ ok: false, code: 'build/value-too-large' });
    expect(expandWord('${A}', env)).toMatchObject({ ok: true });
  });

  it('refuses the doubling ARG chain in a stage quickly, naming the line', async () => {
    const { result, seconds } = await build(doubling('FROM alpine:3.22'));
    expect(result.error).toMatchObject({ code: 'build/value-too-large', line: 15 });
    expect(result.error?.message).toContain('expands to more than 128 KiB');
    expect(seconds).toBeLessThan(5);
  });

  it('refuses the doubling chain in global ARGs too', async () => {
    const dockerfile = doubling('# global', 24).replace(/\nRUN .*\n$/, '\nFROM alpine:3.22\n');
    const { result } = await build(dockerfile);
    expect(result.error).toMatchObject({ code: 'build/value-too-large' });
  });

  it('caps what a whole build expands, however the values are repeated', async () => {
    const value = 'y'.repeat(60_000);
    const lines = ['FROM alpine:3.22', `ARG BIG=${value}`];
    for (let i = 0; i < 400; i++) lines.push(`LABEL l${i}=\${BIG}\${BIG}`);
    const { result } = await build(lines.join('\n'));
    expect(result.error).toMatchObject({ code: 'build/value-too-large' });
    expect(result.error?.message).toContain('16 MiB');
  });

  it('handles 15,000 ENV lines in linear time', async () => {
    const lines = ['FROM alpine:3.22'];
    for (let i = 0; i < 15_000; i++) lines.push(`ENV V${i}=value${i}`);
    lines.push('ENV LAST=$V14999');
    const { result, seconds } = await build(lines.join('\n'));
    expect(result.error).toBeNull();
    const env = new Map(result.stages[0]?.config?.env);
    expect(env.get('LAST')).toBe('value14999');
    expect(env.size).toBeGreaterThan(15_000);
    expect(seconds).toBeLessThan(15);
  });

  it('builds a chain of 10,000 stages, each copying from the one before', async () => {
    const lines = ['FROM scratch AS s0', 'ENV X=1'];
    for (let i = 1; i < 10_000; i++) lines.push(`FROM scratch AS s${i}`, `COPY --from=s${i - 1} / /`);
    const { result } = await build(lines.join('\n'));
    expect(result.error).toBeNull();
    expect(result.stages.filter((stage) => stage.built)).toHaveLength(10_000);
  });

  it('builds a stage of 200,000 steps without overflowing the stack', async () => {
    // USER rather than RUN: the same number of steps, built in seconds rather than minutes.
    const { result } = await build(`FROM scratch\n${'USER 0\n'.repeat(200_000)}`);
    expect(result.error).toBeNull();
    expect(result.steps).toHaveLength(200_000);
  });
});
