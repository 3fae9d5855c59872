import { describe, expect, it } from 'vitest';
import { aptNoInstallRecommends } from '../../../src/lib/rules/apt-no-install-recommends.ts';
import { applyFix, briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/apt-no-install-recommends', () => {
  it('reports the apt-get install of its Bad example, not its Good one', () => {
    const found = check(aptNoInstallRecommends, aptNoInstallRecommends.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(aptNoInstallRecommends.bad, found)).toEqual(['install']);
    expect(check(aptNoInstallRecommends, aptNoInstallRecommends.good)).toEqual([]);
  });

  it.each([
    ['FROM debian:bookworm-slim\nRUN apt-get -y install curl\n', [2]],
    ['FROM debian:bookworm-slim\nONBUILD RUN apt-get -y install curl\n', [2]],
    [
      'FROM debian:bookworm-slim\nRUN apt install -y curl && apt-get -o Dpkg::Options::=--force-confold install -y git\n',
      [2, 2],
    ],
    ['FROM debian:bookworm-slim\nRUN if true; then apt-get install -y curl; fi\n', [2]],
    ['FROM debian:bookworm-slim\nRUN ["apt-get", "install", "-y", "curl"]\n', [2]],
  ])('catches %j', (text, expected) => {
    expect(lines(check(aptNoInstallRecommends, text))).toEqual(expected);
  });

  it.each([
    'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    'FROM debian:bookworm-slim AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /bin/true /true\n',
  ])('does not catch %j', (text) => {
    expect(check(aptNoInstallRecommends, text)).toEqual([]);
  });

  it('inserts the flag after install, in the right place on a later line', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install -y curl\n';
    const [finding] = check(aptNoInstallRecommends, text);
    expect(finding?.range.start).toMatchObject({ line: 3, column: 13 });
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(
      'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl\n',
    );
  });

  it('finds nothing in the brief', async () => {
    expect(await briefFindings(aptNoInstallRecommends)).toEqual(NONE_IN_BRIEF);
  });
});
