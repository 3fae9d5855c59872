/** Stage names in lower case: `FROM Builder` does not find a stage declared `AS Builder`. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { asClause } from './stages.ts';

export const stageNameCasing: Rule = {
  code: 'rule/stage-name-casing',
  severity: 'warning',
  title: 'Write stage names in lower case',
  explanation:
    'BuildKit stores stage names in lower case. `COPY --from=Builder` still finds the stage, but `FROM Builder` does ' +
    'not: it looks for an image called `Builder` and the build fails. Writing names in lower case everywhere avoids ' +
    'the difference.',
  bad: 'FROM golang:1.26 AS Builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n\nFROM scratch\nCOPY --from=Builder /out/app /app\nENTRYPOINT ["/app"]\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n\nFROM scratch\nCOPY --from=builder /out/app /app\nENTRYPOINT ["/app"]\n',
  refs: { buildkit: 'StageNameCasing' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const name = asClause(input, stage.from)?.name;
      if (name === undefined || name.text === name.text.toLowerCase()) continue;
      const lower = name.text.toLowerCase();
      diagnostics.push(
        finding(stageNameCasing, name.range, `Stage name '${name.text}' should be lowercase`, {
          fixes: [replaceFix(`Rename to ${lower}`, name.range, lower)],
        }),
      );
    }
    return diagnostics;
  },
};
