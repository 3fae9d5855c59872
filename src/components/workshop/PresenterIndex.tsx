/** The presenter view's start: the workshop's lessons and exercises (or the whole course) to present. */
import { useEffect, useState } from 'preact/hooks';
import { normalizeJoinCode } from '../../workshop/join-code.ts';
import type { PublicState } from '../../workshop/protocol.ts';
import { workshopState } from './api.ts';
import { type PresenterItem, presenterPath } from './PresenterBar.tsx';
import './workshop.css';

export default function PresenterIndex({ items }: { items: readonly PresenterItem[] }) {
  const [code] = useState(
    () => normalizeJoinCode(new URLSearchParams(location.search).get('code') ?? '') ?? null,
  );
  const [state, setState] = useState<PublicState | null>(null);
  useEffect(() => {
    if (code) workshopState(code).then((answer) => answer.ok && setState(answer.data));
  }, [code]);
  const shown = state
    ? items.filter((item) => (item.kind === 'lesson' ? state.lessons : state.exercises).includes(item.id))
    : items;
  return (
    <section aria-label="What to present">
      {state && <h2>{state.title}</h2>}
      <ol>
        {shown.map((item) => (
          <li key={`${item.kind}-${item.id}`}>
            <a href={presenterPath(item, code)}>{item.title}</a>
            <span class="mc-ws-muted"> ({item.kind})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
