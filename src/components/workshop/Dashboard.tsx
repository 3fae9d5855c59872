/**
 * The instructor's live dashboard: the join code to show, counts per exercise, the participants ×
 * exercises grid with who is stuck, the leaderboard and the controls. It opens the instructor's
 * event stream with the key from the private link (kept on this device, removed from the address
 * bar so a projector never shows it) and applies events in batches.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatJoinCode, normalizeJoinCode } from '../../workshop/join-code.ts';
import { cellKey, countExercise, indexProgress } from '../../workshop/progress-status.ts';
import type { ParticipantView } from '../../workshop/protocol.ts';
import { Controls } from './Controls.tsx';
import type { CourseOutline, OutlineExercise } from './course-outline.ts';
import {
  applyEvents,
  type DashboardEvent,
  type DashboardModel,
  idleParticipants,
} from './dashboard-model.ts';
import { openEventStream, type StreamStatus } from './event-stream.ts';
import { formatPlanned } from './format.ts';
import { Leaderboard } from './Leaderboard.tsx';
import { MyWorkshops } from './MyWorkshops.tsx';
import { ParticipantDialog } from './ParticipantDialog.tsx';
import { ProgressGrid } from './ProgressGrid.tsx';
import { ServerCheck } from './ServerCheck.tsx';
import { readInstructorKey, rememberWorkshop, writeInstructorKey } from './session.ts';
import './workshop.css';
import './dashboard.css';

interface Props {
  readonly outline: CourseOutline;
}

const BATCH_MS = 100;

/** The workshop code from the address, and its key from the link's fragment or this device. */
function credentials(): { code: string; key: string | null } | null {
  const code = normalizeJoinCode(new URLSearchParams(location.search).get('code') ?? '');
  if (!code) return null;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) {
    writeInstructorKey(code, fromLink);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  return { code, key: fromLink ?? readInstructorKey(code) };
}

function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function statusText(status: StreamStatus | null): string {
  if (!status || status.kind === 'connecting') return 'Connecting…';
  if (status.kind === 'open') return 'Live';
  if (status.kind === 'retrying') return `Reconnecting in ${Math.ceil(status.inMs / 1000)} s…`;
  return status.message;
}

function JoinPanel({ code, title }: { code: string; title: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const joinUrl = `${location.origin}/workshop/join/?code=${code}`;
  return (
    <section class="mc-ws-panel mc-ws-join" aria-label="Join code">
      <div>
        <p class="mc-ws-help">Join at {`${location.host}/workshop/join/`} with code</p>
        <p class="mc-ws-code">{formatJoinCode(code)}</p>
      </div>
      <div class="mc-ws-row">
        <button type="button" class="mc-ws-button" onClick={() => dialog.current?.showModal()}>
          Show the join code large
        </button>
        <a class="mc-ws-button is-quiet" href={`/workshop/present/?code=${code}`}>
          Presenter view
        </a>
      </div>
      <dialog ref={dialog} class="mc-ws-dialog mc-ws-projector" aria-label={`Join ${title}`}>
        <p class="mc-ws-projector-title">{title}</p>
        <img
          src={`/api/workshops/${code}/qr.svg`}
          alt={`QR code of ${joinUrl}`}
          class="mc-ws-qr"
          width={320}
          height={320}
        />
        <p class="mc-ws-projector-url">{joinUrl.replace(/^https?:\/\//, '')}</p>
        <p class="mc-ws-code">{formatJoinCode(code)}</p>
        <button type="button" class="mc-ws-button is-quiet" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </dialog>
    </section>
  );
}

function Summary({
  model,
  exercises,
  serverNow,
}: {
  model: DashboardModel;
  exercises: readonly OutlineExercise[];
  serverNow: number;
}) {
  const participants = [...model.participants.values()];
  const index = indexProgress(model.progress.values());
  const online = participants.filter((participant) => participant.online).length;
  return (
    <section class="mc-ws-summary" aria-label="Summary">
      <p>
        <strong>{participants.length}</strong> joined, <strong>{online}</strong> online now
      </p>
      <table class="mc-ws-counts">
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Not started</th>
            <th scope="col">Working</th>
            <th scope="col">Solved</th>
            <th scope="col">Stuck</th>
          </tr>
        </thead>
        <tbody>
          {exercises.map((exercise) => {
            const counts = countExercise(exercise.id, participants, index, serverNow, model.state.stuck);
            return (
              <tr key={exercise.id}>
                <th scope="row">{exercise.title}</th>
                <td>{counts.notStarted}</td>
                <td>{counts.working}</td>
                <td>{counts.solved}</td>
                <td class={counts.stuck > 0 ? 'is-stuck' : undefined}>{counts.stuck}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Live({ outline, code, secret }: Props & { code: string; secret: string }) {
  const [model, setModel] = useState<DashboardModel | null>(null);
  const [status, setStatus] = useState<StreamStatus | null>(null);
  const [open, setOpen] = useState<{ participant: ParticipantView; exercise: OutlineExercise } | null>(null);
  const now = useNow(5000);

  useEffect(() => {
    let queue: DashboardEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queue;
      queue = [];
      setModel((previous) => applyEvents(previous, batch, Date.now()));
    };
    const close = openEventStream({
      url: `/api/workshops/${code}/dashboard`,
      secret,
      onEvent: ({ event, data }) => {
        try {
          queue.push({ event, data: JSON.parse(data) } as DashboardEvent);
        } catch {
          return;
        }
        // A snapshot replaces everything: show it at once; the rest in batches.
        if (event === 'snapshot') flush();
        else if (timer === undefined) timer = setTimeout(flush, BATCH_MS);
      },
      onStatus: setStatus,
    });
    return () => {
      clearTimeout(timer);
      close();
    };
  }, [code, secret]);

  // Keep the title (and the server's creation time, less this device's skew) for the list of this browser's workshops.
  useEffect(() => {
    if (model) rememberWorkshop(code, model.state.title, model.createdAt - model.skew);
  }, [code, model?.state.title, model?.createdAt]);

  const exercises = useMemo(
    () => (model ? outline.exercises.filter((exercise) => model.state.exercises.includes(exercise.id)) : []),
    [model?.state.exercises.join()],
  );

  if (status?.kind === 'refused')
    return (
      <div class="mc-ws-notice" role="alert">
        <p>{status.message}</p>
        {status.status === 403 && (
          <button type="button" class="mc-ws-button is-quiet" onClick={() => writeInstructorKey(code, null)}>
            Forget the key on this device
          </button>
        )}
      </div>
    );
  if (!model)
    return (
      <p class="mc-ws-muted" role="status">
        {statusText(status)}
      </p>
    );

  const serverNow = now + model.skew;
  const planned = formatPlanned(model.state.startsAt, model.state.endsAt);
  const openProgress = open ? model.progress.get(cellKey(open.participant.id, open.exercise.id)) : undefined;
  return (
    <div class="mc-ws mc-ws-dashboard">
      <header class="mc-ws-dashboard-head">
        <h1>{model.state.title}</h1>
        {planned && <p class="mc-ws-muted mc-ws-planned">{planned}</p>}
        <p class={`mc-ws-live${status?.kind === 'open' ? ' is-live' : ''}`} role="status">
          {model.state.endedAt !== null ? 'Ended: read-only' : statusText(status)}
        </p>
      </header>
      <div class="mc-ws-dashboard-top">
        <JoinPanel code={code} title={model.state.title} />
        <Summary model={model} exercises={exercises} serverNow={serverNow} />
      </div>
      <ProgressGrid
        model={model}
        exercises={exercises}
        now={now}
        onOpen={(participant, exercise) => setOpen({ participant, exercise })}
      />
      <div class="mc-ws-dashboard-bottom">
        <Controls
          code={code}
          secret={secret}
          state={model.state}
          outline={outline}
          exercises={exercises}
          skew={model.skew}
          idle={idleParticipants(model)}
        />
        <Leaderboard
          participants={[...model.participants.values()]}
          progress={model.progress.values()}
          exercises={exercises}
        />
      </div>
      {open && (
        <ParticipantDialog
          code={code}
          secret={secret}
          participant={open.participant}
          exercise={open.exercise}
          version={openProgress?.seq ?? 0}
          serverNow={serverNow}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

export default function Dashboard({ outline }: Props) {
  const [found] = useState(credentials);
  if (!found)
    return (
      <ServerCheck>
        {() => (
          <>
            <MyWorkshops />
            <div class="mc-ws-notice">
              <p>
                Open a workshop above, or the private instructor link you got when you created it on another
                browser, or <a href="/workshop/">create a workshop</a>.
              </p>
            </div>
          </>
        )}
      </ServerCheck>
    );
  if (!found.key)
    return (
      <div class="mc-ws-notice">
        <p>
          This browser has no instructor key for workshop {formatJoinCode(found.code)}. Open the private
          instructor link you got when you created it.
        </p>
      </div>
    );
  const secret = found.key;
  return <ServerCheck>{() => <Live outline={outline} code={found.code} secret={secret} />}</ServerCheck>;
}
