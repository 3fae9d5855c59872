/** A CliIo that records what a command prints, and reads files from disk or from a given map. */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../src/cli/command.ts';

export interface RecordingIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function recordingIo(files?: Readonly<Record<string, string>>): RecordingIo {
  let stdout = '';
  let stderr = '';
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: async (path) => {
      if (!files) return readFile(path, 'utf8');
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    out: () => stdout,
    err: () => stderr,
  };
}
