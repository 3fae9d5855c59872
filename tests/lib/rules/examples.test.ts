/**
 * Generated from the rule modules: every rule's Bad example triggers it and its Good example does
 * not, every quick fix silences what it fixes, and every rule has its file, its test file and its
 * metadata. Adding a rule without examples, tests or refs fails here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { lint, RULES, type Rule, ruleByCode } from '../../../src/lib/rules/index.ts';
import { applyFix, build, check, dockerignoreOf, ruleInput } from './fixtures.ts';

const RULES_DIR = join(import.meta.dirname, '../../../src/lib/rules');
/** Files of src/lib/rules that hold shared code rather than a rule. */
const SUPPORT = new Set([
  'check.ts',
  'check-options.ts',
  'check-scope.ts',
  'expose-ports.ts',
  'from-platform.ts',
  'index.ts',
  'rule.ts',
  'run-commands.ts',
  'source-text.ts',
  'stages.ts',
]);

function nameOf(rule: Rule): string {
  return rule.code.slice('rule/'.length);
}

async function buildFor(rule: Rule, text: string): Promise<BuildResult | undefined> {
  return rule.needs ? build(text, rule.needs.context) : undefined;
}

describe.each(RULES.map((rule) => [rule.code, rule] as const))('%s', (_code, rule) => {
  it('has a kebab-case code, a one-line title, an explanation and refs in their formats', () => {
    expect(rule.code).toMatch(/^rule\/[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.title).toMatch(/^\S[^\n]{10,80}$/);
    expect(rule.explanation.length).toBeGreaterThan(120);
    for (const id of rule.refs.hadolint ?? []) expect(id).toMatch(/^DL\d{4}$/);
    if (rule.refs.buildkit !== undefined) expect(rule.refs.buildkit).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it('lives in its own file, named after its code, with a test file of the same name', () => {
    expect(existsSync(join(RULES_DIR, `${nameOf(rule)}.ts`))).toBe(true);
    expect(existsSync(join(import.meta.dirname, `${nameOf(rule)}.test.ts`))).toBe(true);
  });

  it('reports its Bad example', async () => {
    const found = check(rule, rule.bad, await buildFor(rule, rule.bad));
    expect(found.length).toBeGreaterThan(0);
    for (const diagnostic of found) {
      expect(diagnostic).toMatchObject({
        code: rule.code,
        severity: rule.severity,
        url: `/rules/#${nameOf(rule)}`,
      });
      expect(diagnostic.range.end.offset).toBeGreaterThan(diagnostic.range.start.offset);
      expect(diagnostic.range.end.offset).toBeLessThanOrEqual(rule.bad.length);
    }
  });

  it('does not report its Good example, which no other rule reports either (the final user aside)', async () => {
    const built = await buildFor(rule, rule.good);
    expect(check(rule, rule.good, built)).toEqual([]);
    const input = { ...ruleInput(rule.good, built), ...dockerignoreOf(rule) };
    const others = lint(input).filter((d) => d.code !== 'rule/final-user-root' || rule.code === d.code);
    expect(others.map((d) => `${d.range.start.line}: ${d.code}`)).toEqual([]);
  });

  it('has quick fixes that silence what they fix', async () => {
    const found = check(rule, rule.bad, await buildFor(rule, rule.bad));
    for (const diagnostic of found) {
      for (const fix of diagnostic.fixes ?? []) {
        const fixed = applyFix(rule.bad, fix);
        const after = check(rule, fixed, await buildFor(rule, fixed));
        expect(after.map((d) => d.range.start.line)).not.toContain(diagnostic.range.start.line);
      }
    }
  });
});

describe('the registry', () => {
  it('holds every rule file once, and finds rules by code', () => {
    const files = readdirSync(RULES_DIR).filter((file) => file.endsWith('.ts') && !SUPPORT.has(file));
    expect(RULES.map((rule) => `${nameOf(rule)}.ts`).sort()).toEqual(files.sort());
    expect(new Set(RULES.map((rule) => rule.code)).size).toBe(RULES.length);
    for (const rule of RULES) expect(ruleByCode(rule.code)).toBe(rule);
  });

  it('returns findings in source order', () => {
    const text =
      'FROM alpine AS Build\nMAINTAINER me\nCMD run it\nFROM python:latest as final\nARG API_KEY\n';
    const found = lint(ruleInput(text));
    const starts = found.map((d) => d.range.start.offset);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(found.map((d) => d.code)).toEqual([
      'rule/pin-base-image',
      'rule/stage-name-casing',
      'rule/maintainer-deprecated',
      'rule/json-args',
      'rule/final-user-root',
      'rule/pin-base-image',
      'rule/from-as-casing',
      'rule/secrets-in-arg-env',
    ]);
  });
});
