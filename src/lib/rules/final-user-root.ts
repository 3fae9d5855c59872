/** The final image running as root. Build stages may run as root: their users never run the container. */
import type { Diagnostic } from '../diagnostic.ts';
import type { UserInstruction } from '../dockerfile/index.ts';
import { finding, type Rule, type RuleInput } from './rule.ts';
import { resolvedStages, stageChain, targetIndex } from './stages.ts';

export function isRootUser(user: string): boolean {
  return user === '' || /^(root|0)(:.*)?$/.test(user);
}

/**
 * No USER in the Dockerfile: the base image's user, as the catalog's config says. Without the
 * catalog, root unless the image is named for a non-root user; an image the catalog does not hold
 * is unknown, and the rule says nothing about it.
 */
function baseImageUser(input: RuleInput, target: number): string | undefined {
  const root = resolvedStages(input)?.[stageChain(input, target)[0] ?? target];
  if (root?.base.kind !== 'image') return '';
  if (input.imageConfig === undefined) return /nonroot/.test(root.reference) ? undefined : '';
  return input.imageConfig(root.reference)?.User;
}

export const finalUserRoot: Rule = {
  code: 'rule/final-user-root',
  severity: 'warning',
  title: 'Run the final image as an unprivileged user',
  explanation:
    'Without a USER instruction a container runs as root, the user of nearly every base image. If the application ' +
    'is compromised, the attacker is root inside the container: free to install tools, read every file, and one ' +
    'kernel or runtime bug away from the host. Create a user and switch to it at the end of the final stage ' +
    '(`RUN adduser -D -u 10001 app` on Alpine, `useradd -r -u 10001 app` on Debian, then `USER 10001`; on `scratch`, copy `/etc/passwd` from the build ' +
    'stage or use a numeric `USER 65532`). Images such as distroless `:nonroot` already set a user in their ' +
    'configuration, and the rule reads it. Build stages are not checked: they often need root, and their user never ' +
    'runs the container.',
  bad: 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n',
  good: 'FROM python:3.9-alpine\nRUN adduser -D -u 10001 app\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD ["python", "app.py"]\n',
  refs: { hadolint: ['DL3002'] },
  check(input) {
    const target = targetIndex(input);
    const stage = input.dockerfile.stages[target];
    if (stage === undefined) return [];
    let last: UserInstruction | undefined;
    for (const index of stageChain(input, target)) {
      for (const instruction of input.dockerfile.stages[index]?.instructions ?? []) {
        if (instruction.kind === 'USER') last = instruction;
      }
    }
    const built = input.build?.stages[target];
    let user: string | undefined;
    if (built?.built && built.config) user = built.config.user;
    else if (last) user = last.user.value.includes('$') ? undefined : last.user.value;
    else user = baseImageUser(input, target);
    if (user === undefined || !isRootUser(user)) return [];
    const hint =
      'Create an unprivileged user and add USER with its name (or a numeric ID such as 65532) at the end of the final stage.';
    const diagnostics: Diagnostic[] = [
      last === undefined
        ? finding(
            finalUserRoot,
            stage.from.image.range,
            "The final image runs as root: no USER instruction, so it keeps the base image's user, root",
            { hint },
          )
        : finding(
            finalUserRoot,
            last.user.range,
            `The final image runs as root: the last USER is ${last.user.value}`,
            {
              hint,
            },
          ),
    ];
    return diagnostics;
  },
};
