/**
 * The workshops this browser holds instructor keys for, each one click from its dashboard and
 * presenter view. Each is looked up on the server: one it no longer has (expired, or another
 * server's data) is said to be gone, with a button to forget it here.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { formatJoinCode } from '../../workshop/join-code.ts';
import { workshopState } from './api.ts';
import { type RememberedWorkshop, rememberedWorkshops, writeInstructorKey } from './session.ts';

type Found = 'checking' | 'here' | 'ended' | 'gone' | 'unknown';

function createdText(createdAt: number | null): string {
  if (createdAt === null) return '';
  return `created ${new Date(createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}

function Entry({ workshop, onForget }: { workshop: RememberedWorkshop; onForget: () => void }) {
  const [found, setFound] = useState<Found>('checking');
  const [title, setTitle] = useState(workshop.title);
  useEffect(() => {
    workshopState(workshop.code).then((answer) => {
      if (answer.ok) {
        setTitle(answer.data.title);
        setFound(answer.data.endedAt === null ? 'here' : 'ended');
      } else setFound(answer.status === 404 ? 'gone' : 'unknown');
    });
  }, [workshop.code]);
  const name = title ?? `Workshop ${formatJoinCode(workshop.code)}`;
  return (
    <li class="mc-ws-mine-entry" data-code={workshop.code}>
      <div>
        <strong>{name}</strong>{' '}
        <span class="mc-ws-muted">
          {formatJoinCode(workshop.code)} {createdText(workshop.createdAt)}
          {found === 'ended' && ' · ended'}
        </span>
        {found === 'gone' && (
          <p class="mc-ws-help" role="status">
            The server no longer has this workshop: it was deleted after its retention time, or this browser
            kept it from another server.
          </p>
        )}
        {found === 'unknown' && <p class="mc-ws-help">The server could not be asked about it just now.</p>}
      </div>
      <div class="mc-ws-row">
        {found === 'gone' ? (
          <button type="button" class="mc-ws-button is-quiet" onClick={onForget}>
            Forget it<span class="visually-hidden"> ({name})</span>
          </button>
        ) : (
          <>
            <a class="mc-ws-button" href={`/workshop/dashboard/?code=${workshop.code}`}>
              Dashboard<span class="visually-hidden"> of {name}</span>
            </a>
            <a class="mc-ws-button is-quiet" href={`/workshop/present/?code=${workshop.code}`}>
              Presenter view<span class="visually-hidden"> of {name}</span>
            </a>
          </>
        )}
      </div>
    </li>
  );
}

export function MyWorkshops() {
  const id = useId();
  const [workshops, setWorkshops] = useState(rememberedWorkshops);
  if (workshops.length === 0) return null;
  return (
    <section class="mc-ws-mine" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your workshops on this browser</h2>
      <ul>
        {workshops.map((workshop) => (
          <Entry
            key={workshop.code}
            workshop={workshop}
            onForget={() => {
              writeInstructorKey(workshop.code, null);
              setWorkshops(rememberedWorkshops());
            }}
          />
        ))}
      </ul>
    </section>
  );
}
