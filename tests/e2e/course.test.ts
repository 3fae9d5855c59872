/**
 * The course in a real browser: a lesson read end to end (engine-computed facts, the lab, the
 * check-yourself question, progress), a challenge solved in the editor, progress across a reload
 * and through export and import, search, axe in both themes, screenshots of every lesson.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/course');
const LESSONS = [
  'why-small-images',
  'python-single-stage',
  'multi-stage-python',
  'go-single-stage',
  'go-from-scratch',
  'inspecting-images',
  'layer-caching',
  'challenges',
];

describe.skipIf(!HAS_CHROMIUM)('course', () => {
  let browser: Browser;
  const url = inject('siteUrl');
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(errors).toEqual([]);
  });

  const newPage = (options: PageOptions = {}) =>
    openPage(browser, errors, { ...options, acceptDownloads: true });

  /** Replaces text in the open CodeMirror document, as typing would. */
  async function replaceInEditor(page: Page, scope: string, from: string, to: string) {
    const content = page.locator(`${scope} .cm-content`);
    await content.click();
    await page.keyboard.press('Control+Home');
    const text = await content.evaluate((element) =>
      [...element.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'),
    );
    const offset = text.indexOf(from);
    if (offset < 0) throw new Error(`${from} is not in the editor`);
    for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type(to);
  }

  it('reads a lesson: goals, engine-computed facts, the lab, the check, and marks it read', async () => {
    const page = await newPage();
    await page.goto(`${url}/lessons/go-from-scratch/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Go from scratch');
    await expect(page.locator('.goals li').count()).resolves.toBe(5);
    // The figures are the engine's, rendered at build time.
    const body = await page.locator('.lesson-body').textContent();
    expect(body).toContain('It is 5.8 MB (5,788,682 bytes)');
    expect(body).toContain('exec /usr/app/app: no such file or directory');
    // A deep link to a section.
    await expect(page.locator('h2#what-scratch-lacks a.anchor').getAttribute('href')).resolves.toBe(
      '#what-scratch-lacks',
    );

    // The lab opens the block's Dockerfile and the engine builds it.
    await page.locator('[data-lab-load]').first().click();
    const verdict = page.locator('.mc-lab .mc-build-verdict[data-build]');
    await verdict.waitFor({ timeout: 20_000 });
    await expect(verdict.textContent()).resolves.toContain('5.8 MB');
    await page.getByRole('button', { name: 'Close the lab' }).click();

    // Check yourself: a wrong answer says why, the right one says so.
    const check = page.locator('.check-yourself');
    await check.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .check-yourself').waitFor();
    await check.getByText('Add EXPOSE 443').click();
    await expect(check.locator('.verdict').textContent()).resolves.toMatch(/^Not quite\./);
    await check.getByText('Copy /etc/ssl/certs/ca-certificates.crt').click();
    await expect(check.locator('.verdict').textContent()).resolves.toMatch(/^Right\./);

    // Reaching the end marks the lesson read, and the course map shows it after a reload.
    await page.locator('.pager').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => localStorage.getItem('mc:progress:v1')?.includes('go-from-scratch'));
    await page.reload();
    await expect(
      page.locator('.course-map [data-lesson="go-from-scratch"] [data-status]').textContent(),
    ).resolves.toBe('✓ read');
    await page.locator('a[rel="next"]').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Inspecting images like dive');
    await page.close();
  });

  it('counts an answer to the check picked before its script has loaded', async () => {
    const page = await newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/CheckYourself\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${url}/lessons/go-from-scratch/`);
    const check = page.locator('.check-yourself');
    await check.scrollIntoViewIfNeeded();
    await check.getByText('Add EXPOSE 443').click();
    await expect(page.locator('astro-island[ssr] .check-yourself').count()).resolves.toBe(1);
    release();
    await expect.poll(() => check.locator('.verdict').textContent()).toMatch(/^Not quite\./);
    await page.close();
  });

  it('names the first goal not met in its own words, units included', async () => {
    const page = await newPage();
    await page.goto(`${url}/challenges/go-under-10mb/`);
    const feedback = page.locator('.mc-exercise .mc-feedback');
    await page.locator('.mc-exercise .mc-goals li[data-status="fail"]').first().waitFor({ timeout: 20_000 });
    await expect(feedback.textContent()).resolves.toContain('Not met yet: the image is at most 10.0 MB (');
    await page.close();
  });

  it('solves a challenge in the editor, keeps it across a reload, and exports and imports progress', async () => {
    const page = await newPage();
    await page.goto(`${url}/challenges/go-scratch-starts/`);
    const exercise = page.locator('.mc-exercise');
    await exercise.locator('.mc-goals li[data-status="fail"]').waitFor({ timeout: 20_000 });
    await expect(exercise.locator('.mc-feedback').textContent()).resolves.toContain('2 of 3 goals met');
    await expect(exercise.locator('.mc-feedback').textContent()).resolves.toContain(
      'Not met yet: the container starts',
    );

    await exercise.getByRole('button', { name: 'Show hint 1 of 3' }).click();
    await expect(exercise.locator('.mc-hints li').count()).resolves.toBe(1);

    await replaceInEditor(page, '.mc-exercise', 'RUN go build', 'RUN CGO_ENABLED=0 go build');
    const solved = exercise.locator('.mc-feedback-solved');
    await solved.waitFor({ timeout: 20_000 });
    await expect(solved.textContent()).resolves.toMatch(
      /Solved\. Your image is 5\.8 MB; the reference solution is 5\.8 MB; you started from 5\.8 MB\./,
    );
    await expect(exercise.locator('.mc-solution').isVisible()).resolves.toBe(true);

    // Across a reload: the learner's Dockerfile and the solved mark.
    await page.waitForFunction(() => localStorage.getItem('mc:progress:v1')?.includes('CGO_ENABLED=0'));
    await page.reload();
    await exercise.locator('.mc-feedback-solved').waitFor({ timeout: 20_000 });
    await expect(exercise.locator('.mc-hints li').count()).resolves.toBe(1);

    // The course map lists it as solved, with the best size; export, reset, import.
    await page.goto(`${url}/course/`);
    await page.locator('.progress-controls').scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr]) .progress-controls').waitFor();
    const mark = page.locator('[data-exercise="go-scratch-starts"] [data-status]').first();
    await expect(mark.textContent()).resolves.toBe('✓ solved, best 5.8 MB');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.exercises['go-scratch-starts'].bestSize).toBe(5_788_682);

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(mark.textContent()).resolves.toBe('');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.locator('.progress-controls .message', { hasText: 'Imported' }).waitFor();
    await expect(page.locator('.progress-controls .message').textContent()).resolves.toBe(
      'Imported 0 lessons read and 1 exercise.',
    );
    await expect(mark.textContent()).resolves.toBe('✓ solved, best 5.8 MB');

    // A file that is not progress is refused with a reason, and nothing changes.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'evil.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version":1,"lessons":"<img src=x onerror=alert(1)>"}'),
    });
    await page.locator('.progress-controls .message', { hasText: 'Could not import' }).waitFor();
    await expect(page.locator('.progress-controls .message').textContent()).resolves.toBe(
      'Could not import evil.json: the file has no lessons or exercises section.',
    );
    await expect(mark.textContent()).resolves.toBe('✓ solved, best 5.8 MB');
    await page.close();
  });

  it('finds lessons, challenges and glossary terms from the static index', async () => {
    const page = await newPage();
    await page.goto(`${url}/search/?q=musl`);
    const results = page.locator('.search-results li');
    await results.first().waitFor();
    const titles = await results.locator('a').allTextContents();
    expect(titles).toContain('musl');
    expect(titles.some((title) => title.startsWith('Multi-stage Python'))).toBe(true);
    await page.locator('#search-input').fill('<script>alert(1)</script>');
    await expect(page.locator('.search-status').textContent()).resolves.toBe('0 results');
    await page.close();
  });

  it('has no serious or critical axe violations on a lesson and a challenge, in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const path of ['/lessons/multi-stage-python/', '/challenges/python-under-60mb/', '/course/']) {
        const page = await newPage({ theme });
        await page.goto(`${url}${path}`);
        await page.waitForLoadState('networkidle');
        const violations = await seriousAxeViolations(page, { resultTypes: ['violations'] });
        expect(violations, `${path} (${theme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('takes screenshots of every lesson at laptop and phone sizes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, width, height] of [
      ['laptop', 1280, 800],
      ['phone', 390, 844],
    ] as const) {
      const page = await newPage({ width, height, theme: name === 'phone' ? 'dark' : 'light' });
      for (const lesson of LESSONS) {
        await page.goto(`${url}/lessons/${lesson}/`);
        await page.screenshot({ path: join(SCREENSHOTS, `${lesson}-${name}.png`), fullPage: true });
        // Nothing may push the page sideways (a long error path once did on a phone).
        await expect(
          page.evaluate(() => document.documentElement.scrollWidth),
          lesson,
        ).resolves.toBeLessThanOrEqual(width);
      }
      await page.goto(`${url}/challenges/remove-the-toolbox/`);
      await page.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `challenge-${name}.png`), fullPage: true });
      await page.close();
    }
  });
});
