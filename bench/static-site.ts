/**
 * What the browser benchmarks share: the built site's static pages (`dist/client`) served on a
 * loopback port, as any static host would serve them, and the percentile they report.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../dist/client');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.svg': 'image/svg+xml',
};

/** Serves the last build; `script` names the npm script that builds it, for the error. */
export async function serveBuiltSite(script: string): Promise<{ base: string; close: () => void }> {
  if (!existsSync(join(dist, 'playground/index.html')))
    throw new Error(`Build the site first: npm run ${script}`);
  const server = createServer(async (request, response) => {
    let path = normalize(join(dist, new URL(request.url ?? '/', 'http://x').pathname));
    if ((await stat(path).catch(() => undefined))?.isDirectory()) path = join(path, 'index.html');
    const body = path.startsWith(dist) ? await readFile(path).catch(() => undefined) : undefined;
    if (!body) response.writeHead(404).end();
    else
      response
        .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
        .end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

/** The p-th percentile by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
