/**
 * BuildKit's InvalidBaseImagePlatform on the committed catalog: a single-platform image of
 * another architecture warns in BuildKit's words, as the oracle engine printed them (Docker
 * 28.5.2, 2026-12-07, `FROM --platform=linux/arm64 debian:12-slim` on a local single-platform
 * base: `Base image debian:12-slim was pulled with platform "linux/amd64", expected
 * "linux/arm64" for current build`); a multi-platform tag gives the build's own platform.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';
import { invalidBaseImagePlatform } from '../../../src/lib/rules/invalid-base-image-platform.ts';
import { buildOnCommitted } from '../images/catalog-fixture.ts';

async function warnings(dockerfile: string): Promise<string[]> {
  const build = await buildOnCommitted(dockerfile);
  const parsed = parseDockerfile(dockerfile);
  if (!parsed.ok) throw new Error('does not parse');
  return invalidBaseImagePlatform
    .check({ dockerfile: parsed.dockerfile, text: dockerfile, build })
    .map((d) => d.message);
}

describe('rule/invalid-base-image-platform', () => {
  it('uses a single-platform tag for another platform with the InvalidBaseImagePlatform warning', async () => {
    const dockerfile = 'FROM gcr.io/distroless/static-debian13:nonroot-arm64\n';
    const result = await buildOnCommitted(dockerfile);
    expect(result.ok).toBe(true);
    expect(await warnings(dockerfile)).toEqual([
      'Base image gcr.io/distroless/static-debian13:nonroot-arm64 was pulled with platform "linux/arm64", expected "linux/amd64" for current build',
    ]);
    // the multi-platform tag gives the build's own platform: no warning
    expect(await warnings('FROM gcr.io/distroless/static-debian13:nonroot\n')).toEqual([]);
  });

  it('says nothing for another platform of an index: that image is the platform asked for', async () => {
    expect(await warnings('FROM --platform=linux/arm64 python:3.12-slim\n')).toEqual([]);
  });
});
