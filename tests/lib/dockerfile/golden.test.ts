/**
 * Golden cases for what BuildKit's corpora do not cover: heredoc bodies, flags, stage resolution,
 * errors and their positions. A case is a folder with a Dockerfile and the expected view of it;
 * `UPDATE_GOLDEN=1` rewrites the views, which must then be read and checked by hand.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';
import { dumpSyntaxTree, parseDockerfile, resolveStages } from '../../../src/lib/dockerfile/index.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

function place(diagnostic: Diagnostic) {
  const { start, end } = diagnostic.range;
  return {
    code: diagnostic.code,
    message: diagnostic.message,
    at: `${start.line}:${start.column}-${end.line}:${end.column}`,
  };
}

/** What a case pins down, in a form that reads well in a diff. */
function view(source: string, buildArgs: Record<string, string>) {
  const result = parseDockerfile(source);
  if (!result.ok) return { error: place(result.error), warnings: result.warnings.map(place) };
  const { dockerfile, syntax } = result;
  const stages = resolveStages(dockerfile, new Map(Object.entries(buildArgs)));
  return {
    dump: dumpSyntaxTree(syntax).trimEnd().split('\n'),
    stages: stages.ok ? stages.value : { error: place(stages.error) },
    instructions: dockerfile.instructions.map((instruction) => {
      const { keyword, source: _source, range, startLine, endLine, comments, flags, ...fields } = instruction;
      return {
        at: `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`,
        ...(flags.length ? { flags: flags.map((flag) => `${flag.name}=${flag.value}`) } : {}),
        ...(stripRanges(fields) as object),
      };
    }),
    ...(dockerfile.warnings.length ? { warnings: dockerfile.warnings.map(place) } : {}),
  };
}

/** Words as plain strings, so views stay readable; ranges are pinned by `at`, flags and errors. */
function stripRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRanges);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 2 && 'value' in value && 'range' in value)
    return (value as { value: unknown }).value;
  return Object.fromEntries(
    entries.filter(([key]) => key !== 'range').map(([key, item]) => [key, stripRanges(item)]),
  );
}

const cases = readdirSync(GOLDEN).sort();

describe('golden Dockerfiles', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases)('%s', (name) => {
    const dir = join(GOLDEN, name);
    const source = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const argsFile = join(dir, 'build-args.json');
    const buildArgs = existsSync(argsFile) ? JSON.parse(readFileSync(argsFile, 'utf8')) : {};
    const actual = view(source, buildArgs);
    const expectedFile = join(dir, 'expected.json');
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
