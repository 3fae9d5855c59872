/**
 * `docker run` of the built image, as far as its files tell: the command, the user, and whether it
 * starts; when it would not, Docker's error and what to do about it; and how sure the simulator is.
 */
import { useId } from 'preact/hooks';
import type { RunCheck as RunCheckResult } from '../../lib/analysis/run-check.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { SeverityIcon } from '../editor/DiagnosticList.tsx';
import './run-check.css';
import { runHeadline } from './run-verdict.ts';

interface Props {
  /** Null when the build made no image. */
  readonly run: RunCheckResult | null;
}

export function RunCheck({ run }: Props) {
  const id = useId();
  const headline = run ? runHeadline(run) : null;
  return (
    <section class="mc-run" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="mc-run-title">
        Run check
      </h2>
      {run === null ? (
        <p class="mc-run-none">No image to run: the build did not finish.</p>
      ) : (
        headline && (
          <>
            <p
              class="mc-run-verdict"
              data-starts={run.starts ? 'true' : 'false'}
              data-certainty={run.certainty.level}
            >
              <SeverityIcon severity={headline.severity} />
              <span>
                <strong>{headline.label}</strong>: <code>{commandLine(run.argv)}</code> as{' '}
                <code>{run.user}</code>
              </span>
              <CertaintyBadge certainty={run.certainty} />
            </p>
            {run.error && (
              <>
                <p class="mc-run-error">
                  <code>{run.error.message}</code>
                </p>
                {run.error.hint && <p class="mc-run-hint">{run.error.hint}</p>}
              </>
            )}
            <CertaintyNote certainty={run.certainty} subject="This verdict" />
            {run.notes.map((note) => (
              <p key={note} class="mc-run-note">
                {note}
              </p>
            ))}
          </>
        )
      )}
    </section>
  );
}

/** argv as a shell would need it typed: words with spaces or quotes are quoted. */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) return '(no command)';
  return argv.map((word) => (/^[\w./:=@%+-]+$/.test(word) ? word : JSON.stringify(word))).join(' ');
}
