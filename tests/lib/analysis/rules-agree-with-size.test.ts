/**
 * The apt and apk rules and the size findings judge the same RUN the same way: a cache the built
 * image still holds at /var/lib/apt/lists or /var/cache/apk is a rule finding, and the other way round.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

/** Built with the package data, so apt-get and apk really run and leave what they leave. */
async function findings(dockerfile: string) {
  const result = await simulateBuild({
    dockerfile,
    context: { files: [] },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
  expect(result.steps.map((step) => step.status)).not.toContain('not-simulated');
  return analyze(result).diagnostics;
}

const CACHES = [
  { path: '/var/lib/apt/lists', rule: 'rule/apt-lists-not-removed' },
  { path: '/var/cache/apk', rule: 'rule/apk-no-cache' },
] as const;

const CASES: readonly (readonly [string, string])[] = [
  [
    'lists removed before the update',
    'FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y --no-install-recommends curl\n',
  ],
  [
    'only the lock removed',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/lock\n',
  ],
  [
    'lists removed after the install',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  ],
  ['apk update before add --no-cache', 'FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\n'],
  [
    'apk update, then the index removed',
    'FROM alpine:3.22\nRUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*\n',
  ],
  ['apk add --no-cache alone', 'FROM alpine:3.22\nRUN apk add --no-cache curl\n'],
];

describe('rules and size findings agree on package caches', () => {
  it.each(CASES)('%s', async (_name, dockerfile) => {
    const diagnostics = await findings(dockerfile);
    for (const { path, rule } of CACHES) {
      const left = diagnostics.some(
        (d) => d.code === 'size/build-cache' && d.message.includes(` at ${path} `),
      );
      const ruled = diagnostics.some((d) => d.code === rule);
      expect({ path, ruled }).toEqual({ path, ruled: left });
    }
  });
});
