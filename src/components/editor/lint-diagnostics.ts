/**
 * Engine diagnostics as CodeMirror lint diagnostics: offsets become `from`/`to`, and each of a
 * diagnostic's fixes becomes a lint action that applies its text edits.
 */
import type { Action, Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { type Certainty, mainGaps } from '../../lib/certainty.ts';
import type { Diagnostic, Fix } from '../../lib/diagnostic.ts';

export function toEditorDiagnostics(
  diagnostics: readonly Diagnostic[],
  docLength: number,
  render?: (diagnostic: Diagnostic) => (view: EditorView) => Node,
): EditorDiagnostic[] {
  return diagnostics.map((diagnostic) => {
    const from = clamp(diagnostic.range.start.offset, docLength);
    const to = clamp(Math.max(diagnostic.range.end.offset, diagnostic.range.start.offset), docLength);
    const actions = (diagnostic.fixes ?? [])
      .filter((fix) => fix.edits.every((edit) => edit.from <= edit.to && edit.to <= docLength))
      .map((fix) => fixAction(fix, from));
    return {
      from,
      to,
      severity: diagnostic.severity,
      message: withCertainty(diagnostic.message, diagnostic.certainty),
      source: diagnostic.code,
      ...(actions.length > 0 ? { actions } : {}),
      ...(render ? { renderMessage: render(diagnostic) } : {}),
    };
  });
}

/** A finding that rests on an estimate or a gap says so after its message, in the simulator's words. */
export function withCertainty(message: string, certainty: Certainty | undefined): string {
  const gaps = certainty ? mainGaps(certainty) : [];
  if (gaps.length === 0) return message;
  const level = gaps.some((gap) => gap.level === 'unknown') ? 'Unknown' : 'Estimated';
  return `${message}\n${level}: ${gaps.map((gap) => gap.text).join(' ')}`;
}

/**
 * A fix's edits are offsets into the text that was parsed. CodeMirror hands the action the
 * diagnostic's current position, so edits made since (the next parse is a keystroke away) shift it.
 */
export function fixAction(fix: Fix, parsedFrom: number): Action {
  return {
    name: fix.title,
    apply(view, from) {
      const shift = from - parsedFrom;
      view.dispatch({
        changes: fix.edits.map((edit) => ({
          from: edit.from + shift,
          to: edit.to + shift,
          insert: edit.insert,
        })),
        userEvent: 'input.fix',
      });
    },
  };
}

function clamp(offset: number, docLength: number): number {
  return Math.min(Math.max(0, offset), docLength);
}
