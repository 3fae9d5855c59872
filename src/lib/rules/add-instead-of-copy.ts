/** `ADD app.py /app/`: ADD for a plain local file, where COPY says what happens. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule, replaceFix } from './rule.ts';

/** What only ADD does: fetch a URL or a Git repository, or unpack a local archive. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
// ADD recognises a tar archive by its content, so a compressed file may be one: leave those alone.
const ARCHIVE = /\.(tar|gz|bz2|xz|zst|tgz|tbz2?|txz|tzst)$/i;

export const addInsteadOfCopy: Rule = {
  code: 'rule/add-instead-of-copy',
  severity: 'info',
  title: 'Use COPY for local files and folders, ADD only to fetch or unpack',
  explanation:
    'ADD does more than copy: it downloads URLs, clones Git repositories and unpacks local tar archives. For a plain ' +
    'file or folder it does the same as COPY, but a reader has to check that nothing else happens, and renaming a ' +
    'file to `.tar.gz` later changes what the instruction does. Use COPY unless you want one of those extras; for a ' +
    'download, `ADD --checksum=sha256:…` pins what is fetched.',
  bad: 'FROM python:3.9-slim\nWORKDIR /app\nADD app.py .\nRUN useradd -r -u 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n',
  good: 'FROM python:3.9-slim\nWORKDIR /app\nCOPY app.py .\nRUN useradd -r -u 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n',
  refs: { hadolint: ['DL3020'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'ADD' || instruction.inlineSources.length > 0) continue;
      const plain = instruction.sources.every((source) => {
        const path = source.value.replace(/^(["'])(.*)\1$/, '$2');
        return !REMOTE.test(path) && !ARCHIVE.test(path) && !path.includes('$');
      });
      if (!plain || instruction.sources.length === 0) continue;
      diagnostics.push(
        finding(
          addInsteadOfCopy,
          instruction.keyword.range,
          'Use COPY instead of ADD for files and folders',
          { fixes: [replaceFix('Replace with COPY', instruction.keyword.range, 'COPY')] },
        ),
      );
    }
    return diagnostics;
  },
};
