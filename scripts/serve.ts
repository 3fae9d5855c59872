/**
 * Starts the built site and the workshop API in this process (`npm start` builds first) and prints
 * where to find them. HOST and PORT choose the address (HOST=0.0.0.0 lets a room of phones in);
 * the WORKSHOP_* variables are in docs/workshop.md. The first line on stdout is always
 * `Listening on <url>`, which the tests and the load benchmark read.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface StandaloneServer {
  server: Server;
  stop(): Promise<void>;
}

const entry = resolve(import.meta.dirname, '../dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error('No server build in dist/server: run `npm run build` first (`npm start` does both).');
  process.exit(1);
}

// The workshop database is checked before anything listens: a damaged file, one from a newer
// version or a folder without WAL support stops the server here with the reason, instead of
// failing every workshop request later.
try {
  const { readConfig } = await import('../src/server/config.ts');
  const { openDatabase } = await import('../src/server/database.ts');
  const config = readConfig();
  openDatabase(config.database, config.synchronous).close();
} catch (error) {
  console.error(`Not starting: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.ASTRO_NODE_LOGGING = 'disabled';
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';

const { startServer } = (await import(pathToFileURL(entry).href)) as {
  startServer(): { server: StandaloneServer; done: Promise<void> };
};
const { server, done } = startServer();

// Security headers on every response, set before the adapter writes its own (docs/workshop.md).
const { inlineScriptHashes, securityHeaders } = await import('../src/server/security-headers.ts');
const scriptHashes = inlineScriptHashes(resolve(import.meta.dirname, '../dist/client'));
const trustProxy = ['1', 'true'].includes(process.env.WORKSHOP_TRUST_PROXY ?? '');
const { isStreamPath, limitBacklog, MAX_STREAM_BACKLOG } = await import('../src/server/stream-backlog.ts');
const maxBacklog = Number(process.env.WORKSHOP_MAX_STREAM_BACKLOG) || MAX_STREAM_BACKLOG;
server.server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const forwarded = trustProxy && request.headers['x-forwarded-proto'] === 'https';
  const tls = 'encrypted' in request.socket && request.socket.encrypted === true;
  for (const [name, value] of Object.entries(securityHeaders(path, scriptHashes, tls || forwarded)))
    response.setHeader(name, value);
  if (isStreamPath(path))
    limitBacklog(response, maxBacklog, (waiting) =>
      console.error(`Closed a live stream whose client stopped reading (${waiting} bytes waiting): ${path}`),
    );
});
await new Promise<void>((listening, failed) => {
  server.server.once('listening', listening);
  server.server.once('error', failed);
});

const { port } = server.server.address() as AddressInfo;
const host = process.env.HOST;
const local = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
console.log(`Listening on ${local}/`);
console.log(`  the course:         ${local}/`);
console.log(`  run a workshop:     ${local}/workshop/`);
if (host === '0.0.0.0' || host === '::') {
  for (const address of Object.values(networkInterfaces()).flat())
    if (address && address.family === 'IPv4' && !address.internal)
      console.log(`  on the network:     http://${address.address}:${port}/workshop/`);
} else {
  console.log('  (only this machine can reach it; HOST=0.0.0.0 npm start lets a room of phones in)');
}
console.log(`  workshop data:      ${resolve(process.env.WORKSHOP_DB || './data/workshops.sqlite')}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    server.stop().finally(() => process.exit(0));
  });
await done;
