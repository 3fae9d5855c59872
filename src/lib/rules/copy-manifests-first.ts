/**
 * Cache-friendly order: copy the dependency manifest, install, then copy the sources. Copying all
 * sources first makes every code edit re-run the dependency install.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { SyntaxWord } from '../dockerfile/index.ts';
import { basename } from '../fs/path.ts';
import { finding, type Rule } from './rule.ts';
import { commandName, operands, pipInstall, runScripts, type SimpleCommandWords } from './run-commands.ts';

/** Files that list dependencies: copying one of them alone is the cache-friendly first step. */
const MANIFEST =
  /^(requirements[\w.-]*\.(txt|in)|constraints[\w.-]*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|setup\.(py|cfg)|package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|\.npmrc|\.yarnrc(\.yml)?|go\.(mod|sum)|Gemfile(\.lock)?|composer\.(json|lock)|Cargo\.(toml|lock))$/;

/** A COPY source that brings in source code wholesale: `.`, a directory, a wildcard. */
function isBroad(source: string): boolean {
  const path = source.replace(/^(["'])(.*)\1$/, '$2');
  if (MANIFEST.test(basename(path))) return false;
  if (path === '.' || path === './' || path.endsWith('/') || /[*?[]/.test(path)) return true;
  // A name without an extension is most likely a directory (`src`, `app`).
  return !basename(path).includes('.');
}

interface DependencyInstall {
  /** The command as written. */
  readonly text: string;
  /** What to copy before it. */
  readonly manifests: string;
}

/** The dependency install a command runs, with the files it reads; undefined when it is none. */
function dependencyInstall(command: SimpleCommandWords): DependencyInstall | undefined {
  const name = commandName(command);
  const args = operands(command).map((word) => word.value);
  const text = command.words.map((word) => word.text).join(' ');
  if (pipInstall(command)) {
    const at = command.words.findIndex((word) => word.value === '-r' || word.value === '--requirement');
    const file = at === -1 ? undefined : command.words[at + 1]?.value;
    return file === undefined ? undefined : { text, manifests: file };
  }
  if (
    (name === 'npm' || name === 'pnpm') &&
    ['install', 'i', 'ci'].includes(args[0] ?? '') &&
    args.length === 1
  )
    return {
      text,
      manifests: name === 'npm' ? 'package.json package-lock.json' : 'package.json pnpm-lock.yaml',
    };
  if (name === 'yarn' && (args.length === 0 || (args[0] === 'install' && args.length === 1)))
    return { text, manifests: 'package.json yarn.lock' };
  if (name === 'go' && args[0] === 'mod' && args[1] === 'download')
    return { text, manifests: 'go.mod go.sum' };
  if (name === 'bundle' && args[0] === 'install') return { text, manifests: 'Gemfile Gemfile.lock' };
  if (name === 'composer' && args[0] === 'install') return { text, manifests: 'composer.json composer.lock' };
  if (name === 'poetry' && args[0] === 'install') return { text, manifests: 'pyproject.toml poetry.lock' };
  return undefined;
}

export const copyManifestsFirst: Rule = {
  code: 'rule/copy-manifests-first',
  severity: 'info',
  title: 'Copy dependency manifests and install before copying the sources',
  explanation:
    'Docker reuses a cached layer only while everything before it is unchanged. After `COPY . .`, any edit to any ' +
    'source file invalidates the cache, so the `pip install -r requirements.txt` (or `npm ci`, `go mod download`) ' +
    'that follows downloads and installs every dependency again. Copy the manifest on its own, install, and only ' +
    'then copy the rest: the install layer is rebuilt only when the dependencies change.',
  bad: 'FROM python:3.9-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
  good: 'FROM python:3.9-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
  refs: {},
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const broad: SyntaxWord[] = [];
      for (const instruction of stage.instructions) {
        if (instruction.kind === 'COPY' && instruction.from === undefined) {
          const source = instruction.sources.find((word) => isBroad(word.value));
          if (source) broad.push(source);
          continue;
        }
        if (instruction.kind !== 'RUN' || broad.length === 0) continue;
        const install = runScripts(input, instruction)
          .flatMap((script) => script.commands)
          .map(dependencyInstall)
          .find((text) => text !== undefined);
        if (install === undefined) continue;
        for (const source of broad.splice(0)) {
          diagnostics.push(
            finding(
              copyManifestsFirst,
              source.range,
              `COPY ${source.value} brings in the sources before \`${install.text}\` (line ${instruction.startLine}): every source edit re-runs the install`,
              {
                hint: `Copy only ${install.manifests} first, run the install, then copy the sources after it.`,
              },
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};
