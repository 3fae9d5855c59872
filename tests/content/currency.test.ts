/**
 * The course stays current: the challenges build on images the official library still builds,
 * the lessons never type a version an alias resolves to (the catalog computes it, as it does
 * sizes), what they say resolves agrees with the tag histories, and an example built on a retired
 * tag says so with the day it was last built.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseIds, readExercise } from '../../src/content/exercise-files.ts';
import { siteCatalog, siteTagHistory } from '../../src/content/facts/evaluate.ts';
import { imageFact, tagFact, versionOf } from '../../src/content/facts/image-facts.ts';
import { type Exercise, exerciseSchema } from '../../src/content/schemas/exercise.ts';
import { parseReference } from '../../src/lib/images/reference.ts';
import { currentTarget, tagStatus } from '../../src/lib/images/tag-history.ts';

const SRC = join(import.meta.dirname, '../../src');
const LESSONS = join(SRC, 'content/lessons');
const EXAMPLES = join(SRC, 'content/examples');
const HISTORIES = Object.keys(
  (
    JSON.parse(readFileSync(join(import.meta.dirname, '../../public/catalog/tags/index.json'), 'utf8')) as {
      repositories: Record<string, unknown>;
    }
  ).repositories,
);

/** The images a Dockerfile's FROM lines name, leaving out scratch and earlier stages. */
function baseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const [, image, name] of dockerfile.matchAll(
    /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+as\s+(\S+))?/gim,
  )) {
    const ref = image as string;
    if (ref !== 'scratch' && !stages.has(ref.toLowerCase())) images.push(ref);
    if (name) stages.add(name.toLowerCase());
  }
  return images;
}

const lessonTexts = readdirSync(LESSONS)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ name, text: readFileSync(join(LESSONS, name), 'utf8') }));

/** The prose a reader sees as typed: the lessons, the exercises' words and the home page. */
async function typedProse(): Promise<{ where: string; text: string }[]> {
  const prose = lessonTexts.map(({ name, text }) => ({ where: name, text }));
  for (const id of await exerciseIds()) {
    const exercise = exerciseSchema.parse(await readExercise(id));
    prose.push({
      where: `exercise ${id}`,
      text: [exercise.summary, exercise.explanation, ...exercise.hints].join('\n'),
    });
  }
  prose.push({ where: 'index.astro', text: readFileSync(join(SRC, 'pages/index.astro'), 'utf8') });
  return prose;
}

describe('the challenges build on current images', async () => {
  const catalog = await siteCatalog();
  const ids = await exerciseIds();
  const cases: [string, string][] = [];
  for (const id of ids) {
    const exercise: Exercise = exerciseSchema.parse(await readExercise(id));
    const dockerfiles = [
      ['starter', exercise.dockerfile],
      ['solution', exercise.solution.dockerfile],
    ] as const;
    for (const [which, text] of dockerfiles) {
      for (const image of baseImages(text)) cases.push([`${id} ${which}: ${image}`, image]);
    }
  }

  it('has images to check', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases)('%s is in the catalog and still built', async (_, image) => {
    const resolution = catalog.resolve(image);
    expect(resolution.ok && resolution.how).toBe('exact');
    const reference = parseReference(image);
    if (!reference || !HISTORIES.includes(reference.repository)) return;
    const history = await siteTagHistory(reference.repository);
    const status = tagStatus(history, reference.tag).status;
    // A complete history knows every tag: the image must be current. Others must not say "past".
    expect(status).toMatch(history.complete ? /^current$/ : /^(current|unrecorded)$/);
  });
});

describe('the lessons say what a tag resolves to from the catalog', () => {
  it('type no full version tag by hand (the catalog computes it when the site is built)', async () => {
    const typed: string[] = [];
    for (const { where, text } of await typedProse()) {
      const prose = text.replace(/<(Image)?Fact\b[^>]*\/>/g, '');
      for (const [found] of prose.matchAll(/\b(?:python|golang|alpine|debian|node):\d+\.\d+\.\d+\S*/g))
        typed.push(`${where}: ${found}`);
    }
    expect(typed).toEqual([]);
  });

  it('type no tag or version after "resolves to": a computed fact follows it', () => {
    const typed = lessonTexts.flatMap(({ name, text }) =>
      [...text.matchAll(/\bresolves? to\s+`?[\w.:/-]*\d[\w.:/-]*/g)].map((m) => `${name}: ${m[0]}`),
    );
    expect(typed).toEqual([]);
  });

  it('resolve each alias they quote to the version its tag history names today', async () => {
    const catalog = await siteCatalog();
    const quoted = new Set(['golang:1']);
    for (const { text } of lessonTexts) {
      for (const m of text.matchAll(/<ImageFact image="([^"]+)" show="resolved"/g))
        quoted.add(m[1] as string);
    }
    let compared = 0;
    for (const image of quoted) {
      const reference = parseReference(image);
      if (!reference || !HISTORIES.includes(reference.repository)) continue;
      const target = currentTarget(await siteTagHistory(reference.repository), reference.tag);
      if (!target) continue; // a retired tag has no current target: the next test covers it
      compared += 1;
      expect(versionOf(imageFact(catalog, image, 'resolved')), image).toBe(versionOf(`x:${target.tag}`));
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });
});

describe('an example on a retired tag says so', () => {
  const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.Dockerfile'));
  const allLessons = lessonTexts.map((l) => l.text).join('\n');

  it.each(examples)('%s', async (name) => {
    for (const image of baseImages(readFileSync(join(EXAMPLES, name), 'utf8'))) {
      const reference = parseReference(image);
      if (!reference || !HISTORIES.includes(reference.repository)) continue;
      const history = await siteTagHistory(reference.repository);
      if (tagStatus(history, reference.tag).status !== 'past') continue;
      // A lesson names the day it was last built (its own, or a sibling's retired the same day),
      // computed from the history.
      const retired = tagFact(history, reference.tag, 'retired');
      const said = [...allLessons.matchAll(/<ImageFact image="([^"]+)" show="retired" \/>/g)]
        .map((m) => parseReference(m[1] as string))
        .filter((r) => r?.repository === reference.repository)
        .map((r) => tagFact(history, r?.tag ?? '', 'retired'));
      expect(said, `${name}: ${image} is retired since ${retired}`).toContain(retired);
    }
  });

  it('dates python:3.9 from the official library’s history, and refuses a date for a tag still built', async () => {
    const python = await siteTagHistory('python');
    expect(tagFact(python, '3.9', 'retired')).toBe('3 November 2025');
    expect(() => tagFact(python, '3.14', 'retired')).toThrow(/still built/);
    expect(() => tagFact(python, '3.99', 'retired')).toThrow(/no record/);
  });
});

describe('every <ImageFact> in the lessons computes', () => {
  const uses = lessonTexts.flatMap(({ name, text }) =>
    [...text.matchAll(/<ImageFact image="([^"]+)"(?: show="(\w+)")? \/>/g)].map(
      (m) => [`${name}: ${m[1]} ${m[2] ?? 'size'}`, m[1] as string, m[2] ?? 'size'] as const,
    ),
  );

  it.each(uses)('%s', async (_, image, show) => {
    const reference = parseReference(image);
    const text =
      show === 'retired' || show === 'since'
        ? tagFact(await siteTagHistory(reference?.repository ?? ''), reference?.tag ?? '', show)
        : imageFact(await siteCatalog(), image, show as Parameters<typeof imageFact>[2]);
    expect(text).not.toBe('');
  });
});
