/**
 * The editor's look, from the site's design tokens: every colour is a CSS variable, so the editor
 * follows the page's light or dark theme without being rebuilt.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const chrome = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--bg-raised)',
    height: '100%',
    fontSize: '0.9rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '0.5rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)', borderLeftWidth: '2px' },
  '.cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--editor-selection) !important',
  },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  // The build step being shown: a bar as well as a tint, so it reads without colour.
  '.cm-line.cm-mc-step-line': {
    backgroundColor: 'var(--highlight)',
    boxShadow: 'inset 4px 0 0 var(--accent)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-sunken)',
    color: 'var(--fg-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--fg)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    boxShadow: '0 4px 16px rgb(0 0 0 / 0.18)',
    maxWidth: 'min(32rem, 90vw)',
  },
  '.cm-tooltip-lint': { padding: '0.25rem 0' },
  '.cm-diagnostic': { padding: '0.4rem 0.75rem', fontFamily: 'var(--font-body)', lineHeight: '1.45' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warning)' },
  '.cm-diagnosticText p': { margin: '0.25rem 0 0', color: 'var(--fg-muted)' },
  '.cm-diagnosticAction': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-fg)',
    border: 'none',
    borderRadius: '4px',
    padding: '0.2rem 0.6rem',
    font: 'inherit',
    fontWeight: '600',
    marginTop: '0.4rem',
    cursor: 'pointer',
  },
  '.cm-diagnosticSource': {
    fontFamily: 'var(--font-mono)',
    fontSize: '0.8rem',
    color: 'var(--fg-muted)',
    opacity: '1',
  },
  '.cm-panels': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg)' },
});

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syntax-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: tags.comment, color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: tags.meta, color: 'var(--syntax-meta)' },
  {
    tag: [tags.special(tags.variableName), tags.definition(tags.variableName)],
    color: 'var(--syntax-variable)',
  },
  { tag: [tags.attributeName, tags.propertyName], color: 'var(--syntax-attribute)' },
  { tag: [tags.number, tags.bool, tags.atom], color: 'var(--syntax-number)' },
  { tag: [tags.typeName, tags.standard(tags.variableName)], color: 'var(--syntax-type)' },
  { tag: [tags.escape, tags.operator, tags.punctuation], color: 'var(--fg-muted)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

export const editorTheme: Extension = [chrome, syntaxHighlighting(highlight)];
