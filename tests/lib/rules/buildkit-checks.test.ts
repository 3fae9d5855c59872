/**
 * BuildKit's own build-check test cases (./buildkit-checks, transcribed from its
 * dockerfile_check_test.go) run through `sim check --json`: BuildKit's warnings (rule, line,
 * message, URL) and error exactly. Our own rule/… findings may come on top and are not compared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CheckReport } from '../../../src/lib/rules/check.ts';
import { recordingIo } from '../../cli/fake-io.ts';

const DIR = join(import.meta.dirname, 'buildkit-checks');
const CASES = readdirSync(DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface CaseFile {
  readonly test: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

async function simCheck(name: string): Promise<{ code: number; report: CheckReport }> {
  const dir = join(DIR, name);
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseFile;
  const args = Object.entries(meta.buildArgs ?? {}).flatMap(([key, value]) => [
    '--build-arg',
    `${key}=${value}`,
  ]);
  const io = recordingIo();
  const code = await main(['check', join(dir, 'Dockerfile'), '--json', ...args], io);
  return { code, report: JSON.parse(io.out()) as CheckReport };
}

describe("BuildKit's check test cases through sim check --json", () => {
  it('reads every case folder', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(86);
    for (const name of CASES) expect(existsSync(join(DIR, name, 'expected.json'))).toBe(true);
  });

  it.each(CASES)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as CheckReport;
    const { code, report } = await simCheck(name);
    const buildkit = report.warnings.filter((warning) => !warning.rule.startsWith('rule/'));
    expect({ warnings: buildkit, error: report.error }).toEqual(expected);
    expect(code).toBe(expected.error === null ? 0 : 1);
  });
});
