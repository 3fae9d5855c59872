/** COPY or ADD of a context file that .dockerignore leaves out: the build fails with "not found". */
import { type IgnorePattern, isIgnored, parseDockerignore } from '../build/dockerignore.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { cleanPath } from '../fs/path.ts';
import { finding, type Rule } from './rule.ts';

const ROOT_PATTERNS: ReadonlySet<string> = new Set(['*', '**', '**/*']);

function patternsOf(text: string | undefined): IgnorePattern[] {
  if (text === undefined) return [];
  try {
    return parseDockerignore(text);
  } catch {
    return [];
  }
}

export const copyIgnoredFile: Rule = {
  code: 'rule/copy-ignored-file',
  severity: 'warning',
  title: 'Do not COPY what .dockerignore excludes',
  explanation:
    '`.dockerignore` keeps files out of the build context, so a COPY or ADD of one of them fails with "not found", ' +
    'or copies a directory without the files you expected. Either the pattern is too wide or the file should not be ' +
    'copied. As in BuildKit, the check is skipped when `.dockerignore` re-includes anything with `!`: which files are ' +
    'left then depends on the order of the patterns.',
  bad: 'FROM scratch\nCOPY secrets.env /app/\nUSER 65532\n',
  good: 'FROM scratch\nCOPY config.env /app/\nUSER 65532\n',
  dockerignore: '.git\nsecrets.env\n',
  refs: { buildkit: 'CopyIgnoredFile' },
  check(input) {
    const patterns = patternsOf(input.dockerignore);
    if (patterns.length === 0 || patterns.some((pattern) => pattern.exclusion)) return [];
    const rootIgnored = patterns.some((pattern) => ROOT_PATTERNS.has(pattern.pattern));
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'COPY' && instruction.kind !== 'ADD') continue;
      if (instruction.kind === 'COPY' && instruction.from !== undefined) continue;
      for (const source of instruction.sources) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.value) || source.value.startsWith('git@')) continue;
        const path = cleanPath(source.value);
        const root = path === '.' || path === '/';
        if (root ? !rootIgnored : !isIgnored(path.replace(/^\/+/, ''), patterns)) continue;
        diagnostics.push(
          finding(
            copyIgnoredFile,
            source.range,
            `Attempting to ${instruction.kind === 'ADD' ? 'Add' : 'Copy'} file "${path}" that is excluded by .dockerignore`,
            { hint: 'Remove the pattern that excludes it from .dockerignore, or do not copy it.' },
          ),
        );
      }
    }
    return diagnostics;
  },
};
