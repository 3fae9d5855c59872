/** The rule reference page in a real browser: every rule, its anchor, and highlighted Bad/Good examples. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RULES } from '../../src/lib/rules/index.ts';
import { HAS_CHROMIUM, launchBrowser } from './browser.ts';

describe.skipIf(!HAS_CHROMIUM)('rule reference', () => {
  let browser: Browser;
  let page: Page;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every rule with a Bad and a Good example, highlighted', async () => {
    await page.goto(`${url}/rules/`);
    await expect(page.title()).resolves.toBe('Dockerfile rules · Minimal Containers');
    await expect(page.locator('section.rule').count()).resolves.toBe(RULES.length);
    await expect(page.locator('section.rule pre.astro-code').count()).resolves.toBe(2 * RULES.length);
  });

  it('gives each rule the anchor its diagnostics link to', async () => {
    await page.goto(`${url}/rules/#path-misses-bin`);
    const section = page.locator('#path-misses-bin');
    await expect(section.locator('h2').textContent()).resolves.toBe(
      'Put the bin directory on PATH, not the prefix above it',
    );
    await expect(section.locator('pre.astro-code').first().textContent()).resolves.toContain(
      'ENV PATH=/root/.local:$PATH',
    );
    await expect(page.locator('#json-args a.ref').allTextContents()).resolves.toEqual([
      'hadolint DL3025',
      'BuildKit JSONArgsRecommended',
    ]);
  });
});
