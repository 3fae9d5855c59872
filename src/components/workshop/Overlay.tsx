/**
 * The participant's workshop bar, on every page of a browser that joined a workshop: the
 * workshop and the participant's name, whether progress is reaching the instructor, the
 * instructor's message and countdown, and where the class is. It moves the page when the
 * instructor uses follow-me (follow.ts). Collapsible to a single line.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatJoinCode } from '../../workshop/join-code.ts';
import { connectExercises } from './exercise-bridge.ts';
import { followSeen, followStep, isAt, markFollowSeen } from './follow.ts';
import { formatCountdown } from './format.ts';
import { type SyncStatus, subscribe, type Topics } from './participant-client.ts';
import './overlay.css';

function useTopic<K extends keyof Topics>(topic: K): Topics[K] {
  const [value, setValue] = useState<Topics[K]>(null as Topics[K]);
  useEffect(() => subscribe(topic, setValue), [topic]);
  return value;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function syncText(sync: SyncStatus, connection: Topics['connection']): string {
  switch (sync.kind) {
    case 'sending':
      return 'Sending your progress…';
    case 'offline':
      return `Offline: ${sync.pending} update${sync.pending === 1 ? '' : 's'} waiting, kept on this device`;
    case 'refused':
      return sync.message;
    case 'ended':
      return 'The workshop has ended; your work stays in this browser.';
    default:
      return connection === 'live' ? 'Connected' : 'Connecting…';
  }
}

const DISMISSED_KEY = 'mc-workshop-dismissed';
const COLLAPSED_KEY = 'mc-workshop-collapsed';

/** sessionStorage can be blocked (sandboxed frames): then these choices last as long as the page. */
function remembered(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // As above.
  }
}

export default function Overlay() {
  useEffect(connectExercises, []);
  const session = useTopic('session');
  const state = useTopic('state');
  const timer = useTopic('timer');
  const sync = useTopic('sync');
  const connection = useTopic('connection');
  const [open, setOpen] = useState(() => remembered(COLLAPSED_KEY) !== '1');
  const [dismissed, setDismissed] = useState(() => Number(remembered(DISMISSED_KEY)) || 0);
  const root = useRef<HTMLElement>(null);
  const now = useNow(timer !== null);

  // Follow-me: go where the instructor sent the class, once per move.
  useEffect(() => {
    const follow = state?.follow ?? null;
    const step = followStep(follow, followSeen(), location);
    if (follow) markFollowSeen(Math.max(follow.at, followSeen()));
    if (step.kind === 'navigate') location.assign(step.url);
    else if (step.kind === 'scroll') location.hash = step.hash;
  }, [state?.follow?.at]);

  const shown = Boolean(session && sync && connection);
  // Keep the page's end visible above the bar, and what focus or a link scrolls to as well. The bar
  // renders only once the session, sync and connection are known, so this waits for that.
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const page = document.documentElement;
    const observer = new ResizeObserver(() => {
      const covered = `${window.innerHeight - element.getBoundingClientRect().top + 8}px`;
      document.body.style.setProperty('padding-bottom', covered);
      page.style.setProperty('scroll-padding-bottom', covered);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      document.body.style.removeProperty('padding-bottom');
      page.style.removeProperty('scroll-padding-bottom');
    };
  }, [shown]);

  if (!session || !sync || !connection) return null;
  const toggle = () => {
    setOpen(!open);
    remember(COLLAPSED_KEY, open ? '1' : '0');
  };
  const message = state?.message && state.message.at > dismissed ? state.message : null;
  const left = timer ? timer.endsAt - now : 0;
  const follow = state?.follow ?? null;
  const away = follow !== null && !isAt(follow, location);
  const live = connection === 'live' && sync.kind !== 'offline' && sync.kind !== 'refused';

  return (
    <aside ref={root} class="mc-workshop" aria-label="Workshop" data-open={open ? '' : undefined}>
      <div class="mc-workshop-bar">
        <span class={`mc-workshop-dot${live ? ' is-live' : ''}`} aria-hidden="true" />
        <span class="mc-workshop-title">
          <strong>{state?.title ?? session.title}</strong>
          <span class="mc-workshop-who">
            {' '}
            · {session.name} · {formatJoinCode(session.code)}
          </span>
        </span>
        {timer && (
          <span class={`mc-workshop-timer${left <= 0 ? ' is-up' : ''}`} role="timer" aria-live="off">
            {timer.label ? `${timer.label}: ` : ''}
            {left > 0 ? formatCountdown(left) : 'time is up'}
          </span>
        )}
        <button type="button" class="mc-workshop-toggle" aria-expanded={open} onClick={toggle}>
          {open ? 'Hide' : 'Show'}
          <span class="visually-hidden"> workshop details</span>
        </button>
      </div>
      <div class="mc-workshop-details" hidden={!open}>
        <p class="mc-workshop-sync" role="status">
          {syncText(sync, connection)}
        </p>
        {away && follow && (
          <p class="mc-workshop-follow">
            The class is on <a href={follow.path}>{follow.title}</a>.
          </p>
        )}
        <p>
          <a href="/workshop/join/">The workshop’s lessons and exercises, leaving it</a>
        </p>
      </div>
      <div role="status" aria-live="polite" class="mc-workshop-live">
        {message && (
          <p class="mc-workshop-message">
            <span>
              <strong>Instructor:</strong> {message.text}
            </span>
            <button
              type="button"
              onClick={() => {
                setDismissed(message.at);
                remember(DISMISSED_KEY, String(message.at));
              }}
            >
              Dismiss
            </button>
          </p>
        )}
      </div>
    </aside>
  );
}
