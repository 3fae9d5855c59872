/**
 * A comment right above a named FROM or an ARG that does not start with the name it documents.
 * BuildKit's check is experimental: it runs only with `# check=experimental=InvalidDefinitionDescription`.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { finding, type Rule } from './rule.ts';

/** The names a description may start with: the stage name, or one of the ARG's names. */
function definedNames(instruction: Instruction): string[] {
  if (instruction.kind === 'FROM') return instruction.stageName ? [instruction.stageName.value] : [];
  if (instruction.kind === 'ARG') return instruction.args.map((arg) => arg.name.value);
  return [];
}

export const invalidDefinitionDescription: Rule = {
  code: 'rule/invalid-definition-description',
  severity: 'info',
  title: 'Start a stage or ARG description with its name',
  explanation:
    'A comment right above `FROM … AS name` or `ARG name` is read as its description (`docker buildx build --call=outline` ' +
    'and `--call=targets` show it) when it starts with the name: `# build compiles the server`. A comment there that ' +
    'starts with something else is neither a description nor clearly separate. Start it with the name, or leave an ' +
    'empty line between the comment and the instruction.',
  bad: '# check=experimental=InvalidDefinitionDescription\n# Base image version\nARG ALPINE_VERSION=3.21\nFROM alpine:${ALPINE_VERSION}\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  good: '# check=experimental=InvalidDefinitionDescription\n# ALPINE_VERSION is the version of the base image\nARG ALPINE_VERSION=3.21\nFROM alpine:${ALPINE_VERSION}\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  refs: { buildkit: 'InvalidDefinitionDescription', experimental: true },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const instruction of input.dockerfile.instructions) {
      const names = definedNames(instruction);
      const last = instruction.comments.at(-1);
      if (names.length === 0 || last === undefined) continue;
      if (names.includes(last.split(' ')[0] ?? '')) continue;
      const example = names.length > 1 ? '<arg_key>' : names[0];
      diagnostics.push(
        finding(
          invalidDefinitionDescription,
          instruction.keyword.range,
          `Comment for ${instruction.kind} should follow the format: \`# ${example} <description>\``,
        ),
      );
    }
    return diagnostics;
  },
};
