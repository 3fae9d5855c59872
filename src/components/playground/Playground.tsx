/**
 * The playground island: pick one of the brief's examples, edit the Dockerfile and its build
 * context, and see the engine's verdict as you type. The state is kept on this device and can be
 * shared as a link; the engine runs in a worker.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { DOCKERFILE } from '../context/file-path.ts';
import { ContextEditor } from '../editor/ContextEditor.tsx';
import {
  createEngineClient,
  type EngineClient,
  type Outcome,
  startEngineWorker,
  startParseWorker,
} from '../engine/engine-client.ts';
import type { BuildOutput, SourceFiles } from '../engine/protocol.ts';
import { RunCheck } from '../run/RunCheck.tsx';
import { sameStep } from '../steps/step-navigation.ts';
import { BuildPanels } from './BuildPanels.tsx';
import { BuildStatus } from './BuildStatus.tsx';
import { type PlaygroundExample, stateOf } from './examples.ts';
import { problemsOf } from './problems.ts';
import { type Notice, restoreState } from './restore.ts';
import { StatusLine } from './StatusLine.tsx';
import { encodedStateIn, shareUrl } from './share-link.ts';
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
  const [parse, setParse] = useState<Outcome<'parse'> | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [picked, setPicked] = useState(fallback.id);
  const [link, setLink] = useState<string | undefined>();
  const [build, setBuild] = useState<{ output: BuildOutput; roundTripMs: number } | undefined>();
  const [buildFailure, setBuildFailure] = useState<string | undefined>();
  const [building, setBuilding] = useState(false);
  /** The step shown in the timeline and marked in the editor; `reveal` counts the learner's moves. */
  const [step, setStep] = useState<{ index: number | null; reveal: number }>({ index: null, reveal: 0 });
  const current = useRef(state);
  const shownBuild = useRef<BuildOutput | undefined>(undefined);
  const lastParsed = useRef<BuildOutput | undefined>(undefined);
  const problems = useRef<{ key: string; list: readonly Diagnostic[] }>({ key: '[]', list: [] });
  const engine = useRef<EngineClient | null>(null);
  const parser = useRef<EngineClient | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Parse for the instant verdict, build for the image: both at once, the newest answer wins. */
  const requestVerdicts = (next: PlaygroundState) => {
    const client = engine.current;
    if (!client) return;
    const source = sourcesOf(next);
    (parser.current ?? client).request('parse', source).then((outcome) => {
      if (outcome.status !== 'stale') setParse(outcome);
    });
    setBuilding(true);
    client.request('build', source).then((outcome) => {
      if (outcome.status === 'stale') return;
      setBuilding(false);
      if (outcome.status === 'failed') {
        setBuildFailure(outcome.message);
        return;
      }
      setBuildFailure(undefined);
      const previous = shownBuild.current;
      shownBuild.current = outcome.output;
      if (outcome.output.result.dockerfile) lastParsed.current = outcome.output;
      setBuild({ output: outcome.output, roundTripMs: outcome.roundTripMs });
      // The step on show stays on show across rebuilds, wherever its line has moved.
      setStep((shown) => ({
        ...shown,
        index: sameStep(
          shown.index === null ? undefined : previous?.result.steps[shown.index],
          shown.index ?? -1,
          outcome.output.result.steps,
        ),
      }));
    });
  };

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
      setStep((shown) => ({ ...shown, index: null }));
    }
    if (next.files !== previous.files) requestVerdicts(next);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(save, SAVE_DELAY_MS);
  };

  useEffect(() => {
    try {
      engine.current = createEngineClient(startEngineWorker());
      parser.current = createEngineClient(startParseWorker());
    } catch (error) {
      setParse({
        status: 'failed',
        message: `The simulator could not start in this browser: ${String(error)}`,
      });
    }
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
      engine.current?.dispose();
      engine.current = null;
      parser.current?.dispose();
      parser.current = null;
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

  const found = problemsOf({
    parse: parse?.status === 'done' ? parse.output : undefined,
    build: build?.output,
    buildCurrent: !building,
    lastParsed: lastParsed.current,
  });
  // The same findings keep the same array, so the editor is not redrawn for an answer that changes nothing.
  const key = JSON.stringify(found);
  if (key !== problems.current.key) problems.current = { key, list: found };
  const diagnostics = problems.current.list;
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
        diagnostics={diagnostics}
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
        <StatusLine outcome={parse} file={DOCKERFILE} />
        <BuildStatus
          build={build?.output}
          failure={buildFailure}
          building={building}
          roundTripMs={build?.roundTripMs}
        />
        {build && !buildFailure && <RunCheck run={build.output.analysis.run} />}
      </ContextEditor>
      <BuildPanels
        build={buildFailure ? undefined : build?.output}
        failure={buildFailure}
        engine={engine.current}
        examples={examples}
        current={() => sourcesOf(current.current)}
        step={step.index}
        onStep={(index) => setStep((shown) => ({ index, reveal: shown.reveal + 1 }))}
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
