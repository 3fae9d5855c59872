/**
 * Property-based fuzzing: whatever the text, the front end returns a result or a typed error with
 * a valid position, and does so quickly, never throwing and never hanging.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';
import { dumpSyntaxTree, expandWord, parseDockerfile } from '../../../src/lib/dockerfile/index.ts';

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');
const SEEDS = ['go-scratch', 'go-single-stage', 'python-multi-stage', 'python-single-stage'].map((name) =>
  readFileSync(join(EXAMPLES, `${name}.Dockerfile`), 'utf8'),
);
/** A time no parse of these inputs should come near on any machine; a hang or a blow-up would. */
const TIME_BOUND_MS = 2000;

function checkDiagnostic(diagnostic: Diagnostic, text: string): void {
  expect(diagnostic.code).toMatch(/^[a-z]+\/[a-z-]+$/);
  expect(diagnostic.message.length).toBeGreaterThan(0);
  const { start, end } = diagnostic.range;
  expect(start.line).toBeGreaterThanOrEqual(1);
  expect(start.offset).toBeGreaterThanOrEqual(0);
  expect(end.offset).toBeGreaterThanOrEqual(start.offset);
  expect(end.offset).toBeLessThanOrEqual(text.length);
}

/** Parses, and checks the outcome is well-formed and quick. */
function parseChecked(text: string): void {
  const started = performance.now();
  const result = parseDockerfile(text);
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  if (result.ok) {
    for (const warning of result.dockerfile.warnings) checkDiagnostic(warning, text);
    expect(typeof dumpSyntaxTree(result.syntax)).toBe('string');
    for (const instruction of result.dockerfile.instructions) {
      expect(instruction.range.end.offset).toBeLessThanOrEqual(text.length);
    }
  } else {
    checkDiagnostic(result.error, text);
  }
}

/** Characters that mean something to the parser, to make random text interesting. */
const SPECIAL = fc.constantFrom(
  '\\',
  '`',
  '"',
  "'",
  '\n',
  '\r\n',
  ' ',
  '\t',
  '#',
  '[',
  ']',
  ',',
  '=',
  '$',
  '{',
  '}',
  ':-',
  '<<',
  '<<-',
  'EOF',
  '--',
  '--from=',
  'RUN ',
  'FROM ',
  'COPY ',
  'ONBUILD ',
  'HEALTHCHECK ',
  '# escape=`\n',
  'é',
  '\u00a0',
  '\u0000',
  '😀',
);
const fragment = fc.oneof(
  SPECIAL,
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const noisyText = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

/** A seed Dockerfile with fragments inserted at random places. */
const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fragment), { maxLength: 8 }))
  .map(([seed, edits]) =>
    edits.reduce((text, [at, insert]) => {
      const position = at % (text.length + 1);
      return text.slice(0, position) + insert + text.slice(position);
    }, seed),
  );

describe('the Dockerfile front end under random input', () => {
  it('returns a result or a typed error for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parseChecked), { numRuns: 400 });
  });

  it('returns a result or a typed error for text full of Dockerfile syntax', () => {
    fc.assert(fc.property(noisyText, parseChecked), { numRuns: 600 });
  });

  it('returns a result or a typed error for mutated real Dockerfiles', () => {
    fc.assert(fc.property(mutated, parseChecked), { numRuns: 600 });
  });

  it('expands any word to a value or an error message', () => {
    const env = new Map([
      ['A', 'abcabc'],
      ['EMPTY', ''],
    ]);
    fc.assert(
      fc.property(noisyText, (word) => {
        const result = expandWord(word, env);
        if (result.ok) expect(typeof result.value).toBe('string');
        else expect(result.message).toMatch(/^failed to process /);
      }),
      { numRuns: 600 },
    );
  });
});

describe('the Dockerfile front end under large input', () => {
  it('parses a 20,000-instruction Dockerfile', () => {
    const text = `FROM alpine:3.22\n${'RUN echo "step" && true\n'.repeat(20_000)}`;
    parseChecked(text);
    const result = parseDockerfile(text);
    expect(result.ok && result.dockerfile.stages[0]?.instructions.length).toBe(20_000);
  });

  it('joins a 10,000-line continuation into one instruction', () => {
    parseChecked(`FROM alpine:3.22\nRUN true \\\n${'  && echo more \\\n'.repeat(10_000)}  && true\n`);
  });

  it('rejects deeply nested substitutions with an error instead of overflowing the stack', () => {
    const deep = `${'${A:-'.repeat(20_000)}x${'}'.repeat(20_000)}`;
    parseChecked(`FROM alpine:3.22\nENV X=${deep}\n`);
    expect(expandWord(deep, new Map())).toMatchObject({ ok: false });
  });

  it('matches patterns with many stars against a long value in linear time', () => {
    const env = new Map([['LONG', 'a'.repeat(100_000)]]);
    const started = performance.now();
    const result = expandWord('${LONG#*a*a*a*a*a*a*a*a*b}', env);
    expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
    expect(result).toMatchObject({ ok: true, value: 'a'.repeat(100_000) });
  });

  it('reads a body of 100,000 heredoc lines', () => {
    parseChecked(`FROM alpine:3.22\nRUN <<EOF\n${'echo line\n'.repeat(100_000)}EOF\n`);
  });

  it('rejects a line over 64 KiB as BuildKit does', () => {
    const result = parseDockerfile(`FROM alpine:3.22\nRUN echo ${'x'.repeat(70_000)}\n`);
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: 'dockerfile line greater than max allowed size of 65535',
        range: { start: { line: 2 } },
      },
    });
  });
});
