/**
 * What the problem list and the squiggles show: the newest build's findings once it has answered
 * for the current text; until then the parser's fresh verdict, with the findings of the last build
 * that parsed kept (they move with the text in the editor), so the list does not flicker on every
 * keystroke, nor lose its findings while a typo is typed and taken back.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { BuildOutput, ParseOutput } from '../engine/protocol.ts';

export interface ProblemSources {
  readonly parse: ParseOutput | undefined;
  readonly build: BuildOutput | undefined;
  /** Whether `build` was made from the text now in the editor. */
  readonly buildCurrent: boolean;
  /** The newest build of a Dockerfile that parsed, whose findings stand in while a build runs. */
  readonly lastParsed?: BuildOutput | undefined;
}

export function problemsOf({
  parse,
  build,
  buildCurrent,
  lastParsed,
}: ProblemSources): readonly Diagnostic[] {
  if (build && buildCurrent) return inSourceOrder(build.analysis.diagnostics);
  if (!parse) return build ? inSourceOrder(build.analysis.diagnostics) : [];
  const standIn = lastParsed ?? build;
  if (!parse.result.ok || !standIn) return parse.diagnostics;
  const fromBuild = standIn.analysis.diagnostics.filter(
    (diagnostic) => !diagnostic.code.startsWith('parse/'),
  );
  return inSourceOrder([...parse.diagnostics, ...fromBuild]);
}

function inSourceOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset);
}
