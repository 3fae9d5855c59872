/** POST /api/workshops: create a workshop; the answer carries the instructor key, once. */
import { getCollection } from 'astro:content';
import { ApiFailure } from '../../../server/api-failure.ts';
import { json, readJson } from '../../../server/http.ts';
import { api } from '../../../server/workshop-server.ts';
import { type CreatedWorkshop, LIMITS } from '../../../workshop/protocol.ts';
import { createWorkshopBody } from '../../../workshop/request-schemas.ts';

export const prerender = false;

export const POST = api(async ({ request, server, address }) => {
  const { createKey } = server.config;
  if (createKey !== null && request.headers.get('x-workshop-create-key') !== createKey)
    throw new ApiFailure(
      403,
      'workshop/create-key',
      'Creating a workshop on this server needs the organiser key.',
    );
  server.limit('create', address);
  const body = await readJson(request, createWorkshopBody, LIMITS.smallBodyBytes);
  const lessons = new Set((await getCollection('lessons')).map((entry) => entry.id));
  const exercises = new Set((await getCollection('exercises')).map((entry) => entry.id));
  const unknown = [
    ...body.lessons.filter((id) => !lessons.has(id)).map((id) => `lesson ${id}`),
    ...body.exercises.filter((id) => !exercises.has(id)).map((id) => `exercise ${id}`),
  ];
  if (unknown.length > 0)
    throw new ApiFailure(400, 'workshop/unknown-content', `This course has no ${unknown.join(', ')}.`);
  const { workshop, key } = server.store.create(body, Date.now());
  const created: CreatedWorkshop = { code: workshop.code, key, state: server.publicState(workshop) };
  return json(created, 201);
});
