import { describe, expect, it } from 'vitest';
import { aptVersionUnpinned } from '../../../src/lib/rules/apt-version-unpinned.ts';
import { check, lines, marked } from './fixtures.ts';

describe('rule/apt-version-unpinned', () => {
  it('reports the first unpinned package of its Bad example, not its Good one', () => {
    const found = check(aptVersionUnpinned, aptVersionUnpinned.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(aptVersionUnpinned.bad, found)).toEqual(['curl']);
    expect(check(aptVersionUnpinned, aptVersionUnpinned.good)).toEqual([]);
  });

  it('names every unpinned package of a command, in every stage', () => {
    const text =
      'FROM debian:bookworm AS build\nRUN apt-get install -y gcc make=4.3-4.1\nFROM debian:bookworm-slim\nRUN apt-get install -y -t bookworm-backports tini jq\n';
    const found = check(aptVersionUnpinned, text);
    expect(lines(found)).toEqual([2, 4]);
    expect(found[1]?.message).toContain('for tini, jq:');
    expect(marked(text, found)).toEqual(['gcc', 'tini']);
  });

  it.each([
    'FROM debian:bookworm-slim\nRUN apt-get install -y ./tool_1.0_amd64.deb\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y $PACKAGES\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get purge -y curl\n',
  ])('does not catch %j', (text) => {
    expect(check(aptVersionUnpinned, text)).toEqual([]);
  });
});
