/** A terminal session over the committed catalog and package data, with a fixed clock and IDs. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildContext } from '../../../src/lib/build/context.ts';
import { type TerminalAnswer, TerminalSession } from '../../../src/lib/terminal/session.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');

/** An example app (python-app, go-app) with one of the brief's Dockerfiles, as the editor holds them. */
export function exampleContext(app: 'python-app' | 'go-app', dockerfile: string): BuildContext {
  const files = [{ path: 'Dockerfile', content: readFileSync(join(EXAMPLES, dockerfile), 'utf8') }];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(join(EXAMPLES, app), path), content: readFileSync(path, 'utf8') });
    }
  };
  walk(join(EXAMPLES, app));
  return { files };
}

export function withFile(context: BuildContext, path: string, content: string): BuildContext {
  return { files: [...context.files.filter((file) => file.path !== path), { path, content }] };
}

export interface Ran {
  readonly out: string;
  readonly err: string;
  readonly notes: string;
  /** Everything, in order, as the terminal shows it. */
  readonly text: string;
  readonly status: number;
  readonly prompt: string;
  readonly answer: TerminalAnswer;
}

export function newSession(): TerminalSession {
  let clock = Date.UTC(2025, 0, 1);
  return new TerminalSession({
    catalog: committedCatalog,
    packages: committedPackages(),
    now: () => {
      clock += 60_000;
      return clock;
    },
    random: () => 0.25,
  });
}

/** A terminal with the editor's files, to type lines into. */
export function terminal(
  context: BuildContext = exampleContext('python-app', 'python-single-stage.Dockerfile'),
) {
  const session = newSession();
  let files = context;
  return {
    session,
    setFiles(next: BuildContext) {
      files = next;
    },
    get files() {
      return files;
    },
    async type(line: string): Promise<Ran> {
      const answer = await session.run({ line, context: files, columns: 80 });
      const pick = (stream: string) =>
        answer.chunks
          .filter((chunk) => chunk.stream === stream)
          .map((chunk) => chunk.text)
          .join('');
      return {
        out: pick('out'),
        err: pick('err'),
        notes: pick('note'),
        text: answer.chunks.map((chunk) => chunk.text).join(''),
        status: answer.status,
        prompt: answer.prompt,
        answer,
      };
    },
  };
}
