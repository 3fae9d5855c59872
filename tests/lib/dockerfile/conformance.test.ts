/**
 * BuildKit's own parser and word-expansion test data, run against our front end. The corpora are
 * read from ../shared, never copied here; without them these suites are skipped, and say so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpSyntaxTree, expandWord, parseSyntaxTree } from '../../../src/lib/dockerfile/index.ts';
import { CONFORMANCE_DIR, HAS_CONFORMANCE } from '../../conformance-dir.ts';

const parserDir = join(CONFORMANCE_DIR, 'buildkit-parser');
const shellDir = join(CONFORMANCE_DIR, 'buildkit-shell');
const read = (path: string) => readFileSync(path, 'utf8');
const cases = (dir: string) => (HAS_CONFORMANCE ? readdirSync(join(parserDir, dir)).sort() : []);

describe.skipIf(!HAS_CONFORMANCE)('BuildKit parser corpus', () => {
  it('has the 33 positive and 4 negative cases its README lists', () => {
    expect(cases('testfiles')).toHaveLength(33);
    expect(cases('testfiles-negative')).toHaveLength(4);
  });

  it.each(cases('testfiles'))('%s dumps byte for byte as BuildKit', (name) => {
    const result = parseSyntaxTree(read(join(parserDir, 'testfiles', name, 'Dockerfile')));
    if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
    expect(dumpSyntaxTree(result.tree)).toBe(read(join(parserDir, 'testfiles', name, 'result')));
  });

  it.each(cases('testfiles-negative'))('%s is rejected', (name) => {
    const result = parseSyntaxTree(read(join(parserDir, 'testfiles-negative', name, 'Dockerfile')));
    expect(result.ok).toBe(false);
  });

  it('rejects the negative cases with the errors BuildKit gives', () => {
    const message = (name: string) => {
      const result = parseSyntaxTree(read(join(parserDir, 'testfiles-negative', name, 'Dockerfile')));
      return result.ok ? undefined : result.error.message;
    };
    expect(message('empty_dockerfile')).toBe('file with no instructions');
    expect(message('only_comments')).toBe('file with no instructions');
    expect(message('env_no_value')).toBe('ENV must have two arguments');
    expect(message('shykes-nested-json')).toBe(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });

  it('gives the line ranges of the line-number fixture', () => {
    const result = parseSyntaxTree(read(join(parserDir, 'testfile-line', 'Dockerfile')));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.tree.nodes.map((node) => [node.startLine, node.endLine])).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});

/** `PLATFORM|INPUT|EXPECTED` rows; W rows are Windows-only and skipped. */
function envVarRows(): [number, string, string][] {
  if (!HAS_CONFORMANCE) return [];
  return read(join(shellDir, 'envVarTest'))
    .split('\n')
    .map((line, index) => [line, index + 1] as const)
    .filter(([line]) => !line.startsWith('#') && line.trim() !== '')
    .map(([line, number]) => {
      const [platform = '', input = '', expected = ''] = line
        .trim()
        .split('|')
        .map((field) => field.trim());
      return { platform, row: [number, input, expected] as [number, string, string] };
    })
    .filter(({ platform }) => platform === 'A' || platform === 'U')
    .map(({ row }) => row);
}

/** `INPUT|word1,word2` rows, each with the ENV lines seen before it. */
function wordsRows(): [number, string, string[], Map<string, string>][] {
  if (!HAS_CONFORMANCE) return [];
  const env = new Map<string, string>();
  const rows: [number, string, string[], Map<string, string>][] = [];
  read(join(shellDir, 'wordsTest'))
    .split('\n')
    .forEach((line, index) => {
      if (line.startsWith('#') || line === '') return;
      if (line.startsWith('ENV ')) {
        const assignment = line.slice(3).replace(/^ +/, '');
        const eq = assignment.indexOf('=');
        env.set(assignment.slice(0, eq), assignment.slice(eq + 1));
        return;
      }
      const [input = '', expected = ''] = line.split('|');
      rows.push([index + 1, input.trim(), expected.replace(/^ +/, '').split(','), new Map(env)]);
    });
  return rows;
}

describe.skipIf(!HAS_CONFORMANCE)('BuildKit word expansion corpus', () => {
  const env = new Map([
    ['PWD', '/home'],
    ['SHELL', 'bash'],
    ['KOREAN', '한국어'],
    ['NULL', ''],
  ]);
  const rows = envVarRows();

  it('has the rows its README describes', () => {
    expect(rows.length).toBeGreaterThan(200);
    expect(wordsRows().length).toBeGreaterThan(20);
  });

  it.each(rows)('envVarTest line %i: %s → %s', (_line, input, expected) => {
    const result = expandWord(input, env);
    if (expected === 'error') expect(result.ok).toBe(false);
    else expect(result).toMatchObject({ ok: true, value: expected });
  });

  it.each(wordsRows())('wordsTest line %i: %s', (_line, input, expected, wordsEnv) => {
    const result = expandWord(input, wordsEnv);
    expect(result.ok ? result.words : ['error']).toEqual(expected);
  });
});
