/** GET /api/workshops/:code/participants/:id/:exercise: one participant's Dockerfile and goal results, for the instructor. */
import { ApiFailure } from '../../../../../../server/api-failure.ts';
import { json } from '../../../../../../server/http.ts';
import { api } from '../../../../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ request, params, server }) => {
  const workshop = server.instructor(request, params.code);
  const detail = server.store.detail(workshop, params.participant ?? '', params.exercise ?? '');
  if (!detail)
    throw new ApiFailure(
      404,
      'workshop/no-progress',
      'This participant has not reported on this exercise yet.',
    );
  return json(detail);
});
