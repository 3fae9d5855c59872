import { describe, expect, it } from 'vitest';
import { aptListsNotRemoved } from '../../../src/lib/rules/apt-lists-not-removed.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/apt-lists-not-removed', () => {
  it('reports the apt-get update of its Bad example, not its Good one', () => {
    const found = check(aptListsNotRemoved, aptListsNotRemoved.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(aptListsNotRemoved.bad, found)).toEqual(['update']);
    expect(check(aptListsNotRemoved, aptListsNotRemoved.good)).toEqual([]);
  });

  it.each([
    [
      'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      [2],
    ],
    ['FROM debian:bookworm-slim\nRUN apt update && apt install -y curl\n', [2]],
    ['FROM debian:bookworm-slim\nONBUILD RUN apt-get update\n', [2]],
    // Removed before the update, or only the lock file: the lists stay.
    ['FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get update\n', [2]],
    ['FROM debian:bookworm-slim\nRUN apt-get update && rm -f /var/lib/apt/lists/lock\n', [2]],
    [
      'FROM debian:bookworm-slim\nRUN set -eux; \\\n    apt-get -q update; \\\n    apt-get install -y curl\n',
      [3],
    ],
    ['FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', [3]],
    ['FROM debian:bookworm-slim AS base\nRUN apt-get update\nFROM base\nCMD ["bash"]\n', [2]],
  ])('catches %j', (text, expected) => {
    expect(lines(check(aptListsNotRemoved, text))).toEqual(expected);
  });

  it.each([
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y curl\n',
    // A build stage the final image only copies an artifact from: its lists are never shipped.
    'FROM debian:bookworm-slim AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /bin/true /true\n',
  ])('does not catch %j', (text) => {
    expect(check(aptListsNotRemoved, text)).toEqual([]);
  });

  it('appends the cleanup to the end of the RUN, continuation lines included', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y curl\n';
    const [finding] = check(aptListsNotRemoved, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('appends a plain command after a trailing semicolon', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y curl;\n';
    const [finding] = check(aptListsNotRemoved, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('finds nothing in the brief, which installs no Debian packages', async () => {
    expect(await briefFindings(aptListsNotRemoved)).toEqual(NONE_IN_BRIEF);
  });
});
