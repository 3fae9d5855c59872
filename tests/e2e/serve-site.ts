/**
 * Builds the site once and starts it as the project serves it (`node scripts/serve.ts`: the
 * prerendered pages and the workshop API in one process, on a free loopback port with a throwaway
 * database) for the end-to-end suites, which read the address with inject('siteUrl').
 */

import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSiteOnce, startSite } from '../server/site-process.ts';
import { CHROMIUM } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    project.provide('siteUrl', '');
    return async () => {};
  }
  buildSiteOnce();
  const site = await startSite();
  project.provide('siteUrl', site.url);
  return () => site.stop();
}
