/** A relative WORKDIR before any absolute one: its meaning depends on the base image's WORKDIR. */
import type { Diagnostic } from '../diagnostic.ts';
import { expandWord } from '../dockerfile/index.ts';
import { cleanPath } from '../fs/path.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { stageChain } from './stages.ts';

export const workdirRelativePath: Rule = {
  code: 'rule/workdir-relative-path',
  severity: 'warning',
  title: 'Start with an absolute WORKDIR',
  explanation:
    'A relative WORKDIR is resolved against the working directory of the base image: `WORKDIR app` is `/app` on ' +
    '`python:3.9` but `/go/app` on `golang:1`, and it moves when the base image changes its own WORKDIR. Give the first ' +
    'WORKDIR of a stage an absolute path; relative ones after it are then relative to a place you chose.',
  bad: 'FROM golang:1.26\nWORKDIR src/app\nCOPY . .\nRUN go build -o app\n',
  good: 'FROM golang:1.26\nWORKDIR /usr/src/app\nCOPY . .\nRUN go build -o app\n',
  refs: { hadolint: ['DL3000'], buildkit: 'WorkdirRelativePath' },
  check(input) {
    const { stages } = input.dockerfile;
    const diagnostics: Diagnostic[] = [];
    for (const stage of stages) {
      // Like BuildKit, a stage built FROM another inherits whether an absolute WORKDIR was set.
      let workdirSet = stageChain(input, stage.index)
        .slice(0, -1)
        .some((index) => stages[index]?.instructions.some((instruction) => instruction.kind === 'WORKDIR'));
      for (const instruction of stage.instructions) {
        if (instruction.kind !== 'WORKDIR') continue;
        // A path from a variable is only known at build time; leave it, as hadolint does.
        const expanded = instruction.path.value.includes('$')
          ? undefined
          : expandWord(instruction.path.value, new Map(), { escapeToken: input.dockerfile.escapeToken });
        const path = expanded?.ok ? expanded.value : '/';
        const relative = !workdirSet && !path.startsWith('/');
        workdirSet = true;
        if (!relative) continue;
        const absolute = cleanPath(`/${path}`);
        diagnostics.push(
          finding(
            workdirRelativePath,
            instruction.path.range,
            `Relative workdir "${path}" can have unexpected results if the base image changes`,
            {
              hint: `It is resolved against the base image's WORKDIR. Write the absolute path, e.g. WORKDIR ${absolute}.`,
              fixes: [replaceFix(`Make it absolute: ${absolute}`, instruction.path.range, absolute)],
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};
