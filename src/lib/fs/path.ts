/** POSIX paths as Go's `path` package treats them: the rules Docker applies inside an image. */

/** Go's path.Clean: one slash between elements, no `.`, `..` resolved, never empty. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Joins and cleans, as Go's path.Join (empty elements are skipped). */
export function joinPath(...elements: string[]): string {
  const nonEmpty = elements.filter((element) => element !== '');
  return nonEmpty.length === 0 ? '' : cleanPath(nonEmpty.join('/'));
}

/** The directory part, as Go's path.Dir. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return cleanPath(slash === -1 ? '' : path.slice(0, slash + 1) || '/');
}

/** The last element, as Go's path.Base. */
export function basename(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** An absolute, clean path inside the image: `relative` resolved against the working directory. */
export function resolveIn(workdir: string, relative: string): string {
  return cleanPath(relative.startsWith('/') ? relative : `${workdir || '/'}/${relative}`);
}

/** The path's elements below `/`: `/usr/local/bin` → `['usr', 'local', 'bin']`. */
export function pathElements(absolute: string): string[] {
  return cleanPath(absolute)
    .split('/')
    .filter((part) => part !== '');
}
