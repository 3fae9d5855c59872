/**
 * The front end's entry point: Dockerfile text → directives, global ARGs and typed build stages,
 * or the first error with its place, as BuildKit would report it. Never throws.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { Directive } from './directives.ts';
import {
  type ArgInstruction,
  type FromInstruction,
  type Instruction,
  InstructionError,
  parseInstruction,
} from './instructions.ts';
import { parseSyntaxTree, type SyntaxTree } from './syntax-tree.ts';

export interface Stage {
  /** Position among the stages, as `COPY --from=0` counts. */
  readonly index: number;
  /** The `AS` name, lower-cased, if any. */
  readonly name?: string;
  readonly from: FromInstruction;
  /** The instructions after FROM, in order. */
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly directives: readonly Directive[];
  readonly escapeToken: '\\' | '`';
  /** ARGs before the first FROM: usable in FROM lines, and in stages that declare them again. */
  readonly globalArgs: readonly ArgInstruction[];
  readonly stages: readonly Stage[];
  /** Every instruction in source order, FROMs and global ARGs included. */
  readonly instructions: readonly Instruction[];
  readonly warnings: readonly Diagnostic[];
}

export type ParseResult =
  | { readonly ok: true; readonly dockerfile: Dockerfile; readonly syntax: SyntaxTree }
  | {
      readonly ok: false;
      readonly error: Diagnostic;
      readonly warnings: readonly Diagnostic[];
      /**
       * The instructions before the one that failed, grouped into stages, when the failure is in
       * the typed layer: BuildKit has already run its parse-time checks on them and reports those.
       */
      readonly partial?: Dockerfile;
      /** The first line of the instruction the typed layer rejected, which BuildKit's message names. */
      readonly failedLine?: number;
    };

export function parseDockerfile(text: string): ParseResult {
  const syntax = parseSyntaxTree(text);
  if (!syntax.ok) return syntax;
  const { tree } = syntax;
  const warnings = [...tree.warnings];
  const instructions: Instruction[] = [];
  for (const node of tree.nodes) {
    try {
      instructions.push(parseInstruction(node));
    } catch (error) {
      if (!(error instanceof InstructionError)) throw error;
      const partial = partialOf(tree, instructions, warnings);
      return { ok: false, error: toDiagnostic(error), warnings, failedLine: node.startLine, ...partial };
    }
  }
  const grouped = groupStages(instructions);
  if ('error' in grouped) {
    const before = instructions.slice(0, grouped.at);
    return { ok: false, error: grouped.error, warnings, ...partialOf(tree, before, warnings) };
  }
  warnings.push(...onbuildWarnings(instructions));
  return { ok: true, syntax: tree, dockerfile: assemble(tree, grouped, instructions, warnings) };
}

function assemble(
  tree: SyntaxTree,
  grouped: { globalArgs: ArgInstruction[]; stages: Stage[] },
  instructions: readonly Instruction[],
  warnings: readonly Diagnostic[],
): Dockerfile {
  const { directives, escapeToken } = tree;
  return { directives, escapeToken, ...grouped, instructions, warnings };
}

function partialOf(
  tree: SyntaxTree,
  instructions: readonly Instruction[],
  warnings: readonly Diagnostic[],
): { partial?: Dockerfile } {
  const grouped = groupStages(instructions);
  return 'error' in grouped ? {} : { partial: assemble(tree, grouped, instructions, warnings) };
}

function toDiagnostic(error: InstructionError): Diagnostic {
  const fixes = error.fix ? { fixes: [error.fix] } : {};
  return { code: error.code, severity: 'error', message: error.message, range: error.range, ...fixes };
}

/** BuildKit's instructions.Parse: ARGs before the first FROM are global; anything else there is an error. */
function groupStages(
  instructions: readonly Instruction[],
): { globalArgs: ArgInstruction[]; stages: Stage[] } | { error: Diagnostic; at: number } {
  const globalArgs: ArgInstruction[] = [];
  const stages: { index: number; name?: string; from: FromInstruction; instructions: Instruction[] }[] = [];
  for (const [at, instruction] of instructions.entries()) {
    const current = stages.at(-1);
    if (instruction.kind === 'FROM') {
      const name = instruction.stageName?.value;
      stages.push({ index: stages.length, ...(name ? { name } : {}), from: instruction, instructions: [] });
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.kind === 'ARG') {
      globalArgs.push(instruction);
    } else {
      return {
        error: {
          code: 'parse/no-stage',
          severity: 'error',
          message: 'no build stage in current context',
          range: instruction.range,
          hint: 'Start the Dockerfile with FROM; only ARG may come before the first FROM.',
        },
        at,
      };
    }
  }
  return { globalArgs, stages };
}

function onbuildWarnings(instructions: readonly Instruction[]): Diagnostic[] {
  return instructions.flatMap((instruction): Diagnostic[] =>
    instruction.kind === 'ONBUILD' && instruction.triggerError !== undefined
      ? [
          {
            code: 'parse/invalid-onbuild-trigger',
            severity: 'warning',
            message: `the ONBUILD trigger will fail when an image is built FROM this one: ${instruction.triggerError}`,
            range: instruction.range,
          },
        ]
      : [],
  );
}
