/**
 * The Dockerfile editor with its build context: file tabs, one CodeMirror view and a line on the
 * keys, beside (or, on narrow screens, above) an optional status and the problem list. It owns the editor's text while mounted and reports every
 * change through its callbacks; give it a new `key` to load different files.
 *
 * CodeMirror comes in by a dynamic import, so a page decides when it loads: the playground, the
 * challenges and the lab import editor-session.ts with the page (the import here then resolves at
 * once), while an embed waits until the reader first wants to edit (`editorOnDemand`) and shows
 * the text meanwhile.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { FileTabs, tabId } from '../context/FileTabs.tsx';
import { DOCKERFILE } from '../context/file-path.ts';
import { DiagnosticList } from './DiagnosticList.tsx';
import type { EditorFile, EditorSession } from './editor-session.ts';
import './editor.css';

let editorModule: Promise<typeof import('./editor-session.ts')> | undefined;
/** Set once CodeMirror has loaded: from then on every editor on the page mounts at once. */
let editorLoaded = false;

function loadEditor() {
  editorModule ??= import('./editor-session.ts').then((module) => {
    editorLoaded = true;
    return module;
  });
  return editorModule;
}

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
  /** Show the text and load the editor only when the reader first wants to edit (an embed). */
  readonly editorOnDemand?: boolean;
  /** Every file is read-only: no New, Rename or Delete. */
  readonly readOnly?: boolean;
}

export function ContextEditor(props: ContextEditorProps) {
  const id = useId();
  const panelId = `${id}-panel`;
  const helpId = `${id}-help`;
  const host = useRef<HTMLDivElement>(null);
  const session = useRef<EditorSession | null>(null);
  const [mounted, setMounted] = useState(false);
  const [wanted, setWanted] = useState(() => !props.editorOnDemand || editorLoaded);
  const [loadError, setLoadError] = useState<string | undefined>();
  /** What the reader asked of the editor before it loaded (edit here, jump, fix): done once it has. */
  const waiting = useRef<((session: EditorSession) => void)[]>([]);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    loadEditor().then(
      ({ EditorSession }) => {
        if (cancelled || !host.current) return;
        const { files, active } = latest.current;
        session.current = new EditorSession({
          parent: host.current,
          files,
          active,
          describedBy: helpId,
          onChange: (path, content) => latest.current.onEdit(path, content),
        });
        setMounted(true);
        for (const action of waiting.current.splice(0)) action(session.current);
      },
      (error: unknown) => setLoadError(`The editor could not load: ${String(error)}`),
    );
    return () => {
      cancelled = true;
      session.current?.destroy();
      session.current = null;
    };
  }, [helpId, wanted]);

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

  /** Runs an action on the editor now, or once the reader's first use has loaded it. */
  const withEditor = (action: (session: EditorSession) => void) => {
    if (session.current) action(session.current);
    else {
      waiting.current.push(action);
      setWanted(true);
    }
  };

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
          actions={!props.readOnly}
        />
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(id, activeIndex)} class="mc-editor-panel">
          <div class="mc-editor-host" ref={host} />
          {!mounted &&
            (wanted ? (
              // What the editor will show, until it has loaded: no blank box and no layout shift.
              <pre class="mc-editor-placeholder" aria-hidden="true">
                {activeFile?.content}
              </pre>
            ) : (
              <TextBeforeEditing
                text={activeFile?.content ?? ''}
                path={props.active}
                error={loadError}
                onPrefetch={() => void loadEditor().catch(() => {})}
                onEdit={(offset) =>
                  withEditor((editor) => {
                    // Hand the reader the keyboard, where they clicked if they did.
                    if (offset !== undefined) editor.select(props.active, offset, offset);
                    editor.focus();
                  })
                }
              />
            ))}
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
            withEditor((editor) =>
              editor.select(DOCKERFILE, diagnostic.range.start.offset, diagnostic.range.end.offset),
            );
            if (props.active !== DOCKERFILE) props.onOpen(DOCKERFILE);
          }}
          onFix={(fix) => {
            if (props.active !== DOCKERFILE) props.onOpen(DOCKERFILE);
            withEditor((editor) => editor.applyEdits(DOCKERFILE, fix.edits));
          }}
        />
      </div>
    </div>
  );
}

/**
 * The open file as read-only text, with a button to start editing: what an embed shows until the
 * reader wants the editor. Clicking in the text, Enter or typing there starts editing (at the
 * caret); hovering or focusing fetches the editor early, so it is usually there by then.
 */
function TextBeforeEditing(props: {
  readonly text: string;
  readonly path: string;
  readonly error: string | undefined;
  readonly onPrefetch: () => void;
  readonly onEdit: (offset: number | undefined) => void;
}) {
  const [loading, setLoading] = useState(false);
  const edit = (offset?: number) => {
    setLoading(true);
    props.onEdit(offset);
  };
  return (
    <div class="mc-editor-deferred" onPointerEnter={props.onPrefetch} onFocusCapture={props.onPrefetch}>
      <textarea
        class="mc-editor-placeholder mc-editor-text"
        readOnly
        wrap="off"
        spellcheck={false}
        aria-label={`${props.path}: press Enter to edit`}
        value={props.text}
        onKeyDown={(event) => {
          const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
          if (event.key === 'Enter' || typing) edit(event.currentTarget.selectionStart);
        }}
        onClick={(event) => {
          const { selectionStart, selectionEnd } = event.currentTarget;
          // A selection is the reader copying, not asking to edit.
          if (selectionStart === selectionEnd) edit(selectionStart);
        }}
      />
      <button
        type="button"
        class="button primary mc-editor-start"
        onClick={() => edit()}
        disabled={loading && !props.error}
      >
        {props.error ?? (loading ? 'Loading the editor…' : `Edit ${props.path}`)}
      </button>
    </div>
  );
}
