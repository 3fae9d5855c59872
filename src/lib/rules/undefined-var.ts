/**
 * A variable that no ARG or ENV (of the stage, the stages it builds on, or the base image's config)
 * defines before the instruction that uses it: it expands to an empty string.
 */
import { SCRATCH_CONFIG } from '../build/image-config.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { suggest } from '../dockerfile/go-text.ts';
import { expandWord, type Instruction, type SyntaxWord } from '../dockerfile/index.ts';
import { finding, type Rule, type RuleInput } from './rule.ts';
import { resolvedStages, stageChain } from './stages.ts';

/** The words BuildKit expands itself in each instruction (RUN, CMD and ENTRYPOINT are the shell's). */
function expandedWords(instruction: Instruction): string[] {
  const flag = (word: SyntaxWord | undefined) => (word === undefined ? [] : [word.value]);
  switch (instruction.kind) {
    case 'ENV':
    case 'LABEL':
      return instruction.pairs.flatMap((pair) => [pair.key.value, pair.value.value]);
    case 'COPY':
    case 'ADD':
      return [
        ...flag(instruction.chown),
        ...flag(instruction.chmod),
        ...(instruction.kind === 'ADD' ? flag(instruction.checksum) : []),
        ...instruction.sources.map((source) => source.value),
        instruction.destination.value,
        ...instruction.inlineSources.filter((file) => file.expand).map((file) => file.content),
      ];
    case 'WORKDIR':
      return [instruction.path.value];
    case 'USER':
      return [instruction.user.value];
    case 'VOLUME':
      return instruction.volumes.map((volume) => volume.value);
    case 'STOPSIGNAL':
      return [instruction.signal.value];
    case 'ARG':
      return instruction.args.flatMap((arg) => flag(arg.defaultValue));
    default:
      return [];
  }
}

/**
 * What is defined when a stage starts: its base image's environment, and the ENVs and ARGs of the
 * stages it is built FROM. Undefined when the base image is one the catalog does not describe.
 */
function startingScope(
  input: RuleInput,
  index: number,
): { env: Map<string, string>; args: Set<string> } | undefined {
  const chain = stageChain(input, index);
  const root = resolvedStages(input)?.[chain[0] ?? index];
  if (root === undefined) return undefined;
  let baseEnv: readonly (readonly [string, string])[];
  if (root.base.kind === 'scratch') baseEnv = SCRATCH_CONFIG.env;
  else if (root.base.kind === 'image') {
    const config = input.imageConfig?.(root.reference);
    if (config === undefined) return undefined;
    baseEnv = config.Env.map((entry) => {
      const equals = entry.indexOf('=');
      return [entry.slice(0, equals), entry.slice(equals + 1)] as const;
    });
  } else return undefined;
  const scope = { env: new Map(baseEnv), args: new Set<string>() };
  for (const earlier of chain.slice(0, -1)) {
    for (const instruction of input.dockerfile.stages[earlier]?.instructions ?? [])
      define(scope, instruction);
  }
  return scope;
}

function define(scope: { env: Map<string, string>; args: Set<string> }, instruction: Instruction): void {
  if (instruction.kind === 'ENV')
    for (const pair of instruction.pairs) scope.env.set(pair.key.value, pair.value.value);
  if (instruction.kind === 'ARG')
    for (const arg of instruction.args) {
      scope.args.add(arg.name.value);
      if (arg.defaultValue !== undefined) scope.env.set(arg.name.value, arg.defaultValue.value);
    }
}

export const undefinedVar: Rule = {
  code: 'rule/undefined-var',
  severity: 'warning',
  title: 'Define a variable with ARG or ENV before using it',
  explanation:
    'COPY, ADD, ENV, LABEL, WORKDIR, USER, VOLUME and STOPSIGNAL expand `$NAME` themselves, from the ARGs and ENVs ' +
    'defined so far in the stage and the environment of the base image. A name defined nowhere, or only later, or ' +
    'misspelled, expands to an empty string without an error: `COPY $SRC_DIR /app` copies the whole context. ' +
    'Declare it first (`ARG SRC_DIR=src`) or fix the spelling. Global ARGs must be declared again inside the stage.',
  bad: 'FROM scratch\nCOPY $APP_BINARY /app\nARG APP_BINARY=app\nUSER 65532\nENTRYPOINT ["/app"]\n',
  good: 'FROM scratch\nARG APP_BINARY=app\nCOPY $APP_BINARY /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
  refs: { buildkit: 'UndefinedVar' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const scope = startingScope(input, stage.index);
      if (scope === undefined) continue;
      for (const instruction of stage.instructions) {
        const reported = new Set<string>();
        for (const word of expandedWords(instruction)) {
          const expanded = expandWord(word, scope.env, { escapeToken: input.dockerfile.escapeToken });
          if (!expanded.ok) continue;
          for (const name of expanded.unmatched) {
            if (scope.args.has(name) || reported.has(name)) continue;
            reported.add(name);
            const match = suggest(name, [...scope.env.keys()], true);
            diagnostics.push(
              finding(
                undefinedVar,
                instruction.keyword.range,
                `Usage of undefined variable '$${name}'${match === undefined ? '' : ` (did you mean $${match}?)`}`,
                { hint: `Declare it before this line: ARG ${name}=<default> or ENV ${name}=<value>.` },
              ),
            );
          }
        }
        define(scope, instruction);
      }
    }
    return diagnostics;
  },
};
