/**
 * Workshop pages need the course's own server (`npm start`); on a static copy of the site they say
 * so plainly instead of failing on the first click. Renders its children once the server answers.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Health, health } from './api.ts';

export function useServer(): Health | 'checking' | 'missing' {
  const [server, setServer] = useState<Health | 'checking' | 'missing'>('checking');
  useEffect(() => {
    health().then((answer) => setServer(answer.ok ? answer.data : 'missing'));
  }, []);
  return server;
}

export function ServerMissing() {
  return (
    <div class="mc-ws-notice" role="alert">
      <p>
        <strong>Workshops need the course’s server.</strong> This copy of the course is served as static
        pages, so the lessons, exercises and playground work, but live workshops do not.
      </p>
      <p>
        To run a workshop, start the course with <code>npm install &amp;&amp; npm start</code> (see the
        README) and open this page there.
      </p>
    </div>
  );
}

export function ServerCheck({ children }: { readonly children: (server: Health) => ComponentChildren }) {
  const server = useServer();
  if (server === 'checking') return <p class="mc-ws-muted">Connecting to the workshop server…</p>;
  if (server === 'missing') return <ServerMissing />;
  return <>{children(server)}</>;
}
