/** MAINTAINER, deprecated since Docker 1.13: a label says the same in the standard place. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';

function labelValue(maintainer: string): string {
  if (/^"[^"]*"$/.test(maintainer)) return maintainer.replace(/\$/g, '\\$');
  return JSON.stringify(maintainer).replace(/\$/g, '\\$');
}

export const maintainerDeprecated: Rule = {
  code: 'rule/maintainer-deprecated',
  severity: 'info',
  title: 'Use a label instead of MAINTAINER',
  explanation:
    "MAINTAINER is deprecated. It sets the image's Author field, which few tools show. The OCI annotation " +
    '`org.opencontainers.image.authors`, set with LABEL, is where registries and scanners look for the author.',
  bad: 'FROM alpine:3.22\nMAINTAINER Jane Doe <jane@example.com>\n',
  good: 'FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
  refs: { hadolint: ['DL4000'], buildkit: 'MaintainerDeprecated' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'MAINTAINER') continue;
      const label = `LABEL org.opencontainers.image.authors=${labelValue(instruction.maintainer.value)}`;
      diagnostics.push(
        finding(
          maintainerDeprecated,
          instruction.keyword.range,
          'Maintainer instruction is deprecated in favor of using label',
          {
            fixes: [
              {
                title: `Replace with ${label}`,
                edits: [
                  {
                    from: instruction.keyword.range.start.offset,
                    to: instruction.maintainer.range.end.offset,
                    insert: label,
                  },
                ],
              },
            ],
          },
        ),
      );
    }
    return diagnostics;
  },
};
