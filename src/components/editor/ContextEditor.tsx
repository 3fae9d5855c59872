/**
 * The Dockerfile editor with its build context: file tabs, one CodeMirror view and a line on the
 * keys, beside (or, on narrow screens, above) an optional status and the problem list. It owns the editor's text while mounted and reports every
 * change through its callbacks; give it a new `key` to load different files.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { FileTabs, tabId } from '../context/FileTabs.tsx';
import { DOCKERFILE } from '../context/file-path.ts';
import { DiagnosticList } from './DiagnosticList.tsx';
import { type EditorFile, EditorSession } from './editor-session.ts';
import './editor.css';

export interface ContextEditorProps {
  /** The files when the editor mounts; afterwards the editor holds the text and only names are read. */
  readonly files: readonly EditorFile[];
  readonly active: string;
  /** The engine's diagnostics for the Dockerfile, as of its current text. */
  readonly diagnostics: readonly Diagnostic[];
  readonly onEdit: (path: string, content: string) => void;
  readonly onOpen: (path: string) => void;
  readonly onAdd: (path: string) => void;
  readonly onRename: (from: string, to: string) => void;
  readonly onDelete: (path: string) => void;
  readonly onNotice: (text: string) => void;
  /**
   * The build step to mark in the Dockerfile, as offsets; `reveal` changes when the learner moves to
   * a step, which also scrolls it into view (a rebuild only moves the mark).
   */
  readonly step?: { readonly from: number; readonly to: number; readonly reveal: number } | null;
  /** Shown between the editor and the problem list, e.g. the parse status. */
  readonly children?: ComponentChildren;
}

export function ContextEditor(props: ContextEditorProps) {
  const id = useId();
  const panelId = `${id}-panel`;
  const helpId = `${id}-help`;
  const host = useRef<HTMLDivElement>(null);
  const session = useRef<EditorSession | null>(null);
  const [mounted, setMounted] = useState(false);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!host.current) return;
    const { files, active } = latest.current;
    session.current = new EditorSession({
      parent: host.current,
      files,
      active,
      describedBy: helpId,
      onChange: (path, content) => latest.current.onEdit(path, content),
    });
    setMounted(true);
    return () => {
      session.current?.destroy();
      session.current = null;
    };
  }, [helpId]);

  useLayoutEffect(() => {
    session.current?.setDiagnostics(DOCKERFILE, props.diagnostics);
  }, [props.diagnostics, mounted]);

  const revealed = useRef(0);
  const { step } = props;
  useLayoutEffect(() => {
    const reveal = step != null && step.reveal !== revealed.current;
    if (step) revealed.current = step.reveal;
    if (reveal && props.active !== DOCKERFILE) props.onOpen(DOCKERFILE);
    session.current?.showStep(DOCKERFILE, step ? { from: step.from, to: step.to } : null, reveal);
  }, [step?.from, step?.to, step?.reveal, mounted]);

  const open = (path: string) => {
    session.current?.open(path);
    props.onOpen(path);
  };

  const activeIndex = props.files.findIndex((file) => file.path === props.active);
  const activeFile = props.files[activeIndex];

  return (
    <div class="mc-context-editor">
      <div class="mc-editor-main">
        <FileTabs
          files={props.files}
          active={props.active}
          idPrefix={id}
          panelId={panelId}
          onSelect={open}
          onAdd={(path) => {
            session.current?.addFile({ path, content: '' });
            props.onAdd(path);
            session.current?.focus();
          }}
          onRename={(from, to) => {
            session.current?.renameFile(from, to, props.files.find((file) => file.path === from)?.readOnly);
            props.onRename(from, to);
          }}
          onDelete={(path) => {
            const index = props.files.findIndex((file) => file.path === path);
            const rest = props.files.filter((file) => file.path !== path);
            const next = rest[Math.min(index, rest.length - 1)]?.path ?? DOCKERFILE;
            session.current?.removeFile(path, next);
            props.onDelete(path);
          }}
          onNotice={props.onNotice}
        />
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(id, activeIndex)} class="mc-editor-panel">
          <div class="mc-editor-host" ref={host} />
          {!mounted && (
            // What the editor will show, until it has loaded: no blank box and no layout shift.
            <pre class="mc-editor-placeholder" aria-hidden="true">
              {activeFile?.content}
            </pre>
          )}
        </div>
        <p id={helpId} class="mc-editor-help">
          {activeFile?.readOnly && (
            <strong class="mc-read-only">{activeFile.path} is read-only in this exercise. </strong>
          )}
          <kbd>Tab</kbd> indents. To leave the editor with the keyboard, press <kbd>Esc</kbd> then{' '}
          <kbd>Tab</kbd>. <kbd>F8</kbd> selects the next problem; the list below explains each one.
        </p>
      </div>
      <div class="mc-editor-side">
        {props.children}
        <DiagnosticList
          diagnostics={props.diagnostics}
          path={DOCKERFILE}
          headingId={`${id}-problems`}
          onJump={(diagnostic) => {
            session.current?.select(DOCKERFILE, diagnostic.range.start.offset, diagnostic.range.end.offset);
            if (props.active !== DOCKERFILE) props.onOpen(DOCKERFILE);
          }}
          onFix={(fix) => {
            if (props.active !== DOCKERFILE) props.onOpen(DOCKERFILE);
            session.current?.applyEdits(DOCKERFILE, fix.edits);
          }}
        />
      </div>
    </div>
  );
}
