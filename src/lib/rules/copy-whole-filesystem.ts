/** `COPY --from=stage / …`: everything the build stage held lands in the image. */
import type { Diagnostic } from '../diagnostic.ts';
import { cleanPath } from '../fs/path.ts';
import { finding, type Rule } from './rule.ts';
import { shippedStages } from './stages.ts';

function isRoot(source: string): boolean {
  const unquoted = source.replace(/^(["'])(.*)\1$/, '$2');
  return cleanPath(unquoted) === '/' || /^\/+\*$/.test(unquoted);
}

export const copyWholeFilesystem: Rule = {
  code: 'rule/copy-whole-filesystem',
  severity: 'warning',
  title: 'Copy only what runs, not a whole stage',
  explanation:
    'A multi-stage build keeps the tools of the build stage out of the final image by copying only the artifacts the ' +
    'program needs. `COPY --from=builder / /` undoes that: the shell, the package manager, the compiler, the caches ' +
    'and every file of the builder image come along, and the image is as large and as exploitable as the builder. ' +
    'Copy the binary, the installed packages or the static files by path. Only stages whose files end up in the ' +
    'final image are checked: a build stage may gather a whole filesystem to take artifacts from.',
  bad: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app\n\nFROM scratch\nCOPY --from=builder / /\nENTRYPOINT ["/out/app"]\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app\n\nFROM scratch\nCOPY --from=builder /out/app /app\nENTRYPOINT ["/app"]\n',
  refs: { hadolint: ['DL3067'] },
  check(input) {
    const shipped = shippedStages(input);
    const diagnostics: Diagnostic[] = [];
    const instructions = input.dockerfile.stages.flatMap((stage) =>
      shipped.has(stage.index) ? stage.instructions : [],
    );
    for (const instruction of instructions) {
      if (instruction.kind !== 'COPY' || instruction.from === undefined) continue;
      for (const source of instruction.sources) {
        if (!isRoot(source.value)) continue;
        diagnostics.push(
          finding(
            copyWholeFilesystem,
            source.range,
            `COPY --from=${instruction.from.value} ${source.value} copies the whole filesystem of ${instruction.from.value}, build tools included`,
            {
              hint: 'Copy only the files the program needs at run time, e.g. the binary or the installed packages.',
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};
