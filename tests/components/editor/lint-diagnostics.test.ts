/** Engine diagnostics become CodeMirror lint diagnostics: offsets, severity, code, and fixes as actions. */
import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { toEditorDiagnostics } from '../../../src/components/editor/lint-diagnostics.ts';
import type { Diagnostic } from '../../../src/lib/diagnostic.ts';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';

const TEXT = 'FROM alpine\nRUNN echo hi\n';

function errorOf(text: string): Diagnostic {
  const result = parseDockerfile(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

/** Runs a lint action against a real EditorState through a minimal view, returning the new text. */
function applyAction(
  text: string,
  diagnostic: ReturnType<typeof toEditorDiagnostics>[number],
  from = diagnostic.from,
) {
  let state = EditorState.create({ doc: text });
  const view = {
    get state() {
      return state;
    },
    dispatch: (spec: Parameters<EditorState['update']>[0]) => {
      state = state.update(spec).state;
    },
  } as unknown as EditorView;
  diagnostic.actions?.[0]?.apply(view, from, from + (diagnostic.to - diagnostic.from));
  return state.doc.toString();
}

describe('toEditorDiagnostics', () => {
  it('maps the range by offset and keeps severity, message and code', () => {
    const [diagnostic] = toEditorDiagnostics([errorOf(TEXT)], TEXT.length);
    expect(diagnostic).toMatchObject({
      from: 12,
      to: 16,
      severity: 'error',
      message: 'unknown instruction: RUNN (did you mean RUN?)',
      source: 'parse/unknown-instruction',
    });
    expect(TEXT.slice(diagnostic?.from, diagnostic?.to)).toBe('RUNN');
  });

  it('turns each fix into an action that applies its edits', () => {
    const [diagnostic] = toEditorDiagnostics([errorOf(TEXT)], TEXT.length);
    expect(diagnostic?.actions?.map((action) => action.name)).toEqual(['Replace with RUN']);
    if (!diagnostic) throw new Error('no diagnostic');
    expect(applyAction(TEXT, diagnostic)).toBe('FROM alpine\nRUN echo hi\n');
  });

  it('applies a fix where the diagnostic has moved to since the parse', () => {
    const [diagnostic] = toEditorDiagnostics([errorOf(TEXT)], TEXT.length);
    if (!diagnostic) throw new Error('no diagnostic');
    // Two characters were typed at the start since the text was parsed.
    expect(applyAction(`# ${TEXT}`, diagnostic, diagnostic.from + 2)).toBe('# FROM alpine\nRUN echo hi\n');
  });

  it('fixes only the flag name in an unknown flag', () => {
    const text = 'FROM scratch\nCOPY --frm=builder a b\n';
    const [diagnostic] = toEditorDiagnostics([errorOf(text)], text.length);
    if (!diagnostic) throw new Error('no diagnostic');
    expect(applyAction(text, diagnostic)).toBe('FROM scratch\nCOPY --from=builder a b\n');
  });

  it('clamps ranges to the document and drops fixes that no longer fit', () => {
    const error = errorOf(TEXT);
    const [diagnostic] = toEditorDiagnostics([error], 14);
    expect(diagnostic).toMatchObject({ from: 12, to: 14 });
    expect(diagnostic?.actions).toBeUndefined();
  });

  it('keeps warnings as warnings, without actions when they have no fix', () => {
    const result = parseDockerfile('FROM alpine\nRUN a \\\n\n  b\n');
    if (!result.ok) throw new Error('expected a parse');
    const [warning] = toEditorDiagnostics(result.dockerfile.warnings, 100);
    expect(warning).toMatchObject({ severity: 'warning', source: 'parse/no-empty-continuation' });
    expect(warning?.actions).toBeUndefined();
  });

  it('attaches the renderer for the hover text when one is given', () => {
    const render = () => () => ({}) as Node;
    const [diagnostic] = toEditorDiagnostics([errorOf(TEXT)], TEXT.length, render);
    expect(diagnostic?.renderMessage).toBeTypeOf('function');
  });
});
