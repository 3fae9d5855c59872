/** GET /api/workshops/:code/export.csv: the results, one row per participant and exercise, for the instructor. */
import { api } from '../../../../server/workshop-server.ts';
import { resultRows, toCsv } from '../../../../workshop/export.ts';

export const prerender = false;

export const GET = api(({ request, params, server }) => {
  const workshop = server.instructor(request, params.code);
  const snapshot = server.store.snapshot(workshop, new Set(), Date.now());
  return new Response(toCsv(resultRows(snapshot)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="workshop-${workshop.code}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
