/**
 * Any Dockerfile inside an embed: the editor with its build context, the verdict, the findings and
 * the chosen views, without goals. It starts from the files in its link (`#s=`, as the playground
 * shares them) and answers the same commands as an exercise.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DOCKERFILE } from '../context/file-path.ts';
import { ContextEditor } from '../editor/ContextEditor.tsx';
import type { BuildOutput } from '../engine/protocol.ts';
import { lockedState } from '../exercise/exercise-state.ts';
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
import type { Bridge } from './bridge.ts';
import { editorHeight } from './EmbedExercise.tsx';
import { findingCounts } from './events.ts';
import { buildViewsOf, type EmbedOptions } from './options.ts';
import { applyTheme } from './theme.ts';

export interface EmbedPlaygroundProps {
  readonly initial: PlaygroundState;
  readonly options: EmbedOptions;
  readonly bridge: Bridge;
  /** Why the link's files could not be opened, if they could not. */
  readonly notice?: string;
}

const sourcesOf = (state: PlaygroundState) => ({
  dockerfile: dockerfileOf(state),
  files: state.files.map(({ path, content }) => ({ path, content })),
});

export function EmbedPlayground({ initial, options, bridge, notice }: EmbedPlaygroundProps) {
  const first = options.readonly ? lockedState(initial) : initial;
  const [state, setState] = useState(first);
  const [generation, setGeneration] = useState(0);
  const current = useRef(first);
  const session = useBuildSession((output) => bridge.post(buildEvent(output)));
  const views = buildViewsOf(options.panels);

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
    session.request(sourcesOf(first));
    bridge.setHandler((command) => {
      if (command.type === 'setTheme') applyTheme(command.theme);
      else if (command.type === 'reset') apply(() => first, { replace: true });
      else apply((previous) => withContent(previous, DOCKERFILE, command.dockerfile), { replace: true });
    });
    bridge.post({ type: 'ready', mode: 'playground', exercise: null, goals: 0 });
    return () => bridge.setHandler(undefined);
  }, []);

  const { build } = session;
  const output = session.failure ? undefined : build?.output;
  const shownStep = session.step.index === null ? undefined : output?.result.steps[session.step.index];

  return (
    <div class="mc-embed-playground" style={editorHeight(dockerfileOf(initial))}>
      {notice && (
        <p class="mc-embed-notice" role="alert">
          {notice}
        </p>
      )}
      <ContextEditor
        key={generation}
        readOnly={options.readonly}
        editorOnDemand
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
      {views.length > 0 && (
        <BuildPanels
          build={output}
          failure={session.failure}
          engine={session.engine}
          examples={[{ id: 'embedded', title: 'The Dockerfile as embedded', files: initial.files }]}
          current={() => sourcesOf(current.current)}
          step={session.step.index}
          onStep={(index) => session.showStep(index)}
          panels={views}
        />
      )}
    </div>
  );
}

function buildEvent(output: BuildOutput) {
  const { result, analysis } = output;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of analysis.diagnostics) counts[diagnostic.severity] += 1;
  const target = result.target === null ? undefined : result.stages[result.target];
  return {
    type: 'build',
    built: result.ok,
    imageBytes: result.ok ? (target?.size ?? null) : null,
    starts: analysis.run?.starts ?? null,
    diagnostics: findingCounts(counts),
    passing: 0,
    total: 0,
  } as const;
}
