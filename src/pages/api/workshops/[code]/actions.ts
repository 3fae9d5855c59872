/**
 * POST /api/workshops/:code/actions: the instructor's controls (message, timer, follow-me, locks,
 * end, closing and reopening joining, removing participants).
 */
import { json, readJson } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';
import { LIMITS } from '../../../../workshop/protocol.ts';
import { actionBody } from '../../../../workshop/request-schemas.ts';

export const prerender = false;

export const POST = api(async ({ request, params, server }) => {
  const workshop = server.instructor(request, params.code);
  const action = await readJson(request, actionBody, LIMITS.smallBodyBytes);
  const updated =
    action.action === 'remove'
      ? server.removeParticipants(workshop, action.participantIds)
      : server.store.act(workshop, action, Date.now());
  server.announceState(updated);
  return json(server.publicState(updated));
});
