/** The home page in a real browser: content, keyboard access, and the theme switch that persists. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser } from './browser.ts';

describe.skipIf(!HAS_CHROMIUM)('home page', () => {
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

  it('shows the course pitch and both Go Dockerfiles, highlighted', async () => {
    await page.goto(`${url}/`);
    await expect(page.title()).resolves.toBe('Minimal Containers');
    await expect(page.locator('h1').textContent()).resolves.toContain('Leave the toolbox behind');
    const code = page.locator('.pair pre.astro-code');
    await expect(code.count()).resolves.toBe(2);
    await expect(code.nth(1).textContent()).resolves.toContain('FROM scratch');
  });

  it('follows the system theme, then remembers the reader’s choice', async () => {
    await page.goto(`${url}/`);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await expect(theme()).resolves.toBe('light');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(theme()).resolves.toBe('dark');
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.reload();
    await expect(theme()).resolves.toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(17, 20, 19)');
  });

  it('starts the keyboard at a skip link to the content', async () => {
    await page.goto(`${url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Skip to content');
  });
});
