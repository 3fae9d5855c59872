/**
 * What floats over a page must not sit on what the reader needs: the lesson's "Open the lab" button
 * against the lesson's text, the workshop bar against the run check and the editor, the editor's
 * problem tooltip after a tap on a phone, and the playground's file actions on one row. Each check
 * measures boxes in Chromium at the sizes where it once went wrong.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, recordErrors } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/overlays');

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The boxes of `selector` inside `within` that `cover` (a box on screen) overlaps, as short names. */
function overlapped(page: Page, cover: string, within: string, selector: string): Promise<string[]> {
  return page.evaluate(
    ([coverSelector, withinSelector, textSelector]) => {
      const on = document.querySelector(coverSelector)?.getBoundingClientRect();
      if (!on) return [`no ${coverSelector}`];
      const hits = (box: DOMRect) =>
        box.width > 0 &&
        box.height > 0 &&
        box.left < on.right &&
        on.left < box.right &&
        box.top < on.bottom &&
        on.top < box.bottom;
      const scoped = textSelector
        .split(',')
        .map((part) => `${withinSelector} ${part.trim()}`)
        .join(', ');
      return [...document.querySelectorAll(scoped)]
        .filter((element) => [...element.getClientRects()].some(hits))
        .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent?.slice(0, 40)}`);
    },
    [cover, within, selector] as const,
  );
}

function box(page: Page, selector: string): Promise<Box> {
  return page.locator(selector).evaluate((element) => {
    const { left, top, right, bottom } = element.getBoundingClientRect();
    return { left, top, right, bottom };
  });
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!HAS_CHROMIUM)('overlays', () => {
  const url = inject('siteUrl');
  const errors: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(errors).toEqual([]);
  });

  async function open(width: number, height: number, theme: 'light' | 'dark' = 'light'): Promise<Page> {
    const phone = width < 500;
    const context = await browser.newContext({
      viewport: { width, height },
      colorScheme: theme,
      isMobile: phone,
      hasTouch: phone,
    });
    return recordErrors(await context.newPage(), errors, { label: `${width}px`, console: false });
  }

  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`keeps the lesson's "Open the lab" button off the text at ${width} wide`, async () => {
      const page = await open(width, height);
      await page.goto(`${url}/lessons/layer-caching/`);
      const button = page.getByRole('button', { name: 'Open the lab' });
      await button.waitFor();
      const end = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      for (const at of [0, 0.25, 0.5, 0.75, 1]) {
        await page.evaluate((y) => window.scrollTo(0, y), Math.round(end * at));
        await expect(
          overlapped(page, '.mc-lab-open', '.lesson', 'p, li, pre, h1, h2, h3, table, figure, blockquote'),
          `scrolled to ${at * 100} %`,
        ).resolves.toEqual([]);
        await expect(button.isVisible()).resolves.toBe(true);
      }
      await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `lesson-${width}.png`) });
      await page.context().close();
    });
  }

  it("keeps the workshop bar off the run check on a laptop and the editor's end on a phone", async () => {
    const created = (await (
      await fetch(`${url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Overlays', lessons: [], exercises: ['go-scratch-starts'] }),
      })
    ).json()) as { code: string };
    for (const [width, height, target, theme] of [
      [1280, 800, '.mc-run', 'light'],
      [390, 844, '.cm-editor', 'dark'],
    ] as const) {
      const joined = (await (
        await fetch(`${url}/api/workshops/${created.code}/participants`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Ada ${width}`, leaderboardName: null }),
        })
      ).json()) as { participantId: string; token: string };
      const page = await open(width, height, theme);
      await page.goto(`${url}/workshop/join/`);
      await page.evaluate(
        ([code, participant]) =>
          localStorage.setItem(
            'mc-workshop',
            JSON.stringify({
              code,
              title: 'Overlays',
              ...participant,
              name: 'Ada',
              leaderboardName: null,
              joinedAt: 0,
            }),
          ),
        [created.code, joined] as const,
      );
      await page.goto(`${url}/challenges/go-scratch-starts/`);
      const bar = page.getByRole('complementary', { name: 'Workshop' });
      await bar.getByText('Connected').waitFor({ timeout: 15_000 });
      await page.locator(`${target}`).first().waitFor();
      // Measured once the build is done: the run check grows when its verdict arrives.
      await page.locator('.mc-run-verdict, .mc-run-none').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      // Brought into view as focus or a link would bring it: it ends above the bar.
      await page
        .locator(target)
        .first()
        .evaluate((element) => element.scrollIntoView({ block: 'end' }));
      const [covered, workshop] = [await box(page, `${target} >> nth=0`), await box(page, '.mc-workshop')];
      expect(covered.bottom, `${target} at ${width}`).toBeLessThanOrEqual(workshop.top);
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-bar-${width}-${theme}.png`) });
      // And the page's very end scrolls clear of it.
      await page.evaluate(() =>
        window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }),
      );
      await page.waitForTimeout(300);
      const footer = await box(page, 'body > footer, footer');
      expect(footer.bottom).toBeLessThanOrEqual((await box(page, '.mc-workshop')).top);
      await page.context().close();
    }
  });

  it("closes the editor's problem tooltip on a phone when the reader taps elsewhere", async () => {
    const page = await open(390, 844);
    await page.goto(`${url}/playground/`);
    await page.locator('.mc-playground[data-ready]').waitFor({ timeout: 30_000 });
    await page.locator('.cm-content').tap();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('X');
    const squiggle = page.locator('.cm-lintRange-error').first();
    await squiggle.waitFor({ timeout: 15_000 });
    await page.locator('.cm-content').evaluate((element) => (element as HTMLElement).blur());
    await squiggle.tap();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor({ timeout: 5000 });
    await page.getByRole('heading', { level: 1 }).tap();
    await tooltip.waitFor({ state: 'detached', timeout: 3000 });
    await page.context().close();
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`keeps the playground's file actions together, Embed included, at ${width} wide`, async () => {
      const page = await open(width, height, width < 500 ? 'dark' : 'light');
      await page.goto(`${url}/playground/`);
      const embed = page.getByRole('button', { name: 'Embed' });
      await embed.waitFor();
      const tops = await page
        .locator('.mc-playground-actions > *')
        .evaluateAll((actions) => actions.map((action) => Math.round(action.getBoundingClientRect().top)));
      const embedTop = Math.round(await embed.evaluate((button) => button.getBoundingClientRect().top));
      // Never alone on its row; on a laptop all of them share one.
      expect(tops.filter((top) => top === embedTop).length).toBeGreaterThan(1);
      if (width >= 1280) expect(new Set(tops).size).toBe(1);
      if (width >= 1280)
        expect(Math.round((await box(page, '.mc-playground-toolbar select')).top)).toBeLessThan(
          embedTop + 20,
        );
      await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `playground-${width}.png`) });
      await page.context().close();
    });
  }
});
