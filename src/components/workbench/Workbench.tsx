/**
 * The editor and the views of its build, as every editing page shows them: the context's files in
 * the editor with the parse status, the build's verdict and the run check beside it, then (after
 * whatever the page puts between) the build steps, the layer explorer, the comparison and the
 * terminal.
 */
import type { ComponentChildren } from 'preact';
import { DOCKERFILE } from '../context/file-path.ts';
import { ContextEditor } from '../editor/ContextEditor.tsx';
import { BuildPanels, type PanelId } from '../playground/BuildPanels.tsx';
import { BuildStatus } from '../playground/BuildStatus.tsx';
import type { PlaygroundExample } from '../playground/examples.ts';
import { StatusLine } from '../playground/StatusLine.tsx';
import { sourcesOf, withContent, withFile, withoutFile, withRename } from '../playground/state.ts';
import { RunCheck } from '../run/RunCheck.tsx';
import type { TerminalCommand } from '../terminal/TerminalView.tsx';
import type { BuildSession } from './use-build-session.ts';
import type { WorkbenchFiles } from './use-workbench-files.ts';

interface Props {
  readonly session: BuildSession;
  /** The page's files (useWorkbenchFiles): what the editor shows and where its edits go. */
  readonly files: WorkbenchFiles;
  /** What the comparison offers to compare with. */
  readonly examples: readonly PlaygroundExample[];
  readonly onNotice?: (text: string) => void;
  /** Shown between the editor and the views of the build (an exercise's hints, say). */
  readonly children?: ComponentChildren;
  /** A command to run in the terminal tab (the lab's "Run in the terminal"). */
  readonly terminalCommand?: TerminalCommand;
  /** The views of the build, in order (an embed picks some; none for `[]`); all by default. */
  readonly panels?: readonly PanelId[];
  /** Every file is read-only (an embed's read-only mode). */
  readonly readOnly?: boolean;
  /** Show the text and load the editor when the reader first wants to edit (an embed). */
  readonly editorOnDemand?: boolean;
  /** Link the page of what the simulator knows under the build's verdict even when it is known. */
  readonly knowsLink?: boolean;
}

export function Workbench({
  session,
  files,
  examples,
  onNotice,
  children,
  terminalCommand,
  panels,
  readOnly,
  editorOnDemand,
  knowsLink = false,
}: Props) {
  const { build, step } = session;
  const { state, generation, current } = files;
  const onChange = files.apply;
  const output = session.failure ? undefined : build?.output;
  const shownStep = step.index === null ? undefined : output?.result.steps[step.index];
  return (
    <>
      <ContextEditor
        key={generation}
        {...(readOnly ? { readOnly } : {})}
        {...(editorOnDemand ? { editorOnDemand } : {})}
        files={state.files}
        active={state.active}
        diagnostics={session.diagnostics}
        onEdit={(path, content) => onChange((previous) => withContent(previous, path, content))}
        onOpen={(path) => onChange((previous) => ({ ...previous, active: path }))}
        onAdd={(path) => onChange((previous) => withFile(previous, path))}
        onRename={(from, to) => onChange((previous) => withRename(previous, from, to))}
        onDelete={(path) => onChange((previous) => withoutFile(previous, path))}
        onNotice={onNotice ?? (() => {})}
        step={
          shownStep
            ? { from: shownStep.range.start.offset, to: shownStep.range.end.offset, reveal: step.reveal }
            : null
        }
      >
        <StatusLine outcome={session.parse} file={DOCKERFILE} />
        <BuildStatus
          build={build?.output}
          failure={session.failure}
          building={session.building}
          roundTripMs={build?.roundTripMs}
          notice={session.notice}
          knowsLink={knowsLink}
        />
        {output && <RunCheck run={output.analysis.run} />}
      </ContextEditor>
      {children}
      {panels?.length !== 0 && (
        <BuildPanels
          build={output}
          failure={session.failure}
          engine={session.engine}
          examples={examples}
          current={() => sourcesOf(current())}
          step={step.index}
          onStep={(index) => session.showStep(index)}
          {...(terminalCommand ? { terminalCommand } : {})}
          {...(panels ? { panels } : {})}
        />
      )}
    </>
  );
}
