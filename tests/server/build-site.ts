/** Builds the site once per test run for the API suites (the end-to-end setup shares the build). */
import { buildSiteOnce } from './site-process.ts';

export default function setup(): void {
  buildSiteOnce();
}
