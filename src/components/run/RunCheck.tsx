/**
 * `docker run` of the built image, as far as its files tell: the command, the user, and whether it
 * starts; when it would not, Docker's error and what to do about it.
 */
import { useId } from 'preact/hooks';
import type { RunCheck as RunCheckResult } from '../../lib/analysis/run-check.ts';
import { SeverityIcon } from '../editor/DiagnosticList.tsx';
import './run-check.css';

interface Props {
  /** Null when the build made no image. */
  readonly run: RunCheckResult | null;
}

export function RunCheck({ run }: Props) {
  const id = useId();
  return (
    <section class="mc-run" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="mc-run-title">
        Run check
      </h2>
      {run === null ? (
        <p class="mc-run-none">No image to run: the build did not finish.</p>
      ) : (
        <>
          <p class="mc-run-verdict" data-starts={run.starts ? 'true' : 'false'}>
            <SeverityIcon severity={run.starts ? 'ok' : 'error'} />
            <span>
              <strong>{run.starts ? 'Starts' : 'Does not start'}</strong>:{' '}
              <code>{commandLine(run.argv)}</code> as <code>{run.user}</code>
            </span>
          </p>
          {run.error && (
            <>
              <p class="mc-run-error">
                <code>{run.error.message}</code>
              </p>
              {run.error.hint && <p class="mc-run-hint">{run.error.hint}</p>}
            </>
          )}
          {run.notes.map((note) => (
            <p key={note} class="mc-run-note">
              {note}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** argv as a shell would need it typed: words with spaces or quotes are quoted. */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) return '(no command)';
  return argv.map((word) => (/^[\w./:=@%+-]+$/.test(word) ? word : JSON.stringify(word))).join(' ');
}
