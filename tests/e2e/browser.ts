/** Debian's Chromium driven by playwright-core; suites skip, and say so, where it is not installed. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** axe-core's browser build, injected into a page to check it. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

if (!HAS_CHROMIUM) console.warn(`Chromium not found at ${CHROMIUM}: the end-to-end suites are SKIPPED.`);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Which of a page's errors {@link recordErrors} writes down. */
export interface ErrorOptions {
  /** Console messages of type `error` count too, not only uncaught exceptions (default true). */
  console?: boolean;
  /** Put before each error: the page's name, or a name taken when the error happens (say, its URL). */
  label?: string | ((page: Page) => string);
}

/**
 * Writes the page's uncaught exceptions, and unless told otherwise its console errors, into `errors`,
 * which the suite expects to be empty at the end. Returns the page.
 */
export function recordErrors(page: Page, errors: string[], options: ErrorOptions = {}): Page {
  const { label } = options;
  const record = (text: string) => {
    const name = typeof label === 'function' ? label(page) : label;
    errors.push(name === undefined ? text : `${name}: ${text}`);
  };
  page.on('pageerror', (error) => record(error.message));
  if (options.console ?? true) {
    page.on('console', (message) => {
      if (message.type() === 'error') record(message.text());
    });
  }
  return page;
}

/** The page {@link openPage} opens, and which of its errors count. */
export interface PageOptions extends ErrorOptions {
  /** The colour scheme the page prefers (default light). */
  theme?: 'light' | 'dark';
  /** The viewport's width in CSS pixels (default 1280). */
  width?: number;
  /** The viewport's height in CSS pixels (default 800). */
  height?: number;
  /** Whether the page may download files (Playwright's default where not given). */
  acceptDownloads?: boolean;
}

/**
 * Opens a page whose errors go into `errors` (see {@link recordErrors}). From the browser, the page
 * has a context, so storage, of its own, with the theme and size asked for; from a context, it shares
 * that context's storage and takes its settings, and `theme`, `width`, `height` and `acceptDownloads`
 * are not used.
 */
export async function openPage(
  from: Browser | BrowserContext,
  errors: string[],
  options: PageOptions = {},
): Promise<Page> {
  const page =
    'newContext' in from
      ? await from.newPage({
          colorScheme: options.theme ?? 'light',
          viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
          acceptDownloads: options.acceptDownloads,
        })
      : await from.newPage();
  return recordErrors(page, errors, options);
}

/**
 * Runs axe-core on the whole page and returns its serious and critical violations, one string each:
 * the rule's id and the selectors of the elements at fault. `options` go to `axe.run`, say
 * `{ iframes: false }` where the frames' own pages are checked on their own.
 */
export async function seriousAxeViolations(page: Page, options: RunOptions = {}): Promise<string[]> {
  // Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses inline
  // scripts it does not know, and the checker is not one of the site's.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  try {
    return await axeViolations(page, options);
  } catch {
    // axe cannot name an element that a late render replaced mid-run (its "nthChild" error): once
    // the page has settled, the same check runs again.
    await page.waitForTimeout(1500);
    return axeViolations(page, options);
  }
}

function axeViolations(page: Page, options: RunOptions): Promise<string[]> {
  return page.evaluate(async (runOptions) => {
    const axe = (
      window as unknown as { axe: { run(context: Element, options: RunOptions): Promise<AxeResults> } }
    ).axe;
    const { violations } = await axe.run(document.documentElement, runOptions);
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  }, options);
}
