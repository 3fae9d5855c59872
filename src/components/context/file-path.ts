/** Names of build-context files: what a learner may call a file, and why a name is refused. */

/** The Dockerfile every playground has; the engine reads it by this name. */
export const DOCKERFILE = 'Dockerfile';

export const MAX_PATH_LENGTH = 200;

export type PathCheck =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly message: string };

/**
 * Checks a new name for a context file against the files already there. `current` is the file being
 * renamed, which may keep its own name. Paths are relative, slash-separated, as `COPY` sources are.
 */
export function checkFilePath(input: string, existing: readonly string[], current?: string): PathCheck {
  const path = input.trim();
  if (path === '') return refuse('Enter a file name.');
  if (path.length > MAX_PATH_LENGTH) return refuse(`Keep the name under ${MAX_PATH_LENGTH} characters.`);
  // Control characters in a name only ever come from pasted or hostile input.
  if (/\p{Cc}/u.test(path)) return refuse('A file name cannot contain control characters.');
  // A right-to-left override makes `gpj.exe` show as `exe.jpg`: a name must read as it is.
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(path))
    return refuse('A file name cannot contain text-direction characters.');
  if (path.startsWith('/')) return refuse('Use a path relative to the build context, without a leading /.');
  if (path.includes('\\')) return refuse('Separate folders with /, not \\.');
  const segments = path.split('/');
  if (segments.includes('..')) return refuse('A build context cannot reach outside itself: remove the "..".');
  if (segments.some((segment) => segment === '' || segment === '.')) {
    return refuse('Remove the empty or "." folder from the path.');
  }
  const others = existing.filter((name) => name !== current);
  if (others.includes(path)) return refuse(`There is already a file called ${path}.`);
  const clash = others.find((name) => name.startsWith(`${path}/`) || path.startsWith(`${name}/`));
  if (clash !== undefined) {
    return refuse(`${clash} is in the way: a path cannot be both a file and a folder.`);
  }
  return { ok: true, path };
}

function refuse(message: string): PathCheck {
  return { ok: false, message };
}
