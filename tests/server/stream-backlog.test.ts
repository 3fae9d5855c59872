/** A client that stops reading its live stream is dropped once its backlog passes the cap. */
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isStreamPath, limitBacklog } from '../../src/server/stream-backlog.ts';

describe('the stream backlog', () => {
  it('closes a stream whose client stopped reading, after a bounded backlog', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let dropped = -1;
    let written = 0;
    let server: ReturnType<typeof createServer> | undefined;
    const closed = new Promise<void>((done) => {
      server = createServer((_request, response: ServerResponse) => {
        limitBacklog(response, 256 * 1024, (waiting) => {
          dropped = waiting;
        });
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.on('close', () => done());
        // Write as the adapter does: as fast as events come, never waiting for 'drain'.
        const pump = setInterval(() => {
          for (let i = 0; i < 16 && !response.destroyed; i++) {
            response.write(chunk);
            written += chunk.length;
          }
          if (response.destroyed || written > 512 * 1024 * 1024) clearInterval(pump);
        }, 1);
      }).listen(0, '127.0.0.1');
    });
    await new Promise((listening) => server?.once('listening', listening));
    const { port } = (server?.address() ?? {}) as AddressInfo;
    const client = request({ port, host: '127.0.0.1', path: '/api/workshops/ABC234/dashboard' });
    client.on('response', (response) => response.pause());
    client.on('error', () => {});
    client.end();
    await closed;
    server?.close();
    client.destroy();
    expect(dropped).toBeGreaterThan(256 * 1024);
    // What the server held is the cap plus the socket's buffers, not everything it was given.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('applies to the live streams only', () => {
    expect(isStreamPath('/api/workshops/ABC234/events')).toBe(true);
    expect(isStreamPath('/api/workshops/ABC234/dashboard')).toBe(true);
    expect(isStreamPath('/api/workshops/ABC234/export.json')).toBe(false);
    expect(isStreamPath('/lessons/')).toBe(false);
  });
});
