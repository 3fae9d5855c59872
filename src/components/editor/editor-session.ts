/**
 * One CodeMirror view over the files of a build context. Each file keeps its own EditorState (text,
 * undo history, selection, diagnostics) and the view switches between them, as an editor's tabs do.
 * Components drive it through these methods and hear about edits through `onChange`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import {
  Compartment,
  EditorSelection,
  EditorState,
  type Extension,
  type Range,
  StateEffect,
  StateField,
  type TransactionSpec,
} from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { Diagnostic, TextEdit } from '../../lib/diagnostic.ts';
import { DOCKERFILE } from '../context/file-path.ts';
import { dockerfileLanguage } from './dockerfile-language.ts';
import { editorTheme } from './editor-theme.ts';
import { type LanguageName, languageNameOf, loadLanguage } from './languages.ts';
import { toEditorDiagnostics } from './lint-diagnostics.ts';
import { closeTooltipsOnTouch } from './touch-tooltips.ts';

export interface EditorFile {
  readonly path: string;
  readonly content: string;
  readonly readOnly?: boolean;
}

export interface EditorSessionOptions {
  readonly parent: HTMLElement;
  readonly files: readonly EditorFile[];
  readonly active: string;
  /** Called after every edit of the open file, with its whole new text. */
  readonly onChange: (path: string, content: string) => void;
  /** The id of an element that explains the editor's keys, for aria-describedby. */
  readonly describedBy?: string;
}

const languageSlot = new Compartment();
const fileSlot = new Compartment();
const themeSlot = new Compartment();
const DARK = EditorView.darkTheme.of(true);
const LIGHT = EditorView.darkTheme.of(false);

/** The lines of the build step being shown, marked as a debugger marks its current line. */
const setStepLines = StateEffect.define<{ readonly from: number; readonly to: number } | null>();
const STEP_LINE = Decoration.line({ class: 'cm-mc-step-line' });

const stepLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(lines, transaction) {
    let next = lines.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setStepLines)) continue;
      next = effect.value
        ? lineMarks(transaction.state, effect.value.from, effect.value.to)
        : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function lineMarks(state: EditorState, from: number, to: number): DecorationSet {
  const length = state.doc.length;
  const first = state.doc.lineAt(Math.min(from, length)).number;
  const last = state.doc.lineAt(Math.min(Math.max(to, from), length)).number;
  const marks: Range<Decoration>[] = [];
  for (let line = first; line <= last; line++) marks.push(STEP_LINE.range(state.doc.line(line).from));
  return Decoration.set(marks);
}

const shared: Extension = [
  stepLines,
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  bracketMatching(),
  highlightActiveLine(),
  // Long RUN lines stay readable on a phone without sideways scrolling.
  EditorView.lineWrapping,
  // Tab indents; Escape then Tab leaves the editor (CodeMirror's built-in escape), as the page says.
  keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
  editorTheme,
  closeTooltipsOnTouch,
  // The cursor stays clear of what the page keeps fixed over its bottom (the workshop bar sets it).
  EditorView.scrollMargins.of((view) => ({
    bottom:
      Number.parseFloat(getComputedStyle(view.dom.ownerDocument.documentElement).scrollPaddingBottom) || 0,
  })),
];

export class EditorSession {
  readonly #view: EditorView;
  /** The state of every file but the open one, whose state is the view's. */
  readonly #states = new Map<string, EditorState>();
  readonly #scroll = new Map<string, StateEffect<unknown>>();
  readonly #observer: MutationObserver;
  readonly #describedBy: string | undefined;
  #active: string;

  constructor(options: EditorSessionOptions) {
    this.#describedBy = options.describedBy;
    this.#active = options.active;
    for (const file of options.files) this.#states.set(file.path, this.#createState(file));
    const { onChange } = options;
    this.#view = new EditorView({
      parent: options.parent,
      state: this.#take(options.active),
      dispatchTransactions: (transactions, view) => {
        view.update(transactions);
        if (transactions.some((transaction) => transaction.docChanged))
          onChange(this.#active, view.state.doc.toString());
      },
    });
    this.#observer = new MutationObserver(() => this.#update(this.#active, { effects: this.#themeEffect() }));
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }

  /** Shows a file, keeping the previous one's text, history and scroll position. */
  open(path: string): void {
    if (path === this.#active || !this.#states.has(path)) return;
    this.#scroll.set(this.#active, this.#view.scrollSnapshot());
    this.#states.set(this.#active, this.#view.state);
    this.#active = path;
    this.#view.setState(this.#take(path));
    const scroll = this.#scroll.get(path);
    this.#view.dispatch({ effects: [this.#themeEffect(), ...(scroll ? [scroll] : [])] });
  }

  /** Replaces every file, as loading an example or a shared link does. */
  replaceFiles(files: readonly EditorFile[], active: string): void {
    this.#states.clear();
    this.#scroll.clear();
    for (const file of files) this.#states.set(file.path, this.#createState(file));
    this.#active = active;
    this.#view.setState(this.#take(active));
  }

  addFile(file: EditorFile): void {
    this.#states.set(file.path, this.#createState(file));
    this.open(file.path);
  }

  renameFile(from: string, to: string, readOnly = false): void {
    const state = this.#stateOf(from);
    if (!state) return;
    const spec: TransactionSpec = {
      effects: [
        fileSlot.reconfigure(this.#fileExtensions({ path: to, readOnly })),
        languageSlot.reconfigure(this.#immediateLanguage(to)),
      ],
    };
    if (from === this.#active) {
      this.#active = to;
      this.#view.dispatch(spec);
    } else {
      this.#states.delete(from);
      this.#states.set(to, state.update(spec).state);
    }
    this.#scroll.delete(from);
    this.#loadLanguage(to);
  }

  /** Removes a file; when it is open, `next` opens instead. */
  removeFile(path: string, next: string): void {
    if (path === this.#active) this.open(next);
    this.#states.delete(path);
    this.#scroll.delete(path);
  }

  /** Shows the engine's diagnostics for a file as squiggles, gutter marks and hover text. */
  setDiagnostics(path: string, diagnostics: readonly Diagnostic[]): void {
    const state = this.#stateOf(path);
    if (!state) return;
    this.#update(
      path,
      setDiagnostics(state, toEditorDiagnostics(diagnostics, state.doc.length, renderDiagnostic)),
    );
  }

  /** Opens a file and selects a range in it, scrolled into view and focused: a diagnostic's "jump". */
  select(path: string, from: number, to: number): void {
    this.open(path);
    const length = this.#view.state.doc.length;
    const anchor = Math.min(from, length);
    this.#view.dispatch({
      selection: EditorSelection.single(anchor, Math.min(Math.max(to, anchor), length)),
      scrollIntoView: true,
    });
    this.#view.focus();
  }

  /**
   * Marks the lines of a build step (null clears the mark). With `reveal`, also puts the cursor
   * there and scrolls it into view, without taking the focus from the step controls.
   */
  showStep(
    path: string,
    range: { readonly from: number; readonly to: number } | null,
    reveal: boolean,
  ): void {
    if (reveal && range) {
      this.open(path);
      const length = this.#view.state.doc.length;
      const anchor = Math.min(range.from, length);
      this.#view.dispatch({
        effects: [setStepLines.of(range), EditorView.scrollIntoView(anchor, { y: 'center' })],
        selection: EditorSelection.cursor(anchor),
      });
      return;
    }
    this.#update(path, { effects: setStepLines.of(range) });
  }

  /** Applies a quick fix's edits (offsets into the file's current text) and puts the cursor after them. */
  applyEdits(path: string, edits: readonly TextEdit[]): void {
    this.open(path);
    const length = this.#view.state.doc.length;
    if (path !== this.#active || edits.some((edit) => edit.from > edit.to || edit.to > length)) return;
    this.#view.dispatch({
      changes: edits.map((edit) => ({ from: edit.from, to: edit.to, insert: edit.insert })),
      userEvent: 'input.fix',
    });
    this.#view.focus();
  }

  focus(): void {
    this.#view.focus();
  }

  destroy(): void {
    this.#observer.disconnect();
    this.#view.destroy();
  }

  #createState(file: EditorFile): EditorState {
    const state = EditorState.create({
      doc: file.content,
      extensions: [
        shared,
        languageSlot.of(this.#immediateLanguage(file.path)),
        fileSlot.of(this.#fileExtensions(file)),
        themeSlot.of(isDark() ? DARK : LIGHT),
      ],
    });
    this.#loadLanguage(file.path);
    return state;
  }

  #fileExtensions(file: { path: string; readOnly?: boolean }): Extension {
    const language = languageNameOf(file.path);
    return [
      EditorView.contentAttributes.of({
        'aria-label': `${file.path}${file.readOnly ? ' (read-only)' : ''}`,
        ...(this.#describedBy ? { 'aria-describedby': this.#describedBy } : {}),
        ...(file.readOnly ? { 'aria-readonly': 'true' } : {}),
      }),
      EditorState.readOnly.of(file.readOnly === true),
      indentUnit.of(INDENT[language]),
      file.path === DOCKERFILE ? lintGutter() : [],
    ];
  }

  /** The Dockerfile is highlighted from the first paint; other languages arrive with #loadLanguage. */
  #immediateLanguage(path: string): Extension {
    return languageNameOf(path) === 'dockerfile' ? dockerfileLanguage : [];
  }

  #loadLanguage(path: string): void {
    const name = languageNameOf(path);
    if (name === 'dockerfile' || name === 'plain') return;
    loadLanguage(name).then((language) => {
      // The file may have been renamed or deleted while its language loaded.
      if (this.#stateOf(path) && languageNameOf(path) === name)
        this.#update(path, { effects: languageSlot.reconfigure(language) });
    });
  }

  #themeEffect(): StateEffect<unknown> {
    return themeSlot.reconfigure(isDark() ? DARK : LIGHT);
  }

  #stateOf(path: string): EditorState | undefined {
    return path === this.#active ? this.#view.state : this.#states.get(path);
  }

  #take(path: string): EditorState {
    const state = this.#states.get(path) ?? this.#createState({ path, content: '' });
    this.#states.delete(path);
    return state;
  }

  #update(path: string, spec: TransactionSpec): void {
    if (path === this.#active) this.#view.dispatch(spec);
    else {
      const state = this.#states.get(path);
      if (state) this.#states.set(path, state.update(spec).state);
    }
  }
}

const INDENT: Record<LanguageName, string> = {
  dockerfile: '  ',
  python: '    ',
  go: '\t',
  shell: '  ',
  toml: '  ',
  plain: '  ',
};

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

/** The hover text: the message, then the hint and a link to read more, with the code shown by CodeMirror. */
function renderDiagnostic(diagnostic: Diagnostic): (view: EditorView) => Node {
  return () => {
    const box = document.createElement('span');
    box.append(diagnostic.message);
    if (diagnostic.hint) {
      const hint = document.createElement('p');
      hint.textContent = diagnostic.hint;
      box.append(hint);
    }
    if (diagnostic.url) {
      const more = document.createElement('p');
      const link = document.createElement('a');
      link.href = diagnostic.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = 'Read about this check in Docker’s documentation';
      more.append(link);
      box.append(more);
    }
    return box;
  };
}
