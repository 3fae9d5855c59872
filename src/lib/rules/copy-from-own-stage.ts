/** `COPY --from` naming the stage it is in: a stage cannot read its own result. */
import type { Diagnostic } from '../diagnostic.ts';
import { resolveCopyFrom } from '../dockerfile/index.ts';
import { finding, type Rule } from './rule.ts';
import { flagValueRange } from './source-text.ts';

export const copyFromOwnStage: Rule = {
  code: 'rule/copy-from-own-stage',
  severity: 'error',
  title: 'COPY --from cannot name its own stage',
  explanation:
    '`COPY --from=builder` reads the finished result of the stage called `builder`. Inside that same stage the result ' +
    'does not exist yet, so BuildKit refuses the build with a circular dependency. To move files around within a ' +
    'stage, use `RUN cp`; to copy what an earlier stage built, name that stage.',
  bad: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\nCOPY --from=builder /out/app /usr/local/bin/app\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n\nFROM alpine:3.22\nCOPY --from=builder /out/app /usr/local/bin/app\n',
  refs: { hadolint: ['DL3023'] },
  check(input) {
    const { stages } = input.dockerfile;
    const diagnostics: Diagnostic[] = [];
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        if (instruction.kind !== 'COPY' || instruction.from === undefined) continue;
        const source = resolveCopyFrom(instruction.from.value, stages);
        if (!source.ok || source.source.kind !== 'stage' || source.source.index !== stage.index) continue;
        const label = stage.name ?? `${stage.index}`;
        diagnostics.push(
          finding(
            copyFromOwnStage,
            flagValueRange(input, instruction.from, 'from'),
            `COPY --from=${instruction.from.value} names its own stage (${label}): a stage cannot copy from itself`,
            { hint: 'Name an earlier stage, or move files within this stage with RUN cp.' },
          ),
        );
      }
    }
    return diagnostics;
  },
};
