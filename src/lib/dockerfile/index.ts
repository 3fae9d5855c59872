/** The Dockerfile front end: parse as BuildKit does, type the instructions, expand words, dump the tree. */
export type { Directive, DirectiveName } from './directives.ts';
export { type Dockerfile, type ParseResult, parseDockerfile, type Stage } from './dockerfile.ts';
export { dumpSyntaxTree } from './dump.ts';
export type { FlagValue } from './flags.ts';
export type * from './instructions.ts';
export { INSTRUCTION_KINDS } from './instructions.ts';
export type { RunMount } from './run-mount.ts';
export {
  type CopySource,
  globalArgValues,
  PLATFORM_ARGS,
  type ResolvedStage,
  resolveCopyFrom,
  resolveStages,
  type StageBase,
} from './stages.ts';
export {
  parseSyntaxTree,
  type SyntaxNode,
  type SyntaxResult,
  type SyntaxTree,
  type SyntaxWord,
} from './syntax-tree.ts';
export { type ExpansionEnv, type ExpansionResult, expandWord, type LexerOptions } from './word-expansion.ts';
