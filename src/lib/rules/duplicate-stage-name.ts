/** Stage names used twice: `COPY --from` and `FROM` then mean different stages depending on where they are. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';

export const duplicateStageName: Rule = {
  code: 'rule/duplicate-stage-name',
  severity: 'warning',
  title: 'Give every stage its own name',
  explanation:
    'Two stages called `builder` make every reference to `builder` ambiguous: a later `FROM builder` takes the stage ' +
    'defined last before it, and a reader cannot tell which files a `COPY --from=builder` brings over. Name each stage ' +
    'after what it produces (`deps`, `build`, `runtime`).',
  bad: 'FROM python:3.9 AS builder\nRUN pip install --user flask==3.1.2\n\nFROM golang:1.26 AS builder\nRUN go version\n\nFROM python:3.9-alpine\nCOPY --from=builder /root/.local /root/.local\n',
  good: 'FROM python:3.9 AS python-deps\nRUN pip install --user flask==3.1.2\n\nFROM golang:1.26 AS go-build\nRUN go version\n\nFROM python:3.9-alpine\nCOPY --from=python-deps /root/.local /root/.local\n',
  refs: { hadolint: ['DL3024'], buildkit: 'DuplicateStageName' },
  check(input) {
    const seen = new Map<string, number>();
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const word = stage.from.stageName;
      if (stage.name === undefined || word === undefined) continue;
      const first = seen.get(stage.name);
      if (first === undefined) {
        seen.set(stage.name, stage.from.startLine);
        continue;
      }
      diagnostics.push(
        finding(
          duplicateStageName,
          word.range,
          `Duplicate stage name "${stage.name}", stage names should be unique`,
          {
            hint: `Line ${first} already names a stage "${stage.name}": rename one of them.`,
          },
        ),
      );
    }
    return diagnostics;
  },
};
