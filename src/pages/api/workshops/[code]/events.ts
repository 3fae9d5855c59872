/**
 * GET /api/workshops/:code/events: the participant's stream (Server-Sent Events): the workshop's
 * public state at once and after every change the instructor makes. The presenter view opens it
 * with the instructor key.
 */
import { formatEvent } from '../../../../server/event-hub.ts';
import { bearer } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ request, params, server, address }) => {
  const workshop = server.workshop(params.code);
  // Participant tokens are `<id>.<secret>`; anything else must be the instructor's key.
  const participant = bearer(request)?.includes('.') ? server.participant(request, workshop) : null;
  if (!participant) server.instructor(request, params.code);
  server.admitStream(workshop, participant, address);
  if (participant) server.store.touch(participant, Date.now());
  return server.hub.open(
    {
      audience: 'participants',
      workshopId: workshop.id,
      participantId: participant?.view.id ?? null,
      address,
      signal: request.signal,
    },
    formatEvent('state', server.publicState(workshop)),
  );
});
