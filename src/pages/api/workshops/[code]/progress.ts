/**
 * POST /api/workshops/:code/progress: a participant's latest state per exercise. Idempotent: an
 * entry whose sequence number is already stored changes nothing, and the answer says what is
 * stored, so a client can resend whatever it is not sure about.
 */
import { getCollection } from 'astro:content';
import { ApiFailure } from '../../../../server/api-failure.ts';
import { json, readJson } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';
import { LIMITS, type ProgressAck } from '../../../../workshop/protocol.ts';
import { progressBody } from '../../../../workshop/request-schemas.ts';

export const prerender = false;

export const POST = api(async ({ request, params, server }) => {
  const workshop = server.workshop(params.code);
  const participant = server.participant(request, workshop);
  const { entries } = await readJson(request, progressBody, LIMITS.reportBodyBytes);
  // Each figure is checked against the exercise itself, not only against the rest of the report.
  const goals = new Map(
    (await getCollection('exercises')).map((exercise) => [exercise.id, exercise.data.goals.length]),
  );
  for (const entry of entries) {
    const expected = goals.get(entry.exerciseId);
    if (expected !== undefined && entry.total !== expected)
      throw new ApiFailure(
        400,
        'workshop/invalid-body',
        `entries: ${entry.exerciseId} has ${expected} goals, not ${entry.total}.`,
      );
  }
  const { acked, changed } = server.store.applyProgress(workshop, participant, entries, Date.now());
  server.announceProgress(workshop, changed);
  const answer: ProgressAck = { acked };
  return json(answer);
});
