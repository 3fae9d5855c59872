/**
 * The presenter view's toolbar: previous and next in the workshop's order, the countdown and
 * message, speaker notes on or off, "bring everyone here" (follow-me to this lesson and the
 * section on screen) and, on an exercise, unlocking its solution for everyone. Keyboard: ← and →
 * move, N toggles the notes. Without a workshop (no ?code=) it still pages through the course.
 */
import { useEffect, useState } from 'preact/hooks';
import { normalizeJoinCode } from '../../workshop/join-code.ts';
import { lockFor, type PublicState } from '../../workshop/protocol.ts';
import { act } from './api.ts';
import { openEventStream } from './event-stream.ts';
import { formatCountdown } from './format.ts';
import { readInstructorKey } from './session.ts';

export interface PresenterItem {
  readonly kind: 'lesson' | 'exercise';
  readonly id: string;
  readonly title: string;
  /** Where participants see it. */
  readonly path: string;
  /** The lesson an exercise belongs to. */
  readonly lesson: string | null;
}

interface Props {
  /** The whole course in order: each lesson followed by its exercises, then the others. */
  readonly items: readonly PresenterItem[];
  readonly current: { readonly kind: 'lesson' | 'exercise'; readonly id: string };
}

export function presenterPath(item: PresenterItem, code: string | null): string {
  return `/workshop/present/${item.kind === 'lesson' ? 'lessons' : 'exercises'}/${item.id}/${code ? `?code=${code}` : ''}`;
}

/** The section heading nearest above the top third of the screen, for follow-me. */
function sectionInView(): string {
  let found = '';
  for (const heading of document.querySelectorAll<HTMLElement>('.mc-present-body h2[id]'))
    if (heading.getBoundingClientRect().top < innerHeight / 3) found = heading.id;
  return found ? `#${found}` : '';
}

const NOTES_KEY = 'mc-present-notes';

export default function PresenterBar({ items, current }: Props) {
  const [code] = useState(
    () => normalizeJoinCode(new URLSearchParams(location.search).get('code') ?? '') ?? null,
  );
  const [key] = useState(() => (code ? readInstructorKey(code) : null));
  const [state, setState] = useState<PublicState | null>(null);
  const [skew, setSkew] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [notes, setNotes] = useState(() => sessionStorage.getItem(NOTES_KEY) === 'shown');
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (!code || !key) return;
    return openEventStream({
      url: `/api/workshops/${code}/events`,
      secret: key,
      onEvent: ({ event, data }) => {
        if (event !== 'state') return;
        const next = JSON.parse(data) as PublicState;
        setSkew(next.now - Date.now());
        setState(next);
      },
      onStatus: (status) => {
        if (status.kind === 'refused') setNote(status.message);
      },
    });
  }, [code, key]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    document.getElementById('present')?.setAttribute('data-speaker-notes', notes ? 'shown' : 'hidden');
    sessionStorage.setItem(NOTES_KEY, notes ? 'shown' : 'hidden');
  }, [notes]);

  const sequence = state
    ? items.filter((item) => (item.kind === 'lesson' ? state.lessons : state.exercises).includes(item.id))
    : items;
  const at = sequence.findIndex((item) => item.kind === current.kind && item.id === current.id);
  const previous = at > 0 ? sequence[at - 1] : undefined;
  const next = at >= 0 ? sequence[at + 1] : undefined;
  const here = items.find((item) => item.kind === current.kind && item.id === current.id);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target?.closest('input, textarea, select, [contenteditable]') ||
        event.altKey ||
        event.ctrlKey ||
        event.metaKey
      )
        return;
      if (event.key === 'ArrowRight' && next) location.assign(presenterPath(next, code));
      else if (event.key === 'ArrowLeft' && previous) location.assign(presenterPath(previous, code));
      else if (event.key === 'n' || event.key === 'N') setNotes((shown) => !shown);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [next, previous, code]);

  const send = async (body: Parameters<typeof act>[2]) => {
    if (!code || !key) return;
    const answer = await act(code, key, body);
    setNote(answer.ok ? null : answer.message);
  };
  const left = state?.timer ? state.timer.endsAt - (now + skew) : 0;
  const lock = here && state ? lockFor(state, here.id) : null;
  const live = Boolean(code && key && state && state.endedAt === null);

  return (
    <nav class="mc-present-bar" aria-label="Presenter">
      <div class="mc-ws-row">
        {previous ? (
          <a class="mc-ws-button is-quiet" href={presenterPath(previous, code)} rel="prev">
            ← <span class="visually-hidden">Previous: </span>
            {previous.title}
          </a>
        ) : null}
        {next ? (
          <a class="mc-ws-button is-quiet" href={presenterPath(next, code)} rel="next">
            <span class="visually-hidden">Next: </span>
            {next.title} →
          </a>
        ) : null}
      </div>
      <div class="mc-ws-row">
        {state?.timer && (
          <span class={`mc-present-timer${left <= 0 ? ' is-up' : ''}`} role="timer">
            {state.timer.label ? `${state.timer.label}: ` : ''}
            {left > 0 ? formatCountdown(left) : 'time is up'}
          </span>
        )}
        <button
          type="button"
          class="mc-ws-button is-quiet"
          aria-pressed={notes}
          onClick={() => setNotes(!notes)}
        >
          Speaker notes
        </button>
        {live && here && (
          <button
            type="button"
            class="mc-ws-button"
            onClick={() =>
              send({
                action: 'follow',
                target: {
                  path: here.path + (here.kind === 'lesson' ? sectionInView() : ''),
                  title: here.title,
                },
              })
            }
          >
            Bring everyone here
          </button>
        )}
        {live && here?.kind === 'exercise' && lock && (
          <button
            type="button"
            class="mc-ws-button is-quiet"
            aria-pressed={!lock.solution}
            onClick={() =>
              send({ action: 'lock', exerciseId: here.id, part: 'solution', locked: !lock.solution })
            }
          >
            Solution unlocked for everyone
          </button>
        )}
      </div>
      {(note || state?.message) && (
        <p class="mc-present-note" role="status">
          {note ?? `Message shown: “${state?.message?.text}”`}
        </p>
      )}
      {code && !key && (
        <p class="mc-present-note">
          This browser has no instructor key for this workshop: open the dashboard from your private link
          first.
        </p>
      )}
    </nav>
  );
}
