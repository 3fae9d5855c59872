/** A second CMD, ENTRYPOINT or HEALTHCHECK in one stage: only the last one counts. */
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { finding, type Rule } from './rule.ts';

const ONCE: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  code: 'rule/multiple-instructions-disallowed',
  severity: 'warning',
  title: 'Use CMD, ENTRYPOINT and HEALTHCHECK at most once per stage',
  explanation:
    'An image has one command, one entrypoint and one health check: each CMD, ENTRYPOINT or HEALTHCHECK replaces the ' +
    'one before it in the same stage, so all but the last do nothing. Usually the earlier one is a leftover, or two ' +
    'commands were meant to run together (write a script, or chain them in one shell command). The finding is on the ' +
    'instruction that is ignored.',
  bad: 'FROM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER 10001\nENTRYPOINT ["echo", "starting"]\nENTRYPOINT ["sleep", "60"]\n',
  good: 'FROM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER 10001\nENTRYPOINT ["sleep", "60"]\n',
  refs: { buildkit: 'MultipleInstructionsDisallowed' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const seen = new Map<string, Instruction>();
      for (const instruction of stage.instructions) {
        if (!ONCE.has(instruction.kind)) continue;
        const earlier = seen.get(instruction.kind);
        if (earlier !== undefined) {
          diagnostics.push(
            finding(
              multipleInstructionsDisallowed,
              earlier.keyword.range,
              `Multiple ${instruction.keyword.value} instructions should not be used in the same stage because only the last one will be used`,
              { hint: `Line ${instruction.startLine} replaces it: remove one of the two.` },
            ),
          );
        }
        seen.set(instruction.kind, instruction);
      }
    }
    return diagnostics;
  },
};
