/** GET /api/workshops/:code: what anyone with the join code may see (the join page checks the code). */
import { json } from '../../../../server/http.ts';
import { api } from '../../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ params, server, address }) =>
  json(server.publicState(server.workshopByTypedCode(params.code, address))),
);
