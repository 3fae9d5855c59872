/** GET /api/workshops/health: tells the pages that a workshop server is there (a static host has none). */
import { json } from '../../../server/http.ts';
import { api } from '../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ server }) => json({ ok: true, createNeedsKey: server.config.createKey !== null }));
