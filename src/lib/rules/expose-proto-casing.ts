/** `EXPOSE 80/TCP`: the protocol in upper case. */
import type { Diagnostic } from '../diagnostic.ts';
import { exposedPorts } from './expose-ports.ts';
import { finding, type Rule } from './rule.ts';

export const exposeProtoCasing: Rule = {
  code: 'rule/expose-proto-casing',
  severity: 'warning',
  title: 'Write the EXPOSE protocol in lower case',
  explanation:
    'EXPOSE takes `port/tcp` or `port/udp`. Docker lower-cases the protocol, so `80/TCP` works today, but the image ' +
    'config and `docker inspect` then show a different spelling from the Dockerfile, and tools that compare ports ' +
    'as text may miss it. Write the protocol in lower case, or leave it out for TCP.',
  bad: 'FROM nginx:1.27-alpine\nEXPOSE 80/TCP\n',
  good: 'FROM nginx:1.27-alpine\nEXPOSE 80/tcp\n',
  refs: { buildkit: 'ExposeProtoCasing' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'EXPOSE') continue;
      for (const port of exposedPorts(instruction, input.dockerfile.escapeToken)) {
        if (port.protocol === port.protocol.toLowerCase()) continue;
        diagnostics.push(
          finding(
            exposeProtoCasing,
            port.word.range,
            `Defined protocol '${port.raw}' in EXPOSE instruction should be lowercase`,
          ),
        );
      }
    }
    return diagnostics;
  },
};
