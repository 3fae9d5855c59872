/** `USER app` in the final image: Kubernetes' runAsNonRoot cannot tell that `app` is not root. */
import type { Diagnostic } from '../diagnostic.ts';
import type { UserInstruction } from '../dockerfile/index.ts';
import { finding, type Rule } from './rule.ts';
import { stageChain, targetIndex } from './stages.ts';

export const userNotNumeric: Rule = {
  code: 'rule/user-not-numeric',
  severity: 'info',
  title: 'Give the final USER as a numeric ID',
  explanation:
    "`USER app` works in Docker, which looks the name up in the image's `/etc/passwd`. Kubernetes cannot: with " +
    '`runAsNonRoot: true` it refuses to start a container whose image user is a name, because it cannot verify ' +
    'that the name is not root. Create the user with a fixed ID and switch to the number (`adduser -D -u 10001 ' +
    "app` then `USER 10001`), or `USER 65532` on distroless. Only the final image's user is checked.",
  bad: 'FROM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER app\n',
  good: 'FROM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  refs: { hadolint: ['DL3066'] },
  check(input) {
    let last: UserInstruction | undefined;
    for (const index of stageChain(input, targetIndex(input))) {
      for (const instruction of input.dockerfile.stages[index]?.instructions ?? [])
        if (instruction.kind === 'USER') last = instruction;
    }
    if (last === undefined || last.user.value.includes('$')) return [];
    const uid = last.user.value.split(':')[0] ?? '';
    if (/^\d+$/.test(uid)) return [];
    const diagnostics: Diagnostic[] = [
      finding(
        userNotNumeric,
        last.user.range,
        `USER ${uid} is a name: Kubernetes' runAsNonRoot cannot verify it is not root`,
        { hint: 'Create the user with a fixed UID (adduser -u 10001 …) and write USER 10001.' },
      ),
    ];
    return diagnostics;
  },
};
