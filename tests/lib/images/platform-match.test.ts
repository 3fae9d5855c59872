/**
 * containerd's platform rules as BuildKit applies them when it picks a base image from an index
 * (platforms.Normalize and platforms.Only in containerd/platforms): the normal forms, and the
 * platforms a build for one platform also accepts.
 */
import { describe, expect, it } from 'vitest';
import { formatPlatform, matchPlatform, normalizePlatform } from '../../../src/lib/images/platform-match.ts';
import { ociPlatform } from '../../../src/lib/images/tag-history.ts';

const index = (...platforms: string[]) => ({ kind: 'index' as const, platforms });

describe('normalizePlatform', () => {
  it.each([
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/arm/6', 'linux/arm/v6'],
    ['linux/i386', 'linux/386'],
    ['Linux/S390X', 'linux/s390x'],
  ])('%s → %s', (text, normal) => {
    expect(formatPlatform(normalizePlatform(text))).toBe(normal);
  });
});

describe("bashbrew's architecture names", () => {
  it.each([
    ['arm64v8', 'linux/arm64/v8'],
    ['arm32v6', 'linux/arm/v6'],
    ['i386', 'linux/386'],
    ['windows-amd64', 'windows/amd64'],
    ['riscv64', 'linux/riscv64'],
    ['arm', 'linux/arm'],
  ])('%s is %s', (name, platform) => {
    expect(ociPlatform(name)).toBe(platform);
  });
});

describe('matchPlatform', () => {
  it('takes the exact platform from an index', () => {
    expect(matchPlatform('linux/arm64', index('linux/amd64', 'linux/arm64/v8'))).toEqual({
      ok: true,
      platform: { os: 'linux', architecture: 'arm64', variant: '' },
      exact: true,
    });
  });

  it('falls back as platforms.Only does: amd64 runs 386, arm64 runs arm/v7, arm/v7 runs arm/v6', () => {
    const amd = matchPlatform('linux/amd64', index('linux/386'));
    expect(amd.ok && formatPlatform(amd.platform)).toBe('linux/386');
    expect(amd.ok && amd.exact).toBe(false);
    const arm = matchPlatform('linux/arm64', index('linux/amd64', 'linux/arm/v7', 'linux/arm/v6'));
    expect(arm.ok && formatPlatform(arm.platform)).toBe('linux/arm/v7');
    const v7 = matchPlatform('linux/arm/v7', index('linux/arm/v6', 'linux/arm/v5'));
    expect(v7.ok && formatPlatform(v7.platform)).toBe('linux/arm/v6');
  });

  it('finds nothing where the platform cannot run any image of the index', () => {
    expect(matchPlatform('linux/amd64', index('windows/amd64'))).toEqual({ ok: false });
    expect(matchPlatform('linux/arm/v6', index('linux/arm/v7'))).toEqual({ ok: false });
    expect(matchPlatform('linux/386', index('linux/amd64'))).toEqual({ ok: false });
  });

  it('uses a single-platform image whatever was asked for, flagging another architecture, not a variant', () => {
    const other = matchPlatform('linux/amd64', { kind: 'image', platforms: ['linux/arm64'] });
    expect(other).toEqual({
      ok: true,
      platform: { os: 'linux', architecture: 'arm64', variant: '' },
      exact: false,
    });
    const variant = matchPlatform('linux/arm/v7', { kind: 'image', platforms: ['linux/arm/v6'] });
    expect(variant.ok && variant.exact).toBe(true);
  });
});
