/**
 * Builds the site once and serves dist/ on a free loopback port for the end-to-end suites, which
 * read the address with inject('siteUrl'). A plain static server rather than `astro preview`,
 * which allows one preview per project and would clash with a developer's running `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The file for a URL path, as a static host resolves it (directories serve their index.html). */
async function fileFor(urlPath: string): Promise<string | undefined> {
  const path = normalize(join(dist, decodeURIComponent(urlPath)));
  if (!path.startsWith(dist)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return path;
  if (info?.isDirectory() && existsSync(join(path, 'index.html'))) return join(path, 'index.html');
  return undefined;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    project.provide('siteUrl', '');
    return async () => {};
  }
  execFileSync(resolve(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'ignore' });
  const server = createServer(async (request, response) => {
    const file = await fileFor(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(await readFile(file));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  project.provide('siteUrl', `http://127.0.0.1:${port}`);
  return () => new Promise((closed) => server.close(() => closed()));
}
