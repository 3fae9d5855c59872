/**
 * What pip reads before it resolves: requirements files (continuation lines, `--hash` options, where
 * each line came from), constraints files, local wheel files and `--find-links` folders, and the
 * checks `--require-hashes` makes before anything is downloaded.
 */
import { joinPath } from '../../fs/path.ts';
import { parseRequirementLine, type Requirement } from '../../packages/pip.ts';
import type { CommandContext } from '../command.ts';

/** A requirement with what pip keeps beside it: its `--hash` values. */
export interface ReadRequirement extends Requirement {
  readonly hashes: readonly string[];
}

export type ReadResult =
  | { readonly ok: true; readonly requirements: readonly ReadRequirement[] }
  | { readonly ok: false; readonly error: string; readonly unknownFile?: string };

/**
 * One requirements file's requirements, as pip's req_file.py reads it: a line ending in `\` goes
 * on to the next, `--hash=` options are taken off the requirement, and each requirement remembers
 * `-r FILE (line N)`, N the line it starts on.
 */
export function requirementsOf(text: string, comesFrom?: string): ReadResult {
  const out: ReadRequirement[] = [];
  const physical = text.split('\n');
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let line = physical[i] ?? '';
    while (/\\\s*$/.test(line) && i + 1 < physical.length)
      line = `${line.replace(/\\\s*$/, ' ')}${physical[++i]}`;
    const hashes = [...line.matchAll(/--hash[=\s]+(\S+)/g)].map((m) => m[1] as string);
    const parsed = parseRequirementLine(line.replace(/--hash[=\s]+\S+/g, ''));
    if (parsed.kind === 'invalid')
      return { ok: false, error: `ERROR: Invalid requirement: '${parsed.text.trim()}'` };
    if (parsed.kind !== 'requirement') continue;
    out.push({
      ...parsed.requirement,
      hashes,
      ...(comesFrom ? { comesFrom: `-r ${comesFrom} (line ${start + 1})` } : {}),
    });
  }
  return { ok: true, requirements: out };
}

/** `name-version(-build)?-python-abi-platform.whl` → the project and version it holds. */
export function wheelFileRelease(path: string): { name: string; version: string } | undefined {
  const m = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(
    path.slice(path.lastIndexOf('/') + 1),
  );
  if (!m) return undefined;
  return { name: (m[1] as string).toLowerCase().replace(/[-_.]+/g, '-'), version: m[2] as string };
}

/** The wheels in `--find-links` folders: project → the versions there, as pip's local index sees them. */
export function findLinksReleases(
  context: CommandContext,
  dirs: readonly string[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const dir of dirs) {
    const node = context.fs.stat(dir);
    if (node?.kind !== 'dir') continue;
    for (const name of node.children.keys()) {
      const release = wheelFileRelease(joinPath(dir, name));
      if (release) out.set(release.name, (out.get(release.name) ?? new Set()).add(release.version));
    }
  }
  return out;
}

/** `==1.2` with no wildcard: what `--require-hashes` calls pinned. */
export function pinned(requirement: Requirement): boolean {
  return /^===?[^*,]+$/.test(requirement.specifier);
}

/**
 * pip's HashUnpinned (exceptions/hashes.py): in hash-checking mode every requirement must be pinned
 * with `==`; each one that is not is named as `str(InstallRequirement)` prints it.
 */
export function hashUnpinned(requirements: readonly Requirement[]): string | undefined {
  const loose = requirements.filter((r) => !pinned(r));
  if (loose.length === 0) return undefined;
  const lines = loose.map(
    (r) => `    ${r.text ?? `${r.name}${r.specifier}`}${r.comesFrom ? ` (from ${r.comesFrom})` : ''}`,
  );
  return [
    'ERROR: In --require-hashes mode, all requirements must have their versions pinned with ==. These do not:',
    ...lines,
  ].join('\n');
}
