/**
 * Engine diagnostics as CodeMirror lint diagnostics: offsets become `from`/`to`, and each of a
 * diagnostic's fixes becomes a lint action that applies its text edits.
 */
import type { Action, Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
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
      message: diagnostic.message,
      source: diagnostic.code,
      ...(actions.length > 0 ? { actions } : {}),
      ...(render ? { renderMessage: render(diagnostic) } : {}),
    };
  });
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
