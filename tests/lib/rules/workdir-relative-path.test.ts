import { describe, expect, it } from 'vitest';
import { workdirRelativePath } from '../../../src/lib/rules/workdir-relative-path.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/workdir-relative-path', () => {
  it('reports the relative WORKDIR of its Bad example, not its Good one', () => {
    const found = check(workdirRelativePath, workdirRelativePath.bad);
    expect(lines(found)).toEqual([2]);
    expect(found[0]?.message).toBe(
      'Relative workdir "src/app" can have unexpected results if the base image changes',
    );
    expect(check(workdirRelativePath, workdirRelativePath.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22\nWORKDIR app\nWORKDIR sub\n', ['app']],
    ['FROM alpine:3.22\nWORKDIR ./build\n', ['./build']],
    ['FROM alpine:3.22\nWORKDIR "app dir"\n', ['"app dir"']],
    ['FROM alpine:3.22 AS a\nWORKDIR /a\nFROM alpine:3.22\nWORKDIR b\n', ['b']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(workdirRelativePath, text))).toEqual(words);
  });

  it.each([
    'FROM alpine:3.22\nWORKDIR /app\nWORKDIR sub\n',
    'FROM alpine:3.22 AS base\nWORKDIR /app\nFROM base\nWORKDIR sub\n',
    'FROM alpine:3.22\nWORKDIR $HOME/app\n',
    'FROM alpine:3.22\nWORKDIR ${APP_DIR}\n',
  ])('does not catch %j', (text) => {
    expect(check(workdirRelativePath, text)).toEqual([]);
  });

  it('offers the absolute path it means on a base whose WORKDIR is /', () => {
    const text = 'FROM alpine:3.22\nWORKDIR ./build/../app\n';
    const [finding] = check(workdirRelativePath, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe('FROM alpine:3.22\nWORKDIR /app\n');
  });

  it('finds nothing in the brief, whose WORKDIRs are absolute', async () => {
    expect(await briefFindings(workdirRelativePath)).toEqual(NONE_IN_BRIEF);
  });
});
