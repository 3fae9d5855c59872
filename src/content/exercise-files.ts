/**
 * Reads the exercises from their directories, for the content collection and the tests (Node only).
 *
 * Each exercise is a directory `src/content/exercises/<id>/`:
 * - `exercise.yaml`: title, summary, order, lesson, goals, hints, `app` (an example application
 *   under src/content/examples whose files start the build context) and `readOnly` (paths);
 * - `starter/`: the starter Dockerfile and any context files beyond the app's;
 * - `solution/`: the reference Dockerfile and any context files it changes;
 * - `explanation.md`: shown after success or on request.
 * The result is the raw object the exercise schema validates.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';

export const EXERCISES_DIR = join(import.meta.dirname, 'exercises');
const EXAMPLES_DIR = join(import.meta.dirname, 'examples');

interface RawFile {
  path: string;
  content: string;
  readOnly?: boolean;
}

async function readTree(root: string): Promise<RawFile[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const full = join(entry.parentPath, entry.name);
      return { path: relative(root, full).split(sep).join('/'), content: await readFile(full, 'utf8') };
    }),
  );
}

function takeDockerfile(files: RawFile[], where: string): { dockerfile: string; rest: RawFile[] } {
  const dockerfile = files.find((file) => file.path === 'Dockerfile');
  if (!dockerfile) throw new Error(`${where} has no Dockerfile`);
  return { dockerfile: dockerfile.content, rest: files.filter((file) => file !== dockerfile) };
}

export async function readExercise(id: string): Promise<Record<string, unknown>> {
  const dir = join(EXERCISES_DIR, id);
  const meta = parse(await readFile(join(dir, 'exercise.yaml'), 'utf8')) as Record<string, unknown>;
  const { app, readOnly = [], ...data } = meta as { app?: string; readOnly?: string[] };
  const appFiles = app ? await readTree(join(EXAMPLES_DIR, app)) : [];
  const starter = takeDockerfile(await readTree(join(dir, 'starter')), `${id}/starter`);
  const solution = takeDockerfile(await readTree(join(dir, 'solution')), `${id}/solution`);
  const files = new Map([...appFiles, ...starter.rest].map((file) => [file.path, file]));
  const explanationPath = join(dir, 'explanation.md');
  return {
    ...data,
    dockerfile: starter.dockerfile,
    files: [...files.values()]
      .map((file) => ({ ...file, readOnly: readOnly.includes(file.path) }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    solution: { dockerfile: solution.dockerfile, files: solution.rest },
    explanation: existsSync(explanationPath) ? await readFile(explanationPath, 'utf8') : '',
  };
}

export async function exerciseIds(): Promise<string[]> {
  const entries = await readdir(EXERCISES_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
