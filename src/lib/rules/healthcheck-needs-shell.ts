/**
 * `HEALTHCHECK CMD curl …` (shell form) in an image without /bin/sh: Docker runs the check with
 * `/bin/sh -c`, which fails every time, and the container is reported unhealthy forever.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { HealthcheckInstruction } from '../dockerfile/index.ts';
import { stat } from '../fs/tree.ts';
import { finding, type Rule, type RuleInput } from './rule.ts';
import { builtImage, resolvedStages, stageChain, targetIndex } from './stages.ts';

/** Distroless images have no shell, except their `:debug` variants (busybox). */
function isDistrolessWithoutShell(reference: string): boolean {
  return /(^|\/)distroless\//.test(reference) && !/:debug/.test(reference);
}

/** Whether the final image has no /bin/sh: from the built tree, or, without a build, from the base. */
function lacksShell(input: RuleInput, chain: readonly number[]): boolean {
  const built = builtImage(input);
  if (built !== undefined) return stat(built.tree, '/bin/sh') === undefined;
  const root = resolvedStages(input)?.[chain[0] ?? 0];
  if (root === undefined) return false;
  const bare =
    root.base.kind === 'scratch' || (root.base.kind === 'image' && isDistrolessWithoutShell(root.reference));
  // A COPY or ADD could bring a shell along; without a build that cannot be ruled out.
  const copies = chain.some((index) =>
    input.dockerfile.stages[index]?.instructions.some((i) => i.kind === 'COPY' || i.kind === 'ADD'),
  );
  return bare && !copies;
}

export const healthcheckNeedsShell: Rule = {
  code: 'rule/healthcheck-needs-shell',
  severity: 'warning',
  title: 'Write HEALTHCHECK in exec form in an image without a shell',
  explanation:
    'A HEALTHCHECK in shell form (`HEALTHCHECK CMD /app -health`) runs as `/bin/sh -c "…"`. `scratch` and ' +
    'distroless images have no `/bin/sh`, so every check fails and Docker marks the container unhealthy for ever, ' +
    'though the program runs fine. Use the exec form, `HEALTHCHECK CMD ["/app", "-health"]`, which runs the program ' +
    'directly. Only the final image is checked, with the built image when there is one.',
  bad: 'FROM scratch\nUSER 65532\nENTRYPOINT ["/app"]\nHEALTHCHECK CMD /app -health\n',
  good: 'FROM scratch\nUSER 65532\nENTRYPOINT ["/app"]\nHEALTHCHECK CMD ["/app", "-health"]\n',
  refs: { hadolint: ['DL3025'] },
  check(input) {
    const chain = stageChain(input, targetIndex(input));
    let last: HealthcheckInstruction | undefined;
    for (const index of chain) {
      for (const instruction of input.dockerfile.stages[index]?.instructions ?? [])
        if (instruction.kind === 'HEALTHCHECK') last = instruction;
    }
    const health = last?.healthcheck;
    if (last === undefined || health?.type !== 'CMD' || health.command.form !== 'shell') return [];
    if (!lacksShell(input, chain)) return [];
    const diagnostics: Diagnostic[] = [
      finding(
        healthcheckNeedsShell,
        health.command.script.range,
        'HEALTHCHECK in shell form runs /bin/sh -c, which this image does not have: the check will always fail',
        { hint: 'Write the exec form: HEALTHCHECK CMD ["/path/to/program", "arg"].' },
      ),
    ];
    return diagnostics;
  },
};
