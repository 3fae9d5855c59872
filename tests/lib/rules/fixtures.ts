/**
 * Shared by the rule tests: lint one rule over a text, build a Dockerfile with the committed catalog,
 * and the brief's four Dockerfiles with their sample apps, built with pip and go modelled.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContext } from '../../../src/cli/read-context.ts';
import type { BuildContext } from '../../../src/lib/build/context.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import type { RunInterpreter } from '../../../src/lib/build/run-step.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { KNOWN } from '../../../src/lib/certainty.ts';
import type { Diagnostic, Fix } from '../../../src/lib/diagnostic.ts';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';
import { textFile } from '../../../src/lib/fs/content.ts';
import { putNode } from '../../../src/lib/fs/edit.ts';
import { resolveIn } from '../../../src/lib/fs/path.ts';
import type { Rule, RuleInput } from '../../../src/lib/rules/index.ts';
import { shellRun } from '../../../src/lib/shell/run.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

export function ruleInput(text: string, build?: BuildResult): RuleInput {
  const parsed = parseDockerfile(text);
  if (!parsed.ok) throw new Error(`the test Dockerfile does not parse: ${parsed.error.message}`);
  return { dockerfile: parsed.dockerfile, text, ...(build === undefined ? {} : { build }) };
}

/** The .dockerignore a rule's examples are checked with, as a RuleInput field. */
export function dockerignoreOf(rule: Rule): { dockerignore?: string } {
  return rule.dockerignore === undefined ? {} : { dockerignore: rule.dockerignore };
}

/** The findings of one rule (with the .dockerignore its examples are checked with). */
export function check(rule: Rule, text: string, build?: BuildResult): Diagnostic[] {
  return rule.check({ ...ruleInput(text, build), ...dockerignoreOf(rule) });
}

/** The line each finding starts on. */
export function lines(diagnostics: readonly Diagnostic[]): number[] {
  return diagnostics.map((diagnostic) => diagnostic.range.start.line);
}

/** The text each finding points at. */
export function marked(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) =>
    text.slice(diagnostic.range.start.offset, diagnostic.range.end.offset),
  );
}

export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.from - a.from);
  return edits.reduce(
    (result, edit) => result.slice(0, edit.from) + edit.insert + result.slice(edit.to),
    text,
  );
}

const real = shellRun();

/**
 * RUN with `pip install` and `go build` modelled by the files they leave (flask for the brief's
 * requirements.txt, a static binary at `-o`): the shell has no modules for them yet. Everything else
 * runs through the real interpreter.
 */
export const modelledRun: RunInterpreter = (request) => {
  const command = request.instruction.command;
  const script =
    command.form === 'shell' ? command.script.value : command.args.map((arg) => arg.value).join(' ');
  const root = { mode: 0o644, uid: 0, gid: 0 };
  if (/\bpip3? install\b/.test(script)) {
    const prefix = /--user\b/.test(script) ? '/root/.local' : '/usr/local';
    let tree = putNode(
      request.tree,
      `${prefix}/lib/python3.9/site-packages/flask/__init__.py`,
      textFile('__version__ = "3.1.2"\n', root),
    );
    tree = putNode(tree, `${prefix}/bin/flask`, {
      ...textFile('#!/usr/local/bin/python\nfrom flask.cli import main\nmain()\n', { ...root, mode: 0o755 }),
      exec: { kind: 'script', shebang: '/usr/local/bin/python' },
    });
    return { status: 'done', tree, narrative: `installed flask into ${prefix} (modelled)`, certainty: KNOWN };
  }
  const output = /\bgo build\b.*?-o\s+(\S+)/.exec(script)?.[1];
  if (output !== undefined) {
    const path = resolveIn(request.config.workdir || '/', output);
    const tree = putNode(request.tree, path, {
      kind: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      size: 6_000_000,
      exec: { kind: 'elf', linkage: 'static' },
    });
    return { status: 'done', tree, narrative: `built ${path} (modelled)`, certainty: KNOWN };
  }
  return real(request);
};

export async function build(
  text: string,
  context: BuildContext | Readonly<Record<string, string>> = {},
  options: { target?: string; runInterpreter?: RunInterpreter } = {},
): Promise<BuildResult> {
  const files =
    'files' in context && Array.isArray(context.files)
      ? (context as BuildContext)
      : {
          files: Object.entries(context as Record<string, string>).map(([path, content]) => ({
            path,
            content,
            mode: 0o644,
          })),
        };
  return simulateBuild({
    dockerfile: text,
    context: files,
    catalog: await committedCatalog(),
    runInterpreter: options.runInterpreter ?? modelledRun,
    ...(options.target === undefined ? {} : { target: options.target }),
  });
}

const EXAMPLES = join(import.meta.dirname, '../../../src/content/examples');

export const BRIEF = {
  'python-single-stage': 'python-app',
  'python-multi-stage': 'python-app',
  'go-single-stage': 'go-app',
  'go-scratch': 'go-app',
} as const;

export type BriefName = keyof typeof BRIEF;

export const BRIEF_NAMES = Object.keys(BRIEF) as BriefName[];

export function briefText(name: BriefName): string {
  return readFileSync(join(EXAMPLES, `${name}.Dockerfile`), 'utf8');
}

const briefBuilds = new Map<BriefName, Promise<BuildResult>>();

/** The brief's Dockerfile built with its sample app, pip and go modelled; memoised per test file. */
export function briefBuild(name: BriefName): Promise<BuildResult> {
  let pending = briefBuilds.get(name);
  if (pending === undefined) {
    pending = readContext(join(EXAMPLES, BRIEF[name])).then(({ context }) => build(briefText(name), context));
    briefBuilds.set(name, pending);
  }
  return pending;
}

/** One rule's findings on each of the brief's Dockerfiles, as `line: marked text`, with and without the build. */
export async function briefFindings(
  rule: Rule,
): Promise<Record<BriefName, { static: string[]; built: string[] }>> {
  const result = {} as Record<BriefName, { static: string[]; built: string[] }>;
  for (const name of BRIEF_NAMES) {
    const text = briefText(name);
    const describe = (diagnostics: Diagnostic[]) =>
      diagnostics.map((d, i) => `${d.range.start.line}: ${marked(text, diagnostics)[i]}`);
    result[name] = {
      static: describe(check(rule, text)),
      built: describe(check(rule, text, await briefBuild(name))),
    };
  }
  return result;
}

/** No finding of the rule on any of the brief's Dockerfiles, built or not. */
export const NONE_IN_BRIEF: Record<BriefName, { static: string[]; built: string[] }> = {
  'python-single-stage': { static: [], built: [] },
  'python-multi-stage': { static: [], built: [] },
  'go-single-stage': { static: [], built: [] },
  'go-scratch': { static: [], built: [] },
};
