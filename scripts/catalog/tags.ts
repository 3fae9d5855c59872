/**
 * Writes the tag histories under OUT/tags (see docs/catalog.md, Tag histories): every tag the
 * Docker official images below ever listed, from their library files' git history, and the known
 * part of distroless, Chainguard's free tier and uv. Reads git directories (no work tree needed).
 * Node-only.
 * Usage: node scripts/catalog/tags.ts OFFICIAL_IMAGES_GIT DISTROLESS_GIT UV_GIT [OUT]
 *   (the git directories of docker-library/official-images, GoogleContainerTools/distroless and
 *   astral-sh/uv; OUT is normally public/catalog)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dayNumber,
  isoDate,
  type PlatformKind,
  type TagHistoryEntry,
  type TagHistoryFile,
  type TagHistoryIndex,
} from '../../src/lib/images/tag-history.ts';

const OFFICIAL = ['python', 'golang', 'alpine', 'debian', 'ubuntu', 'busybox', 'node'];

const [officialGit, distrolessGit, uvGit, out = 'public/catalog'] = process.argv.slice(2);
if (!officialGit || !distrolessGit || !uvGit) {
  throw new Error('usage: node scripts/catalog/tags.ts OFFICIAL_IMAGES_GIT DISTROLESS_GIT UV_GIT [OUT]');
}

const git = (dir: string, args: string[], input?: string) =>
  execFileSync('git', ['-C', dir, ...args], { input, maxBuffer: 1 << 30 }).toString();

/** A history being built: each tag's first day and, once dropped, the day it went. */
class Spans {
  readonly spans = new Map<string, { since: number; until: number | null }>();
  /** Records one revision's full tag list. */
  revision(day: number, tags: ReadonlySet<string>): void {
    for (const [tag, span] of this.spans) if (span.until === null && !tags.has(tag)) span.until = day;
    for (const tag of tags) {
      const span = this.spans.get(tag);
      if (!span) this.spans.set(tag, { since: day, until: null });
      else span.until = null; // back again: current, first seen stays
    }
  }
  add(tag: string, since: number, until: number | null = null): void {
    if (!this.spans.has(tag)) this.spans.set(tag, { since, until });
  }
  periods(): TagHistoryFile['periods'] {
    const groups = new Map<string, string[]>();
    for (const [tag, { since, until }] of this.spans) {
      const key = `${since},${until}`;
      groups.set(key, [...(groups.get(key) ?? []), tag]);
    }
    return [...groups]
      .map(([key, tags]): [number, number | null, string] => {
        const [since, until] = key.split(',');
        return [Number(since), until === 'null' ? null : Number(until), tags.sort().join(' ')];
      })
      .sort((a, b) => a[0] - b[0] || (a[1] ?? Infinity) - (b[1] ?? Infinity) || (a[2] < b[2] ? -1 : 1));
  }
}

/** The tags one revision of a library file lists: `Tags:`/`SharedTags:` lines, or the pre-2016 `tag: url@commit dir` lines. */
function libraryTags(text: string): Set<string> {
  const tags = new Set<string>();
  for (const line of text.split('\n')) {
    const field = /^(?:Shared)?Tags:\s*(.*)$/.exec(line);
    const old = /^([A-Za-z0-9_][\w.-]*):\s+(?:git|https?):\/\/\S+@\S+/.exec(line);
    const list = field ? field[1]?.split(',') : old ? [old[1]] : [];
    for (const tag of list ?? []) if (tag?.trim()) tags.add(tag.trim());
  }
  return tags;
}

/**
 * Each alias listed at HEAD → the full version tag of the same list that names the same variant:
 * the tag with the most version components whose remainder (`-slim`, `-alpine3.24`) ends the
 * alias (`24-slim` and `lts-slim` → `24.19.0-slim`; `latest` → `24.19.0`). Lists are not in a
 * fixed order (node sorts them), so the first tag is no guide.
 */
function aliasTargets(text: string): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const entry of text.split(/\n\s*\n/)) {
    for (const field of ['Tags', 'SharedTags']) {
      const line = new RegExp(`^${field}:\\s*(.*)$`, 'm').exec(entry)?.[1];
      const list = (line ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      for (const alias of list) {
        const target = fullVersionFor(alias, list);
        if (target && target !== alias) targets[alias] ??= target;
      }
    }
  }
  return targets;
}

function fullVersionFor(alias: string, list: readonly string[]): string | undefined {
  const version = (tag: string) => /^\d+(?:\.\d+)*/.exec(tag)?.[0] ?? '';
  const aliasVersion = version(alias);
  let best: { tag: string; parts: number; rest: number } | undefined;
  for (const tag of list) {
    const v = version(tag);
    const rest = tag.slice(v.length);
    if (!v || !`-${alias}`.endsWith(rest) || (aliasVersion && !`${v}.`.startsWith(`${aliasVersion}.`)))
      continue;
    const parts = v.split('.').length;
    if (!best || parts > best.parts || (parts === best.parts && rest.length > best.rest)) {
      best = { tag, parts, rest: rest.length };
    }
  }
  return best?.tag;
}

/**
 * Each tag of one revision → its architectures: the union of the `Architectures:` lines of the
 * entries that list it (a shared tag spans Linux and Windows entries). bashbrew's default, for
 * an entry without the field and for the pre-2016 format, is amd64.
 */
function libraryArchitectures(text: string): Map<string, Set<string>> {
  const arches = new Map<string, Set<string>>();
  for (const entry of text.split(/\n\s*\n/)) {
    const line = /^Architectures:\s*(.*)$/m.exec(entry)?.[1];
    const list = (line ?? 'amd64')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    for (const tag of libraryTags(entry)) {
      const set = arches.get(tag) ?? new Set<string>();
      for (const arch of list) set.add(arch);
      arches.set(tag, set);
    }
  }
  return arches;
}

/** Tags grouped by kind and architecture list, as the file stores them. */
function platformGroups(
  byTag: ReadonlyMap<string, { kind: PlatformKind; architectures: readonly string[] }>,
): NonNullable<TagHistoryFile['platforms']> {
  const groups = new Map<string, string[]>();
  for (const [tag, { kind, architectures }] of byTag) {
    const key = `${kind} ${[...architectures].sort().join(' ')}`;
    groups.set(key, [...(groups.get(key) ?? []), tag]);
  }
  return [...groups]
    .map(([key, tags]): [PlatformKind, string, string] => {
      const [kind, ...architectures] = key.split(' ');
      return [kind as PlatformKind, architectures.join(' '), tags.sort().join(' ')];
    })
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
}

function officialHistory(name: string): TagHistoryFile {
  const path = `library/${name}`;
  const log = git(officialGit as string, [
    'log',
    '--reverse',
    '--format=%H %cI',
    '--name-only',
    '--follow',
    '--',
    path,
  ]);
  const revisions: { commit: string; date: string; path: string }[] = [];
  for (const line of log.split('\n')) {
    const head = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    const last = revisions.at(-1);
    if (head) revisions.push({ commit: head[1] as string, date: head[2] as string, path });
    else if (line.trim() && last) last.path = line.trim();
  }
  // One `cat-file --batch` for every revision: thousands of `git show` calls would take minutes.
  const batch = execFileSync('git', ['-C', officialGit as string, 'cat-file', '--batch'], {
    input: revisions.map((r) => `${r.commit}:${r.path}\n`).join(''),
    maxBuffer: 1 << 30,
  });
  const texts: string[] = [];
  let at = 0;
  while (at < batch.length) {
    const eol = batch.indexOf(10, at);
    const header = batch.subarray(at, eol).toString();
    const size = Number(header.split(' ')[2]);
    if (header.endsWith('missing')) {
      texts.push('');
      at = eol + 1;
      continue;
    }
    texts.push(batch.subarray(eol + 1, eol + 1 + size).toString());
    at = eol + 1 + size + 1;
  }
  const spans = new Spans();
  // Each tag's architectures as of the last revision that listed it; every official tag is an index.
  const platforms = new Map<string, { kind: PlatformKind; architectures: string[] }>();
  revisions.forEach((r, i) => {
    // A deleted file (empty revision) would drop every tag; skip it rather than invent a removal.
    if (!texts[i]) return;
    spans.revision(dayNumber(r.date), libraryTags(texts[i] as string));
    for (const [tag, arches] of libraryArchitectures(texts[i] as string))
      platforms.set(tag, { kind: 'index', architectures: [...arches] });
  });
  const first = revisions[0];
  const last = revisions.at(-1);
  if (!first || !last) throw new Error(`${path}: no history`);
  return {
    repository: name,
    complete: true,
    source: `docker-library/official-images ${path}, ${revisions.length} revisions from ${first.commit.slice(0, 12)} (${first.date.slice(0, 10)}) to ${last.commit.slice(0, 12)} (${last.date.slice(0, 10)}), read at the repository's HEAD`,
    asOf: git(officialGit as string, ['log', '-1', '--format=%cs', 'HEAD']).trim(),
    periods: spans.periods(),
    targets: aliasTargets(texts.at(-1) ?? ''),
    platforms: platformGroups(platforms),
  };
}

/** The distroless families the course uses, the arch lists of their config.bzl at HEAD, and dated facts from the repository's history. */
function distrolessHistories(): TagHistoryFile[] {
  const dir = distrolessGit as string;
  const head = git(dir, ['log', '-1', '--format=%H %cs']).trim().split(' ');
  const variants = ['latest', 'nonroot', 'debug', 'debug-nonroot'];
  // Dates from `git log -S` in the repository (commit, date, subject); its history is partial.
  const distroSince: Record<string, string> = {
    debian11: '2021-08-17', // 23c59796: first mention of debian11
    debian12: '2023-08-25', // 43d0e689 "Add Debian 12 (bookworm) images"
    debian13: '2025-08-15', // 4787971d: first mention of debian13 in the BUILD files
  };
  const debian11Until = '2024-09-03'; // 1533e54a "remove debian11 builds and references"
  const python3Debian12Until = '2026-05-12'; // 22b97d10 "Remove python3-debian12 and cleanup readmes"
  const python3Debian13Since = '2026-01-14'; // 5f935e98 "First python3-debian13 images for testing"
  const riscvSince = '2026-02-26'; // 9ddc47cc "Add some RISC-V support"
  const familySince: Record<string, string> = { 'base-nossl': '2022-11-02' }; // 084e2fbd "Add base_nossl image"
  const families: [family: string, config: string, prefix: string][] = [
    ['static', 'static/config.bzl', 'STATIC'],
    ['base', 'base/config.bzl', 'BASE'],
    ['base-nossl', 'base/config.bzl', 'BASE'],
    ['cc', 'cc/config.bzl', 'CC'],
    ['python3', 'python3/config.bzl', 'PYTHON'],
  ];
  const histories: TagHistoryFile[] = [];
  for (const [family, config, prefix] of families) {
    const text = git(dir, ['show', `HEAD:${config}`]);
    const distros = [
      ...(new RegExp(`${prefix}_DISTROS = \\[([^\\]]*)\\]`).exec(text)?.[1] ?? '').matchAll(/"(\w+)"/g),
    ].map((m) => m[1] as string);
    const archBlock = new RegExp(`${prefix}_ARCHITECTURES = \\{([^}]*)\\}`).exec(text)?.[1] ?? '';
    const archesOf = (distro: string) =>
      [...(new RegExp(`"${distro}": \\[([^\\]]*)\\]`).exec(archBlock)?.[1] ?? '').matchAll(/"(\w+)"/g)].map(
        (m) => m[1] as string,
      );
    const spansFor = (distro: string, since: string, until: string | null) => {
      const spans = new Spans();
      const arches = until ? ['amd64', 'arm64', 'arm', 's390x', 'ppc64le'] : archesOf(distro);
      const start = Math.max(dayNumber(since), dayNumber(familySince[family] ?? since));
      const end = until ? dayNumber(until) : null;
      for (const variant of variants) {
        spans.add(variant, start, end);
        for (const arch of arches) {
          spans.add(
            `${variant}-${arch}`,
            arch === 'riscv64' ? Math.max(start, dayNumber(riscvSince)) : start,
            end,
          );
        }
      }
      return spans;
    };
    // A variant tag is an index of the distro's architectures; `latest-arm64` is that one image.
    const platformsFor = (distro: string, until: string | null) => {
      const arches = until ? ['amd64', 'arm64', 'arm', 's390x', 'ppc64le'] : archesOf(distro);
      const byTag = new Map<string, { kind: PlatformKind; architectures: string[] }>();
      for (const variant of variants) {
        byTag.set(variant, { kind: 'index', architectures: arches });
        for (const arch of arches) byTag.set(`${variant}-${arch}`, { kind: 'image', architectures: [arch] });
      }
      return platformGroups(byTag);
    };
    const file = (
      repository: string,
      spans: Spans,
      platforms: TagHistoryFile['platforms'],
      note: string,
    ): TagHistoryFile => ({
      repository,
      complete: false,
      source: `GoogleContainerTools/distroless BUILD and ${config} at ${head[0]?.slice(0, 12)} (${head[1]}); ${note}`,
      asOf: head[1] ?? '',
      periods: spans.periods(),
      targets: {},
      platforms,
    });
    const all = [...new Set(['debian11', ...(family === 'python3' ? ['debian12'] : []), ...distros])];
    for (const distro of all) {
      const until =
        distro === 'debian11'
          ? debian11Until
          : family === 'python3' && distro === 'debian12'
            ? python3Debian12Until
            : null;
      const since =
        family === 'python3' && distro === 'debian13' ? python3Debian13Since : (distroSince[distro] ?? '');
      histories.push(
        file(
          `gcr.io/distroless/${family}-${distro}`,
          spansFor(distro, since, until),
          platformsFor(distro, until),
          'dates from the commits that added and removed the distro',
        ),
      );
    }
    // The bare name follows the default distro (debian13 since 4aa1087d, 2026-01-30); its tags are as old as the family.
    const bare = spansFor('debian13', familySince[family] ?? '2017-04-12', null);
    histories.push(
      file(
        `gcr.io/distroless/${family}`,
        bare,
        platformsFor('debian13', null),
        'the bare name is the default distro; first dates are the first commit that names the family',
      ),
    );
  }
  return histories;
}

/** Chainguard's free tier: only `latest` and `latest-dev` since 2023-08-16 (older and paid tags unrecorded). */
function chainguardHistories(): TagHistoryFile[] {
  const since = dayNumber('2023-08-16');
  return ['static', 'python', 'go'].map((image) => ({
    repository: `cgr.dev/chainguard/${image}`,
    complete: false,
    source:
      'chainguard.dev, "A guide on how to use Chainguard Images for public catalog tier users" (2023-06-23): from 2023-08-16 the free tier pulls only :latest and :latest-dev; other tags are for paying customers',
    asOf: '2023-08-16',
    periods: [[since, null, 'latest latest-dev']],
    targets: {},
  }));
}

/** ghcr.io/astral-sh/uv: every release's version tags, and the newest release's variants from the Docker workflow at HEAD. */
function uvHistory(): TagHistoryFile {
  const dir = uvGit as string;
  const head = git(dir, ['log', '-1', '--format=%H %cs']).trim().split(' ');
  const released = new Map<string, string>();
  // The day a release's heading first appears in CHANGELOG.md; "Released on" where the notes say it.
  let day = '';
  for (const line of git(dir, ['log', '--reverse', '--format=C %cs', '-p', '--', 'CHANGELOG.md']).split(
    '\n',
  )) {
    if (line.startsWith('C ')) day = line.slice(2);
    const version = /^\+## (\d+\.\d+\.\d+)\s*$/.exec(line)?.[1];
    if (version && !released.has(version)) released.set(version, day);
  }
  const files = git(dir, ['ls-tree', '--name-only', 'HEAD', 'changelogs/']).trim().split('\n');
  for (const path of ['CHANGELOG.md', ...files]) {
    let version = '';
    for (const line of git(dir, ['show', `HEAD:${path}`]).split('\n')) {
      version = /^## (\d+\.\d+\.\d+)\s*$/.exec(line)?.[1] ?? version;
      const date = /^Released on (\d{4}-\d{2}-\d{2})/.exec(line)?.[1];
      if (version && date) released.set(version, date);
    }
  }
  const versions = [...released].sort((a, b) => compareVersions(a[0], b[0]));
  const spans = new Spans();
  const minors = new Map<string, string>();
  for (const [version, date] of versions) {
    spans.add(version, dayNumber(date));
    const minor = version.split('.').slice(0, 2).join('.');
    spans.add(minor, dayNumber(date));
    minors.set(minor, version);
  }
  const [newest, newestDate = ''] = versions.at(-1) ?? [];
  const workflow = git(dir, ['show', 'HEAD:.github/workflows/build-docker.yml']);
  const bases = [...workflow.matchAll(/^\s*"(?!dhi\.io)[^",]+,([^"]+)"\s*$/gm)].flatMap((m) =>
    (m[1] ?? '').split(','),
  );
  const newestMinor = newest?.split('.').slice(0, 2).join('.') ?? '';
  for (const base of bases) {
    for (const tag of [base, `${newest}-${base}`, `${newestMinor}-${base}`])
      spans.add(tag, dayNumber(newestDate));
  }
  spans.add('latest', versions[0] ? dayNumber(versions[0][1]) : 0);
  const targets: Record<string, string> = { latest: newest ?? '' };
  for (const [minor, version] of minors) targets[minor] = version;
  for (const base of bases) targets[base] = `${newest}-${base}`;
  // Every tag is built for the workflow's `platforms:` (one list for all, read at HEAD).
  const uvArches = /^\s*platforms:\s*(.+)$/m
    .exec(workflow)?.[1]
    ?.split(',')
    .map((p) => p.trim().replace(/^linux\//, ''));
  const uvPlatforms = new Map(
    [...spans.spans.keys()].map((tag) => [tag, { kind: 'index' as const, architectures: uvArches ?? [] }]),
  );
  return {
    repository: 'ghcr.io/astral-sh/uv',
    complete: false,
    source: `astral-sh/uv CHANGELOG.md, changelogs/ and .github/workflows/build-docker.yml at ${head[0]?.slice(0, 12)} (${head[1]}); release days from "Released on" or the commit adding the heading; variant tags only for the newest release`,
    asOf: head[1] ?? '',
    periods: spans.periods(),
    targets,
    ...(uvArches ? { platforms: platformGroups(uvPlatforms) } : {}),
  };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** `gcr.io/distroless/static-debian12` → `gcr.io__distroless__static-debian12.json`. */
function fileNameOf(repository: string): string {
  return `${repository.replace(/\//g, '__').replace(/[^a-z0-9._-]/g, '_')}.json`;
}

const histories = [
  ...OFFICIAL.map(officialHistory),
  ...distrolessHistories(),
  ...chainguardHistories(),
  uvHistory(),
];
const dir = join(out, 'tags');
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) rmSync(join(dir, file));
const repositories: Record<string, TagHistoryEntry> = {};
for (const history of histories) {
  const name = fileNameOf(history.repository);
  writeFileSync(join(dir, name), `${JSON.stringify(history)}\n`);
  repositories[history.repository] = {
    file: `tags/${name}`,
    complete: history.complete,
    source: history.source,
    asOf: history.asOf,
  };
  const count = history.periods.reduce((n, p) => n + p[2].split(' ').length, 0);
  console.log(`${history.repository}: ${count} tags, as of ${history.asOf}`);
}
const index: TagHistoryIndex = { generated: isoDate(Math.floor(Date.now() / 86_400_000)), repositories };
writeFileSync(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
