/** apt-get and apk with version constraints: the data's one version installs, any other is the simulator's gap. */
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { gapsOf } from '../../../src/lib/certainty.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { buildOnCommitted, committedPackages } from '../images/catalog-fixture.ts';

const build = buildOnCommitted;

const has = (result: BuildResult, path: string) => {
  const tree = result.stages.at(-1)?.tree;
  return tree ? lstat(tree, path) !== undefined : false;
};

async function versionOf(kind: 'apt' | 'apk', name: string): Promise<string> {
  const packages = committedPackages();
  const catalog = kind === 'apt' ? await packages.apt('bookworm') : await packages.apk('3.22');
  const version = catalog.find(name)?.version;
  if (!version) throw new Error(`${name} is not in the ${kind} data`);
  return version;
}

describe('version pins in apt-get and apk', () => {
  it("installs an apt package pinned to the data's version, or to a glob that matches it", async () => {
    const version = await versionOf('apt', 'curl');
    for (const pin of [version, `${version.slice(0, 4)}*`]) {
      const result = await build(
        `FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl=${pin}\n`,
      );
      expect(result.ok, pin).toBe(true);
      expect(result.certainty.level, pin).not.toBe('unknown');
      expect(has(result, '/usr/bin/curl'), pin).toBe(true);
    }
  });

  it("leaves another apt version unknown, in the simulator's words, not apt's", async () => {
    const result = await build(
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl=1.0-1\n',
    );
    expect(result.ok).toBe(true);
    expect(has(result, '/usr/bin/curl')).toBe(false);
    expect(result.certainty.level).toBe('unknown');
    const text = gapsOf(result.certainty)
      .map((gap) => gap.text)
      .join('\n');
    expect(text).toMatch(/^curl=1\.0-1: the package data holds curl \S+ only/m);
    expect(text).not.toMatch(/was not found|Unable to locate/);
  });

  it('installs an apk package whose version meets =, ~ or >=, and not one that does not', async () => {
    const version = await versionOf('apk', 'curl');
    const minor = version.split('.').slice(0, 2).join('.');
    for (const pin of [`curl=${version}`, `curl~${minor}`, 'curl>=8']) {
      const result = await build(`FROM alpine:3.22\nRUN apk add --no-cache ${pin}\n`);
      expect(has(result, '/usr/bin/curl'), pin).toBe(true);
    }
    const old = await build('FROM alpine:3.22\nRUN apk add --no-cache curl=7.0.0-r0\n');
    expect(has(old, '/usr/bin/curl')).toBe(false);
    expect(old.certainty.level).toBe('unknown');
  });
});
