/**
 * The embed's schema checker against zod itself: the JSON Schema that z.toJSONSchema writes from
 * the custom exercise schema must accept and refuse exactly what zod does, and return what zod
 * returns (unknown fields dropped, defaults filled in), for the course's exercises, for hostile
 * variants of them, and for random mutations.
 */
import { z } from 'astro/zod';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertSupported,
  checkAgainst,
  type JsonSchema,
} from '../../../src/components/embed/schema-check.ts';
import { exerciseIds, readExercise } from '../../../src/content/exercise-files.ts';
import { customExerciseSchema } from '../../../src/content/schemas/exercise.ts';

const schema = z.toJSONSchema(customExerciseSchema, { io: 'input' }) as JsonSchema;

/** A course exercise as an author would embed it: without its place in the course. */
async function courseExercises(): Promise<Record<string, unknown>[]> {
  return Promise.all(
    (await exerciseIds()).map(async (id) => {
      const { order: _order, lesson: _lesson, ...rest } = await readExercise(id);
      return rest;
    }),
  );
}

function bothAgree(value: unknown) {
  const zod = customExerciseSchema.safeParse(value);
  const ours = checkAgainst(schema, value);
  expect(ours.ok, JSON.stringify({ value, zod: zod.error?.issues, ours })).toBe(zod.success);
  if (ours.ok && zod.success) expect(ours.value).toEqual(zod.data);
  return ours;
}

const minimal = { title: 'Mine', dockerfile: 'FROM scratch\n', goals: [{ kind: 'builds' }] };

describe('the schema checker', () => {
  it('knows every keyword zod writes for the custom exercise schema', () => {
    expect(() => assertSupported(schema)).not.toThrow();
  });

  it('refuses a schema with a keyword it does not implement', () => {
    expect(() => assertSupported({ type: 'object', properties: { a: { anyOf: [] } } })).toThrow(
      '(root).a: the schema keyword "anyOf" is not supported',
    );
    expect(() => assertSupported({ type: 'string', format: 'email' })).toThrow('without a pattern');
  });

  it('accepts every course exercise, as zod does, and returns what zod returns', async () => {
    for (const exercise of await courseExercises()) expect(bothAgree(exercise).ok).toBe(true);
  });

  it('fills in defaults and drops unknown fields, as zod does', () => {
    const checked = bothAgree({
      ...minimal,
      extra: '<script>',
      files: [{ path: 'a.txt', content: 'x', y: 1 }],
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        title: 'Mine',
        dockerfile: 'FROM scratch\n',
        goals: [{ kind: 'builds' }],
        files: [{ path: 'a.txt', content: 'x', readOnly: false }],
        hints: [],
        explanation: '',
      },
    });
  });

  it.each([
    ['no title', { ...minimal, title: undefined }, 'title: is missing'],
    ['an empty title', { ...minimal, title: '' }, 'title: must not be empty'],
    ['a title of another type', { ...minimal, title: 42 }, 'title: must be text'],
    ['no goals', { ...minimal, goals: [] }, 'goals: must have at least 1 item'],
    [
      'an unknown goal',
      { ...minimal, goals: [{ kind: 'rootkit' }] },
      'goals[0].kind: must be one of "builds"',
    ],
    ['a goal that is not an object', { ...minimal, goals: ['builds'] }, 'goals[0]: must be an object'],
    [
      'a negative size',
      { ...minimal, goals: [{ kind: 'maxSize', bytes: -1 }] },
      'goals[0].bytes: must be more than 0',
    ],
    ['a fractional size', { ...minimal, goals: [{ kind: 'maxSize', bytes: 1.5 }] }, 'must be a whole number'],
    [
      'a relative image path',
      { ...minimal, goals: [{ kind: 'absentPaths', paths: ['bin/sh'] }] },
      'goals[0].paths[0]: is not allowed here',
    ],
    [
      'a script tag as a file name',
      { ...minimal, files: [{ path: '<script>alert(1)</script>', content: '' }] },
      'files[0].path: is not allowed here',
    ],
    [
      'a path out of the context',
      { ...minimal, files: [{ path: '../etc/passwd', content: '' }] },
      'files[0].path',
    ],
    ['an absolute path', { ...minimal, files: [{ path: '/etc/passwd', content: '' }] }, 'files[0].path'],
    ['a huge Dockerfile', { ...minimal, dockerfile: 'x'.repeat(65537) }, 'dockerfile: must be at most 65536'],
    [
      'too many files',
      { ...minimal, files: Array.from({ length: 33 }, (_, i) => ({ path: `f${i}`, content: '' })) },
      'files: must have at most 32 items (it has 33)',
    ],
    [
      'too many hints',
      { ...minimal, hints: Array.from({ length: 9 }, () => 'h') },
      'hints: must have at most 8',
    ],
    ['a list instead of an object', [minimal], 'must be an object'],
    ['null', null, 'must be an object'],
  ])('refuses %s, as zod does, and says where', (_, value, message) => {
    const checked = bothAgree(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(message);
  });

  it('is not slowed down by deeply nested values where the schema has none', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const started = performance.now();
    expect(checkAgainst(schema, { ...minimal, extra: deep }).ok).toBe(true);
    expect(checkAgainst(schema, { ...minimal, title: deep }).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('agrees with zod on random mutations of valid exercises', async () => {
    const exercises = await courseExercises();
    const json = fc.jsonValue({ maxDepth: 3 });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('set'), key: fc.string({ maxLength: 12 }), value: json }),
      fc.record({ kind: fc.constant('drop'), key: fc.string({ maxLength: 12 }) }),
    );
    const field = fc.constantFrom(
      'title',
      'summary',
      'dockerfile',
      'files',
      'goals',
      'hints',
      'solution',
      'explanation',
      '__proto__',
      'constructor',
    );
    fc.assert(
      fc.property(
        fc.nat({ max: exercises.length - 1 }),
        fc.array(fc.tuple(field, mutation), { maxLength: 4 }),
        fc.nat(),
        (pick, mutations, goalIndex) => {
          const value = structuredClone(exercises[pick] as Record<string, unknown>);
          for (const [name, change] of mutations) {
            const target = name === 'goals' ? ((value.goals as unknown[])[goalIndex % 3] ?? value) : value;
            if (typeof target !== 'object' || target === null) continue;
            const record = target as Record<string, unknown>;
            const key = name === 'goals' ? change.key || 'kind' : name;
            if (change.kind === 'drop') delete record[key];
            else
              Object.defineProperty(record, key, {
                value: change.value,
                enumerable: true,
                writable: true,
                configurable: true,
              });
          }
          bothAgree(value);
        },
      ),
      { numRuns: 400 },
    );
  });
});
