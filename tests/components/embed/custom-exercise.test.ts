/**
 * An author's exercise in a URL: a round trip, and every way a hostile link is refused with a
 * message (script in a file name, huge inputs, a deflate bomb, deep nesting, a forged version),
 * never a throw and never anything rendered from it.
 */
import { deflateRawSync } from 'node:zlib';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import {
  decodeCustomExercise,
  encodeCustomExercise,
  readCustomExercise,
} from '../../../src/components/embed/custom-exercise.ts';
import type { JsonSchema } from '../../../src/components/embed/schema-check.ts';
import { LINK_LIMITS } from '../../../src/components/playground/share-link.ts';
import { customExerciseSchema } from '../../../src/content/schemas/exercise.ts';

const schema = z.toJSONSchema(customExerciseSchema, { io: 'input' }) as JsonSchema;

const mine = {
  title: 'Ship it from scratch',
  summary: 'Make the image `small`.',
  dockerfile: 'FROM golang:1 AS build\nCOPY . .\nRUN go build -o /app\n',
  files: [{ path: 'main.go', content: 'package main\n', readOnly: true }],
  goals: [{ kind: 'builds' }, { kind: 'maxSize', bytes: 10_000_000 }],
};

const forge = (value: unknown) => deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url');

async function refusal(encoded: string): Promise<string> {
  const read = await decodeCustomExercise(encoded, schema);
  if (read.ok) throw new Error('expected a refusal');
  return read.message;
}

describe('custom exercises in a link', () => {
  it('round-trips an exercise, with the schema’s defaults and a stable id', async () => {
    const read = await decodeCustomExercise(await encodeCustomExercise(mine), schema);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.custom.summary).toBe(mine.summary);
    expect(read.custom.exercise).toEqual({
      id: expect.stringMatching(/^custom-[0-9a-f]{8}$/),
      title: mine.title,
      dockerfile: mine.dockerfile,
      files: mine.files,
      goals: mine.goals,
      hints: [],
      explanation: '',
    });
    const again = readCustomExercise({ v: 1, exercise: mine }, schema);
    const other = readCustomExercise({ v: 1, exercise: { ...mine, title: 'Another' } }, schema);
    expect(again.ok && again.custom.exercise.id).toBe(read.custom.exercise.id);
    expect(other.ok && other.custom.exercise.id).not.toBe(read.custom.exercise.id);
  });

  it.each([
    [
      'a script tag as a file name',
      { ...mine, files: [{ path: '<script>alert(1)</script>', content: '' }] },
      'files[0].path',
    ],
    [
      'a second Dockerfile',
      { ...mine, files: [{ path: 'Dockerfile', content: '' }] },
      'already a file called Dockerfile',
    ],
    [
      'a path that is a file and a folder',
      {
        ...mine,
        files: [
          { path: 'a', content: '' },
          { path: 'a/b', content: '' },
        ],
      },
      'in the way',
    ],
    [
      'a control character in a name',
      { ...mine, files: [{ path: 'a\u0007b', content: '' }] },
      'files[0].path',
    ],
    [
      'a huge Dockerfile',
      { ...mine, dockerfile: 'RUN true\n'.repeat(10_000) },
      'dockerfile: must be at most',
    ],
    [
      'files over the editor’s total',
      {
        ...mine,
        files: Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, content: 'x'.repeat(60_000) })),
      },
      'larger than 256 KiB',
    ],
    ['no goals', { ...mine, goals: [] }, 'goals: must have at least 1 item'],
    [
      'a goal the engine does not know',
      { ...mine, goals: [{ kind: 'exec', command: 'rm -rf /' }] },
      'goals[0].kind',
    ],
  ])('refuses %s', async (_, exercise, message) => {
    await expect(refusal(forge({ v: 1, exercise }))).resolves.toContain(message);
  });

  it('refuses a link made for another version, or holding no exercise', async () => {
    await expect(refusal(forge({ v: 2, exercise: mine }))).resolves.toBe(
      'it was made for a different version of the embed',
    );
    await expect(refusal(forge({ v: 1 }))).resolves.toBe('the exercise is not valid: must be an object');
    await expect(refusal(forge([1, 2, 3]))).resolves.toContain('different version');
  });

  it('refuses deeply nested JSON without recursing into it', async () => {
    const deep = `{"v":1,"exercise":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const encoded = deflateRawSync(Buffer.from(deep)).toString('base64url');
    await expect(refusal(encoded)).resolves.toBe('the exercise is not valid: must be an object');
    const deepTitle = `{"v":1,"exercise":{"title":${'['.repeat(200_000)}${']'.repeat(200_000)},"dockerfile":"FROM scratch","goals":[{"kind":"builds"}]}}`;
    await expect(refusal(deflateRawSync(Buffer.from(deepTitle)).toString('base64url'))).resolves.toBe(
      'the exercise is not valid: title: must be text',
    );
  });

  it('stops a deflate bomb and an over-long link before parsing', async () => {
    const bomb = deflateRawSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 }).toString('base64url');
    await expect(refusal(bomb)).resolves.toContain('unpacks to more than an exercise can hold');
    await expect(refusal('A'.repeat(LINK_LIMITS.encoded + 1))).resolves.toBe('it is too long');
    await expect(refusal('<script>alert(1)</script>')).resolves.toBe('it is not an exercise link');
    await expect(refusal(forge('FROM scratch').slice(0, 5))).resolves.toMatch(/cut short|damaged/);
  });
});
