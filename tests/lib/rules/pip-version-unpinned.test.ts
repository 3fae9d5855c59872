import { describe, expect, it } from 'vitest';
import { pipVersionUnpinned } from '../../../src/lib/rules/pip-version-unpinned.ts';
import { check, lines, marked } from './fixtures.ts';

describe('rule/pip-version-unpinned', () => {
  it('reports its Bad example at the first unpinned requirement, not its Good one', () => {
    const found = check(pipVersionUnpinned, pipVersionUnpinned.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(pipVersionUnpinned.bad, found)).toEqual(['flask']);
    expect(found[0]?.message).toContain('for flask, gunicorn:');
    expect(check(pipVersionUnpinned, pipVersionUnpinned.good)).toEqual([]);
  });

  it.each([
    ['FROM python:3.13-slim\nRUN uv pip install --system fastapi\n', ['fastapi']],
    ['FROM python:3.13-slim\nRUN pip install -r requirements.txt uvicorn\n', ['uvicorn']],
    ['FROM python:3.13-slim\nRUN python3 -m pip install --upgrade pip\n', ['pip']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(pipVersionUnpinned, text))).toEqual(words);
  });

  it.each([
    'FROM python:3.13-slim\nRUN pip install -e .\n',
    'FROM python:3.13-slim\nRUN pip install /wheels/*.whl\n',
    'FROM python:3.13-slim\nRUN pip install "requests[socks]>=2.32"\n',
    'FROM python:3.13-slim\nRUN pip install "mypkg @ https://example.com/mypkg-1.0.tar.gz"\n',
    'FROM python:3.13-slim\nRUN pip install flask -c constraints.txt\n',
  ])('does not catch %j', (text) => {
    expect(check(pipVersionUnpinned, text)).toEqual([]);
  });
});
