/**
 * The instructor's first step: a workshop's title, lessons, exercises and times. Once created it
 * shows what to hand out (the join code, link and QR code) and what to keep (the private
 * instructor link), and remembers the key on this device for the dashboard and presenter view.
 */
import { useId, useState } from 'preact/hooks';
import { formatJoinCode } from '../../workshop/join-code.ts';
import type { CreatedWorkshop } from '../../workshop/protocol.ts';
import { createWorkshop } from './api.ts';
import { CopyField } from './CopyField.tsx';
import type { CourseOutline } from './course-outline.ts';
import { MyWorkshops } from './MyWorkshops.tsx';
import { ServerCheck } from './ServerCheck.tsx';
import { rememberWorkshop, writeInstructorKey } from './session.ts';
import './workshop.css';

interface Props {
  readonly outline: CourseOutline;
}

export function instructorLink(origin: string, code: string, key: string): string {
  return `${origin}/workshop/dashboard/?code=${code}#key=${key}`;
}

function timeOf(local: string): number | null {
  if (!local) return null;
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) ? ms : null;
}

function Form({
  outline,
  needsKey,
  onCreated,
}: Props & { needsKey: boolean; onCreated: (created: CreatedWorkshop) => void }) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [lessons, setLessons] = useState(() => new Set(outline.lessons.map((lesson) => lesson.id)));
  const [exercises, setExercises] = useState(() => new Set(outline.exercises.map((exercise) => exercise.id)));
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [organiserKey, setOrganiserKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (set: Set<string>, update: (next: Set<string>) => void, item: string) => {
    const next = new Set(set);
    if (next.has(item)) next.delete(item);
    else next.add(item);
    update(next);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await createWorkshop(
      {
        title,
        lessons: outline.lessons.filter((lesson) => lessons.has(lesson.id)).map((lesson) => lesson.id),
        exercises: outline.exercises
          .filter((exercise) => exercises.has(exercise.id))
          .map((exercise) => exercise.id),
        startsAt: timeOf(startsAt),
        endsAt: timeOf(endsAt),
      },
      needsKey ? organiserKey : null,
    );
    setBusy(false);
    if (answer.ok) onCreated(answer.data);
    else setError(answer.message);
  };

  return (
    <form class="mc-ws-form" onSubmit={submit} aria-describedby={error ? `${id}-error` : undefined}>
      <div class="mc-ws-field">
        <label for={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          type="text"
          required
          maxLength={120}
          value={title}
          placeholder="Small container images, Tuesday morning"
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      {outline.lessons.length > 0 && (
        <fieldset>
          <legend>Lessons</legend>
          <div class="mc-ws-checks">
            {outline.lessons.map((lesson) => (
              <label key={lesson.id}>
                <input
                  type="checkbox"
                  checked={lessons.has(lesson.id)}
                  onChange={() => toggle(lessons, setLessons, lesson.id)}
                />
                {lesson.title}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>Exercises</legend>
        <p class="mc-ws-help">The dashboard shows each participant’s progress on these.</p>
        <div class="mc-ws-checks">
          {outline.exercises.map((exercise) => (
            <label key={exercise.id}>
              <input
                type="checkbox"
                checked={exercises.has(exercise.id)}
                onChange={() => toggle(exercises, setExercises, exercise.id)}
              />
              {exercise.title}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="mc-ws-row">
        <div class="mc-ws-field">
          <label for={`${id}-start`}>Starts (optional)</label>
          <input
            id={`${id}-start`}
            type="datetime-local"
            value={startsAt}
            onInput={(event) => setStartsAt(event.currentTarget.value)}
          />
        </div>
        <div class="mc-ws-field">
          <label for={`${id}-end`}>Ends (optional)</label>
          <input
            id={`${id}-end`}
            type="datetime-local"
            value={endsAt}
            onInput={(event) => setEndsAt(event.currentTarget.value)}
          />
        </div>
      </div>
      {needsKey && (
        <div class="mc-ws-field">
          <label for={`${id}-organiser`}>Organiser key</label>
          <p class="mc-ws-help" id={`${id}-organiser-help`}>
            This server lets only organisers create workshops; ask whoever runs it.
          </p>
          <input
            id={`${id}-organiser`}
            type="password"
            required
            aria-describedby={`${id}-organiser-help`}
            value={organiserKey}
            onInput={(event) => setOrganiserKey(event.currentTarget.value)}
          />
        </div>
      )}
      {error && (
        <p class="mc-ws-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" class="mc-ws-button" disabled={busy || exercises.size === 0}>
          {busy ? 'Creating…' : 'Create the workshop'}
        </button>
      </div>
    </form>
  );
}

function Created({ created }: { created: CreatedWorkshop }) {
  const origin = location.origin;
  const joinUrl = `${origin}/workshop/join/?code=${created.code}`;
  const dashboard = `/workshop/dashboard/?code=${created.code}`;
  return (
    <section class="mc-ws-created" aria-labelledby="created-title">
      <h2 id="created-title" tabIndex={-1}>
        “{created.state.title}” is ready
      </h2>
      <div class="mc-ws-created-grid">
        <div class="mc-ws-panel">
          <h3>For participants</h3>
          <p class="mc-ws-help">Join code</p>
          <p class="mc-ws-code">{formatJoinCode(created.code)}</p>
          <img
            class="mc-ws-qr"
            src={`/api/workshops/${created.code}/qr.svg`}
            alt={`QR code of the join link ${joinUrl}`}
            width={224}
            height={224}
          />
          <CopyField label="Join link" value={joinUrl} />
        </div>
        <div class="mc-ws-panel">
          <h3>For you</h3>
          <CopyField
            label="Private instructor link"
            secret
            value={instructorLink(origin, created.code, created.key)}
            help="Anyone with this link can run the workshop and read participants’ Dockerfiles. Keep it to yourself (it stays hidden on screen); this browser remembers it."
          />
          <div class="mc-ws-row">
            <a class="mc-ws-button" href={dashboard}>
              Open the dashboard
            </a>
          </div>
        </div>
      </div>
    </section>
  );
}

export default function CreateWorkshop({ outline }: Props) {
  const [created, setCreated] = useState<CreatedWorkshop | null>(null);
  return (
    <ServerCheck>
      {(server) =>
        created ? (
          <Created created={created} />
        ) : (
          <>
            <MyWorkshops />
            <Form
              outline={outline}
              needsKey={server.createNeedsKey}
              onCreated={(next) => {
                writeInstructorKey(next.code, next.key);
                rememberWorkshop(next.code, next.state.title, Date.now());
                setCreated(next);
                requestAnimationFrame(() => document.getElementById('created-title')?.focus());
              }}
            />
          </>
        )
      }
    </ServerCheck>
  );
}
