import { describe, expect, it } from 'vitest';
import { pipNoCacheDir } from '../../../src/lib/rules/pip-no-cache-dir.ts';
import { applyFix, briefFindings, briefText, check, lines, marked } from './fixtures.ts';

describe('rule/pip-no-cache-dir', () => {
  it('reports the pip install of its Bad example, not its Good one', () => {
    const found = check(pipNoCacheDir, pipNoCacheDir.bad);
    expect(lines(found)).toEqual([4]);
    expect(marked(pipNoCacheDir.bad, found)).toEqual(['install']);
    expect(check(pipNoCacheDir, pipNoCacheDir.good)).toEqual([]);
  });

  it.each([
    ['FROM python:3.9-slim\nRUN pip3 install flask\n', [2]],
    ['FROM python:3.9-slim\nONBUILD RUN pip install flask\n', [2]],
    ['FROM python:3.9-slim\nRUN python -m pip install flask\n', [2]],
    ['FROM python:3.9-slim\nRUN python3.9 -m pip install --upgrade pip && pip install -r req.txt\n', [2, 2]],
    ['FROM python:3.9-slim AS base\nRUN pip install flask\nFROM base\nCMD ["flask"]\n', [2]],
    ['FROM python:3.9-slim\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n', [2]],
  ])('catches %j', (text, expected) => {
    expect(lines(check(pipNoCacheDir, text))).toEqual(expected);
  });

  it.each([
    'FROM python:3.9-slim\nRUN pip install --no-cache-dir flask\n',
    'FROM python:3.9-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    // pip turns the cache off for `no` and `false` too: hadolint's DL3042 spec wrongly keeps warning.
    'FROM python:3.9-slim\nENV PIP_NO_CACHE_DIR=no\nRUN pip install flask\n',
    'FROM python:3.9-slim\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask\n',
    'FROM python:3.9-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n',
    'FROM python:3.9-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    'FROM python:3.9-slim\nRUN pip download flask\n',
    'FROM python:3.9-slim\nRUN pipx install black\n',
    // The cache stays in the builder: the final stage copies only the installed packages.
    'FROM python:3.9 AS build\nRUN pip install --user flask\nFROM python:3.9-slim\nCOPY --from=build /root/.local /root/.local\n',
  ])('does not catch %j', (text) => {
    expect(check(pipNoCacheDir, text)).toEqual([]);
  });

  it('inserts --no-cache-dir after install', () => {
    const text = 'FROM python:3.9-slim\nRUN pip install -r requirements.txt\n';
    const [finding] = check(pipNoCacheDir, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM python:3.9-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
    );
  });

  it('reports the single-stage Python image of the brief, not its builder stage, nor the Go images', async () => {
    expect(await briefFindings(pipNoCacheDir)).toEqual({
      'python-single-stage': { static: ['7: install'], built: ['7: install'] },
      'python-multi-stage': { static: [], built: [] },
      'go-single-stage': { static: [], built: [] },
      'go-scratch': { static: [], built: [] },
    });
    const text = briefText('python-single-stage');
    const [finding] = check(pipNoCacheDir, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toContain(
      'RUN pip install --no-cache-dir -r requirements.txt\n',
    );
  });
});
