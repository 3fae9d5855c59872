/** A global ARG whose default leaves a FROM with no valid image name: the build works only with --build-arg. */
import type { Diagnostic } from '../diagnostic.ts';
import { expandWord, globalArgValues } from '../dockerfile/index.ts';
import { parseReference } from '../images/reference.ts';
import { finding, type Rule } from './rule.ts';

export const invalidDefaultArgInFrom: Rule = {
  code: 'rule/invalid-default-arg-in-from',
  severity: 'warning',
  title: 'Give the ARGs a FROM uses defaults that name a valid image',
  explanation:
    '`ARG VERSION` without a default, used as `FROM alpine:$VERSION`, expands to `alpine:` unless every build passes ' +
    '`--build-arg VERSION=…`; a plain `docker build` then fails with an invalid reference. Give the ARG a default that ' +
    'makes a valid image name (`ARG VERSION=3.21`), so the Dockerfile builds as it is and the argument stays optional.',
  bad: 'ARG VERSION\nFROM alpine:$VERSION\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  good: 'ARG VERSION=3.21\nFROM alpine:$VERSION\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  refs: { buildkit: 'InvalidDefaultArgInFrom' },
  check(input) {
    // Defaults only: the check asks whether the file builds without any --build-arg.
    const args = globalArgValues(input.dockerfile);
    if (!args.ok) return [];
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const image = stage.from.image;
      const expanded = expandWord(image.value, args.value, { escapeToken: input.dockerfile.escapeToken });
      if (!expanded.ok) return diagnostics;
      if (expanded.value !== '' && parseReference(expanded.value) !== undefined) continue;
      diagnostics.push(
        finding(
          invalidDefaultArgInFrom,
          image.range,
          `Default value for ARG ${image.value} results in empty or invalid base image name`,
          { hint: `Without --build-arg it reads "${expanded.value}". Give the ARG a default.` },
        ),
      );
    }
    return diagnostics;
  },
};
