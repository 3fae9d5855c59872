/**
 * Every rule over every Dockerfile the repository has (BuildKit's parser corpus, the golden cases,
 * the brief) and over generated ones: lint never throws, and every finding and fix stays in the text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';
import { lintText } from '../../../src/lib/rules/index.ts';
import { CONFORMANCE_DIR } from '../../conformance-dir.ts';
import { BRIEF_NAMES, briefText } from './fixtures.ts';

function dockerfilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path === 'Dockerfile' || path.endsWith('/Dockerfile') || path.endsWith('.Dockerfile'))
    .map((path) => readFileSync(join(dir, path), 'utf8'));
}

const CORPUS = [
  ...dockerfilesUnder(join(CONFORMANCE_DIR, 'buildkit-parser/testfiles')),
  ...dockerfilesUnder(join(import.meta.dirname, '../dockerfile/golden')),
  ...dockerfilesUnder(join(import.meta.dirname, '../build/golden')),
  ...BRIEF_NAMES.map(briefText),
];

function checkFinding(diagnostic: Diagnostic, text: string): void {
  expect(diagnostic.code).toMatch(/^rule\/[a-z-]+$/);
  expect(diagnostic.range.start.offset).toBeGreaterThanOrEqual(0);
  expect(diagnostic.range.end.offset).toBeGreaterThanOrEqual(diagnostic.range.start.offset);
  expect(diagnostic.range.end.offset).toBeLessThanOrEqual(text.length);
  for (const fix of diagnostic.fixes ?? []) {
    for (const edit of fix.edits) {
      expect(edit.from).toBeGreaterThanOrEqual(0);
      expect(edit.to).toBeGreaterThanOrEqual(edit.from);
      expect(edit.to).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('lint over the repository’s Dockerfiles', () => {
  it('reads the corpora', () => {
    expect(CORPUS.length).toBeGreaterThan(30);
  });

  it('never throws, and keeps every finding inside the text', () => {
    for (const text of CORPUS) for (const diagnostic of lintText(text)) checkFinding(diagnostic, text);
  });
});

const LINE = fc.constantFrom(
  'FROM alpine',
  'FROM golang:1.26 as Build',
  'FROM build',
  'FROM ${BASE}:latest AS scratch',
  'ARG TOKEN=1',
  'ENV PATH=/root/.local:$PATH',
  'ENV PIP_NO_CACHE_DIR=1',
  'WORKDIR app',
  'WORKDIR /srv',
  'COPY . .',
  'COPY --from=biuld / /',
  'COPY --from=0 /a /b',
  'RUN apt-get update && \\',
  '    apt-get install -y curl',
  'RUN apk add curl; pip install -r requirements.txt',
  'RUN <<EOF',
  'apt-get update',
  'EOF',
  'RUN ["pip", "install", "flask"]',
  'CMD python app.py',
  'ENTRYPOINT ["./app"]',
  'USER root',
  'MAINTAINER me',
  '# comment',
  '',
);

describe('lint over generated Dockerfiles', () => {
  it('never throws, and keeps every finding inside the text', () => {
    fc.assert(
      fc.property(fc.array(LINE, { minLength: 1, maxLength: 20 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        for (const diagnostic of lintText(text)) checkFinding(diagnostic, text);
      }),
      { numRuns: 400 },
    );
  });
});
