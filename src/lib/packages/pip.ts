/**
 * pip's view of the package data: find a release, resolve a requirement set the way pip does for a
 * stage's interpreter, pick the wheel pip would download, and turn its files into layer entries.
 */

import type { LayerEntry } from '../fs/entry.ts';
import type { PipIndex, PipRelease, PipRequirement, PipWheel } from './format.ts';
import { evaluateMarker, linuxPython } from './markers.ts';
import { compareVersions, parseVersion, satisfies } from './pep440.ts';
import { consoleScriptSize, utf8Length } from './pip-script.ts';

/** PEP 503: `Flask`, `flask_`, `FLASK` all name `flask`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A requirement as a user writes it: `flask==3.1.2`, `uvicorn[standard]>=0.30`, `six; python_version<"3"`. */
export interface Requirement extends PipRequirement {
  readonly extras: readonly string[];
}

/** One line of a requirements file: a requirement, an option pip reads (`-r other.txt`), or nothing. */
export type RequirementLine =
  | { readonly kind: 'requirement'; readonly requirement: Requirement }
  | { readonly kind: 'option'; readonly option: string; readonly value: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly text: string };

const REQ_RE =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(\(?[^;]*?\)?)\s*(?:;\s*(.*))?$/;

export function parseRequirement(text: string): Requirement | undefined {
  const m = REQ_RE.exec(text.trim());
  if (!m) return undefined;
  const [, name = '', extras = '', spec = '', marker] = m;
  const specifier = spec.replace(/[()\s]/g, '');
  if (specifier && !specifier.split(',').every((c) => /^(===|~=|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+$/.test(c)))
    return undefined;
  return {
    name: normalizeName(name),
    specifier,
    extras: extras
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    ...(marker ? { marker: marker.trim() } : {}),
  };
}

export function parseRequirementLine(line: string): RequirementLine {
  const text = line.replace(/(^|\s)#.*$/, '').trim();
  if (!text) return { kind: 'empty' };
  const option = /^(-[a-zA-Z]|--[a-z-]+)(?:[\s=]+(.*))?$/.exec(text);
  if (option) return { kind: 'option', option: option[1] ?? '', value: (option[2] ?? '').trim() };
  const requirement = parseRequirement(text);
  return requirement ? { kind: 'requirement', requirement } : { kind: 'invalid', text };
}

export interface PipTarget {
  /** the interpreter's full version, e.g. `3.9.25` */
  readonly python: string;
  readonly libc: 'glibc' | 'musl';
  /** the stage's libc version (`2.36` for bookworm, `1.2.5` for Alpine 3.22); any when absent */
  readonly libcVersion?: string;
}

export type WheelChoice =
  | { readonly kind: 'wheel'; readonly wheel: PipWheel }
  | {
      readonly kind: 'sdist';
      readonly release: PipRelease;
      /** true: the build fails unless the stage has the tools in `sdist.needs` */
      readonly needsCompiler: boolean;
    };

export type Unresolved =
  | { readonly reason: 'not-in-catalog'; readonly requirement: Requirement }
  | {
      readonly reason: 'no-matching-version';
      readonly requirement: Requirement;
      readonly available: readonly string[];
    }
  | { readonly reason: 'conflict'; readonly requirement: Requirement; readonly chosen: string };

export interface Resolution {
  /** releases to install, dependencies before the packages that need them (pip's install order) */
  readonly install: readonly PipRelease[];
  /** requirements the stage already satisfies: name → installed version */
  readonly satisfied: ReadonlyMap<string, string>;
  readonly unresolved: readonly Unresolved[];
}

export interface ResolveOptions {
  /** what the stage's site-packages already has: normalised name → version */
  readonly installed?: ReadonlyMap<string, string>;
  /** `pip install -U`: replace installed versions with the newest allowed */
  readonly upgrade?: boolean;
}

export interface InstallLocation {
  /** e.g. /usr/local/lib/python3.9/site-packages, or /root/.local/lib/python3.9/site-packages with --user */
  readonly sitePackages: string;
  /** where console scripts go: /usr/local/bin, /root/.local/bin */
  readonly scripts: string;
  /** the shebang of the scripts: the interpreter pip runs under */
  readonly interpreter: string;
  readonly uid?: number;
  readonly gid?: number;
  /** whether the user named this package (pip writes `REQUESTED` in its dist-info) */
  readonly requested?: boolean;
}

export interface PipCatalog {
  readonly index: PipIndex;
  /** every release of a project in the data, newest first */
  releases(name: string): readonly PipRelease[];
  /** the newest release matching the specifier that supports `python` (default 3.9.25) */
  find(name: string, specifier?: string, python?: string): PipRelease | undefined;
  resolve(requirements: readonly Requirement[], target: PipTarget, options?: ResolveOptions): Resolution;
  wheelFor(release: PipRelease, target: PipTarget): WheelChoice;
  /** the files of a wheel (or of a compiler-less sdist build), relative to site-packages */
  files(source: PipWheel | NonNullable<PipRelease['sdist']['built']>): Promise<readonly LayerEntry[]>;
  /** the entries pip writes for an installed release: its files under site-packages, scripts, REQUESTED */
  installEntries(release: PipRelease, files: readonly LayerEntry[], where: InstallLocation): LayerEntry[];
  /** what the downloads leave in pip's cache (HTTP cache entries, the self-check file) */
  cacheEntries(wheels: readonly PipWheel[], cacheDir?: string): LayerEntry[];
}

export function createPipCatalog(
  index: PipIndex,
  load: (path: string) => Promise<readonly LayerEntry[]>,
): PipCatalog {
  const byName = new Map<string, PipRelease[]>();
  for (const r of index.releases) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  for (const list of byName.values()) list.sort((a, b) => -compareReleases(a, b));

  const releases = (name: string) => byName.get(normalizeName(name)) ?? [];
  const find = (name: string, specifier = '', python = '3.9.25') =>
    releases(name).find((r) => satisfies(r.version, specifier) && supportsPython(r, python));

  return {
    index,
    releases,
    find,
    resolve: (requirements, target, options = {}) => resolve(requirements, target, options, releases),
    wheelFor,
    files: (source) => load(source.files),
    installEntries: (release, files, where) => installEntries(index, release, files, where),
    cacheEntries: (wheels, cacheDir = '/root/.cache/pip') => cacheEntries(index, wheels, cacheDir),
  };
}

function compareReleases(a: PipRelease, b: PipRelease): number {
  const va = parseVersion(a.version);
  const vb = parseVersion(b.version);
  return va && vb ? compareVersions(va, vb) : 0;
}

function supportsPython(release: PipRelease, python: string): boolean {
  return satisfies(python, release.requiresPython);
}

function resolve(
  requirements: readonly Requirement[],
  target: PipTarget,
  options: ResolveOptions,
  releases: (name: string) => readonly PipRelease[],
): Resolution {
  const chosen = new Map<string, PipRelease>();
  const specs = new Map<string, string[]>();
  const satisfied = new Map<string, string>();
  const unresolved: Unresolved[] = [];
  const edges = new Map<string, Set<string>>();
  const order: string[] = [];
  const queue: { requirement: Requirement; parent?: string }[] = requirements.map((requirement) => ({
    requirement,
  }));
  const seenExtras = new Set<string>();

  while (queue.length > 0) {
    const { requirement, parent } = queue.shift() as { requirement: Requirement; parent?: string };
    const name = requirement.name;
    if (parent) edges.set(parent, (edges.get(parent) ?? new Set()).add(name));
    const all = [...(specs.get(name) ?? []), requirement.specifier].filter(Boolean);
    specs.set(name, all);
    const joined = all.join(',');
    const installed = options.installed?.get(name);
    if (installed !== undefined && satisfies(installed, joined) && !(options.upgrade && !parent)) {
      satisfied.set(name, installed);
      continue;
    }
    const current = chosen.get(name);
    if (
      current &&
      satisfies(current.version, joined) &&
      requirement.extras.every((e) => seenExtras.has(`${name}[${e}]`))
    )
      continue;
    const candidates = releases(name);
    const release = candidates.find((r) => satisfies(r.version, joined) && supportsPython(r, target.python));
    if (!release) {
      unresolved.push(
        candidates.length === 0
          ? { reason: 'not-in-catalog', requirement }
          : current
            ? { reason: 'conflict', requirement, chosen: current.version }
            : {
                reason: 'no-matching-version',
                requirement,
                available: candidates.map((r) => r.version).reverse(),
              },
      );
      continue;
    }
    if (!chosen.has(name)) order.push(name);
    chosen.set(name, release);
    for (const extra of requirement.extras) seenExtras.add(`${name}[${extra}]`);
    const env = linuxPython(target.python, requirement.extras);
    const deps = [...release.requires, ...requirement.extras.flatMap((e) => release.extras[e] ?? [])].filter(
      (r) => evaluateMarker(r.marker, env),
    );
    for (const dep of deps) queue.push({ requirement: { ...dep, extras: [] }, parent: name });
  }
  return { install: installOrder(order, edges).flatMap((n) => chosen.get(n) ?? []), satisfied, unresolved };
}

/** Dependencies first, as pip's "Installing collected packages: …" lists them; ties keep discovery order. */
function installOrder(order: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const dep of edges.get(name) ?? []) if (order.includes(dep)) visit(dep, path);
    path.delete(name);
    done.add(name);
    out.push(name);
  };
  for (const name of order) visit(name, new Set());
  return out;
}

/** pip prefers the most specific compatible wheel: a platform wheel for the stage's libc, then a pure one. */
export function wheelFor(release: PipRelease, target: PipTarget): WheelChoice {
  const cp = `cp${target.python.split('.').slice(0, 2).join('')}`;
  const platform = release.wheels.find(
    (w) =>
      w.libc === target.libc &&
      w.tag.startsWith(`${cp}-`) &&
      (!w.minLibc || !target.libcVersion || atLeast(target.libcVersion, w.minLibc)),
  );
  const pure = release.wheels.find((w) => w.libc === 'any');
  const wheel = platform ?? pure;
  if (wheel) return { kind: 'wheel', wheel };
  return { kind: 'sdist', release, needsCompiler: release.sdist.build === 'native' };
}

function atLeast(version: string, minimum: string): boolean {
  return satisfies(version, `>=${minimum}`);
}

function installEntries(
  index: PipIndex,
  release: PipRelease,
  files: readonly LayerEntry[],
  where: InstallLocation,
): LayerEntry[] {
  const uid = where.uid ?? 0;
  const gid = where.gid ?? 0;
  const site = where.sitePackages.replace(/\/+$/, '');
  // Each .pyc names its source file by absolute path once.
  const pycDelta = utf8Length(site) - utf8Length(index.pycSitePackages);
  const out: LayerEntry[] = files.map((e) => ({
    ...e,
    path: `${site}/${e.path}`,
    uid,
    gid,
    ...(e.kind === 'file' && e.path.endsWith('.pyc') ? { size: e.size + pycDelta } : {}),
  }));
  if (where.requested) {
    out.push({
      path: `${site}/${release.distInfo}/REQUESTED`,
      kind: 'file',
      mode: 0o644,
      uid,
      gid,
      size: 0,
      pkg: release.name,
    });
  }
  for (const script of release.consoleScripts) {
    out.push({
      path: `${where.scripts.replace(/\/+$/, '')}/${script.name}`,
      kind: 'file',
      mode: 0o755,
      uid,
      gid,
      size: consoleScriptSize(script.entry, where.interpreter),
      exec: { kind: 'script', shebang: where.interpreter },
      pkg: release.name,
    });
  }
  return out;
}

function cacheEntries(index: PipIndex, wheels: readonly PipWheel[], cacheDir: string): LayerEntry[] {
  const dir = cacheDir.replace(/\/+$/, '');
  const file = (path: string, size: number): LayerEntry => ({
    path,
    kind: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size,
  });
  const out = wheels.map((w) => {
    const key = w.cacheKey;
    return file(
      `${dir}/http/${key.slice(0, 5).split('').join('/')}/${key}`,
      w.size.value + index.cache.perEntryOverhead.value,
    );
  });
  out.push(file(`${dir}/selfcheck/${index.cache.selfcheckKey}.json`, index.cache.selfcheckBytes.value));
  return out;
}
