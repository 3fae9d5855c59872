import { describe, expect, it } from 'vitest';
import { imageConfigLookup } from '../../../src/lib/images/catalog.ts';
import { finalUserRoot, isRootUser } from '../../../src/lib/rules/final-user-root.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';
import { briefFindings, build, check, lines, marked, ruleInput } from './fixtures.ts';

describe('rule/final-user-root', () => {
  it('reports the final stage of its Bad example, which has no USER, and not its Good one', () => {
    const found = check(finalUserRoot, finalUserRoot.bad);
    expect(lines(found)).toEqual([1]);
    expect(found[0]?.message).toBe(
      "The final image runs as root: no USER instruction, so it keeps the base image's user, root",
    );
    expect(check(finalUserRoot, finalUserRoot.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22\nUSER app\nUSER root\n', ['root'], /the last USER is root/],
    ['FROM alpine:3.22\nUSER 0:0\n', ['0:0'], /the last USER is 0:0/],
    ['FROM alpine:3.22 AS build\nUSER app\nFROM alpine:3.22\nCMD ["sh"]\n', ['alpine:3.22'], /no USER/],
    ['FROM alpine:3.22 AS base\nUSER nobody\nFROM base\nUSER root\n', ['root'], /root/],
  ])('catches %j', (text, words, message) => {
    const found = check(finalUserRoot, text);
    expect(marked(text, found)).toEqual(words);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    // Builder stages may be root: only the final stage runs.
    'FROM golang:1.26 AS build\nUSER root\nFROM scratch\nUSER 65532\n',
    'FROM alpine:3.22 AS base\nUSER nobody\nFROM base\nCMD ["sh"]\n',
    'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
    'FROM alpine:3.22\nUSER ${APP_USER}\n',
  ])('does not catch %j', (text) => {
    expect(check(finalUserRoot, text)).toEqual([]);
  });

  it('checks the --target stage of a build', async () => {
    const text = 'FROM alpine:3.22 AS debug\nFROM alpine:3.22\nRUN adduser -D app\nUSER app\n';
    expect(check(finalUserRoot, text)).toEqual([]);
    expect(check(finalUserRoot, text, await build(text))).toEqual([]);
    expect(lines(check(finalUserRoot, text, await build(text, {}, { target: 'debug' })))).toEqual([1]);
  });

  it('reads the base image’s user from the catalog’s config without a build, and is silent for an unknown image', async () => {
    const imageConfig = imageConfigLookup(await committedCatalog());
    const found = (text: string) => finalUserRoot.check({ ...ruleInput(text), imageConfig });
    expect(lines(found('FROM gcr.io/distroless/static-debian12:latest\nCOPY app /app\n'))).toEqual([1]);
    expect(found('FROM gcr.io/distroless/base-debian12:nonroot\nCOPY app /app\n')).toEqual([]);
    expect(lines(found('FROM python:3.9-alpine\nCOPY app.py /\n'))).toEqual([1]);
    expect(found('FROM example.com/acme/runtime:7\nCOPY app /app\n')).toEqual([]);
  });

  it('takes the base image’s user from the built image', async () => {
    const root = 'FROM gcr.io/distroless/static-debian12:latest\nCOPY app /app\n';
    const nonroot = 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n';
    const context = { app: 'binary' };
    expect(lines(check(finalUserRoot, root, await build(root, context)))).toEqual([1]);
    expect(check(finalUserRoot, nonroot, await build(nonroot, context))).toEqual([]);
  });

  it('reads root as the empty user, root and 0, with or without a group', () => {
    expect(['', 'root', '0', 'root:root', '0:0'].every(isRootUser)).toBe(true);
    expect(['app', '1000', 'rooter', '1000:0'].some(isRootUser)).toBe(false);
  });

  it('reports the three brief images without USER, not the scratch image that switches to app', async () => {
    expect(await briefFindings(finalUserRoot)).toEqual({
      'python-single-stage': { static: ['1: python:3.9'], built: ['1: python:3.9'] },
      'python-multi-stage': { static: ['6: python:3.9-alpine'], built: ['6: python:3.9-alpine'] },
      'go-single-stage': { static: ['1: golang:1'], built: ['1: golang:1'] },
      'go-scratch': { static: [], built: [] },
    });
  });
});
