/**
 * The playground's files as a .zip and back. A zip from elsewhere is hostile: entries are checked
 * on their declared sizes before anything is inflated (no zip bombs), the total inflated size is
 * counted as it goes, names go through the same checks as typed ones, and the result must pass
 * `checkState` like a shared link.
 */
import { strToU8, type Unzipped, unzipSync, zipSync } from 'fflate';
import { checkState, type PlaygroundState, STATE_LIMITS, type StateCheck } from './state.ts';

/** A zip larger than this is refused before it is read. */
export const MAX_ZIP_BYTES = 1024 * 1024;

export function filesToZip(state: PlaygroundState): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const file of state.files) entries[file.path] = strToU8(file.content);
  return zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}

export function zipToFiles(bytes: Uint8Array): StateCheck {
  if (bytes.length > MAX_ZIP_BYTES) return refuse(`the zip is larger than ${MAX_ZIP_BYTES / 1024} KiB`);
  let declared = 0;
  let count = 0;
  let tooBig = false;
  let unzipped: Unzipped;
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/')) return false;
        count++;
        declared += file.originalSize;
        if (count > STATE_LIMITS.files || declared > STATE_LIMITS.totalContent * 4) tooBig = true;
        return !tooBig;
      },
    });
  } catch {
    return refuse('it is not a zip archive that can be read');
  }
  if (tooBig) {
    return refuse(
      `it holds more than ${STATE_LIMITS.files} files or more than ${STATE_LIMITS.totalContent / 1024} KiB of text`,
    );
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: { path: string; content: string }[] = [];
  for (const [name, data] of Object.entries(unzipped)) {
    let content: string;
    try {
      content = decoder.decode(data);
    } catch {
      return refuse(`${name} is not a text file`);
    }
    files.push({ path: name, content });
  }
  // Archives made by zipping a folder put everything under that folder: take it off.
  const common = commonFolder(files.map((file) => file.path));
  const relative = files.map((file) => ({ ...file, path: file.path.slice(common.length) }));
  return checkState({ files: relative, active: 'Dockerfile' });
}

function commonFolder(paths: readonly string[]): string {
  const first = paths[0];
  if (!first || paths.some((path) => path === 'Dockerfile')) return '';
  const folder = first.slice(0, first.indexOf('/') + 1);
  return folder && paths.every((path) => path.startsWith(folder)) ? folder : '';
}

function refuse(message: string): StateCheck {
  return { ok: false, message };
}
