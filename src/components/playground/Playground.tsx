/**
 * The playground island: pick one of the brief's examples, edit the Dockerfile and its build
 * context, and see the engine's verdict as you type. The state is kept on this device and can be
 * shared as a link; the engine runs in a worker.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
// The playground is the editor: load CodeMirror with the island rather than after it mounts.
import '../editor/editor-session.ts';
import EmbedButton from '../embed/EmbedButton.tsx';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { useWorkbenchFiles } from '../workbench/use-workbench-files.ts';
import { Workbench } from '../workbench/Workbench.tsx';
import { type PlaygroundExample, stateOf } from './examples.ts';
import { type Notice, restoreState } from './restore.ts';
import { encodedStateIn, encodeState, shareUrl } from './share-link.ts';
import { dockerfileOf, type PlaygroundState, sourcesOf } from './state.ts';
import { storeState } from './storage.ts';
import './playground.css';

interface Props {
  /** The first is the default. */
  readonly examples: readonly PlaygroundExample[];
}

const SAVE_DELAY_MS = 300;

export default function Playground({ examples }: Props) {
  const id = useId();
  const fallback = examples[0];
  if (!fallback) throw new Error('The playground needs at least one example.');
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [picked, setPicked] = useState(fallback.id);
  const [link, setLink] = useState<string | undefined>();
  const session = useBuildSession();
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Every change: a parse and a build when the files changed (the newest answer wins), a save soon after. */
  const files = useWorkbenchFiles(() => stateOf(fallback), session, {
    onFiles: (next) => session.request(sourcesOf(next)),
    onChange: () => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(save, SAVE_DELAY_MS);
    },
  });
  const { apply } = files;

  const storageWarned = useRef(false);
  const save = () => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    if (storeState(files.current()) || storageWarned.current) return;
    storageWarned.current = true;
    setNotice({
      kind: 'error',
      text: 'This browser does not let the page keep your files: they are lost on reload. Copy link keeps them.',
    });
  };

  useEffect(() => {
    let cancelled = false;
    const hadLink = encodedStateIn(location.hash) !== undefined;
    restoreState(location.hash, { state: stateOf(fallback), title: fallback.title }).then((restored) => {
      if (cancelled) return;
      if (hadLink) {
        // The link has done its job, opened or refused: from now on the edits live in storage, so
        // a reload keeps them rather than opening the link again.
        history.replaceState(history.state, '', location.pathname + location.search);
      }
      if (restored.source === 'default') session.request(sourcesOf(restored.state));
      else apply(() => restored.state, { replace: true });
      // The picker names the example on show, if the restored files are one.
      const shown = examples.find(
        (example) => dockerfileOf(stateOf(example)) === dockerfileOf(restored.state),
      );
      if (shown) setPicked(shown.id);
      if (restored.notice) setNotice(restored.notice);
      setReady(true);
    });
    const flush = () => saveTimer.current !== undefined && save();
    addEventListener('pagehide', flush);
    return () => {
      cancelled = true;
      removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  /** Replaces every file, and offers to put the learner's own back. */
  const replaceFiles = (next: PlaygroundState, text: string) => {
    const previous = files.current();
    apply(() => next, { replace: true });
    setNotice({
      kind: 'info',
      text,
      undo: () => {
        apply(() => previous, { replace: true });
        setNotice({ kind: 'info', text: 'Your files are back.' });
      },
    });
  };

  const loadExample = () => {
    const example = examples.find((candidate) => candidate.id === picked) ?? fallback;
    replaceFiles(stateOf(example), `Loaded the example “${example.title}”.`);
    setLink(undefined);
  };

  const exportZip = async () => {
    const { filesToZip } = await import('./zip-files.ts');
    const url = URL.createObjectURL(
      new Blob([filesToZip(files.current()) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'dockerfile-and-context.zip';
    link.click();
    URL.revokeObjectURL(url);
    setNotice({ kind: 'info', text: 'Exported the Dockerfile and its context as a zip.' });
  };

  const importZip = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { zipToFiles, MAX_ZIP_BYTES } = await import('./zip-files.ts');
    if (file.size > MAX_ZIP_BYTES) {
      setNotice({
        kind: 'error',
        text: `Could not import ${file.name}: the zip is larger than ${MAX_ZIP_BYTES / 1024} KiB.`,
      });
      return;
    }
    const checked = zipToFiles(new Uint8Array(await file.arrayBuffer()));
    if (!checked.ok) {
      setNotice({
        kind: 'error',
        text: `Could not import ${file.name}: ${checked.message}. Your files are unchanged.`,
      });
      return;
    }
    replaceFiles(checked.state, `Imported ${checked.state.files.length} files from ${file.name}.`);
  };

  const copyLink = async () => {
    let url: string;
    try {
      url = await shareUrl(location.href, files.current());
    } catch {
      setNotice({ kind: 'error', text: 'This browser cannot make a link: it lacks CompressionStream.' });
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setLink(undefined);
      setNotice({ kind: 'info', text: 'Link copied. It holds all the files; nothing is uploaded.' });
    } catch {
      // No clipboard permission (or no secure context): show the link to copy by hand.
      setLink(url);
      setNotice({ kind: 'info', text: 'Copy the link from the box below.' });
    }
  };

  return (
    <div class="mc-playground" data-ready={ready ? 'true' : undefined}>
      <div class="mc-playground-toolbar">
        <label for={`${id}-example`}>Example</label>
        <select
          id={`${id}-example`}
          value={picked}
          onChange={(event) => setPicked(event.currentTarget.value)}
        >
          {examples.map((example) => (
            <option key={example.id} value={example.id}>
              {example.title}
            </option>
          ))}
        </select>
        <button type="button" onClick={loadExample} aria-describedby={`${id}-replace-note`}>
          Load example
        </button>
        <span id={`${id}-replace-note`} class="visually-hidden">
          Replaces all your files
        </span>
        {/* The file actions wrap as one group, so no button is left alone on a row. */}
        <div class="mc-playground-actions">
          <button type="button" class="mc-copy-link" onClick={copyLink}>
            <svg
              aria-hidden="true"
              width="16"
              height="16"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
            >
              <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
              <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
            </svg>
            Copy link
          </button>
          <button type="button" class="mc-secondary" onClick={exportZip}>
            Export .zip
          </button>
          <label class="mc-secondary mc-import-zip">
            Import .zip
            <input
              type="file"
              accept=".zip,application/zip"
              class="visually-hidden"
              onChange={(event) => importZip(event.currentTarget)}
            />
          </label>
          <EmbedButton
            class="mc-secondary"
            target={async () => ({ kind: 'playground', state: await encodeState(files.current()) })}
          />
        </div>
      </div>
      <div class={`mc-notice${notice?.kind === 'error' ? ' mc-notice-error' : ''}`} role="status">
        {notice?.text}
        {notice?.undo && (
          <button type="button" class="mc-undo" onClick={notice.undo}>
            Undo
          </button>
        )}
      </div>
      {link && (
        <p class="mc-link-fallback">
          <label for={`${id}-link`}>Link to these files</label>
          <input
            id={`${id}-link`}
            type="text"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
        </p>
      )}
      <Workbench
        session={session}
        files={files}
        examples={examples}
        onNotice={(text) => setNotice({ kind: 'info', text })}
        knowsLink
      />
    </div>
  );
}
