/** uv.lock read as uv writes it, and the wheel uv picks by its tags. */
import { describe, expect, it } from 'vitest';
import {
  type LockedPackage,
  lockedWheelFor,
  lockSelection,
  parseUvLock,
  selectionOf,
} from '../../../src/lib/packages/uv-lock.ts';
import { UV_LOCK } from '../shell/uv-fixture.ts';

const lock = () => {
  const read = parseUvLock(UV_LOCK);
  if (read.kind !== 'lock') throw new Error(read.error);
  return read.lock;
};

const pkg = (files: string[]): LockedPackage => ({
  name: 'x',
  version: '1',
  source: { kind: 'registry', url: '' },
  dependencies: [],
  groups: {},
  extras: {},
  wheels: files.map((filename, size) => ({ filename, size })),
});

describe('uv.lock', () => {
  it('reads versions, sources, dependencies with markers, groups, wheel sizes and requires-dist', () => {
    const read = lock();
    expect(read.requiresPython).toBe('>=3.12');
    const hello = read.packages.find((p) => p.name === 'hello');
    expect(hello).toMatchObject({ source: { kind: 'virtual', path: '.' }, requiresDist: ['flask>=3.1'] });
    expect(hello?.groups.dev).toEqual([{ name: 'pytest', extras: [] }]);
    const click = read.packages.find((p) => p.name === 'click');
    expect(click?.dependencies).toEqual([
      { name: 'colorama', extras: [], marker: "sys_platform == 'win32'" },
    ]);
    expect(read.packages.find((p) => p.name === 'jinja2')?.wheels).toEqual([
      { filename: 'jinja2-3.1.4-py3-none-any.whl', size: 133271 },
    ]);
  });

  it('says what is wrong with a file that is not TOML, rather than throwing', () => {
    expect(parseUvLock('[[package]\nname = ')).toMatchObject({ kind: 'invalid' });
  });

  it('selects the project’s dependencies for Linux, with the dev group unless asked not to', () => {
    const names = (args: string[]) =>
      lockSelection(lock(), '3.12.12', selectionOf(args, false))
        .install.map((p) => p.name)
        .sort();
    const flask = ['blinker', 'click', 'flask', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug'];
    expect(names(['--no-dev'])).toEqual(flask);
    expect(names([])).toEqual([...flask, 'pytest'].sort());
    expect(names([])).not.toContain('colorama');
    // --only-group: the group alone; --no-group dev is --no-dev
    expect(names(['--only-group', 'dev'])).toEqual(['pytest']);
    expect(names(['--no-group', 'dev'])).toEqual(flask);
    expect(selectionOf([], true).groups).toEqual([]);
  });

  it('takes extras with --extra and --all-extras', () => {
    const withExtra = UV_LOCK.replace(
      '[package.dev-dependencies]',
      '[package.optional-dependencies]\nprod = [\n    { name = "colorama" },\n]\n\n[package.dev-dependencies]',
    );
    const read = parseUvLock(withExtra);
    if (read.kind !== 'lock') throw new Error(read.error);
    const has = (args: string[]) =>
      lockSelection(read.lock, '3.12.12', selectionOf(args, false)).install.some(
        (p) => p.name === 'colorama',
      );
    expect(has([])).toBe(false);
    expect(has(['--extra', 'prod'])).toBe(true);
    expect(has(['--all-extras'])).toBe(true);
  });

  it('picks a wheel by its tags: the stage’s libc and CPython, abi3, then pure', () => {
    const target = { python: '3.12.12', libc: 'glibc' as const };
    const files = [
      'm-1-cp312-cp312-macosx_11_0_arm64.whl',
      'm-1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'm-1-cp312-cp312-musllinux_1_2_x86_64.whl',
      'm-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'm-1-py3-none-any.whl',
    ];
    expect(lockedWheelFor(pkg(files), target)?.filename).toBe(files[3]);
    expect(lockedWheelFor(pkg(files), { ...target, libc: 'musl' })?.filename).toBe(files[2]);
    expect(lockedWheelFor(pkg(files.slice(0, 2)), target)).toBeUndefined();
    expect(lockedWheelFor(pkg(['c-1-cp39-abi3-manylinux_2_28_x86_64.whl']), target)?.filename).toContain(
      'abi3',
    );
    expect(lockedWheelFor(pkg(['c-1-cp313-abi3-manylinux_2_28_x86_64.whl']), target)).toBeUndefined();
    expect(lockedWheelFor(pkg(['p-1-py2.py3-none-any.whl']), target)?.filename).toBe(
      'p-1-py2.py3-none-any.whl',
    );
  });
});
