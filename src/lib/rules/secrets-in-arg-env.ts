/** ARG and ENV names that say they hold a secret: their values stay in the image's metadata. */
import type { Diagnostic } from '../diagnostic.ts';
import type { SyntaxWord } from '../dockerfile/index.ts';
import { finding, type Rule } from './rule.ts';
import { LocatedWord } from './source-text.ts';

// BuildKit's own patterns: a secret word as the whole name or as its first or last `_`-separated part.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

export const secretsInArgEnv: Rule = {
  code: 'rule/secrets-in-arg-env',
  severity: 'warning',
  title: 'Do not pass secrets through ARG or ENV',
  explanation:
    'ENV values are stored in the image configuration, and ARG values used by a RUN are recorded in the image ' +
    'history: anyone who can pull the image can read them with `docker inspect` or `docker history`, even from a ' +
    'multi-stage build. Pass secrets with a secret mount (`RUN --mount=type=secret,id=token …`, built with ' +
    '`docker build --secret id=token,env=TOKEN`), which exposes them to one RUN and never writes them to a layer. ' +
    "The check, like BuildKit's, goes by the name: API_KEY, DB_PASSWORD, GITHUB_TOKEN, AUTH.",
  bad: 'FROM python:3.9\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/acme/app.git /src\n',
  good: 'FROM python:3.9\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    git clone https://$GITHUB_TOKEN@github.com/acme/app.git /src\n',
  refs: { hadolint: ['DL3064'], buildkit: 'SecretsUsedInArgOrEnv' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    const report = (kind: 'ARG' | 'ENV', name: string, word: SyntaxWord) => {
      // An ARG's word is `name=value`; point at the name.
      const range = new LocatedWord(input, { value: name, range: word.range }).range(0, name.length);
      diagnostics.push(
        finding(
          secretsInArgEnv,
          range,
          `Do not use ARG or ENV instructions for sensitive data (${kind} "${name}")`,
          {
            hint: `Use a secret mount instead: RUN --mount=type=secret,id=${name.toLowerCase()},env=${name} …`,
          },
        ),
      );
    };
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind === 'ARG') {
        for (const arg of instruction.args)
          if (looksSecret(arg.name.value)) report('ARG', arg.name.value, arg.name);
      } else if (instruction.kind === 'ENV') {
        for (const pair of instruction.pairs)
          if (looksSecret(pair.key.value)) report('ENV', pair.key.value, pair.key);
      }
    }
    return diagnostics;
  },
};
