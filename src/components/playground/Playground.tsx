/**
 * The playground island: pick one of the brief's examples, edit the Dockerfile and its build
 * context, and see the engine's verdict as you type. The state is kept on this device and can be
 * shared as a link; the engine runs in a worker.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { DOCKERFILE } from '../context/file-path.ts';
import { ContextEditor } from '../editor/ContextEditor.tsx';
import EmbedButton from '../embed/EmbedButton.tsx';
// The playground is the editor: load CodeMirror with the island rather than after it mounts.
import '../editor/editor-session.ts';
import type { SourceFiles } from '../engine/protocol.ts';
import { RunCheck } from '../run/RunCheck.tsx';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { BuildPanels } from './BuildPanels.tsx';
import { BuildStatus } from './BuildStatus.tsx';
import { type PlaygroundExample, stateOf } from './examples.ts';
import { type Notice, restoreState } from './restore.ts';
import { StatusLine } from './StatusLine.tsx';
import { encodedStateIn, encodeState, shareUrl } from './share-link.ts';
import {
  dockerfileOf,
  type PlaygroundState,
  withContent,
  withFile,
  withoutFile,
  withRename,
} from './state.ts';
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
  const [state, setState] = useState<PlaygroundState>(() => stateOf(fallback));
  /** Bumped whenever the files are replaced wholesale, which remounts the editor. */
  const [generation, setGeneration] = useState(0);
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [picked, setPicked] = useState(fallback.id);
  const [link, setLink] = useState<string | undefined>();
  const session = useBuildSession();
  const current = useRef(state);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Parse for the instant verdict, build for the image: both at once, the newest answer wins. */
  const requestVerdicts = (next: PlaygroundState) => session.request(sourcesOf(next));

  const storageWarned = useRef(false);
  const save = () => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    if (storeState(current.current) || storageWarned.current) return;
    storageWarned.current = true;
    setNotice({
      kind: 'error',
      text: 'This browser does not let the page keep your files: they are lost on reload. Copy link keeps them.',
    });
  };

  /** Every change goes through here: new state, a parse when the files changed, a save soon after. */
  const apply = (
    change: (state: PlaygroundState) => PlaygroundState,
    options: { replace?: boolean } = {},
  ) => {
    const previous = current.current;
    const next = change(previous);
    current.current = next;
    setState(next);
    if (options.replace) {
      setGeneration((value) => value + 1);
      session.showStep(null);
    }
    if (next.files !== previous.files) requestVerdicts(next);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(save, SAVE_DELAY_MS);
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
      if (restored.source === 'default') requestVerdicts(restored.state);
      else apply(() => restored.state, { replace: true });
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

  const loadExample = () => {
    const example = examples.find((candidate) => candidate.id === picked) ?? fallback;
    apply(() => stateOf(example), { replace: true });
    setNotice({ kind: 'info', text: `Loaded the example “${example.title}”.` });
    setLink(undefined);
  };

  const copyLink = async () => {
    let url: string;
    try {
      url = await shareUrl(location.href, current.current);
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

  const { build, step } = session;
  const buildFailure = session.failure;
  const shownStep = step.index === null ? undefined : build?.output.result.steps[step.index];

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
        <EmbedButton
          class="mc-embed-button"
          target={async () => ({ kind: 'playground', state: await encodeState(current.current) })}
        />
      </div>
      <div class={`mc-notice${notice?.kind === 'error' ? ' mc-notice-error' : ''}`} role="status">
        {notice?.text}
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
      <ContextEditor
        key={generation}
        files={state.files}
        active={state.active}
        diagnostics={session.diagnostics}
        onEdit={(path, content) => apply((previous) => withContent(previous, path, content))}
        onOpen={(path) => apply((previous) => ({ ...previous, active: path }))}
        onAdd={(path) => apply((previous) => withFile(previous, path))}
        onRename={(from, to) => apply((previous) => withRename(previous, from, to))}
        onDelete={(path) => apply((previous) => withoutFile(previous, path))}
        onNotice={(text) => setNotice({ kind: 'info', text })}
        step={
          shownStep
            ? { from: shownStep.range.start.offset, to: shownStep.range.end.offset, reveal: step.reveal }
            : null
        }
      >
        <StatusLine outcome={session.parse} file={DOCKERFILE} />
        <BuildStatus
          build={build?.output}
          failure={buildFailure}
          building={session.building}
          roundTripMs={build?.roundTripMs}
        />
        {build && !buildFailure && <RunCheck run={build.output.analysis.run} />}
      </ContextEditor>
      <BuildPanels
        build={buildFailure ? undefined : build?.output}
        failure={buildFailure}
        engine={session.engine}
        examples={examples}
        current={() => sourcesOf(current.current)}
        step={step.index}
        onStep={(index) => session.showStep(index)}
      />
    </div>
  );
}

function sourcesOf(state: PlaygroundState): SourceFiles {
  return {
    dockerfile: dockerfileOf(state),
    files: state.files.map(({ path, content }) => ({ path, content })),
  };
}
