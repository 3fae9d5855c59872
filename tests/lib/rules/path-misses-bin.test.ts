import { describe, expect, it } from 'vitest';
import { pathMissesBin } from '../../../src/lib/rules/path-misses-bin.ts';
import { applyFix, briefBuild, briefFindings, briefText, build, check, lines, marked } from './fixtures.ts';

describe('rule/path-misses-bin', () => {
  it('reports /root/.local on PATH in its Bad example, not /root/.local/bin in its Good one', () => {
    const found = check(pathMissesBin, pathMissesBin.bad);
    expect(lines(found)).toEqual([6]);
    expect(marked(pathMissesBin.bad, found)).toEqual(['/root/.local']);
    expect(check(pathMissesBin, pathMissesBin.good)).toEqual([]);
  });

  it.each([
    ['FROM python:3.9\nENV PATH="/home/app/.local:$PATH"\n', ['/home/app/.local']],
    ['FROM python:3.9\nENV PATH=$PATH:/root/.local/\n', ['/root/.local/']],
    ['FROM python:3.9\nENV PATH /root/.local:/usr/local/bin:/usr/bin:/bin\n', ['/root/.local']],
    ['FROM python:3.9 AS base\nENV PATH=/root/.local:$PATH\nFROM base\n', ['/root/.local']],
  ])('catches %j without a build', (text, words) => {
    expect(marked(text, check(pathMissesBin, text))).toEqual(words);
  });

  it.each([
    'FROM python:3.9\nENV PATH=/root/.local/bin:$PATH\n',
    'FROM python:3.9\nENV PATH=/root/.local:/root/.local/bin:$PATH\n',
    'FROM python:3.9\nENV PATH=/opt/venv:$PATH\n',
    'FROM python:3.9\nENV PATH=$HOME/.local:$PATH\n',
    // A build stage's PATH does not reach the final image.
    'FROM python:3.9 AS build\nENV PATH=/root/.local:$PATH\nFROM python:3.9-slim\n',
  ])('does not catch %j without a build', (text) => {
    expect(check(pathMissesBin, text)).toEqual([]);
  });

  it('finds any prefix whose bin directory holds the commands, once the image is built', async () => {
    const text =
      'FROM python:3.9-slim\nRUN mkdir -p /opt/venv/bin && touch /opt/venv/bin/gunicorn && chmod +x /opt/venv/bin/gunicorn\nENV PATH=/opt/venv:$PATH\n';
    const found = check(pathMissesBin, text, await build(text));
    expect(marked(text, found)).toEqual(['/opt/venv']);
    expect(found[0]?.message).toBe(
      'PATH lists /opt/venv, but the commands are in /opt/venv/bin (gunicorn): they are not found by name',
    );
  });

  it('trusts the built image over the name: a .local without commands in bin is left alone', async () => {
    const text = 'FROM python:3.9-slim\nRUN mkdir -p /root/.local/lib\nENV PATH=/root/.local:$PATH\n';
    expect(check(pathMissesBin, text)).toHaveLength(1);
    expect(check(pathMissesBin, text, await build(text))).toEqual([]);
  });

  it('reports the brief’s multi-stage Python image, where flask lands in /root/.local/bin', async () => {
    expect(await briefFindings(pathMissesBin)).toEqual({
      'python-single-stage': { static: [], built: [] },
      'python-multi-stage': { static: ['12: /root/.local'], built: ['12: /root/.local'] },
      'go-single-stage': { static: [], built: [] },
      'go-scratch': { static: [], built: [] },
    });
    const text = briefText('python-multi-stage');
    const [finding] = check(pathMissesBin, text, await briefBuild('python-multi-stage'));
    expect(finding?.message).toBe(
      'PATH lists /root/.local, but pip install --user puts its commands in /root/.local/bin (flask): they are not found by name',
    );
    expect(applyFix(text, finding?.fixes?.[0] as never)).toContain('ENV PATH=/root/.local/bin:$PATH\n');
  });
});
