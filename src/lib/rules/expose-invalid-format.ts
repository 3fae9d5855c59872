/** `EXPOSE 127.0.0.1:80:80` or `EXPOSE 8080:80`: publishing belongs to `docker run -p`, not the image. */
import type { Diagnostic } from '../diagnostic.ts';
import { exposedPorts } from './expose-ports.ts';
import { finding, type Rule } from './rule.ts';

export const exposeInvalidFormat: Rule = {
  code: 'rule/expose-invalid-format',
  severity: 'warning',
  title: 'EXPOSE a container port only, without an address or host port',
  explanation:
    'EXPOSE records which ports the program listens on; it does not publish anything. An IP address or a host port ' +
    '(`EXPOSE 127.0.0.1:8080:80`, `EXPOSE 8080:80`) is accepted today and then ignored, and BuildKit says it will become ' +
    'an error. Expose the container port (`EXPOSE 80`) and choose the host side when running: `docker run -p ' +
    '127.0.0.1:8080:80`.',
  bad: 'FROM nginx:1.27-alpine\nEXPOSE 8080:80\n',
  good: 'FROM nginx:1.27-alpine\nEXPOSE 80\n',
  refs: { buildkit: 'ExposeInvalidFormat' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      if (instruction.kind !== 'EXPOSE') continue;
      for (const port of exposedPorts(instruction, input.dockerfile.escapeToken)) {
        if (port.ip === '' && port.hostPort === '') continue;
        diagnostics.push(
          finding(
            exposeInvalidFormat,
            port.word.range,
            `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.raw}'`,
            { hint: 'Publish ports when running the container: docker run -p HOST:CONTAINER.' },
          ),
        );
      }
    }
    return diagnostics;
  },
};
