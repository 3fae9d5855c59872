/**
 * Which image of a tag a build for a platform gets, by containerd's rules as BuildKit applies
 * them (platforms.Normalize, platforms.Only): an index gives its image for the platform or for
 * one the platform also runs (linux/amd64 runs linux/386; linux/arm64 runs linux/arm/v8 down to
 * v5), else fails with "no match for platform in manifest"; a single-platform image is used
 * whatever was asked for, and BuildKit's InvalidBaseImagePlatform check then warns.
 */
import type { TagPlatforms } from './tag-history.ts';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant: string;
}

export type PlatformMatch =
  /** The image for `platform`; `exact` false when its OS or architecture is not the one asked for. */
  { readonly ok: true; readonly platform: Platform; readonly exact: boolean } | { readonly ok: false };

const ARCH_ALIASES: Readonly<Record<string, [string, string?]>> = {
  i386: ['386'],
  x86_64: ['amd64'],
  'x86-64': ['amd64'],
  aarch64: ['arm64'],
  armhf: ['arm', 'v7'],
  armel: ['arm', 'v6'],
};

/** `linux/arm64/v8` → linux, arm64, "" (containerd's normal form). */
export function normalizePlatform(text: string): Platform {
  const [os = '', rawArch = 'amd64', rawVariant = ''] = text.toLowerCase().split('/');
  const [architecture, aliasVariant] = ARCH_ALIASES[rawArch] ?? [rawArch];
  let variant = aliasVariant ?? rawVariant;
  if (/^\d+$/.test(variant)) variant = `v${variant}`;
  if (architecture === 'amd64' && variant === 'v1') variant = '';
  if (architecture === 'arm64' && variant === 'v8') variant = '';
  if (architecture === 'arm' && variant === '') variant = 'v7';
  return { os, architecture, variant };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** The platforms `wanted` runs, best first: itself, then what containerd's Only falls back to. */
function runnable(wanted: Platform): Platform[] {
  const list = [wanted];
  const arm = (from: number) => {
    for (let v = from; v >= 5; v--) list.push({ os: wanted.os, architecture: 'arm', variant: `v${v}` });
  };
  if (wanted.architecture === 'amd64') list.push({ os: wanted.os, architecture: '386', variant: '' });
  if (wanted.architecture === 'arm64') arm(8);
  if (wanted.architecture === 'arm') arm(Number(wanted.variant.slice(1)) - 1);
  return list;
}

const same = (a: Platform, b: Platform) =>
  a.os === b.os && a.architecture === b.architecture && a.variant === b.variant;
// BuildKit's check compares the OS and the architecture only (validateBaseImagePlatform).
const sameArchitecture = (a: Platform, b: Platform) => a.os === b.os && a.architecture === b.architecture;

/** The image a build for `wanted` gets from a tag offering `offered`. */
export function matchPlatform(wanted: string, offered: TagPlatforms): PlatformMatch {
  const target = normalizePlatform(wanted);
  const platforms = offered.platforms.map(normalizePlatform);
  if (offered.kind === 'image') {
    const only = platforms[0];
    return only ? { ok: true, platform: only, exact: sameArchitecture(only, target) } : { ok: false };
  }
  for (const candidate of runnable(target)) {
    const found = platforms.find((p) => same(p, candidate));
    if (found) return { ok: true, platform: found, exact: sameArchitecture(found, target) };
  }
  return { ok: false };
}
