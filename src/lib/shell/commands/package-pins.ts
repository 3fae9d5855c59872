/**
 * apt's and apk's version constraints, applied before the install: a constraint the data's version
 * meets installs that version; one it does not meet, or cannot be judged, is the simulator's gap
 * (the data holds one version of each package, so whether another exists is unknown), never the
 * real tool's "Version … was not found".
 */
import {
  apkVersionMatches,
  aptVersionMatches,
  type PackageRequest,
  parseApkRequest,
  parseAptRequest,
} from '../../packages/version-pins.ts';
import { type CommandContext, noteGap } from '../command.ts';

interface Versioned {
  find(name: string): { readonly version: string } | undefined;
}

function unknownVersion(context: CommandContext, request: PackageRequest, have: string, where: string): void {
  noteGap(
    context.state,
    'no-data',
    `${request.text}: the package data holds ${request.name} ${have} only (${where}); whether that version exists is unknown, so it is not installed here.`,
  );
}

/** apt's requests as the names to install; `suite` is the stage's Debian release. */
export function aptNames(
  context: CommandContext,
  catalog: Versioned,
  args: readonly string[],
  suite: string,
): string[] {
  const names: string[] = [];
  for (const request of args.map(parseAptRequest)) {
    const pkg = catalog.find(request.name);
    if (pkg && request.version !== undefined && !aptVersionMatches(pkg.version, request.version)) {
      unknownVersion(context, request, pkg.version, `Debian ${suite}'s version when the data was made`);
      continue;
    }
    if (pkg && request.release !== undefined && !request.release.startsWith(suite)) {
      noteGap(
        context.state,
        'no-data',
        `${request.text}: the package data covers Debian ${suite}, not ${request.release}; not installed here.`,
      );
      continue;
    }
    names.push(request.name);
  }
  return names;
}

/** apk's requests as the names to install; `release` is the stage's Alpine release. */
export function apkNames(
  context: CommandContext,
  catalog: Versioned,
  args: readonly string[],
  release: string,
): string[] {
  const names: string[] = [];
  for (const request of args.map(parseApkRequest)) {
    const pkg = catalog.find(request.name);
    if (pkg && request.operator !== undefined && request.version !== undefined) {
      if (apkVersionMatches(pkg.version, request.operator, request.version) !== true) {
        unknownVersion(context, request, pkg.version, `Alpine ${release}'s version in the data`);
        continue;
      }
    }
    names.push(request.name);
  }
  return names;
}
