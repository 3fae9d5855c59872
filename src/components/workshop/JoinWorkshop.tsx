/**
 * The participant's way in: the join code (from the QR link or typed), a display name and how to
 * appear on the leaderboard. No account: the server answers with a token this browser keeps.
 * Afterwards the page lists the workshop's lessons and exercises, and lets the participant leave.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { formatJoinCode, NEVER_IN_CODES, readJoinCode } from '../../workshop/join-code.ts';
import type { PublicState } from '../../workshop/protocol.ts';
import { joinWorkshop } from './api.ts';
import type { CourseOutline } from './course-outline.ts';
import { formatPlanned } from './format.ts';
import { joined, leave, subscribe } from './participant-client.ts';
import { ServerCheck } from './ServerCheck.tsx';
import type { ParticipantSession } from './session.ts';
import { showOverlay } from './show-overlay.ts';
import './workshop.css';

interface Props {
  readonly outline: CourseOutline;
}

type Listing = 'name' | 'nickname' | 'hidden';

function JoinForm({ onJoined }: { onJoined: (session: ParticipantSession, state: PublicState) => void }) {
  const id = useId();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [name, setName] = useState('');
  const [listing, setListing] = useState<Listing>('name');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const reading = readJoinCode(code);
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    const normalized = reading.code;
    setBusy(true);
    setError(null);
    const leaderboardName = listing === 'name' ? name : listing === 'nickname' ? nickname : null;
    const answer = await joinWorkshop(normalized, { name, leaderboardName });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.message);
      return;
    }
    onJoined(
      {
        code: normalized,
        title: answer.data.state.title,
        participantId: answer.data.participantId,
        token: answer.data.token,
        name: name.trim(),
        leaderboardName: leaderboardName?.trim() ?? null,
        joinedAt: Date.now(),
      },
      answer.data.state,
    );
  };

  return (
    <form class="mc-ws-form" onSubmit={submit}>
      <div class="mc-ws-field">
        <label for={`${id}-code`}>Join code</label>
        <p class="mc-ws-help" id={`${id}-code-help`}>
          Six letters and digits, in any case. Codes never contain {NEVER_IN_CODES.join(' ')}.
        </p>
        <input
          id={`${id}-code`}
          aria-describedby={`${id}-code-help`}
          type="text"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          inputMode="text"
          maxLength={9}
          value={code}
          placeholder="KM7 TX4"
          onInput={(event) => setCode(event.currentTarget.value)}
        />
      </div>
      <div class="mc-ws-field">
        <label for={`${id}-name`}>Your name</label>
        <p class="mc-ws-help" id={`${id}-name-help`}>
          The instructor sees it next to your progress.
        </p>
        <input
          id={`${id}-name`}
          type="text"
          required
          maxLength={40}
          autoComplete="nickname"
          aria-describedby={`${id}-name-help`}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>
      <fieldset>
        <legend>On the leaderboard of smallest images</legend>
        <div class="mc-ws-checks">
          <label>
            <input
              type="radio"
              name="listing"
              checked={listing === 'name'}
              onChange={() => setListing('name')}
            />
            Show my name
          </label>
          <label>
            <input
              type="radio"
              name="listing"
              checked={listing === 'nickname'}
              onChange={() => setListing('nickname')}
            />
            Show a nickname
          </label>
          {listing === 'nickname' && (
            <div class="mc-ws-field">
              <label for={`${id}-nickname`}>Nickname</label>
              <input
                id={`${id}-nickname`}
                type="text"
                required
                maxLength={40}
                value={nickname}
                onInput={(event) => setNickname(event.currentTarget.value)}
              />
            </div>
          )}
          <label>
            <input
              type="radio"
              name="listing"
              checked={listing === 'hidden'}
              onChange={() => setListing('hidden')}
            />
            Leave me off it
          </label>
        </div>
      </fieldset>
      {error && (
        <p class="mc-ws-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" class="mc-ws-button" disabled={busy}>
          {busy ? 'Joining…' : 'Join the workshop'}
        </button>
      </div>
    </form>
  );
}

function Joined({ session, outline }: { session: ParticipantSession; outline: CourseOutline }) {
  const [state, setState] = useState<PublicState | null>(null);
  useEffect(() => subscribe('state', setState), []);
  const lessons = outline.lessons.filter((lesson) => state?.lessons.includes(lesson.id));
  const exercises = outline.exercises.filter((exercise) => state?.exercises.includes(exercise.id));
  return (
    <section class="mc-ws-panel mc-ws-joined" aria-labelledby="joined-title">
      <h2 id="joined-title" tabIndex={-1}>
        You are in “{state?.title ?? session.title}”
      </h2>
      <p>
        as <strong>{session.name}</strong>
        {session.leaderboardName === null
          ? ', not on the leaderboard'
          : session.leaderboardName === session.name
            ? ''
            : `, on the leaderboard as ${session.leaderboardName}`}
        . Code {formatJoinCode(session.code)}.
      </p>
      {state && formatPlanned(state.startsAt, state.endsAt) && (
        <p>Planned: {formatPlanned(state.startsAt, state.endsAt)}</p>
      )}
      {state?.follow && (
        <p>
          The class is on <a href={state.follow.path}>{state.follow.title}</a>.
        </p>
      )}
      {lessons.length > 0 && (
        <>
          <h3>Lessons</h3>
          <ul>
            {lessons.map((lesson) => (
              <li key={lesson.id}>
                <a href={lesson.path}>{lesson.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {exercises.length > 0 && (
        <>
          <h3>Exercises</h3>
          <ul>
            {exercises.map((exercise) => (
              <li key={exercise.id}>
                <a href={exercise.path}>{exercise.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="mc-ws-help">
        Your progress on the exercises goes to the instructor as you work; if the connection drops it waits in
        this browser and is sent when it is back.
      </p>
      <button type="button" class="mc-ws-button is-quiet" onClick={leave}>
        Leave the workshop
      </button>
    </section>
  );
}

export default function JoinWorkshop({ outline }: Props) {
  const [session, setSession] = useState<ParticipantSession | null | undefined>(undefined);
  useEffect(() => subscribe('session', setSession), []);
  if (session === undefined) return null;
  if (session) return <Joined session={session} outline={outline} />;
  return (
    <ServerCheck>
      {() => (
        <JoinForm
          onJoined={(next, state) => {
            joined(next, state);
            if (state.follow) {
              location.assign(state.follow.path);
              return;
            }
            showOverlay();
            requestAnimationFrame(() => document.getElementById('joined-title')?.focus());
          }}
        />
      )}
    </ServerCheck>
  );
}
