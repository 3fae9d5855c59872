/**
 * The build context's files as ARIA tabs (roving tabindex: arrow keys, Home and End move between
 * them) with New, Rename and Delete for the open file. Names are checked by checkFilePath.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkFilePath, DOCKERFILE } from './file-path.ts';
import './file-tabs.css';
import { tabKeyTarget } from '../tabs/tab-keys.ts';

export interface TabFile {
  readonly path: string;
  readonly readOnly?: boolean;
}

interface Props {
  readonly files: readonly TabFile[];
  readonly active: string;
  /** Prefix for element ids, unique on the page. */
  readonly idPrefix: string;
  /** The id of the tab panel the tabs control. */
  readonly panelId: string;
  readonly onSelect: (path: string) => void;
  readonly onAdd: (path: string) => void;
  readonly onRename: (from: string, to: string) => void;
  readonly onDelete: (path: string) => void;
  /** Says something to the reader: why an action is not possible, or what it did. */
  readonly onNotice: (text: string) => void;
  /** Offer New, Rename and Delete (not when the whole context is read-only). */
  readonly actions?: boolean;
}

type Mode =
  | { readonly kind: 'idle' }
  | { readonly kind: 'add' }
  | { readonly kind: 'rename' }
  | { readonly kind: 'delete' };

export function tabId(idPrefix: string, index: number): string {
  return `${idPrefix}-tab-${index}`;
}

export function FileTabs(props: Props) {
  const { files, active, idPrefix } = props;
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const activeFile = files.find((file) => file.path === active);
  const locked = lockReason(activeFile);
  // When a form closes, the keyboard goes back to the open file's tab rather than to the page's start.
  const restoreFocus = useRef(false);
  useEffect(() => {
    if (mode.kind !== 'idle' || !restoreFocus.current) return;
    restoreFocus.current = false;
    tabs.current[files.findIndex((file) => file.path === active)]?.focus();
  });
  const close = (focusTab = true) => {
    restoreFocus.current = focusTab;
    setMode({ kind: 'idle' });
  };

  const select = (index: number) => {
    const file = files[index];
    if (!file) return;
    // A form open for one file must not act on another.
    if (file.path !== active) setMode({ kind: 'idle' });
    props.onSelect(file.path);
    tabs.current[index]?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const target = tabKeyTarget(
      event.key,
      files.findIndex((file) => file.path === active),
      files.length,
    );
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  const startChange = (kind: 'rename' | 'delete') => {
    if (locked) props.onNotice(`${active} ${locked}`);
    else setMode({ kind });
  };

  return (
    <div class="mc-files">
      <div class="mc-files-bar">
        <div role="tablist" aria-label="Build context files" class="mc-tablist" onKeyDown={onKeyDown}>
          {files.map((file, index) => (
            <button
              key={file.path}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={tabId(idPrefix, index)}
              class="mc-tab"
              aria-selected={file.path === active}
              aria-controls={props.panelId}
              tabIndex={file.path === active ? 0 : -1}
              onClick={() => select(index)}
            >
              <FileIcon readOnly={file.readOnly === true} />
              <span>{file.path}</span>
              {file.readOnly && <span class="visually-hidden"> (read-only)</span>}
            </button>
          ))}
        </div>
        {props.actions !== false && (
          <div class="mc-file-actions">
            <button
              type="button"
              onClick={() => setMode({ kind: 'add' })}
              aria-expanded={mode.kind === 'add'}
            >
              New file
            </button>
            <button
              type="button"
              aria-disabled={locked !== undefined}
              aria-expanded={mode.kind === 'rename'}
              onClick={() => startChange('rename')}
            >
              Rename
            </button>
            <button type="button" aria-disabled={locked !== undefined} onClick={() => startChange('delete')}>
              Delete
            </button>
          </div>
        )}
      </div>
      {mode.kind === 'add' && (
        <NameForm
          idPrefix={idPrefix}
          label="New file name"
          submit="Add file"
          initial=""
          existing={files.map((file) => file.path)}
          onCancel={() => close()}
          onSubmit={(path) => {
            // A new file is empty: the editor takes the keyboard so it can be written at once.
            close(false);
            props.onAdd(path);
          }}
        />
      )}
      {mode.kind === 'rename' && (
        <NameForm
          idPrefix={idPrefix}
          label={`New name for ${active}`}
          submit="Rename"
          initial={active}
          current={active}
          existing={files.map((file) => file.path)}
          onCancel={() => close()}
          onSubmit={(path) => {
            close();
            if (path !== active) props.onRename(active, path);
          }}
        />
      )}
      {mode.kind === 'delete' && (
        <ConfirmDelete
          path={active}
          onCancel={() => close()}
          onConfirm={() => {
            close();
            props.onDelete(active);
          }}
        />
      )}
    </div>
  );
}

/** Why the open file cannot be renamed or deleted, if it cannot. */
function lockReason(file: TabFile | undefined): string | undefined {
  if (file?.path === DOCKERFILE) return 'is the file the build reads: it cannot be renamed or deleted.';
  if (file?.readOnly) return 'is read-only in this exercise: it cannot be renamed or deleted.';
  return undefined;
}

interface NameFormProps {
  readonly idPrefix: string;
  readonly label: string;
  readonly submit: string;
  readonly initial: string;
  readonly current?: string;
  readonly existing: readonly string[];
  readonly onSubmit: (path: string) => void;
  readonly onCancel: () => void;
}

function NameForm(props: NameFormProps) {
  const [value, setValue] = useState(props.initial);
  const [error, setError] = useState<string | undefined>();
  const inputId = `${props.idPrefix}-name`;
  const errorId = `${props.idPrefix}-name-error`;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const check = checkFilePath(value, props.existing, props.current);
    if (check.ok) props.onSubmit(check.path);
    else setError(check.message);
  };

  return (
    <form class="mc-name-form" onSubmit={onSubmit} noValidate>
      <label for={inputId}>{props.label}</label>
      <input
        id={inputId}
        type="text"
        value={value}
        spellcheck={false}
        autocomplete="off"
        autocapitalize="off"
        placeholder="src/app.py"
        aria-invalid={error !== undefined}
        aria-describedby={error ? errorId : undefined}
        ref={input}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      />
      <button type="submit">{props.submit}</button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      {error && (
        <p id={errorId} class="mc-name-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ConfirmDelete(props: { path: string; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of two buttons with a question, not a form field set
    <div class="mc-name-form" role="group" aria-label={`Delete ${props.path}?`}>
      <span>
        Delete <code>{props.path}</code>? Its text is lost.
      </span>
      <button
        type="button"
        class="mc-danger"
        ref={confirm}
        onClick={props.onConfirm}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      >
        Delete
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

function FileIcon({ readOnly }: { readOnly: boolean }) {
  return readOnly ? (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
    >
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  ) : (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
    >
      <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" />
      <path d="M14 3v6h6" />
    </svg>
  );
}
