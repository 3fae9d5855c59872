/**
 * The lab: a Dockerfile and its context in the editor, built as you type, with the run check, the
 * build steps, the layer explorer and a comparison. It starts with what the lesson asked for and
 * keeps the learner's edits until the lesson asks for something else.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DOCKERFILE } from '../context/file-path.ts';
import { ContextEditor } from '../editor/ContextEditor.tsx';
// Load CodeMirror with the lab, not after it mounts.
import '../editor/editor-session.ts';
import { BuildPanels } from '../playground/BuildPanels.tsx';
import { BuildStatus } from '../playground/BuildStatus.tsx';
import { StatusLine } from '../playground/StatusLine.tsx';
import {
  dockerfileOf,
  type PlaygroundState,
  withContent,
  withFile,
  withoutFile,
  withRename,
} from '../playground/state.ts';
import { RunCheck } from '../run/RunCheck.tsx';
import { useBuildSession } from '../workbench/use-build-session.ts';
import type { LabRequest, LabSource } from './lab-request.ts';

export interface LabProps {
  readonly request: LabRequest | undefined;
  /** Bumped with every request, so asking for the same block again reloads it. */
  readonly seq: number;
}

function stateOf(source: LabSource): PlaygroundState {
  return {
    files: [
      { path: DOCKERFILE, content: source.dockerfile },
      ...source.files.filter((file) => file.path !== DOCKERFILE),
    ],
    active: DOCKERFILE,
  };
}

const sourcesOf = (state: PlaygroundState) => ({
  dockerfile: dockerfileOf(state),
  files: state.files.map(({ path, content }) => ({ path, content })),
});

export function Lab({ request, seq }: LabProps) {
  const [state, setState] = useState<PlaygroundState>({
    files: [{ path: DOCKERFILE, content: '' }],
    active: DOCKERFILE,
  });
  const [generation, setGeneration] = useState(0);
  const [loaded, setLoaded] = useState<LabSource | undefined>();
  const current = useRef(state);
  const session = useBuildSession();

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
    if (next.files !== previous.files) session.request(sourcesOf(next));
  };

  useEffect(() => {
    const source = request?.source;
    // A command for the image already in the lab keeps the learner's edits.
    if (source && !(request?.kind === 'run' && loaded?.title === source.title)) {
      setLoaded(source);
      apply(() => stateOf(source), { replace: true });
    }
  }, [seq]);

  const { build } = session;
  const output = session.failure ? undefined : build?.output;
  const shownStep = session.step.index === null ? undefined : output?.result.steps[session.step.index];

  return (
    <div class="mc-lab">
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
        onNotice={() => {}}
        step={
          shownStep
            ? {
                from: shownStep.range.start.offset,
                to: shownStep.range.end.offset,
                reveal: session.step.reveal,
              }
            : null
        }
      >
        <StatusLine outcome={session.parse} file={DOCKERFILE} />
        <BuildStatus
          build={build?.output}
          failure={session.failure}
          building={session.building}
          roundTripMs={build?.roundTripMs}
        />
        {output && <RunCheck run={output.analysis.run} />}
      </ContextEditor>
      <BuildPanels
        build={output}
        failure={session.failure}
        engine={session.engine}
        examples={loaded ? [{ id: 'lesson', title: loaded.title, files: stateOf(loaded).files }] : []}
        current={() => sourcesOf(current.current)}
        step={session.step.index}
        onStep={(index) => session.showStep(index)}
      />
    </div>
  );
}
