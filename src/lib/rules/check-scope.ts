/**
 * Which findings the `# check=` options let through: the file's directive for every check, and a
 * `# check=` comment right above an instruction for the checks BuildKit runs on that instruction.
 */
import type { Dockerfile, Instruction } from '../dockerfile/index.ts';
import {
  type CheckOptions,
  checkRuns,
  commentCheckOptions,
  DEFAULT_CHECK_OPTIONS,
  mergeCheckOptions,
  parseCheckOptions,
} from './check-options.ts';
import type { Rule } from './rule.ts';

/** BuildKit runs these over the whole file with the file's options: comments above an instruction do not skip them. */
const FILE_WIDE: ReadonlySet<string> = new Set([
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'InvalidDefaultArgInFrom',
]);

/** The name a check goes by in skip lists and reports: BuildKit's where it has one, else our code. */
export function checkName(rule: Rule): string {
  return rule.refs.buildkit ?? rule.code;
}

/** The options of the file's `# check=` directive; an invalid one counts as none here (`sim check` reports it). */
export function fileCheckOptions(dockerfile: Dockerfile): CheckOptions {
  const directive = dockerfile.directives.find((d) => d.name === 'check');
  if (directive === undefined) return DEFAULT_CHECK_OPTIONS;
  const parsed = parseCheckOptions(directive.value);
  return 'invalid' in parsed ? DEFAULT_CHECK_OPTIONS : parsed;
}

/** Finds the instruction (or ONBUILD) a finding's offset falls in. */
export class InstructionLocator {
  private readonly instructions: readonly Instruction[];

  constructor(dockerfile: Dockerfile) {
    this.instructions = dockerfile.instructions;
  }

  at(offset: number): Instruction | undefined {
    let found: Instruction | undefined;
    for (const instruction of this.instructions) {
      if (instruction.range.start.offset > offset) break;
      if (offset <= instruction.range.end.offset) found = instruction;
    }
    return found;
  }
}

/** Whether a rule's finding on `instruction` survives the options. */
export function allowed(rule: Rule, options: CheckOptions, instruction: Instruction | undefined): boolean {
  const name = checkName(rule);
  const local =
    FILE_WIDE.has(name) || instruction === undefined ? undefined : commentCheckOptions(instruction.comments);
  const scoped = local === undefined ? options : mergeCheckOptions(options, local);
  // Our code skips the rule too; only BuildKit's name can turn an experimental check on.
  const skippedByCode = name !== rule.code && scoped.skip.has(rule.code);
  return checkRuns(scoped, name, rule.refs.experimental === true) && !skippedByCode;
}
