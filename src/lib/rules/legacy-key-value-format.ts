/** `ENV key value` and `LABEL key value`: the legacy form without `=`. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';

export const legacyKeyValueFormat: Rule = {
  code: 'rule/legacy-key-value-format',
  severity: 'warning',
  title: 'Write ENV and LABEL as key=value',
  explanation:
    '`ENV key value` is the old form of ENV: everything after the first space is the value, so `ENV PATH /app/bin ' +
    '$PATH` sets one variable to a value with a space in it, and one instruction cannot set two variables. The ' +
    '`key=value` form says where each value ends, takes several pairs, and reads the same in ENV, LABEL and ARG.',
  bad: 'FROM alpine:3.21\nENV APP_HOME /srv/app\nWORKDIR $APP_HOME\n',
  good: 'FROM alpine:3.21\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n',
  refs: { buildkit: 'LegacyKeyValueFormat' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'ENV' && instruction.kind !== 'LABEL') continue;
      const name = instruction.keyword.value;
      for (const pair of instruction.pairs) {
        if (!pair.legacy) continue;
        diagnostics.push(
          finding(
            legacyKeyValueFormat,
            pair.key.range,
            `"${name} key=value" should be used instead of legacy "${name} key value" format`,
            { hint: `Write ${name} ${pair.key.value}=…, quoting the value if it holds spaces.` },
          ),
        );
      }
    }
    return diagnostics;
  },
};
