/**
 * `.dockerignore`, read and matched as Docker does (moby/patternmatcher): Go filepath.Match rules
 * plus `**`, a path is excluded when it or any parent directory matches, and later `!` lines
 * re-include what earlier lines excluded.
 */
import { cleanPath } from '../fs/path.ts';

export interface IgnorePattern {
  readonly pattern: string;
  readonly exclusion: boolean;
  /** 1-based line in .dockerignore. */
  readonly line: number;
  readonly regex: RegExp;
}

export class IgnoreFileError extends Error {}

/** Reads a .dockerignore file. Throws IgnoreFileError for `!` alone or a malformed pattern. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.startsWith('#')) return;
      let pattern = raw.trim();
      if (pattern === '') return;
      const exclusion = pattern.startsWith('!');
      if (exclusion) pattern = pattern.slice(1).trim();
      if (pattern !== '') {
        pattern = cleanPath(pattern);
        if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
      }
      if (exclusion && pattern === '') throw new IgnoreFileError('illegal exclusion pattern: "!"');
      patterns.push({ pattern, exclusion, line: index + 1, regex: compile(pattern) });
    });
  return patterns;
}

/** The pattern as a regular expression over a clean, relative, slash-separated path. */
function compile(pattern: string): RegExp {
  let source = '^';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === '*' && chars[i + 1] === '*') {
      i++;
      if (chars[i + 1] === '/') i++;
      // `**` at the end matches everything below; elsewhere any number of directories, even none.
      source += i === chars.length - 1 ? '.*' : '(?:.*/)?';
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\') source += i + 1 < chars.length ? `\\${chars[++i]}` : '\\\\';
    else if (char === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close === -1) throw new IgnoreFileError(`syntax error in pattern: ${pattern}`);
      const negated = chars[i + 1] === '^';
      const body = chars
        .slice(negated ? i + 2 : i + 1, close)
        .map((c) => (c === '-' ? c : c.replace(/[\\\][^]/g, '\\$&')));
      source += `[${negated ? '^' : ''}${body.join('')}]`;
      i = close;
    } else source += char.replace(/[.+()|{}$^]/g, '\\$&');
  }
  try {
    return new RegExp(`${source}$`, 'u');
  } catch {
    throw new IgnoreFileError(`syntax error in pattern: ${pattern}`);
  }
}

/**
 * Whether the context path (relative, slash-separated) is excluded from the build context.
 * The context root itself never is.
 */
export function isIgnored(path: string, patterns: readonly IgnorePattern[]): boolean {
  const file = cleanPath(path);
  if (file === '.' || patterns.length === 0) return false;
  const parents = file.split('/').slice(0, -1);
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.exclusion !== matched) continue;
    let match = pattern.regex.test(file);
    for (let i = 1; !match && i <= parents.length; i++)
      match = pattern.regex.test(parents.slice(0, i).join('/'));
    if (match) matched = !pattern.exclusion;
  }
  return matched;
}
