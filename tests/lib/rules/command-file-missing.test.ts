import { describe, expect, it } from 'vitest';
import { unsimulatedRun } from '../../../src/lib/build/run-step.ts';
import { commandFileMissing } from '../../../src/lib/rules/command-file-missing.ts';
import { applyFix, briefBuild, briefFindings, briefText, build, check, lines, marked } from './fixtures.ts';

const CONTEXT = { 'example.py': 'print("hello")\n', 'server.go': 'package main\n' };

async function findings(text: string) {
  return check(commandFileMissing, text, await build(text, CONTEXT));
}

describe('rule/command-file-missing', () => {
  it('reports ./server.py in its Bad example and not ./example.py in its Good one, once built', async () => {
    const found = await findings(commandFileMissing.bad);
    expect(lines(found)).toEqual([4]);
    expect(marked(commandFileMissing.bad, found)).toEqual(['"./server.py"']);
    expect(await findings(commandFileMissing.good)).toEqual([]);
  });

  it('says nothing without a build, or when a RUN was not simulated', async () => {
    expect(check(commandFileMissing, commandFileMissing.bad)).toEqual([]);
    const text =
      'FROM python:3.9-alpine\nWORKDIR /app\nRUN some-generator --out server.py\nCMD ["python", "server.py"]\n';
    const result = await build(text, CONTEXT, { runInterpreter: unsimulatedRun });
    expect(check(commandFileMissing, text, result)).toEqual([]);
  });

  it.each([
    [
      'FROM alpine:3.22\nWORKDIR /usr/app\nENTRYPOINT ["./app"]\n',
      ['"./app"'],
      /\/usr\/app\/app \(WORKDIR \/usr\/app\)/,
    ],
    [
      'FROM alpine:3.22\nCMD ["/usr/local/bin/server"]\n',
      ['"/usr/local/bin/server"'],
      /resolves to \/usr\/local\/bin\/server$/,
    ],
    [
      'FROM python:3.9-alpine\nCOPY example.py /srv/\nCMD python -u /srv/main.py\n',
      ['/srv/main.py'],
      /does not exist/,
    ],
    [
      'FROM python:3.9-alpine\nENTRYPOINT ["python3"]\nCMD ["app.py"]\n',
      ['"app.py"'],
      /resolves to \/app\.py/,
    ],
    ['FROM python:3.9-alpine\nWORKDIR /srv\nCMD ["python", "."]\n', ['"."'], /is a directory/],
    // A shell-form ENTRYPOINT ignores CMD; `exec` hands over to the program.
    ['FROM alpine:3.22\nENTRYPOINT exec ./run.sh --fast\nCMD ["/bin/true"]\n', ['./run.sh'], /\/run\.sh/],
  ])('catches %j', async (text, words, message) => {
    const found = await findings(text);
    expect(marked(text, found)).toEqual(words);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD ["python", "example.py"]\n',
    'FROM python:3.9-alpine\nCMD ["python", "-m", "http.server"]\n',
    'FROM python:3.9-alpine\nCMD ["python", "-c", "print(1)"]\n',
    'FROM python:3.9-alpine\nCMD ["python"]\n',
    'FROM alpine:3.22\nCMD ["sh", "-c", "echo hi"]\n',
    'FROM alpine:3.22\nCMD ["ls", "-l"]\n',
    'FROM alpine:3.22\nCMD ["/bin/sh"]\n',
    'FROM alpine:3.22\nENTRYPOINT ["/bin/echo"]\nCMD ["not-a-script.py"]\n',
    'FROM python:3.9-alpine\nCMD ["python", "$SCRIPT"]\n',
    // The base image's own CMD is not this Dockerfile's business.
    'FROM python:3.9-alpine\nWORKDIR /app\n',
  ])('does not catch %j', async (text) => {
    expect(await findings(text)).toEqual([]);
  });

  it('offers the file next to the missing one with the same extension', async () => {
    const text = 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD ["python", "./exmaple.py"]\n';
    const [finding] = await findings(text);
    expect(finding?.hint).toMatch(/\/app holds example\.py: did you mean \.\/example\.py\?/);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD ["python", "./example.py"]\n',
    );
  });

  it('reports ./server.py in the brief’s multi-stage Python image, whose context holds only example.py', async () => {
    expect(await briefFindings(commandFileMissing)).toEqual({
      'python-single-stage': { static: [], built: [] },
      'python-multi-stage': { static: [], built: ['14: "./server.py"'] },
      'go-single-stage': { static: [], built: [] },
      'go-scratch': { static: [], built: [] },
    });
    const text = briefText('python-multi-stage');
    const [finding] = check(commandFileMissing, text, await briefBuild('python-multi-stage'));
    expect(finding?.message).toBe(
      './server.py does not exist in the image: it resolves to /app/server.py (WORKDIR /app)',
    );
    expect(applyFix(text, finding?.fixes?.[0] as never)).toContain('CMD [ "python", "./example.py" ]\n');
  });
});
