/** GET /api/workshops/:code/export.json: the results with every participant's Dockerfile, for the instructor. */
import { json } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';
import { resultRows } from '../../../../workshop/export.ts';
import { cellKey } from '../../../../workshop/progress-status.ts';

export const prerender = false;

export const GET = api(({ request, params, server }) => {
  const workshop = server.instructor(request, params.code);
  const snapshot = server.store.snapshot(workshop, new Set(), Date.now());
  const dockerfiles = server.store.dockerfiles(workshop);
  const names = new Map(snapshot.participants.map((participant) => [participant.id, participant.name]));
  return json(
    {
      workshop: snapshot.state,
      createdAt: new Date(snapshot.createdAt).toISOString(),
      results: resultRows(snapshot),
      dockerfiles: snapshot.progress
        .filter((progress) => progress.hasDockerfile)
        .map((progress) => ({
          participant: names.get(progress.participantId),
          exercise: progress.exerciseId,
          dockerfile: dockerfiles.get(cellKey(progress.participantId, progress.exerciseId)),
        })),
    },
    200,
    { 'content-disposition': `attachment; filename="workshop-${workshop.code}.json"` },
  );
});
