/**
 * A PATH entry naming an install prefix (`/root/.local`, `/opt/venv`) instead of its `bin`
 * directory: the commands installed there are then not found by name.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { EnvInstruction, KeyValue } from '../dockerfile/index.ts';
import { basename, cleanPath } from '../fs/path.ts';
import { type DirNode, stat } from '../fs/tree.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { LocatedWord } from './source-text.ts';
import { builtImage, stageChain, targetIndex } from './stages.ts';

interface Entry {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** The `:`-separated entries of a PATH value as written, with their places in it (quotes left out). */
function pathEntries(value: string): Entry[] {
  const entries: Entry[] = [];
  for (const match of value.matchAll(/[^:]+/g)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start < end && (value[start] === '"' || value[start] === "'")) start++;
    while (end > start && (value[end - 1] === '"' || value[end - 1] === "'")) end--;
    if (end > start) entries.push({ path: value.slice(start, end), start, end });
  }
  return entries;
}

/** The executables directly in a directory of the image. */
function executables(tree: DirNode, dir: string): string[] {
  const node = stat(tree, dir);
  if (node?.kind !== 'dir') return [];
  return [...node.children]
    .filter(([, child]) => (child.kind === 'file' || child.kind === 'symlink') && (child.mode & 0o111) !== 0)
    .map(([name]) => name)
    .sort();
}

export const pathMissesBin: Rule = {
  code: 'rule/path-misses-bin',
  severity: 'warning',
  title: 'Put the bin directory on PATH, not the prefix above it',
  explanation:
    '`pip install --user` installs packages under `~/.local/lib` and their commands (`flask`, `gunicorn`) in ' +
    '`~/.local/bin`; a virtual environment puts them in `/opt/venv/bin`. PATH must list that `bin` directory: ' +
    '`ENV PATH=/root/.local:$PATH` lists the prefix, where there are no commands, so `flask run` fails with ' +
    '"executable file not found in $PATH". Imports still work, because Python finds the user site through HOME, so ' +
    'the mistake only shows when a command is run. With a finished build the rule looks at the image itself: an ' +
    'entry of PATH that holds no commands but has a `bin` directory full of them.',
  bad: 'FROM python:3.9 AS builder\nRUN pip install --user flask\n\nFROM python:3.9-slim\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local:$PATH\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
  good: 'FROM python:3.9 AS builder\nRUN pip install --user flask==3.1.2\n\nFROM python:3.9-slim\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local/bin:$PATH\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
  refs: {},
  check(input) {
    const { stages } = input.dockerfile;
    const image = builtImage(input);
    const pairs: { instruction: EnvInstruction; pair: KeyValue }[] = [];
    for (const index of stageChain(input, targetIndex(input))) {
      for (const instruction of stages[index]?.instructions ?? []) {
        if (instruction.kind !== 'ENV') continue;
        for (const pair of instruction.pairs)
          if (pair.key.value === 'PATH') pairs.push({ instruction, pair });
      }
    }
    const listed = new Set(
      [
        ...pairs.flatMap(({ pair }) => pathEntries(pair.value.value).map((entry) => entry.path)),
        ...(image?.stage.config?.env.find(([name]) => name === 'PATH')?.[1].split(':') ?? []),
      ].map((path) => cleanPath(path)),
    );
    const diagnostics: Diagnostic[] = [];
    for (const { pair } of pairs) {
      const located = new LocatedWord(input, pair.value);
      for (const entry of pathEntries(pair.value.value)) {
        if (entry.path.includes('$') || !entry.path.startsWith('/')) continue;
        const path = cleanPath(entry.path);
        const bin = `${path === '/' ? '' : path}/bin`;
        if (['bin', 'sbin'].includes(basename(path)) || listed.has(bin)) continue;
        let commands: string[] = [];
        if (image) {
          commands = executables(image.tree, bin);
          if (commands.length === 0 || executables(image.tree, path).length > 0) continue;
        } else if (basename(path) !== '.local') continue;
        const installer =
          basename(path) === '.local' ? 'pip install --user puts its commands' : 'the commands are';
        const examples =
          commands.length === 0
            ? ''
            : ` (${commands.slice(0, 3).join(', ')}${commands.length > 3 ? `, … ${commands.length} in all` : ''})`;
        const range = located.range(entry.start, entry.end);
        diagnostics.push(
          finding(
            pathMissesBin,
            range,
            `PATH lists ${path}, but ${installer} in ${bin}${examples}: they are not found by name`,
            {
              hint: `Put ${bin} on PATH instead: ENV PATH=${bin}:$PATH.`,
              fixes: [replaceFix(`Replace with ${bin}`, range, bin)],
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};
