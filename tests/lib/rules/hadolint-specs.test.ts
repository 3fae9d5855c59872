/**
 * hadolint's own spec cases (./hadolint-specs/cases.json, transcribed from its
 * test/Hadolint/Rule/DL*Spec.hs) for the rules that carry its IDs: each case's Dockerfile either
 * is or is not reported, as hadolint expects, except the disagreements listed with the reason
 * this project is right (./hadolint-specs/disagreements.json), which must still disagree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';
import { RULES } from '../../../src/lib/rules/index.ts';

interface SpecCase {
  readonly rule: string;
  readonly name: string;
  readonly dockerfile: string;
  readonly catches: boolean;
}

const DIR = join(import.meta.dirname, 'hadolint-specs');
const { cases } = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { cases: SpecCase[] };
const DISAGREEMENTS = JSON.parse(readFileSync(join(DIR, 'disagreements.json'), 'utf8')) as Record<
  string,
  string
>;

const keyOf = (spec: SpecCase) => `${spec.rule}: ${spec.name}`;

/** hadolint reads lines without a FROM; BuildKit, and so this project, needs a stage first. */
function withStage(text: string): string {
  return /^\s*FROM\s/im.test(
    text.split('\n').find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '',
  )
    ? text
    : `FROM scratch\n${text}`;
}

/** Whether the rules that carry the hadolint ID report the case's Dockerfile; undefined when it does not parse. */
function reports(spec: SpecCase): boolean | undefined {
  const text = withStage(spec.dockerfile);
  const parsed = parseDockerfile(text);
  if (!parsed.ok) return undefined;
  const rules = RULES.filter((rule) => rule.refs.hadolint?.includes(spec.rule));
  return rules.some((rule) => rule.check({ dockerfile: parsed.dockerfile, text }).length > 0);
}

describe("hadolint's spec cases for the rules that carry its IDs", () => {
  it('has a rule for every ID transcribed', () => {
    for (const id of new Set(cases.map((spec) => spec.rule)))
      expect(
        RULES.some((rule) => rule.refs.hadolint?.includes(id)),
        id,
      ).toBe(true);
  });

  it('lists only disagreements that exist, each with its reason', () => {
    const keys = new Set(cases.map(keyOf));
    for (const [key, reason] of Object.entries(DISAGREEMENTS)) {
      expect(keys.has(key), key).toBe(true);
      expect(reason.length).toBeGreaterThan(30);
    }
  });

  it.each(cases.map((spec) => [keyOf(spec), spec] as const))('%s', (key, spec) => {
    const found = reports(spec);
    if (key in DISAGREEMENTS) expect(found).not.toBe(spec.catches);
    else expect(found).toBe(spec.catches);
  });
});
