/** The code reference covers every code the engine can emit, and nothing it cannot. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SurfaceCategory } from '../../src/lib/analysis/surface.ts';
import { codeInfo, DIAGNOSTIC_CODES } from '../../src/lib/diagnostic-codes.ts';

const LIB = join(import.meta.dirname, '../../src/lib');
const source = readdirSync(LIB, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && file !== 'diagnostic-codes.ts')
  .map((file) => readFileSync(join(LIB, file), 'utf8'))
  .join('\n');

/** Codes written literally in the engine's source, e.g. 'build/no-shell'. */
const emitted = new Set(
  [...source.matchAll(/['`]((?:parse|build|run|size)\/[a-z0-9-]+)['`]/g)].map((match) => match[1] as string),
);
const categories: readonly SurfaceCategory[] = [
  'shell',
  'network-tool',
  'package-manager',
  'compiler',
  'setuid',
  'world-writable',
  'root-user',
];

describe('diagnostic code reference', () => {
  it('explains every code the engine emits', () => {
    expect(emitted.size).toBeGreaterThan(50);
    const missing = [...emitted, ...categories.map((c) => `surface/${c}`)].filter((code) => !codeInfo(code));
    expect(missing).toEqual([]);
  });

  it('lists no code the engine does not emit', () => {
    const stale = DIAGNOSTIC_CODES.filter((info) => info.area !== 'surface' && !emitted.has(info.code));
    expect(stale.map((info) => info.code)).toEqual([]);
  });

  it('has one entry per code with a title and an explanation', () => {
    expect(new Set(DIAGNOSTIC_CODES.map((info) => info.code)).size).toBe(DIAGNOSTIC_CODES.length);
    for (const info of DIAGNOSTIC_CODES) {
      expect(info.title.length).toBeGreaterThan(3);
      expect(info.explanation).toMatch(/\.$/);
    }
  });
});
