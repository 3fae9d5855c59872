/**
 * Every "Run in the terminal" command in the lessons, run as the lab runs it: the lesson's scenario
 * built and tagged with its name, the command typed, then what the lesson tells the learner to try
 * next. What the lesson says about the answers is held to what the terminal prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/content/facts/evaluate.ts';
import type { ScenarioId } from '../../src/content/facts/scenarios.ts';
import { type Ran, terminal, withFile } from '../lib/terminal/fixture.ts';

const LESSONS = join(import.meta.dirname, '../../src/content/lessons');

/** A line to type, or an edit of a file in the editor (as the lesson asks between two builds). */
type Step = string | { readonly edit: string; readonly change: (content: string) => string };

/** For each command: the steps the lesson suggests after it, and what the answers must show. */
const EXPECTED: Record<
  string,
  { readonly next?: readonly Step[]; readonly check: (ran: readonly Ran[]) => void }
> = {
  // python-single-stage: "try `which gcc curl pip apt-get`, `ls /usr/include | wc -l` and `id`".
  'docker run --rm -it python-single bash': {
    next: ['which gcc curl pip apt-get', 'ls /usr/include | wc -l', 'id'],
    check: ([shell, which, headers, id]) => {
      expect(shell?.prompt).toMatch(/^root@[0-9a-f]{12}:\/app# $/);
      expect(which?.out).toBe('/usr/bin/gcc\n/usr/bin/curl\n/usr/local/bin/pip\n/usr/bin/apt-get\n');
      expect(Number(headers?.out)).toBeGreaterThan(100);
      expect(id?.out).toMatch(/^uid=0\(root\) gid=0\(root\)/);
    },
  },
  // go-single-stage: "`which go gcc make`, `du -sh /usr/local/go` and `ls /usr/local/go/bin`";
  // why-small-images: "`which gcc curl apt-get` inside it, and `exit`".
  'docker run --rm -it --entrypoint bash go-single': {
    next: [
      'which go gcc make',
      'du -sh /usr/local/go',
      'ls /usr/local/go/bin',
      'which gcc curl apt-get',
      'exit',
    ],
    check: ([shell, which, du, bin, tools, exit]) => {
      expect(shell?.prompt).toMatch(/^root@[0-9a-f]{12}:\/usr\/src\/app# $/);
      expect(which?.out).toBe('/usr/local/go/bin/go\n/usr/bin/gcc\n/usr/bin/make\n');
      expect(du?.out).toMatch(/^\d+M\t\/usr\/local\/go\n$/);
      expect(bin?.out).toBe('go  gofmt\n');
      expect(tools?.out).toBe('/usr/bin/gcc\n/usr/bin/curl\n/usr/bin/apt-get\n');
      expect(exit?.prompt).toBe('$ ');
    },
  },
  // multi-stage-python: "`which nc wget apk pip` finds all four, `ls -l /usr/bin/nc` shows that it
  // is busybox under another name, and `id` says root".
  'docker run --rm -it python-multi-fixed sh': {
    next: ['which nc wget apk pip', 'ls -l /usr/bin/nc', 'id'],
    check: ([shell, which, nc, id]) => {
      expect(shell?.prompt).toBe('/app # ');
      expect(which?.out.trim().split('\n')).toHaveLength(4);
      expect(which?.status).toBe(0);
      expect(nc?.out).toMatch(/\/usr\/bin\/nc -> \/bin\/busybox\n$/);
      expect(id?.out).toMatch(/^uid=0\(root\) gid=0\(root\)/);
    },
  },
  // go-from-scratch: "Docker answers `exec: "sh": executable file not found in $PATH` with status 127".
  'docker run --rm -it --entrypoint sh go-scratch': {
    check: ([run]) => {
      expect(run?.err).toContain('exec: "sh": executable file not found in $PATH');
      expect(run?.status).toBe(127);
      expect(run?.prompt).toBe('$ ');
    },
  },
  // inspecting-images: dive shows the wasted space the lesson quotes (about 81 %: the package
  // lists, which grow with the mirror, are most of the waste).
  'dive delete-later': {
    check: ([dive]) => {
      expect(dive?.out).toMatch(/efficiency: (80\.9|81\.)\d* %/);
      expect(dive?.out).toMatch(/wastedBytes: \d+ bytes \(20\.\d MB\)/);
      expect(dive?.out).toContain('/var/lib/apt/lists/');
    },
  },
  // layer-caching: "change the greeting in `src/example.py` and run the same command again: the
  // steps up to the install say `CACHED`, and only the last `COPY` runs".
  'docker build -t app .': {
    next: [
      { edit: 'src/example.py', change: (content) => content.replace('Hello', 'Hi') },
      'docker build -t app .',
    ],
    check: ([first, , second]) => {
      expect(first?.status).toBe(0);
      expect(first?.out).not.toContain('CACHED');
      // BuildKit's plain progress: `#N [i/n] INSTRUCTION`, later `#N CACHED` or `#N DONE`.
      const out = second?.out ?? '';
      const steps = [...out.matchAll(/^#(\d+) \[\d\/\d\] (.*)$/gm)].map(([, id, text]) => ({
        text,
        cached: out.includes(`\n#${id} CACHED\n`),
      }));
      expect(steps).toEqual([
        { text: 'FROM docker.io/library/python:3.14-slim', cached: false },
        { text: 'WORKDIR /app', cached: true },
        { text: 'COPY requirements.txt .', cached: true },
        { text: 'RUN pip install --no-cache-dir -r requirements.txt', cached: true },
        { text: 'COPY src/ src/', cached: false },
      ]);
    },
  },
};

const commands = readdirSync(LESSONS)
  .filter((name) => name.endsWith('.mdx'))
  .flatMap((lesson) =>
    [...readFileSync(join(LESSONS, lesson), 'utf8').matchAll(/<Command run="([^"]+)" of="([^"]+)" \/>/g)].map(
      (match) => ({ lesson, run: match[1] as string, of: match[2] as ScenarioId }),
    ),
  );

describe("the lessons' terminal commands", () => {
  it('finds every lesson command, and an expectation for each', () => {
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const { run } of commands) expect(EXPECTED, `nothing checks ${run}`).toHaveProperty([run]);
  });

  it.each(commands)('$lesson: $run', async ({ run, of }) => {
    const { files, dockerfile } = await evaluateScenario(of);
    const t = terminal({
      files: [
        { path: 'Dockerfile', content: dockerfile },
        ...Object.entries(files).map(([path, content]) => ({ path, content })),
      ],
    });
    expect(await t.session.prepare(of, t.files)).toEqual([]);
    const expected = EXPECTED[run];
    if (!expected) throw new Error(`nothing checks ${run}`);
    const ran: Ran[] = [await t.type(run)];
    for (const step of expected.next ?? []) {
      if (typeof step === 'string') {
        ran.push(await t.type(step));
        continue;
      }
      const file = t.files.files.find((candidate) => candidate.path === step.edit);
      const changed = step.change(file?.content ?? '');
      expect(changed, `the edit of ${step.edit} changes nothing`).not.toBe(file?.content);
      t.setFiles(withFile(t.files, step.edit, changed));
      ran.push(await t.type(''));
    }
    expected.check(ran);
  });
});
