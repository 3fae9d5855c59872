/** POST /api/workshops/:code/participants: join with a display name; the answer carries the token, once. */
import { json, readJson } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';
import { type JoinedWorkshop, LIMITS } from '../../../../workshop/protocol.ts';
import { joinBody } from '../../../../workshop/request-schemas.ts';

export const prerender = false;

export const POST = api(async ({ request, params, server, address }) => {
  server.limit('join', address);
  const workshop = server.workshopByTypedCode(params.code, address);
  server.limit('workshopJoin', workshop.code);
  const body = await readJson(request, joinBody, LIMITS.smallBodyBytes);
  const { participant, token } = server.store.join(workshop, body, server.config.maxParticipants, Date.now());
  server.announceParticipant(workshop, participant.view);
  const joined: JoinedWorkshop = {
    participantId: participant.view.id,
    token,
    state: server.publicState(workshop),
  };
  return json(joined, 201);
});
