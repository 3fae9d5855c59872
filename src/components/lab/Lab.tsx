/**
 * The lab: a Dockerfile and its context in the editor, built as you type, with the run check, the
 * build steps, the layer explorer, a comparison and the terminal. It starts with what the lesson
 * asked for and keeps the learner's edits until the lesson asks for something else. A "Run in the
 * terminal" request runs its command in the terminal tab, with the lab's files already built and
 * tagged with the lesson's scenario id, which the lesson's commands use as the image name.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DOCKERFILE } from '../context/file-path.ts';
import { type PlaygroundState, sourcesOf } from '../playground/state.ts';
import type { TerminalCommand } from '../terminal/TerminalView.tsx';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { Workbench } from '../workbench/Workbench.tsx';
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

export function Lab({ request, seq }: LabProps) {
  const [state, setState] = useState<PlaygroundState>({
    files: [{ path: DOCKERFILE, content: '' }],
    active: DOCKERFILE,
  });
  const [generation, setGeneration] = useState(0);
  const [loaded, setLoaded] = useState<LabSource | undefined>();
  const [terminalCommand, setTerminalCommand] = useState<TerminalCommand | undefined>();
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
    if (request?.kind === 'run') {
      const scenario = source?.scenario ?? loaded?.scenario;
      setTerminalCommand({ command: request.command, ...(scenario ? { prepare: scenario } : {}), seq });
    }
  }, [seq]);

  return (
    <div class="mc-lab">
      <Workbench
        session={session}
        state={state}
        generation={generation}
        onChange={apply}
        current={() => current.current}
        examples={loaded ? [{ id: 'lesson', title: loaded.title, files: stateOf(loaded).files }] : []}
        {...(terminalCommand ? { terminalCommand } : {})}
      />
    </div>
  );
}
