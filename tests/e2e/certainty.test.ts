/**
 * The simulator says how sure it is, in a real browser: a stand-in base is an estimate with its
 * basis, a step it could not follow is unknown and named by its line, an image it has no data for
 * is its own note and not a Docker error, a tag that never existed fails as Docker's does, and a
 * challenge is never solved on what the simulator cannot tell. Both themes, laptop and phone, with
 * screenshots (CERTAINTY_SHOTS, default test-results/certainty) and axe-core on the knows page.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeState } from '../../src/components/playground/share-link.ts';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SHOTS = process.env.CERTAINTY_SHOTS ?? resolve(import.meta.dirname, '../../test-results/certainty');

const STAND_IN = 'FROM python:3.12.4-slim\n';
const UNFOLLOWED = 'FROM golang:1-alpine\nRUN apk add --no-cache upx\nRUN upx /usr/local/go/bin/go\n';
const NO_DATA = 'FROM node:22\n';
const NEVER = 'FROM golang:1.99\n';

describe.skipIf(!HAS_CHROMIUM)('certainty', () => {
  let browser: Browser;
  const url = inject('siteUrl');
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    expect(errors).toEqual([]);
  });

  /** The playground on a Dockerfile, once its build's verdict is in. */
  async function playground(dockerfile: string, options: PageOptions = {}) {
    const page = await openPage(browser, errors, options);
    const hash = await encodeState({
      files: [{ path: 'Dockerfile', content: dockerfile }],
      active: 'Dockerfile',
    });
    await page.goto(`${url}/playground/#s=${hash}`);
    await page.locator('.mc-build-verdict[data-build]').waitFor({ timeout: 30_000 });
    return page;
  }

  const verdict = (page: Page) => page.locator('.mc-build-verdict');
  const note = (page: Page) => page.locator('.mc-build-status .mc-certainty');

  it('says a base the catalog lacks is built on a stand-in, as an estimate with its basis', async () => {
    const page = await playground(STAND_IN);
    await expect(verdict(page).getAttribute('data-certainty')).resolves.toBe('estimated');
    await expect(verdict(page).getAttribute('data-state')).resolves.toBe('ok');
    await expect(note(page).getAttribute('data-level')).resolves.toBe('estimated');
    const text = await note(page).textContent();
    expect(text).toContain('Estimated');
    expect(text).toMatch(
      /line 1: Not in this simulator's catalog: python:3\.12\.4-slim .*Built on python:3\.12\.14-slim/,
    );
    expect(text).not.toContain('manifest unknown');
    await expect(
      note(page).getByRole('link', { name: 'What the simulator knows' }).getAttribute('href'),
    ).resolves.toBe('/knows/');
    await page.close();
  });

  it('says a step it could not follow leaves the image unknown, naming line 3', async () => {
    const page = await playground(UNFOLLOWED);
    await expect(verdict(page).getAttribute('data-certainty')).resolves.toBe('unknown');
    await expect(note(page).getAttribute('data-level')).resolves.toBe('unknown');
    const text = (await note(page).textContent()) ?? '';
    expect(text).toContain('Unknown');
    expect(text).toMatch(/line 3: .*upx: not found.*line 2.*may have provided it/);
    expect(text).not.toMatch(/install it/);
    // The run check's verdict carries the same doubt.
    await expect(page.locator('.mc-run-verdict').getAttribute('data-certainty')).resolves.not.toBe('known');
    await page.close();
  });

  it('stops on an image it has no data for in its own voice, with no Docker error and no failure styling', async () => {
    const page = await playground(NO_DATA);
    await expect(verdict(page).getAttribute('data-state')).resolves.toBe('no-data');
    const text = (await verdict(page).textContent()) ?? '';
    expect(text).toContain('The simulator has no data for node images');
    expect(text).not.toMatch(/Build failed|manifest unknown|pull access denied|not found/);
    await expect(verdict(page).locator('.mc-icon-error').count()).resolves.toBe(0);
    await expect(page.locator('.mc-build-knows a').getAttribute('href')).resolves.toBe('/knows/');
    await page.close();
  });

  it('fails a tag that never existed as Docker does', async () => {
    const page = await playground(NEVER);
    await expect(verdict(page).getAttribute('data-state')).resolves.toBe('error');
    await expect(verdict(page).textContent()).resolves.toMatch(
      /Build failed on line 1: .*docker\.io\/library\/golang:1\.99: not found/,
    );
    await expect(note(page).count()).resolves.toBe(0);
    await page.close();
  });

  /** The challenge with its Dockerfile replaced, once its feedback says `expected`. */
  async function challenge(page: Page, dockerfile: string, expected: string) {
    await page.locator('.mc-exercise:not([data-verdict="waiting"])').waitFor({ timeout: 60_000 });
    await page.evaluate(
      (text) =>
        dispatchEvent(
          new CustomEvent('mc:exercise-command', {
            detail: { exerciseId: 'go-under-10mb', kind: 'setDockerfile', dockerfile: text },
          }),
        ),
      dockerfile,
    );
    await page.locator('.mc-exercise .mc-feedback', { hasText: expected }).waitFor({ timeout: 30_000 });
  }

  const SOLUTION = [
    'FROM golang:1 as builder',
    'RUN groupadd -r app && useradd --no-log-init -r -g app app',
    'WORKDIR /usr/src/app',
    'COPY . ./',
    'RUN apt-get update && apt-get install -y upx-ucl',
    'RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o bin/app',
    'RUN upx bin/app',
    '',
    'FROM scratch',
    'WORKDIR /usr/app',
    'COPY --from=builder /usr/src/app/bin/app ./',
    'COPY --from=builder /etc/passwd /etc/passwd',
    'USER app',
    'ENTRYPOINT ["./app"]',
    '',
  ].join('\n');

  it('never marks a challenge solved on an unknown base or an unfollowed step, and says why', async () => {
    const page = await openPage(browser, errors);
    await page.goto(`${url}/challenges/go-under-10mb/`);
    const exercise = page.locator('.mc-exercise');

    await challenge(page, NO_DATA, 'node images');
    await expect(exercise.getAttribute('data-verdict')).resolves.toBe('unsure');
    const noData = (await exercise.locator('.mc-feedback').textContent()) ?? '';
    expect(noData).toContain('the simulator cannot tell, so this challenge is not marked solved');
    expect(noData).toContain('The simulator has no data for node images');

    await challenge(page, SOLUTION, 'upx-ucl');
    await expect(exercise.getAttribute('data-verdict')).resolves.toBe('unsure');
    const unfollowed = (await exercise.locator('.mc-feedback').textContent()) ?? '';
    expect(unfollowed).toContain('not marked solved');
    expect(unfollowed).toMatch(/line 5: .*upx-ucl/);
    await expect(exercise.locator('.mc-feedback-solved').count()).resolves.toBe(0);

    await challenge(page, NEVER, 'golang:1.99');
    await expect(exercise.getAttribute('data-verdict')).resolves.toBe('failing');
    await expect(exercise.locator('.mc-feedback').textContent()).resolves.toContain('golang:1.99: not found');
    await page.close();
  }, 180_000);

  it('lists what the simulator knows, generated from the data, with no serious axe findings', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openPage(browser, errors, { theme });
      await page.goto(`${url}/knows/`);
      await expect(page.locator('h1').textContent()).resolves.toBe('What the simulator knows');
      await expect(page.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual([
        'Base images',
        'Tags the catalog lacks',
        'Packages',
        'Name lists',
        'How sizes are counted',
      ]);
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).toContain('python:3.9-slim');
      expect(body).toMatch(/PyPI projects\s*886,323/);
      expect(body).toContain('Debian trixie main');
      // The size model, with the oracle's figures for one apt layer in each store.
      expect(body).toMatch(/1,205,760 bytes in the containerd store and\s+1,963,318 bytes in overlay2/);
      await expect(seriousAxeViolations(page)).resolves.toEqual([]);
      await page.close();
    }
  });

  it('takes screenshots of each case at laptop and phone sizes in both themes, none wider than the screen', async () => {
    const cases = { 'stand-in': STAND_IN, unfollowed: UNFOLLOWED, 'no-data': NO_DATA, never: NEVER } as const;
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const shot = (what: string) => join(SHOTS, `${what}-${width}x${height}-${theme}.png`);
        for (const [name, dockerfile] of Object.entries(cases)) {
          const page = await playground(dockerfile, { theme, width, height });
          await page.locator('.mc-build-status').scrollIntoViewIfNeeded();
          await page.screenshot({ path: shot(name) });
          await expect(
            page.evaluate(() => document.documentElement.scrollWidth),
          ).resolves.toBeLessThanOrEqual(width);
          await page.close();
        }
        const knows = await openPage(browser, errors, { theme, width, height });
        await knows.goto(`${url}/knows/`);
        await knows.screenshot({ path: shot('knows') });
        await expect(knows.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          width,
        );
        await knows.close();
        const exercise = await openPage(browser, errors, { theme, width, height });
        await exercise.goto(`${url}/challenges/go-under-10mb/`);
        await challenge(exercise, SOLUTION, 'upx-ucl');
        await exercise.locator('.mc-exercise .mc-feedback').scrollIntoViewIfNeeded();
        await exercise.screenshot({ path: shot('challenge-unsure') });
        await exercise.close();
      }
    }
  }, 600_000);
});
