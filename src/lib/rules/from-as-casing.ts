/** `FROM … AS` with both keywords in the same case, as BuildKit checks it. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { asClause } from './stages.ts';

export const fromAsCasing: Rule = {
  code: 'rule/from-as-casing',
  severity: 'warning',
  title: 'Match the case of AS to the case of FROM',
  explanation:
    'Dockerfile keywords are case-insensitive, so `FROM golang:1 as builder` builds. BuildKit still warns when the ' +
    '`as` keyword is not written in the same case as `FROM`, because mixed casing makes a Dockerfile harder to scan. ' +
    'Write `FROM … AS name` (or `from … as name`).',
  bad: 'FROM golang:1.26 as builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n',
  refs: { buildkit: 'FromAsCasing' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const from = stage.from.keyword.value;
      const clause = asClause(input, stage.from);
      if (clause === undefined) continue;
      const as = clause.keyword.text;
      // Like BuildKit: a FROM keyword in mixed case is ConsistentInstructionCasing's business, not this rule's.
      const expected = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
      if (expected === undefined || as === expected) continue;
      diagnostics.push(
        finding(fromAsCasing, clause.keyword.range, `'${as}' and '${from}' keywords' casing do not match`, {
          fixes: [replaceFix(`Write ${expected}`, clause.keyword.range, expected)],
        }),
      );
    }
    return diagnostics;
  },
};
