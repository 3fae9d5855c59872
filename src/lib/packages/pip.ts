/**
 * pip's view of the package data: find a release, resolve a requirement set the way pip does for a
 * stage's interpreter, pick the wheel pip would download, and turn its files into layer entries.
 */

import { type LayerEntry, plainFile } from '../fs/entry.ts';
import type { PipHistory, PipIndex, PipRelease, PipRequirement, PipWheel } from './format.ts';
import { evaluateMarker, linuxPython } from './markers.ts';
import { compareVersions, parseVersion, satisfies } from './pep440.ts';
import { ESTIMATED_FILES, estimatedFiles, historyReleases, PYTHON_ESTIMATED } from './pip-history.ts';
import { consoleScriptSize, utf8Length } from './pip-script.ts';

/** PEP 503: `Flask`, `flask_`, `FLASK` all name `flask`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A requirement as a user writes it: `flask==3.1.2`, `uvicorn[standard]>=0.30`, `six; python_version<"3"`. */
export interface Requirement extends PipRequirement {
  readonly extras: readonly string[];
  /** as pip prints it (packaging's `str(Requirement)`): the name as written, specifiers sorted */
  readonly text?: string;
  /** where pip read it: `-r requirements.txt (line 3)`; absent for the command line */
  readonly comesFrom?: string;
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
  const extraList = extras
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    name: normalizeName(name),
    specifier,
    extras: extraList,
    ...(marker ? { marker: marker.trim() } : {}),
    text: requirementText(name, extraList, specifier),
  };
}

/** packaging's `str(Requirement)`: name as written, extras sorted, specifiers sorted as strings. */
export function requirementText(name: string, extras: readonly string[], specifier: string): string {
  const specs = specifier ? specifier.split(',').sort() : [];
  return `${name}${extras.length ? `[${[...extras].sort().join(',')}]` : ''}${specs.join(',')}`;
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
      /** the versions in the data that the stage's Python may install, oldest first */
      readonly available: readonly string[];
      /** pip's reasons for the versions it skips: `5.0 Requires-Python >=3.10`, sorted as pip sorts them */
      readonly skipped: readonly string[];
      /** the project that asked for it (absent: the user) */
      readonly parent?: string;
      /** true when no release anywhere can fit, not only none in the data (see `certainlyAbsent`) */
      readonly certain: boolean;
      /** whether `available` is every release there is */
      readonly complete: boolean;
      /** true when a skipped release's Requires-Python is an estimate (pip-history.ts) */
      readonly pythonEstimated?: boolean;
    }
  | {
      readonly reason: 'conflict';
      readonly requirement: Requirement;
      readonly chosen: string;
      /** every requirement on the project: who asked (absent: the user) and what */
      readonly causes: readonly ConflictCause[];
      /** true when the requirements cannot hold together whatever releases exist */
      readonly certain: boolean;
    };

export interface ConflictCause {
  readonly parent?: { readonly name: string; readonly version: string };
  readonly requirement: Requirement;
}

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
  /** `-c constraints.txt`: specifiers a project must also meet if anything asks for it */
  readonly constraints?: readonly Requirement[];
  /**
   * `--no-index --find-links DIR`: the only releases there are (project → versions); the index is
   * then known whole, so a requirement none of them meets fails as pip fails
   */
  readonly only?: ReadonlyMap<string, ReadonlySet<string>>;
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
  /** the newest release PyPI's list gave for the project when the data was made, if known */
  latest(name: string): string | undefined;
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
  history?: PipHistory,
): PipCatalog {
  const byName = new Map<string, PipRelease[]>();
  for (const r of index.releases) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  // The release histories add the releases whose files were not measured; measured ones win.
  const fromHistory = new Map<string, PipRelease[]>();
  const historyOf = (name: string): readonly PipRelease[] => {
    const project = history?.projects[name];
    if (!history || !project) return [];
    let list = fromHistory.get(name);
    if (!list) {
      const measured = new Set((byName.get(name) ?? []).map((r) => r.version));
      list = historyReleases(history, name, project).filter((r) => !measured.has(r.version));
      fromHistory.set(name, list);
    }
    return list;
  };
  const merged = new Map<string, readonly PipRelease[]>();
  const releases = (raw: string): readonly PipRelease[] => {
    const name = normalizeName(raw);
    let list = merged.get(name);
    if (!list) {
      list = [...(byName.get(name) ?? []), ...historyOf(name)].sort((a, b) => -compareReleases(a, b));
      merged.set(name, list);
    }
    return list;
  };
  const latest = (name: string) => history?.projects[normalizeName(name)]?.latest;
  const complete = (name: string) => history?.projects[normalizeName(name)]?.complete === true;
  // `estimated:<name>/<version>/<tag>` names the release whose files are estimated.
  const releaseOfWheel = (wheel: PipWheel) => {
    const [name = '', version] = wheel.files.slice(ESTIMATED_FILES.length).split('/');
    return historyOf(name).find((r) => r.version === version);
  };
  const find = (name: string, specifier = '', python = '3.9.25') =>
    releases(name).find((r) => satisfies(r.version, specifier) && supportsPython(r, python));

  return {
    index,
    releases,
    latest,
    find,
    resolve: (requirements, target, options = {}) =>
      resolve(requirements, target, options, { releases, latest, complete }),
    wheelFor,
    files: async (source) => {
      if (!source.files.startsWith(ESTIMATED_FILES)) return load(source.files);
      const release = 'tag' in source && 'libc' in source ? releaseOfWheel(source as PipWheel) : undefined;
      return release ? estimatedFiles(release, source as PipWheel) : [];
    },
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

interface Releases {
  releases(name: string): readonly PipRelease[];
  latest(name: string): string | undefined;
  complete(name: string): boolean;
}

interface Asked {
  readonly requirement: Requirement;
  readonly parent?: PipRelease;
}

function resolve(
  requirements: readonly Requirement[],
  target: PipTarget,
  options: ResolveOptions,
  data: Releases,
): Resolution {
  const chosen = new Map<string, PipRelease>();
  const asked = new Map<string, Asked[]>();
  const satisfied = new Map<string, string>();
  const unresolved: Unresolved[] = [];
  const edges = new Map<string, Set<string>>();
  const order: string[] = [];
  const queue: Asked[] = requirements.map((requirement) => ({ requirement }));
  const seenExtras = new Set<string>();
  const failed = new Set<string>();
  const rootPins = new Map<string, string>();
  for (const r of requirements) {
    const pin = exactPin(r.specifier);
    if (pin) rootPins.set(r.name, pin);
  }

  while (queue.length > 0) {
    const item = queue.shift() as Asked;
    const { requirement, parent } = item;
    const name = requirement.name;
    if (parent) edges.set(parent.name, (edges.get(parent.name) ?? new Set()).add(name));
    const all = [...(asked.get(name) ?? []), item];
    asked.set(name, all);
    if (failed.has(name)) continue;
    const joined = [
      ...all.map((a) => a.requirement),
      ...(options.constraints ?? []).filter((c) => c.name === name),
    ]
      .map((r) => r.specifier)
      .filter(Boolean)
      .join(',');
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
    const only = options.only;
    const candidates = only
      ? data.releases(name).filter((r) => only.get(name)?.has(r.version))
      : data.releases(name);
    const release = candidates.find((r) => satisfies(r.version, joined) && supportsPython(r, target.python));
    if (!release) {
      failed.add(name);
      unresolved.push(
        only && !only.get(name)?.size
          ? noMatch(requirement, parent, [], target, { ...data, complete: () => true })
          : candidates.length === 0
            ? { reason: 'not-in-catalog', requirement }
            : current
              ? {
                  reason: 'conflict',
                  requirement,
                  chosen: current.version,
                  causes: all.map((a) => ({
                    requirement: a.requirement,
                    ...(a.parent ? { parent: { name: a.parent.name, version: a.parent.version } } : {}),
                  })),
                  certain: conflictIsCertain(all, joined, rootPins),
                }
              : noMatch(
                  requirement,
                  parent,
                  candidates,
                  target,
                  only ? { ...data, complete: () => true } : data,
                ),
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
    for (const dep of deps)
      queue.push({
        requirement: { ...dep, extras: [], text: dep.text ?? requirementText(dep.name, [], dep.specifier) },
        parent: release,
      });
  }
  return { install: installOrder(order, edges).flatMap((n) => chosen.get(n) ?? []), satisfied, unresolved };
}

/** `==1.2` / `===1.2` (no wildcard): the one version a specifier allows. */
function exactPin(specifier: string): string | undefined {
  for (const part of specifier.split(',')) {
    const m = /^={2,3}([^*]+)$/.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Whether no release anywhere can meet the requirements: one of them pins a version the others
 * exclude, and every requirement comes from the user or from a release the user pinned (so no
 * other release pip could backtrack to changes them).
 */
function conflictIsCertain(
  all: readonly Asked[],
  joined: string,
  rootPins: ReadonlyMap<string, string>,
): boolean {
  const pin = exactPin(joined);
  if (!pin || satisfies(pin, joined)) return false;
  return all.every((a) => !a.parent || rootPins.get(a.parent.name) === a.parent.version);
}

function noMatch(
  requirement: Requirement,
  parent: PipRelease | undefined,
  candidates: readonly PipRelease[],
  target: PipTarget,
  data: Releases,
): Unresolved {
  const fits = candidates.filter((r) => supportsPython(r, target.python));
  const unfit = candidates.filter((r) => !supportsPython(r, target.python));
  const skipped = unfit.map((r) => `${r.version} Requires-Python ${pipRequiresPython(r.requiresPython)}`);
  return {
    reason: 'no-matching-version',
    requirement,
    available: fits.map((r) => r.version).reverse(),
    skipped: [...new Set(skipped)].sort(),
    ...(unfit.some((r) => r.note?.includes(PYTHON_ESTIMATED)) ? { pythonEstimated: true } : {}),
    ...(parent ? { parent: parent.name } : {}),
    certain: certainlyAbsent(
      requirement.specifier,
      candidates,
      data.latest(requirement.name),
      data.complete(requirement.name),
    ),
    complete: data.complete(requirement.name),
  };
}

/**
 * Whether no release can satisfy the specifier, beyond the data: the history is every release, or
 * the specifier pins a version the data has (whose Requires-Python excludes the stage's Python),
 * or it asks for versions newer than the newest PyPI had when the data was made.
 */
export function certainlyAbsent(
  specifier: string,
  known: readonly PipRelease[],
  latest: string | undefined,
  complete: boolean,
): boolean {
  if (complete) return true;
  const pin = exactPin(specifier);
  if (pin) {
    if (known.some((r) => satisfies(r.version, `==${pin}`))) return true;
    return latest !== undefined && newer(pin, latest);
  }
  return (
    latest !== undefined &&
    specifier.split(',').some((part) => {
      const m = /^>=?\s*(.+)$/.exec(part.trim());
      return m !== null && newer(m[1] as string, latest);
    })
  );
}

function newer(a: string, b: string): boolean {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  return va !== undefined && vb !== undefined && compareVersions(va, vb) > 0;
}

/**
 * Requires-Python as pip's "Ignored the following versions" prints it: packaging's specifiers,
 * sorted by the digits-only parts of each (`tuple(int(s) for s in v.split(".") if s.isdigit())`).
 */
export function pipRequiresPython(requiresPython: string): string {
  const key = (s: string) =>
    s
      .split('.')
      .filter((p) => /^\d+$/.test(p))
      .map(Number);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  };
  return requiresPython
    .split(',')
    .map((s) => s.replace(/\s+/g, ''))
    .filter(Boolean)
    .map((s) => ({ s, k: key(s) }))
    .sort((a, b) => cmp(a.k, b.k))
    .map((x) => x.s)
    .join(',');
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

/**
 * pip prefers the most specific compatible wheel: one built for this CPython and the stage's libc,
 * then a stable-ABI (abi3) one built for an older CPython, then a platform wheel without an ABI,
 * then a pure one.
 */
export function wheelFor(release: PipRelease, target: PipTarget): WheelChoice {
  const minor = Number(target.python.split('.')[1] ?? 0);
  const libcFits = (w: PipWheel) =>
    w.libc === target.libc && (!w.minLibc || !target.libcVersion || atLeast(target.libcVersion, w.minLibc));
  const rank = (w: PipWheel): number => {
    const [interpreters = '', abi = ''] = w.tag.split('-');
    const tags = interpreters.split('.');
    if (w.libc !== 'any' && !libcFits(w)) return 0;
    if (w.libc !== 'any' && tags.includes(`cp3${minor}`) && abi !== 'abi3' && abi !== 'none') return 4;
    if (
      w.libc !== 'any' &&
      abi === 'abi3' &&
      tags.some((t) => /^cp3\d+$/.test(t) && Number(t.slice(3)) <= minor)
    )
      return 3;
    const python = tags.some(
      (t) => t === 'py3' || t === 'py2' || (/^py3\d+$/.test(t) && Number(t.slice(3)) <= minor),
    );
    if (abi === 'none' && python) return w.libc === 'any' ? 1 : 2;
    return 0;
  };
  let best: PipWheel | undefined;
  for (const w of release.wheels) if (rank(w) > 0 && (!best || rank(w) > rank(best))) best = w;
  if (best) return { kind: 'wheel', wheel: best };
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
  const file = (path: string, size: number) => plainFile(path, size);
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
