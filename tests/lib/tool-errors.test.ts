/**
 * Real tools' errors come only with real evidence. Every string a registry, BuildKit, pip, apt or
 * apk prints when a thing does not exist is held to src/lib/tool-errors.ts (whose functions need an
 * Absence), and each gap in the simulator's data is shown to come out in its own voice instead.
 * Removing a guard (the tag history's `never`, PyPI's names, Debian's index) fails a case here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/lib/build/result.ts';
import { simulateBuild } from '../../src/lib/build/simulate.ts';
import { committedCatalog, committedPackages } from './images/catalog-fixture.ts';
import { terminal } from './terminal/fixture.ts';

const LIB = join(import.meta.dirname, '../../src/lib');

/** What real tools print when the thing asked for does not exist. */
const REAL_TOOL_ERRORS = [
  /manifest unknown/,
  /pull access denied/,
  /failed to resolve source metadata/,
  /No matching distribution found/,
  /Could not find a version that satisfies/,
  /Unable to locate package/,
  /unable to select packages/,
  /\(no such package\)/,
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Comments may name the strings (to say why they are not printed); code may not. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

async function build(dockerfile: string): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}

/** Everything a learner reads of a build: the error, each step's narrative, the diagnostics. */
function said(result: BuildResult): string {
  return [
    result.error?.message ?? '',
    ...result.steps.map((step) => step.narrative),
    ...result.diagnostics.map((d) => d.message),
  ].join('\n');
}

function expectOwnVoice(text: string): void {
  for (const pattern of REAL_TOOL_ERRORS) expect(text).not.toMatch(pattern);
}

describe('real tools’ errors', () => {
  it('are written in src/lib/tool-errors.ts only', () => {
    const offenders = sources(LIB)
      .filter((file) => !file.endsWith('tool-errors.ts'))
      .flatMap((file) => {
        const text = code(readFileSync(file, 'utf8'));
        return REAL_TOOL_ERRORS.filter((pattern) => pattern.test(text)).map(
          (pattern) => `${relative(LIB, file)}: ${pattern}`,
        );
      });
    expect(offenders).toEqual([]);
  });

  it.each([
    ['FROM python:3.12-slim\nRUN false || true\n', 'a real tag the catalog lacks'],
    ['FROM node:22\n', 'a real image with no data'],
    ['FROM nginx:latest\n', 'a repository without a recorded history'],
    ['FROM ghcr.io/astral-sh/uv:0.99.0\n', 'a tag an incomplete history does not list'],
    ['FROM python:3.9\nRUN pip install flask==2.3.2\n', 'a release outside the pip data'],
    ['FROM python:3.9\nRUN pip install django==4.2.11\n', 'a project outside the pip data'],
    [
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y htop\n',
      'a Debian package outside the apt data',
    ],
    ['FROM alpine:3.22\nRUN apk add --no-cache no-such-thing\n', 'an Alpine name no list can rule out'],
  ])('are not what a gap in the data says: %s (%s)', async (dockerfile) => {
    const result = await build(dockerfile);
    expectOwnVoice(said(result));
    expect(result.certainty.level).not.toBe('known');
  });

  it.each([
    [
      'FROM golang:1.99\n',
      'golang:1.99: failed to resolve source metadata for docker.io/library/golang:1.99',
    ],
    ['FROM python:3.16-slim\n', 'docker.io/library/python:3.16-slim: not found'],
    [
      'FROM python:3.9\nRUN pip install flask-doesnotexist-7f3a9c\n',
      'No matching distribution found for flask-doesnotexist-7f3a9c',
    ],
    [
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nosuchpackage-xyz\n',
      'E: Unable to locate package nosuchpackage-xyz',
    ],
    ['FROM debian:bookworm-slim\nRUN apt-get install -y curl\n', 'E: Unable to locate package curl'],
  ])('are what the evidence says does not exist: %s', async (dockerfile, message) => {
    const result = await build(dockerfile);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain(message);
    expect(result.error?.certainty.level).toBe('known');
  });

  it('are what docker pull prints only for a tag that never existed', async () => {
    const t = terminal();
    const never = await t.type('docker pull golang:1.99');
    expect(never.err).toContain('manifest for golang:1.99 not found: manifest unknown');
    const noData = await t.type('docker pull node:22');
    expect(noData.status).toBe(1);
    expectOwnVoice(`${noData.out}${noData.err}${noData.notes}`);
    expect(noData.notes).toContain("Not in this simulator's catalog: node:22 (a real tag");
  });
});
