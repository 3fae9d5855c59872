/**
 * The instructor's controls: a message to everyone, a countdown, follow-me, locks on hints and
 * solutions per exercise, exports, and ending the workshop. Each is one action on the server;
 * what participants see changes when the server's new state comes back on the stream.
 */
import { useId, useState } from 'preact/hooks';
import type { ActionBody, PublicState } from '../../workshop/protocol.ts';
import { act, downloadExport } from './api.ts';
import { Countdown } from './Countdown.tsx';
import type { CourseOutline, OutlineExercise } from './course-outline.ts';
import { type LockPart, useLockToggles } from './lock-toggles.ts';
import { StuckSettings } from './StuckSettings.tsx';

interface Props {
  readonly code: string;
  readonly secret: string;
  readonly state: PublicState;
  readonly outline: CourseOutline;
  readonly exercises: readonly OutlineExercise[];
  /** The server's clock minus this device's. */
  readonly skew: number;
  /** Participants who have sent no progress: what a flood of made-up joins leaves behind. */
  readonly idle: readonly string[];
}

/** Where follow-me can send the class: the workshop's lessons and their sections, its exercises, other pages. */
export function followTargets(outline: CourseOutline, state: PublicState) {
  const lessons = outline.lessons.filter((lesson) => state.lessons.includes(lesson.id));
  const exercises = outline.exercises.filter((exercise) => state.exercises.includes(exercise.id));
  return [
    {
      group: 'Lessons',
      targets: lessons.flatMap((lesson) => [
        { title: lesson.title, path: lesson.path },
        ...lesson.sections.map((section) => ({
          title: `${lesson.title} › ${section.title}`,
          path: section.path,
        })),
      ]),
    },
    {
      group: 'Exercises',
      targets: exercises.map((exercise) => ({ title: exercise.title, path: exercise.path })),
    },
    { group: 'Pages', targets: [...outline.pages] },
  ].filter((group) => group.targets.length > 0);
}

export function Controls({ code, secret, state, outline, exercises, skew, idle }: Props) {
  const id = useId();
  const [message, setMessage] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [label, setLabel] = useState('');
  const groups = followTargets(outline, state);
  const [target, setTarget] = useState(groups[0]?.targets[0]?.path ?? '/');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const ended = state.endedAt !== null;

  const send = async (body: ActionBody) => {
    setBusy(true);
    setError(null);
    const answer = await act(code, secret, body);
    setBusy(false);
    if (!answer.ok) setError(answer.message);
    return answer.ok;
  };
  const locks = useLockToggles(code, secret, state, setError);
  const exportAs = async (format: 'csv' | 'json') => setError(await downloadExport(code, secret, format));

  return (
    <section class="mc-ws-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Controls</h2>
      {error && (
        <p class="mc-ws-error" role="alert">
          {error}
        </p>
      )}
      <fieldset class="mc-ws-control" disabled={ended || busy}>
        <legend>Message to everyone</legend>
        {state.message && (
          <p class="mc-ws-current">
            Showing: “{state.message.text}”{' '}
            <button
              type="button"
              class="mc-ws-button is-quiet"
              onClick={() => send({ action: 'message', text: null })}
            >
              Clear
            </button>
          </p>
        )}
        <form
          class="mc-ws-row"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send({ action: 'message', text: message })) setMessage('');
          }}
        >
          <label class="visually-hidden" for={`${id}-message`}>
            Message
          </label>
          <input
            id={`${id}-message`}
            type="text"
            required
            maxLength={280}
            value={message}
            placeholder="Break until 11:00"
            onInput={(event) => setMessage(event.currentTarget.value)}
          />
          <button type="submit" class="mc-ws-button">
            Send
          </button>
        </form>
      </fieldset>

      <fieldset class="mc-ws-control" disabled={ended || busy}>
        <legend>Countdown</legend>
        {state.timer && (
          <p class="mc-ws-current">
            {state.timer.label ? `${state.timer.label}: ` : ''}
            <strong>
              <Countdown endsAt={state.timer.endsAt} skew={skew} />
            </strong>{' '}
            <button
              type="button"
              class="mc-ws-button is-quiet"
              onClick={() => send({ action: 'timer', seconds: null })}
            >
              Stop
            </button>
          </p>
        )}
        <form
          class="mc-ws-row"
          onSubmit={(event) => {
            event.preventDefault();
            send({
              action: 'timer',
              seconds: Math.round(Number(minutes) * 60),
              label: label.trim() ? label : null,
            });
          }}
        >
          <label for={`${id}-minutes`}>Minutes</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min="1"
            max="360"
            step="1"
            required
            value={minutes}
            onInput={(event) => setMinutes(event.currentTarget.value)}
          />
          <label for={`${id}-label`}>Label</label>
          <input
            id={`${id}-label`}
            type="text"
            maxLength={60}
            value={label}
            placeholder="Exercise 2"
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
          <button type="submit" class="mc-ws-button">
            Start
          </button>
        </form>
      </fieldset>

      <fieldset class="mc-ws-control" disabled={ended || busy}>
        <legend>Follow me</legend>
        {state.follow ? (
          <p class="mc-ws-current">
            Everyone was sent to <a href={state.follow.path}>{state.follow.title}</a>.{' '}
            <button
              type="button"
              class="mc-ws-button is-quiet"
              onClick={() => send({ action: 'follow', target: null })}
            >
              Stop following
            </button>
          </p>
        ) : (
          <p class="mc-ws-help">Sends every participant’s browser to the page you choose, once.</p>
        )}
        <form
          class="mc-ws-row"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = groups.flatMap((group) => group.targets).find((item) => item.path === target);
            if (chosen) send({ action: 'follow', target: chosen });
          }}
        >
          <label for={`${id}-target`}>Page</label>
          <select
            id={`${id}-target`}
            value={target}
            onChange={(event) => setTarget(event.currentTarget.value)}
          >
            {groups.map((group) => (
              <optgroup key={group.group} label={group.group}>
                {group.targets.map((item) => (
                  <option key={item.path} value={item.path}>
                    {item.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="submit" class="mc-ws-button">
            Send everyone there
          </button>
        </form>
      </fieldset>

      <fieldset class="mc-ws-control" disabled={ended}>
        <legend>Hints and solutions</legend>
        <table class="mc-ws-locks">
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Hints</th>
              <th scope="col">Solution</th>
            </tr>
          </thead>
          <tbody>
            {exercises.map((exercise) => (
              <tr key={exercise.id}>
                <th scope="row">{exercise.title}</th>
                {(['hints', 'solution'] as const satisfies readonly LockPart[]).map((part) => (
                  <td key={part}>
                    <label>
                      <input
                        type="checkbox"
                        checked={locks.shown(exercise.id, part)}
                        onChange={() => locks.toggle(exercise.id, part)}
                      />
                      locked
                      <span class="visually-hidden">
                        : {part} of {exercise.title}
                      </span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <StuckSettings rule={state.stuck} disabled={ended || busy} send={send} />

      <fieldset class="mc-ws-control" disabled={ended || busy}>
        <legend>Joining</legend>
        <div class="mc-ws-row">
          <p class="mc-ws-muted">
            {state.joiningOpen
              ? 'Anyone with the code can join.'
              : 'Joining is closed: the code lets nobody new in.'}
          </p>
          <button
            type="button"
            class="mc-ws-button is-quiet"
            onClick={() => send({ action: 'joining', open: !state.joiningOpen })}
          >
            {state.joiningOpen ? 'Close joining' : 'Reopen joining'}
          </button>
          {idle.length > 0 &&
            (confirmRemove ? (
              <fieldset class="mc-ws-row mc-ws-confirm">
                <legend>
                  Remove the {idle.length} participant{idle.length === 1 ? '' : 's'} who have sent no
                  progress?
                </legend>
                <button
                  type="button"
                  class="mc-ws-button is-danger"
                  onClick={async () => {
                    await send({ action: 'remove', participantIds: idle.slice(0, 500) });
                    setConfirmRemove(false);
                  }}
                >
                  Remove them
                </button>
                <button type="button" class="mc-ws-button is-quiet" onClick={() => setConfirmRemove(false)}>
                  Cancel
                </button>
              </fieldset>
            ) : (
              <button type="button" class="mc-ws-button is-quiet" onClick={() => setConfirmRemove(true)}>
                Remove participants without progress ({idle.length})…
              </button>
            ))}
        </div>
      </fieldset>

      <div class="mc-ws-row">
        <button type="button" class="mc-ws-button is-quiet" onClick={() => exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" class="mc-ws-button is-quiet" onClick={() => exportAs('json')}>
          Export JSON (with Dockerfiles)
        </button>
        {!ended &&
          (confirmEnd ? (
            <fieldset class="mc-ws-row mc-ws-confirm">
              <legend>Participants can no longer send progress. End it?</legend>
              <button
                type="button"
                class="mc-ws-button is-danger"
                onClick={async () => {
                  await send({ action: 'end' });
                  setConfirmEnd(false);
                }}
              >
                End the workshop
              </button>
              <button type="button" class="mc-ws-button is-quiet" onClick={() => setConfirmEnd(false)}>
                Cancel
              </button>
            </fieldset>
          ) : (
            <button type="button" class="mc-ws-button is-danger" onClick={() => setConfirmEnd(true)}>
              End the workshop…
            </button>
          ))}
      </div>
    </section>
  );
}
