/**
 * Any Dockerfile inside an embed: the editor with its build context, the verdict, the findings and
 * the chosen views, without goals. It starts from the files in its link (`#s=`, as the playground
 * shares them) and answers the same commands as an exercise.
 */

import { useEffect } from 'preact/hooks';
import { summarizeCertainty } from '../certainty/certainty-summary.ts';
import { DOCKERFILE } from '../context/file-path.ts';
import type { BuildOutput } from '../engine/protocol.ts';
import { lockedState } from '../exercise/exercise-state.ts';
import { dockerfileOf, type PlaygroundState, sourcesOf, withContent } from '../playground/state.ts';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { useWorkbenchFiles } from '../workbench/use-workbench-files.ts';
import { Workbench } from '../workbench/Workbench.tsx';
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

export function EmbedPlayground({ initial, options, bridge, notice }: EmbedPlaygroundProps) {
  const first = options.readonly ? lockedState(initial) : initial;
  const session = useBuildSession((output) => bridge.post(buildEvent(output)));
  const files = useWorkbenchFiles(() => first, session, {
    onFiles: (next) => session.request(sourcesOf(next)),
  });
  const { apply } = files;

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

  return (
    <div class="mc-embed-playground" style={editorHeight(dockerfileOf(initial))}>
      {notice && (
        <p class="mc-embed-notice" role="alert">
          {notice}
        </p>
      )}
      <Workbench
        session={session}
        files={files}
        examples={[{ id: 'embedded', title: 'The Dockerfile as embedded', files: initial.files }]}
        panels={buildViewsOf(options.panels)}
        readOnly={options.readonly}
        editorOnDemand
      />
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
    certainty: summarizeCertainty(result.certainty),
  } as const;
}
