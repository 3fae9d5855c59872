/** `RUN curl … | sh` with /bin/sh: the pipeline's status is the last command's, so a failed download passes. */
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { parseScript } from '../shell/parse.ts';
import { finding, type Rule } from './rule.ts';
import { runScripts } from './run-commands.ts';
import { logicalLine } from './source-text.ts';
import { stageChain } from './stages.ts';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/** Whether a SHELL instruction turns pipefail on (bash/zsh/ash with -o pipefail), or is not a POSIX shell. */
function shellHandlesPipes(shell: Instruction): boolean {
  if (shell.kind !== 'SHELL') return false;
  const words = shell.shell.map((word) => word.value);
  const name = (words[0] ?? '').split('/').at(-1) ?? '';
  if (NON_POSIX.some((prefix) => name.startsWith(prefix))) return true;
  return (
    ['bash', 'zsh', 'ash'].includes(name) &&
    words.some((word, i) => word === 'pipefail' && /^-[a-z]*o$/.test(words[i - 1] ?? ''))
  );
}

function hasPipe(script: string): boolean {
  try {
    return parseScript(script).some((andOr) =>
      [andOr.first, ...andOr.rest.map((next) => next.pipeline)].some(
        (pipeline) => pipeline.commands.length > 1,
      ),
    );
  } catch {
    return false;
  }
}

export const pipefailMissing: Rule = {
  code: 'rule/pipefail-missing',
  severity: 'warning',
  title: 'Set -o pipefail before a RUN with a pipe',
  explanation:
    'A shell pipeline succeeds when its last command does. In `RUN curl -fsSL https://example.com/install.sh | sh`, ' +
    'a failed download gives `sh` an empty script, which succeeds, and the build carries on without the tool. Set ' +
    '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (`/bin/ash` on Alpine) before such a RUN, or download to a file ' +
    'first. The check is about the build itself, so every stage is checked.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash\n',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl=7.88.1-10+deb12u15 ca-certificates=20250419~deb12u2 \\\n    && rm -rf /var/lib/apt/lists/*\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash\n',
  refs: { hadolint: ['DL4006'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      // SHELL carries over to stages built FROM this one.
      const chain = stageChain(input, stage.index);
      const inherited = chain
        .slice(0, -1)
        .flatMap((index) => input.dockerfile.stages[index]?.instructions ?? []);
      let safe =
        inherited
          .filter((instruction) => instruction.kind === 'SHELL')
          .map(shellHandlesPipes)
          .at(-1) ?? false;
      for (const instruction of stage.instructions) {
        if (instruction.kind === 'SHELL') safe = shellHandlesPipes(instruction);
        if (instruction.kind !== 'RUN' || safe || instruction.command.form !== 'shell') continue;
        if (!runScripts(input, instruction).some((script) => hasPipe(script.text))) continue;
        diagnostics.push(
          finding(
            pipefailMissing,
            logicalLine(instruction).range,
            'Set the SHELL option -o pipefail before RUN with a pipe in it',
            {
              hint: 'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or /bin/ash on Alpine) before this RUN.',
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};
