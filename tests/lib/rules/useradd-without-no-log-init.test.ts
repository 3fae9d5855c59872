import { describe, expect, it } from 'vitest';
import { useraddWithoutNoLogInit } from '../../../src/lib/rules/useradd-without-no-log-init.ts';
import { applyFix, build, check, lines } from './fixtures.ts';

describe('rule/useradd-without-no-log-init', () => {
  it('gives the size lastlog grows to, the figure the simulated useradd writes', async () => {
    const text = 'FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\n';
    const [finding] = check(useraddWithoutNoLogInit, text);
    expect(finding?.message).toBe(
      'useradd -u 1000000 without -l makes /var/log/lastlog 292,000,292 bytes in the layer',
    );
    const built = await build(text);
    expect(built.steps[0]?.narrative).toContain('grew /var/log/lastlog to 292,000,292 bytes');
    const fix = finding?.fixes?.[0];
    expect(fix && applyFix(text, fix)).toBe('FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n');
  });

  it.each([
    'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\n',
    'FROM debian:bookworm-slim\nRUN useradd --no-log-init -u 1000000 app\n',
    'FROM debian:bookworm-slim\nRUN useradd -r app\n',
    // A build stage's lastlog never ships.
    'FROM debian:bookworm-slim AS build\nRUN useradd -u 1000000 app\nFROM scratch\nUSER 65532\n',
  ])('does not flag %j', (text) => {
    expect(lines(check(useraddWithoutNoLogInit, text))).toEqual([]);
  });
});
