/** What the problem list shows between a keystroke and the build that follows it. */
import { describe, expect, it } from 'vitest';
import type { BuildOutput, ParseOutput } from '../../../src/components/engine/protocol.ts';
import { problemsOf } from '../../../src/components/playground/problems.ts';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';

const at = (code: string, offset: number): Diagnostic => ({
  code,
  severity: 'warning',
  message: code,
  range: { start: { line: 1, column: 1, offset }, end: { line: 1, column: 2, offset: offset + 1 } },
});

const parse = (ok: boolean, diagnostics: Diagnostic[]) =>
  ({ result: { ok }, diagnostics }) as unknown as ParseOutput;
const build = (diagnostics: Diagnostic[]) => ({ analysis: { diagnostics } }) as unknown as BuildOutput;

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);

describe('problemsOf', () => {
  const built = build([
    at('surface/shell', 0),
    at('parse/no-empty-continuation', 5),
    at('run/no-command', 2),
  ]);

  it('shows the build’s findings in source order once the build is of the current text', () => {
    expect(codes(problemsOf({ parse: parse(true, []), build: built, buildCurrent: true }))).toEqual([
      'surface/shell',
      'run/no-command',
      'parse/no-empty-continuation',
    ]);
  });

  it('shows the fresh parse with the last build’s other findings while a build runs', () => {
    const fresh = parse(true, [at('parse/unknown-flag', 1)]);
    expect(codes(problemsOf({ parse: fresh, build: built, buildCurrent: false }))).toEqual([
      'surface/shell',
      'parse/unknown-flag',
      'run/no-command',
    ]);
  });

  it('shows only the parse error when the text does not parse', () => {
    const broken = parse(false, [at('parse/unknown-instruction', 3)]);
    expect(codes(problemsOf({ parse: broken, build: built, buildCurrent: false }))).toEqual([
      'parse/unknown-instruction',
    ]);
  });

  it('keeps the findings of the last build that parsed while a typo is taken back', () => {
    const typo = build([at('parse/unknown-instruction', 3)]);
    const fresh = parse(true, []);
    expect(codes(problemsOf({ parse: fresh, build: typo, buildCurrent: false, lastParsed: built }))).toEqual([
      'surface/shell',
      'run/no-command',
    ]);
  });

  it('shows nothing before the first answer', () => {
    expect(problemsOf({ parse: undefined, build: undefined, buildCurrent: false })).toEqual([]);
  });
});
