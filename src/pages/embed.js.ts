/** /embed.js: the loader script other sites include, bundled from src/components/embed/loader.ts. */

import loader from 'virtual:mc-embed-loader';
import type { APIRoute } from 'astro';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(loader, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
