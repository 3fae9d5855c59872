import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createNameLookup,
  decodeFrontCoded,
  encodeFrontCoded,
  normaliseProjectName,
  PYPI_NAMES_INDEX,
  parsePypiNamesIndex,
  shardOf,
} from '../../../src/lib/packages/project-names.ts';
import { PACKAGES_DIR } from './packages-fixture.ts';

const reads: string[] = [];
const lookup = createNameLookup((path) => {
  reads.push(path);
  return readFile(join(PACKAGES_DIR, path), 'utf8');
});

describe('PyPI names', () => {
  it('normalises names as PEP 503 does', () => {
    expect(normaliseProjectName('Flask_SQLAlchemy')).toBe('flask-sqlalchemy');
    expect(normaliseProjectName('zope.interface')).toBe('zope-interface');
    expect(normaliseProjectName('Foo-_.Bar')).toBe('foo-bar');
  });

  it('shards by the first two characters, with a safe path for any input', () => {
    expect(shardOf('flask')).toBe('names/pypi/fl.txt');
    expect(shardOf('a')).toBe('names/pypi/a.txt');
    expect(shardOf('../x')).toBe('names/pypi/__.txt');
  });

  it('round-trips front-coded lists', () => {
    const names = ['flask', 'flask-login', 'flask-sqlalchemy', 'flit', 'x'.repeat(50), `${'x'.repeat(50)}y`];
    expect(decodeFrontCoded(encodeFrontCoded(names))).toEqual(names);
    expect(() => decodeFrontCoded('5abc\n')).toThrow(/bad name list line/);
  });

  it('finds real projects and says which are absent', async () => {
    expect(await lookup.pypi('flask')).toBe('exists');
    expect(await lookup.pypi('Flask_SQLAlchemy')).toBe('exists');
    expect(await lookup.pypi('psycopg2-binary')).toBe('exists');
    expect(await lookup.pypi('flask-doesnotexist-7f3a9c')).toBe('absent');
    expect(await lookup.pypi('no such/name')).toBe('absent');
  });

  it('reads each shard once', async () => {
    await lookup.pypi('flask-login');
    await lookup.pypi('flask-cors');
    expect(reads.filter((path) => path === 'names/pypi/fl.txt')).toHaveLength(1);
  });

  it('says where the list comes from and how new it is', async () => {
    const index = parsePypiNamesIndex(await readFile(join(PACKAGES_DIR, PYPI_NAMES_INDEX), 'utf8'));
    expect(index.date).toBe('2026-11');
    expect(index.count).toBeGreaterThan(800_000);
  });
});

describe('Debian names', () => {
  it('lists real packages in bookworm and trixie', async () => {
    for (const suite of ['bookworm', 'trixie'] as const) {
      for (const name of ['tree', 'python3-venv', 'rustc', 'graphviz', 'imagemagick', 'ca-certificates']) {
        expect(await lookup.debian(suite, name), `${suite} ${name}`).toBe('exists');
      }
      expect(await lookup.debian(suite, 'nosuchpackage-xyz')).toBe('absent');
    }
  });

  it('tells a name only Provides: gives (a virtual package) from a real one', async () => {
    // mail-transport-agent is provided by exim4-daemon-light, postfix and others.
    expect(await lookup.debian('bookworm', 'mail-transport-agent')).toBe('virtual');
    expect(await lookup.debian('bullseye', 'python3-venv')).toBe('exists');
  });

  it('follows the suites apart: python3.11 is bookworm, python3.13 trixie', async () => {
    expect(await lookup.debian('bookworm', 'python3.11')).toBe('exists');
    expect(await lookup.debian('bookworm', 'python3.13')).toBe('absent');
    expect(await lookup.debian('trixie', 'python3.13')).toBe('exists');
    expect(await lookup.debian('bullseye', 'python3.9')).toBe('exists');
  });
});
