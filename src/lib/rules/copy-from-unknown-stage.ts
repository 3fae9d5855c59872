/** `COPY --from` naming no stage: BuildKit then pulls an image of that name, which is rarely what was meant. */
import type { Diagnostic } from '../diagnostic.ts';
import { suggest } from '../dockerfile/go-text.ts';
import { resolveCopyFrom } from '../dockerfile/index.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { flagValueRange } from './source-text.ts';

export const copyFromUnknownStage: Rule = {
  code: 'rule/copy-from-unknown-stage',
  severity: 'warning',
  title: 'COPY --from should name a stage of this Dockerfile (or a tagged image)',
  explanation:
    'When `--from` names no stage, BuildKit does not complain: it takes the name as an image and pulls it. ' +
    '`COPY --from=buidler /app /app` therefore fails with a registry error about an image called `buidler`, or worse, ' +
    'copies from an image that happens to exist. Use the stage name exactly as written after `AS`. To copy from an ' +
    'image on purpose, give its tag (`COPY --from=nginx:1.27 …`) so the intent is clear and the version pinned.',
  bad: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n\nFROM alpine:3.22\nCOPY --from=buidler /out/app /usr/local/bin/app\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n\nFROM alpine:3.22\nCOPY --from=builder /out/app /usr/local/bin/app\n',
  refs: { hadolint: ['DL3022'] },
  check(input) {
    const { stages } = input.dockerfile;
    const names = stages.flatMap((stage) => (stage.name ? [stage.name] : []));
    const diagnostics: Diagnostic[] = [];
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        if (instruction.kind !== 'COPY' || instruction.from === undefined) continue;
        const from = instruction.from;
        const source = resolveCopyFrom(from.value, stages);
        const range = flagValueRange(input, from, 'from');
        if (!source.ok) {
          if (/^[-+]?\d+$/.test(from.value)) {
            diagnostics.push(
              finding(copyFromUnknownStage, range, `COPY --from=${from.value}: ${source.message}`, {
                hint: `Stages are numbered from 0; this Dockerfile has ${stages.length}.`,
              }),
            );
          }
          continue;
        }
        if (source.source.kind !== 'image') continue;
        const match = suggest(from.value, names, false);
        if (match !== undefined) {
          diagnostics.push(
            finding(
              copyFromUnknownStage,
              range,
              `No stage is called "${from.value}" (did you mean "${match}"?): BuildKit will look for an image named ${from.value}`,
              {
                fixes: [
                  replaceFix(
                    `Replace with ${match}`,
                    range,
                    range === from.range ? `--from=${match}` : match,
                  ),
                ],
              },
            ),
          );
        } else if (!/[:@/]/.test(from.value)) {
          diagnostics.push(
            finding(
              copyFromUnknownStage,
              range,
              `No stage is called "${from.value}": BuildKit will pull the image ${from.value}:latest instead`,
              {
                hint:
                  names.length > 0
                    ? `The stages here are ${names.join(', ')}. To copy from an image, give its tag.`
                    : 'To copy from an image, give its tag, e.g. --from=nginx:1.27.',
              },
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};
