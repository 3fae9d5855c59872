/**
 * GET /api/workshops/:code/dashboard: the instructor's stream (Server-Sent Events): a snapshot of
 * everything, then each join, progress report, presence change and control change as it happens.
 */
import { formatEvent } from '../../../../server/event-hub.ts';
import { api } from '../../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ request, params, server, address }) => {
  const workshop = server.instructor(request, params.code);
  server.admitStream(workshop, null, address);
  const snapshot = server.store.snapshot(workshop, server.hub.online(workshop.id), Date.now());
  return server.hub.open(
    {
      audience: 'instructors',
      workshopId: workshop.id,
      participantId: null,
      address,
      signal: request.signal,
    },
    formatEvent('snapshot', snapshot),
  );
});
