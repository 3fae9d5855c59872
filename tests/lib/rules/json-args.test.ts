import { describe, expect, it } from 'vitest';
import { jsonArgs } from '../../../src/lib/rules/json-args.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/json-args', () => {
  it('reports the shell-form CMD of its Bad example, not its Good one', () => {
    expect(lines(check(jsonArgs, jsonArgs.bad))).toEqual([4]);
    expect(check(jsonArgs, jsonArgs.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22\nCMD echo hi\n', ['echo hi']],
    ['FROM alpine:3.22\nENTRYPOINT ./app --port 80\n', ['./app --port 80']],
    ['FROM alpine:3.22\nentrypoint  run\n', ['run']],
    ['FROM alpine:3.22\nCMD [ "broken\n', ['[ "broken']],
    ['FROM alpine:3.22\nCMD a && \\\n  b\n', ['a && \\\n  b']],
    ['FROM alpine:3.22 AS a\nCMD one\nFROM a\nCMD two\n', ['one', 'two']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(jsonArgs, text))).toEqual(words);
  });

  it.each([
    'FROM alpine:3.22\nCMD ["echo", "hi"]\n',
    'FROM alpine:3.22\nENTRYPOINT ["./app"]\nCMD ["--port", "80"]\n',
    'FROM alpine:3.22\nSHELL ["/bin/ash", "-c"]\nCMD echo hi\n',
    'FROM alpine:3.22 AS base\nSHELL ["/bin/sh", "-c"]\nFROM base\nCMD echo hi\n',
    'FROM alpine:3.22\nRUN echo shell form is fine for RUN\n',
  ])('does not catch %j', (text) => {
    expect(check(jsonArgs, text)).toEqual([]);
  });

  it('uses BuildKit’s message and says how to fix it', () => {
    const [finding] = check(jsonArgs, jsonArgs.bad);
    expect(finding?.message).toBe(
      'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
    );
    expect(finding?.hint).toMatch(/JSON array/);
  });

  it('offers the exec form when the command is plain words', () => {
    const text = 'FROM alpine:3.22\nCMD exec python "my app.py" --debug\n';
    const [finding] = check(jsonArgs, text);
    expect(finding?.fixes?.[0]?.title).toBe('Use the exec form: CMD ["python", "my app.py", "--debug"]');
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM alpine:3.22\nCMD ["python", "my app.py", "--debug"]\n',
    );
  });

  it.each([
    'FROM alpine:3.22\nCMD app > /log\n',
    'FROM alpine:3.22\nCMD app && other\n',
    'FROM alpine:3.22\nCMD app $PORT\n',
    'FROM alpine:3.22\nCMD PORT=80 app\n',
  ])('offers no fix where the shell does work: %j', (text) => {
    expect(check(jsonArgs, text)[0]?.fixes).toBeUndefined();
  });

  it('finds nothing in the brief, whose CMD and ENTRYPOINT are all in exec form', async () => {
    expect(await briefFindings(jsonArgs)).toEqual(NONE_IN_BRIEF);
  });
});
