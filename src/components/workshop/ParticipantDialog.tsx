/** One participant's work on one exercise, read-only: their goals as last checked and their Dockerfile. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSize } from '../../lib/analysis/size-findings.ts';
import type { ParticipantDetail, ParticipantView } from '../../workshop/protocol.ts';
import { participantDetail } from './api.ts';
import type { OutlineExercise } from './course-outline.ts';
import { formatAgo } from './format.ts';
import { CERTAINTY_LABEL, solvedLabel } from './goal-certainty.ts';
import '../certainty/certainty.css';

interface Props {
  readonly code: string;
  readonly secret: string;
  readonly participant: ParticipantView;
  readonly exercise: OutlineExercise;
  /** Bumps when this cell's progress changes, to load it again. */
  readonly version: number;
  readonly serverNow: number;
  readonly onClose: () => void;
}

export function ParticipantDialog({
  code,
  secret,
  participant,
  exercise,
  version,
  serverNow,
  onClose,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<ParticipantDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    participantDetail(code, secret, participant.id, exercise.id).then((answer) => {
      if (answer.ok) setDetail(answer.data);
      else setError(answer.message);
    });
  }, [participant.id, exercise.id, version]);

  const progress = detail?.progress;
  return (
    <dialog ref={dialog} class="mc-ws-dialog" aria-labelledby="mc-ws-dialog-title" onClose={onClose}>
      <div class="mc-ws-dialog-head">
        <h2 id="mc-ws-dialog-title">
          {participant.name} · {exercise.title}
        </h2>
        <button type="button" class="mc-ws-button is-quiet" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {error && <p class="mc-ws-error">{error}</p>}
      {progress && (
        <>
          <p>
            {progress.solved
              ? solvedLabel(detail.results)
              : `${progress.passing} of ${progress.total} goals pass`}{' '}
            · {progress.imageBytes === null ? 'not built' : formatSize(progress.imageBytes)} ·{' '}
            {progress.attempts} {progress.attempts === 1 ? 'try' : 'tries'} ·{' '}
            {formatAgo(serverNow - progress.updatedAt)}
          </p>
          <ul class="mc-ws-goals">
            {exercise.goals.map((goal, index) => {
              const result = detail.results?.[index];
              const pass = result ? result.pass : !progress.failing.includes(index);
              return (
                <li key={goal} class={pass ? 'is-pass' : 'is-fail'}>
                  <span class="mc-ws-goal-mark">{pass ? '✓ passes' : '✗ fails'}</span> {goal}
                  {result?.detail && <span class="mc-ws-muted"> ({result.detail})</span>}
                  {result?.certainty && (
                    <span class="mc-badge mc-certainty-chip" data-level={result.certainty}>
                      {CERTAINTY_LABEL[result.certainty]}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <h3>Dockerfile</h3>
          {detail.dockerfile === null ? (
            <p class="mc-ws-muted">
              Not shared: the report came without it. A participant’s browser leaves out a Dockerfile over 64
              KiB, and other clients may send none.
            </p>
          ) : (
            <pre class="mc-ws-dockerfile">
              <code>{detail.dockerfile}</code>
            </pre>
          )}
        </>
      )}
    </dialog>
  );
}
