/**
 * The lab: a Dockerfile and its context in the editor, built as you type, with the run check, the
 * build steps, the layer explorer, a comparison and the terminal. It starts with what the lesson
 * asked for and keeps the learner's edits until the lesson asks for something else. A "Run in the
 * terminal" request runs its command in the terminal tab, with the lab's files already built and
 * tagged with the lesson's scenario id, which the lesson's commands use as the image name.
 */
import { useEffect, useState } from 'preact/hooks';
import { DOCKERFILE } from '../context/file-path.ts';
// Load CodeMirror with the lab, not after it mounts.
import '../editor/editor-session.ts';
import { type PlaygroundState, sourcesOf } from '../playground/state.ts';
import type { TerminalCommand } from '../terminal/TerminalView.tsx';
import { useBuildSession } from '../workbench/use-build-session.ts';
import { useWorkbenchFiles } from '../workbench/use-workbench-files.ts';
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
  const [loaded, setLoaded] = useState<LabSource | undefined>();
  const [terminalCommand, setTerminalCommand] = useState<TerminalCommand | undefined>();
  const session = useBuildSession();
  const files = useWorkbenchFiles(
    () => ({ files: [{ path: DOCKERFILE, content: '' }], active: DOCKERFILE }),
    session,
    { onFiles: (next) => session.request(sourcesOf(next)) },
  );
  const { apply } = files;

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
        files={files}
        examples={loaded ? [{ id: 'lesson', title: loaded.title, files: stateOf(loaded).files }] : []}
        {...(terminalCommand ? { terminalCommand } : {})}
      />
    </div>
  );
}
