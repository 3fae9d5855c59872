/** Every rule at once over the brief's four Dockerfiles: exactly these findings, no more. */
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../../../src/lib/rules/index.ts';
import { BRIEF_NAMES, briefBuild, briefText, ruleInput } from './fixtures.ts';

const EXPECTED = {
  'python-single-stage': ['1 rule/final-user-root', '7 rule/pip-no-cache-dir'],
  'python-multi-stage': ['6 rule/final-user-root', '12 rule/path-misses-bin', '14 rule/command-file-missing'],
  'go-single-stage': ['1 rule/final-user-root'],
  // USER app: the issue asks for hadolint's DL3066 on exactly this line (Kubernetes' runAsNonRoot).
  'go-scratch': ['1 rule/from-as-casing', '11 rule/user-not-numeric'],
} as const;

describe.each(BRIEF_NAMES)('the brief’s %s Dockerfile', (name) => {
  it('has exactly the expected findings once built', async () => {
    const text = briefText(name);
    const found = lint(ruleInput(text, await briefBuild(name)));
    expect(found.map((d) => `${d.range.start.line} ${d.code}`)).toEqual(EXPECTED[name]);
  });

  it('has the same findings without a build, but for the one that needs the built image', () => {
    const expected = EXPECTED[name].filter((finding) => !finding.endsWith('rule/command-file-missing'));
    expect(lintText(briefText(name)).map((d) => `${d.range.start.line} ${d.code}`)).toEqual(expected);
  });
});

it('lintText finds nothing in text that does not parse', () => {
  expect(lintText('RUNN apt-get update\n')).toEqual([]);
});
