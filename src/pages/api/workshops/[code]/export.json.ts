/**
 * GET /api/workshops/:code/export.json: the results with every participant's Dockerfile, for the
 * instructor. Streamed: the Dockerfiles (up to 64 KiB each, thousands in a large workshop) are
 * read and sent a batch at a time, yielding between batches, so the export neither holds them all
 * in memory nor stalls the other requests while it is made.
 */
import { api } from '../../../../server/workshop-server.ts';
import { resultRows } from '../../../../workshop/export.ts';

export const prerender = false;

/** Dockerfiles per batch: a few MB at most, then other requests get their turn. */
const BATCH = 32;

export const GET = api(({ request, params, server }) => {
  const workshop = server.instructor(request, params.code);
  const snapshot = server.store.snapshot(workshop, new Set(), Date.now());
  const head = JSON.stringify({
    workshop: snapshot.state,
    createdAt: new Date(snapshot.createdAt).toISOString(),
    results: resultRows(snapshot),
  });
  const rows = server.store.dockerfiles(workshop);
  const encoder = new TextEncoder();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${head.slice(0, -1)},"dockerfiles":[`));
    },
    async pull(controller) {
      await new Promise((turn) => setImmediate(turn));
      const parts: string[] = [];
      for (let i = 0; i < BATCH; i++) {
        const next = rows.next();
        if (next.done) {
          controller.enqueue(encoder.encode(`${parts.join('')}]}`));
          controller.close();
          return;
        }
        parts.push(`${first ? '' : ','}${JSON.stringify(next.value)}`);
        first = false;
      }
      controller.enqueue(encoder.encode(parts.join('')));
    },
    cancel() {
      rows.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="workshop-${workshop.code}.json"`,
    },
  });
});
