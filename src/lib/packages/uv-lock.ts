/**
 * uv.lock, the TOML file `uv lock` writes: every package with its version, source, dependencies
 * (with markers) and the wheels it ships, each with a URL and a byte size. It is the learner's own
 * file, so what it says is known; which wheel fits a stage and what a sync installs come from it.
 */
import { parse as parseToml } from 'smol-toml';
import { evaluateMarker, linuxPython } from './markers.ts';
import { normalizeName } from './pip.ts';

export interface LockedWheel {
  /** the wheel's file name, from its URL: `anyio-4.8.0-py3-none-any.whl` */
  readonly filename: string;
  /** bytes of the wheel, as the lock records them; undefined when it does not */
  readonly size?: number;
}

export interface LockedDependency {
  readonly name: string;
  readonly marker?: string;
  readonly extras: readonly string[];
}

/** Where a locked package comes from: an index, or the project itself (editable, virtual) or a path. */
export type LockedSource =
  | { readonly kind: 'registry'; readonly url: string }
  | { readonly kind: 'editable' | 'virtual' | 'directory' | 'path'; readonly path: string }
  | { readonly kind: 'other'; readonly text: string };

export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly source: LockedSource;
  readonly dependencies: readonly LockedDependency[];
  /** group name → dependencies (`[package.dev-dependencies]`) */
  readonly groups: Readonly<Record<string, readonly LockedDependency[]>>;
  /** extra name → dependencies (`[package.optional-dependencies]`) */
  readonly extras: Readonly<Record<string, readonly LockedDependency[]>>;
  readonly wheels: readonly LockedWheel[];
  /** `requires-dist` of `[package.metadata]`: what the lock was made from (the project's only) */
  readonly requiresDist?: readonly string[];
}

export interface UvLock {
  readonly requiresPython?: string;
  readonly packages: readonly LockedPackage[];
}

export type LockRead =
  | { readonly kind: 'lock'; readonly lock: UvLock }
  | { readonly kind: 'invalid'; readonly error: string };

type Table = Record<string, unknown>;
const table = (value: unknown): Table =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
const tables = (value: unknown): Table[] => (Array.isArray(value) ? value.map(table) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function dependencies(value: unknown): LockedDependency[] {
  return tables(value).flatMap((entry) => {
    const name = text(entry.name);
    if (!name) return [];
    const marker = text(entry.marker);
    const extras = Array.isArray(entry.extra)
      ? entry.extra.filter((e): e is string => typeof e === 'string')
      : [];
    return [{ name: normalizeName(name), extras, ...(marker ? { marker } : {}) }];
  });
}

function groups(value: unknown): Record<string, LockedDependency[]> {
  return Object.fromEntries(Object.entries(table(value)).map(([name, list]) => [name, dependencies(list)]));
}

function sourceOf(value: unknown): LockedSource {
  const source = table(value);
  const registry = text(source.registry);
  if (registry) return { kind: 'registry', url: registry };
  for (const kind of ['editable', 'virtual', 'directory', 'path'] as const) {
    const path = text(source[kind]);
    if (path !== undefined) return { kind, path };
  }
  return { kind: 'other', text: JSON.stringify(source) };
}

function wheelsOf(value: unknown): LockedWheel[] {
  return tables(value).flatMap((wheel) => {
    const url = text(wheel.url) ?? text(wheel.path) ?? text(wheel.filename);
    if (!url) return [];
    const filename = decodeURIComponent(url.split('/').at(-1) ?? url);
    const size = typeof wheel.size === 'number' ? wheel.size : undefined;
    return [{ filename, ...(size !== undefined ? { size } : {}) }];
  });
}

function packageOf(entry: Table): LockedPackage | undefined {
  const name = text(entry.name);
  if (!name) return undefined;
  const metadata = table(entry.metadata);
  const requiresDist = tables(metadata['requires-dist']).map(
    (r) =>
      `${text(r.name) ?? ''}${r.extras ? `[${String(r.extras)}]` : ''}${text(r.specifier) ?? ''}${r.marker ? `; ${String(r.marker)}` : ''}`,
  );
  return {
    name: normalizeName(name),
    version: text(entry.version) ?? '',
    source: sourceOf(entry.source),
    dependencies: dependencies(entry.dependencies),
    groups: groups(entry['dev-dependencies']),
    extras: groups(entry['optional-dependencies']),
    wheels: wheelsOf(entry.wheels),
    ...(metadata['requires-dist'] !== undefined ? { requiresDist } : {}),
  };
}

export function parseUvLock(source: string): LockRead {
  let data: Table;
  try {
    data = parseToml(source) as Table;
  } catch (error) {
    return {
      kind: 'invalid',
      error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
  const packages = tables(data.package).flatMap((entry) => packageOf(entry) ?? []);
  const requiresPython = text(data['requires-python']);
  return { kind: 'lock', lock: { packages, ...(requiresPython ? { requiresPython } : {}) } };
}

export interface LockSelection {
  /** the project's own packages (editable, virtual) */
  readonly roots: readonly LockedPackage[];
  /** every registry package a sync installs, in the lock's order */
  readonly install: readonly LockedPackage[];
  /** dependencies the lock names but does not hold */
  readonly missing: readonly string[];
}

/**
 * What `uv sync` installs from a lock: the workspace's own packages, their dependencies with
 * markers true for the stage's Python, and the default group `dev` unless `--no-dev`.
 */
/** Which of the project's own dependency lists a sync takes, from its flags. */
export interface SelectionOptions {
  /** the project's dependencies (false with --only-group) */
  readonly main: boolean;
  /** groups: `dev` by default, --group adds, --no-dev/--no-group take away, --all-groups takes every one */
  readonly groups: readonly string[] | 'all';
  /** extras: --extra, or --all-extras */
  readonly extras: readonly string[] | 'all';
}

export const DEFAULT_SELECTION: SelectionOptions = { main: true, groups: ['dev'], extras: [] };

/** The flags of uv sync and uv export that choose what is installed. */
export function selectionOf(args: readonly string[], noDevFromEnv: boolean): SelectionOptions {
  const values = (flag: string) => args.flatMap((arg, i) => (arg === flag ? [args[i + 1] ?? ''] : []));
  const only = values('--only-group');
  const groups = args.includes('--all-groups')
    ? ('all' as const)
    : only.length > 0
      ? only
      : args.includes('--only-dev')
        ? ['dev']
        : [...(args.includes('--no-dev') || noDevFromEnv ? [] : ['dev']), ...values('--group')].filter(
            (group) => !values('--no-group').includes(group),
          );
  return {
    main: only.length === 0 && !args.includes('--only-dev'),
    groups,
    extras: args.includes('--all-extras') ? 'all' : values('--extra'),
  };
}

export function lockSelection(lock: UvLock, python: string, options: SelectionOptions): LockSelection {
  const byName = new Map(lock.packages.map((p) => [p.name, p]));
  const roots = lock.packages.filter((p) => p.source.kind === 'editable' || p.source.kind === 'virtual');
  const env = linuxPython(python);
  const seen = new Set<string>();
  const missing: string[] = [];
  const pick = (
    lists: Readonly<Record<string, readonly LockedDependency[]>>,
    names: readonly string[] | 'all',
  ) => (names === 'all' ? Object.keys(lists) : names).flatMap((name) => lists[name] ?? []);
  const queue: LockedDependency[] = roots.flatMap((root) => [
    ...(options.main ? root.dependencies : []),
    ...(options.main ? pick(root.extras, options.extras) : []),
    ...pick(root.groups, options.groups),
  ]);
  for (const root of roots) seen.add(root.name);
  while (queue.length > 0) {
    const dep = queue.shift() as LockedDependency;
    if (!evaluateMarker(dep.marker, { ...env, extras: dep.extras })) continue;
    const found = byName.get(dep.name);
    if (!found) {
      if (!missing.includes(dep.name)) missing.push(dep.name);
      continue;
    }
    const extras = dep.extras.flatMap((extra) => found.extras[extra] ?? []);
    queue.push(...extras);
    if (seen.has(dep.name)) continue;
    seen.add(dep.name);
    queue.push(...found.dependencies);
  }
  return {
    roots,
    install: lock.packages.filter((p) => seen.has(p.name) && !roots.includes(p)),
    missing,
  };
}

export interface WheelTarget {
  /** `3.12.12` */
  readonly python: string;
  readonly libc: 'glibc' | 'musl';
}

/**
 * The wheel uv picks for the stage, by its tags: a CPython or abi3 wheel for the stage's C library
 * on x86_64 first, then a pure one (`py3-none-any`).
 */
export function lockedWheelFor(pkg: LockedPackage, target: WheelTarget): LockedWheel | undefined {
  const [major = '3', minor = '0'] = target.python.split('.');
  const cp = Number(minor);
  const fits = (wheel: LockedWheel) => {
    const parts = wheel.filename.replace(/\.whl$/, '').split('-');
    if (parts.length < 5) return undefined;
    const [pythons = '', abi = '', platforms = ''] = parts.slice(-3);
    const pythonOk = pythons.split('.').some((tag) => {
      const m = /^(cp|py)(\d)(\d*)$/.exec(tag);
      if (!m || m[2] !== major) return false;
      if (m[1] === 'py') return m[3] === '' || Number(m[3]) <= cp;
      return abi === 'abi3' ? Number(m[3]) <= cp : Number(m[3]) === cp;
    });
    if (!pythonOk) return undefined;
    if (platforms === 'any') return 1;
    const platformOk = platforms
      .split('.')
      .some((tag) =>
        target.libc === 'musl'
          ? /^musllinux_\d+_\d+_x86_64$/.test(tag)
          : /^(manylinux\w*_x86_64|linux_x86_64)$/.test(tag),
      );
    return platformOk ? 2 : undefined;
  };
  let best: LockedWheel | undefined;
  let score = 0;
  for (const wheel of pkg.wheels) {
    const s = fits(wheel) ?? 0;
    if (s > score) {
      best = wheel;
      score = s;
    }
  }
  return best;
}
