/**
 * The program or script that CMD/ENTRYPOINT names, looked up in the built image: `python ./server.py`
 * in an image that holds only `example.py` builds fine and fails the moment the container starts.
 */
import type { Diagnostic, Fix } from '../diagnostic.ts';
import type { CmdInstruction, EntrypointInstruction, Instruction } from '../dockerfile/index.ts';
import { editDistance } from '../edit-distance.ts';
import { basename, dirname, resolveIn } from '../fs/path.ts';
import { type DirNode, stat } from '../fs/tree.ts';
import { finding, type Rule, type RuleInput, replaceFix } from './rule.ts';
import { shellCommands } from './run-commands.ts';
import { builtImage, stageChain, targetIndex } from './stages.ts';

/** Programs whose first operand is a script file they run. */
const INTERPRETER = /^(python[0-9.]*|node|nodejs|deno|bun|ruby|perl|php|sh|bash|ash|dash|busybox)$/;
/** Options after which the interpreter runs no file (`python -m flask`, `sh -c '…'`). */
const NO_FILE_OPTIONS = new Set(['-m', '-c', '-e', '--eval', '-r', '--version', '-V', '--help', '-h']);

interface CommandWord {
  readonly value: string | undefined;
  readonly range: Diagnostic['range'];
  /** An exec-form argument: its range includes the JSON quotes. */
  readonly json: boolean;
}

function commandWords(input: RuleInput, instruction: CmdInstruction | EntrypointInstruction): CommandWord[] {
  const command = instruction.command;
  if (command === undefined) return [];
  if (command.form === 'exec')
    return command.args.map((arg) => ({ value: arg.value, range: arg.range, json: true }));
  const first = shellCommands(input, command.script)[0];
  const words = first?.words ?? [];
  // `exec app` replaces the shell with the program: the program is the command.
  const program = words[0]?.value === 'exec' ? words.slice(1) : words;
  return program.map((word) => ({ value: word.value, range: word.range, json: false }));
}

/** The last CMD or ENTRYPOINT of the image's chain of stages, if it is what the image config holds. */
function effective(
  input: RuleInput,
  instructions: readonly Instruction[],
  kind: 'CMD' | 'ENTRYPOINT',
  config: readonly string[] | null,
): CommandWord[] {
  const last = instructions
    .filter((i): i is CmdInstruction | EntrypointInstruction => i.kind === kind)
    .at(-1);
  if (last?.command === undefined || config === null) return [];
  const argv = last.command.form === 'exec' ? last.command.args.map((arg) => arg.value) : config.slice(-1);
  const matches =
    last.command.form === 'exec'
      ? JSON.stringify(argv) === JSON.stringify(config)
      : config.at(-1) === last.command.script.value;
  return matches ? commandWords(input, last) : [];
}

/** The file among the command's words that must exist: a program given by path, or an interpreter's script. */
function fileWord(words: readonly CommandWord[]): CommandWord | undefined {
  const program = words[0];
  if (program?.value === undefined) return undefined;
  if (program.value.includes('/') && !INTERPRETER.test(basename(program.value))) return program;
  if (!INTERPRETER.test(basename(program.value))) return undefined;
  for (const word of words.slice(1)) {
    if (word.value === undefined) return undefined;
    if (NO_FILE_OPTIONS.has(word.value)) return undefined;
    if (!word.value.startsWith('-')) return word;
  }
  return undefined;
}

/** The closest existing file in the same directory with the same extension. */
function nearestSibling(tree: DirNode, path: string): string | undefined {
  const dir = stat(tree, dirname(path));
  if (dir?.kind !== 'dir') return undefined;
  const name = basename(path);
  const extension = /\.[^.]+$/.exec(name)?.[0] ?? '';
  const candidates = [...dir.children]
    .filter(([other, node]) => node.kind !== 'dir' && other.endsWith(extension) && other !== name)
    .map(([other]) => other);
  candidates.sort((a, b) => editDistance(a, name) - editDistance(b, name) || a.localeCompare(b));
  return candidates[0];
}

export const commandFileMissing: Rule = {
  code: 'rule/command-file-missing',
  severity: 'error',
  title: 'CMD and ENTRYPOINT must name files that are in the image',
  explanation:
    'A Dockerfile builds without complaint when CMD names a file that is not there: nothing checks it until the ' +
    'container starts and exits at once. `CMD ["python", "./server.py"]` needs `server.py` in the WORKDIR of the ' +
    'final image, and `ENTRYPOINT ["./app"]` needs `app` there. Relative paths are resolved against the WORKDIR of ' +
    'the final stage. The rule looks at the built image, so it only speaks after a build that finished and simulated ' +
    'every step.',
  bad: 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD ["python", "./server.py"]\n',
  good: 'FROM python:3.9-alpine\nWORKDIR /app\nCOPY example.py .\nCMD ["python", "./example.py"]\n',
  refs: {},
  needs: { build: true, context: { 'example.py': 'print("hello")\n' } },
  check(input) {
    const image = builtImage(input);
    if (image === undefined || image.stage.config === null) return [];
    const { config } = image.stage;
    const instructions = stageChain(input, targetIndex(input)).flatMap(
      (index) => input.dockerfile.stages[index]?.instructions ?? [],
    );
    const entrypoint = effective(input, instructions, 'ENTRYPOINT', config.entrypoint);
    const cmd = effective(input, instructions, 'CMD', config.cmd);
    let words: CommandWord[];
    // An ENTRYPOINT from the base image is not in this Dockerfile; a shell-form one ignores CMD.
    if (config.entrypoint === null) words = cmd;
    else if (entrypoint.length === 0) words = [];
    else words = entrypoint[0]?.json ? [...entrypoint, ...cmd] : entrypoint;
    const word = fileWord(words);
    if (word?.value === undefined || word.value.includes('$')) return [];
    const workdir = config.workdir || '/';
    const path = resolveIn(workdir, word.value);
    const node = stat(image.tree, path);
    if (node !== undefined && node.kind !== 'dir') return [];
    const sibling = nearestSibling(image.tree, path);
    const replacement =
      sibling === undefined ? undefined : `${word.value.slice(0, word.value.lastIndexOf('/') + 1)}${sibling}`;
    const fixes: Fix[] =
      replacement === undefined
        ? []
        : [
            replaceFix(
              `Replace with ${replacement}`,
              word.range,
              word.json ? JSON.stringify(replacement) : replacement,
            ),
          ];
    const where = word.value.startsWith('/') ? '' : ` (WORKDIR ${workdir})`;
    const what = node?.kind === 'dir' ? 'is a directory' : 'does not exist';
    return [
      finding(
        commandFileMissing,
        word.range,
        `${word.value} ${what} in the image: it resolves to ${path}${where}`,
        {
          hint:
            sibling === undefined
              ? 'The container will fail as soon as it starts: copy the file into the final stage, or fix the name.'
              : `The container will fail as soon as it starts. ${dirname(path)} holds ${sibling}: did you mean ${replacement}?`,
          fixes,
        },
      ),
    ];
  },
};
