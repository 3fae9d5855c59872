/** `scratch` and `context` are names BuildKit gives a meaning of its own. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';

const RESERVED: ReadonlySet<string> = new Set(['context', 'scratch']);

export const reservedStageName: Rule = {
  code: 'rule/reserved-stage-name',
  severity: 'warning',
  title: 'Do not name a stage scratch or context',
  explanation:
    '`scratch` is the empty image and `context` is the build context in BuildKit, so a stage with one of those names ' +
    'cannot be referred to: `FROM scratch` still starts from nothing, not from your stage. Pick another name.',
  bad: 'FROM alpine:3.22 AS scratch\nRUN echo built > /result\n\nFROM alpine:3.22\nCOPY --from=scratch /result /result\n',
  good: 'FROM alpine:3.22 AS build\nRUN echo built > /result\n\nFROM alpine:3.22\nCOPY --from=build /result /result\n',
  refs: { hadolint: ['DL3063'], buildkit: 'ReservedStageName' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const word = stage.from.stageName;
      if (stage.name === undefined || word === undefined || !RESERVED.has(stage.name)) continue;
      diagnostics.push(
        finding(
          reservedStageName,
          word.range,
          `Stage name should not use the same name as reserved stage "${stage.name}"`,
          { hint: 'Name the stage after what it produces, e.g. build or runtime.' },
        ),
      );
    }
    return diagnostics;
  },
};
