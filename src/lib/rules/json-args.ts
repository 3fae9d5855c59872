/** CMD and ENTRYPOINT in exec (JSON) form, so the program is PID 1 and receives `docker stop`'s signal. */
import type { Diagnostic, Fix } from '../diagnostic.ts';
import type { CmdInstruction, EntrypointInstruction, SyntaxWord } from '../dockerfile/index.ts';
import { finding, type Rule, type RuleInput, replaceFix } from './rule.ts';
import { shellCommands } from './run-commands.ts';
import { stageChain } from './stages.ts';

/** The exec form of a shell-form command, when the script is one plain command and nothing else. */
function execForm(
  input: RuleInput,
  instruction: CmdInstruction | EntrypointInstruction,
  script: SyntaxWord,
): Fix[] {
  const commands = shellCommands(input, script);
  const only = commands[0];
  if (commands.length !== 1 || only === undefined || only.assignments.length > 0) return [];
  const tokens = script.value.trim().split(/\s+/);
  if (tokens.join(' ') !== only.words.map((word) => word.text).join(' ')) return [];
  const values = only.words.map((word) => word.value);
  if (values.some((value) => value === undefined)) return [];
  const argv = (values as string[])[0] === 'exec' ? (values as string[]).slice(1) : (values as string[]);
  if (argv.length === 0) return [];
  const json = `[${argv.map((arg) => JSON.stringify(arg)).join(', ')}]`;
  return [
    replaceFix(`Use the exec form: ${instruction.keyword.value.toUpperCase()} ${json}`, script.range, json),
  ];
}

export const jsonArgs: Rule = {
  code: 'rule/json-args',
  severity: 'warning',
  title: 'Write CMD and ENTRYPOINT in the JSON (exec) form',
  explanation:
    'Docker runs a shell-form `CMD python app.py` as `/bin/sh -c "python app.py"`. When the shell stays PID 1 it does ' +
    'not forward the SIGTERM that `docker stop` sends, so the application is killed after the timeout instead of ' +
    'shutting down cleanly. The shell form also needs `/bin/sh` in the image, which `scratch` and distroless images ' +
    'lack, and a shell-form ENTRYPOINT ignores CMD and the arguments of `docker run`. The exec form ' +
    '`CMD ["python", "app.py"]` runs the program directly. As in BuildKit, a stage that sets SHELL is left alone.',
  bad: 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY app.py .\nCMD python app.py\n',
  good: 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n',
  refs: { hadolint: ['DL3025'], buildkit: 'JSONArgsRecommended' },
  check(input) {
    const { stages } = input.dockerfile;
    const diagnostics: Diagnostic[] = [];
    for (const stage of stages) {
      const ancestors = stageChain(input, stage.index).slice(0, -1);
      let shellSet = ancestors.some((index) =>
        stages[index]?.instructions.some((instruction) => instruction.kind === 'SHELL'),
      );
      for (const instruction of stage.instructions) {
        if (instruction.kind === 'SHELL') shellSet = true;
        if (instruction.kind !== 'CMD' && instruction.kind !== 'ENTRYPOINT') continue;
        const command = instruction.command;
        if (shellSet || command === undefined || command.form === 'exec') continue;
        const name = instruction.keyword.value.toUpperCase();
        diagnostics.push(
          finding(
            jsonArgs,
            command.script.range,
            `JSON arguments recommended for ${name} to prevent unintended behavior related to OS signals`,
            {
              hint: `Write ${name} as a JSON array, e.g. ${name} ["python", "app.py"]: the program then runs as PID 1 and receives SIGTERM.`,
              fixes: execForm(input, instruction, command.script),
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};
