/**
 * POST /api/workshops/:code/progress: a participant's latest state per exercise. Idempotent: an
 * entry whose sequence number is already stored changes nothing, and the answer says what is
 * stored, so a client can resend whatever it is not sure about.
 */
import { json, readJson } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';
import { LIMITS, type ProgressAck } from '../../../../workshop/protocol.ts';
import { progressBody } from '../../../../workshop/request-schemas.ts';

export const prerender = false;

export const POST = api(async ({ request, params, server }) => {
  const workshop = server.workshop(params.code);
  const participant = server.participant(request, workshop);
  const { entries } = await readJson(request, progressBody, LIMITS.reportBodyBytes);
  const { acked, changed } = server.store.applyProgress(workshop, participant, entries, Date.now());
  server.announceProgress(workshop, changed);
  const answer: ProgressAck = { acked };
  return json(answer);
});
