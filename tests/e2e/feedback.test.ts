/**
 * What a beginner reads first, in a real browser: a starter's attack-surface findings folded into
 * one disclosure after the findings about a step (by keyboard, nothing lost, axe-clean), and goals
 * on an image that was never built said to be unchecked rather than failed. Screenshots at
 * 1280×800 and 390×844 in both themes.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/feedback');
const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const THEMES = ['light', 'dark'] as const;

describe.skipIf(!HAS_CHROMIUM)('feedback a beginner reads first', () => {
  let browser: Browser;
  const url = inject('siteUrl');
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    expect(errors).toEqual([]);
  });

  /** The challenge once its first build has answered. */
  async function openChallenge(id: string, options: Parameters<typeof openPage>[2] = {}): Promise<Page> {
    const page = await openPage(browser, errors, options);
    await page.goto(`${url}/challenges/${id}/`);
    await page.locator('.mc-exercise:not([data-verdict="waiting"])').waitFor({ timeout: 60_000 });
    return page;
  }

  it('folds a starter’s attack-surface findings into one disclosure after the findings about a step', async () => {
    const page = await openChallenge('python-under-60mb');
    const problems = page.locator('.mc-exercise .mc-problems');
    const group = problems.locator('.mc-problem-group');
    await group.waitFor({ timeout: 30_000 });

    // Nothing lost: the count is every finding, and every finding is in the list, grouped or not.
    const total = Number(await problems.locator('.mc-problems-count').textContent());
    const single = problems.locator('.mc-problem:not(.mc-problem-group)');
    await expect(single.count()).resolves.toBe(total);
    const inGroup = await group.locator('.mc-problem').count();
    expect(inGroup).toBeGreaterThanOrEqual(5);
    await expect(problems.locator(':scope > .mc-problems-list > li').count()).resolves.toBe(
      total - inGroup + 1,
    );

    // The first entry is a finding about a step, not the image-wide group.
    const first = problems.locator(':scope > .mc-problems-list > li').first();
    await expect(first.getAttribute('class')).resolves.not.toContain('mc-problem-group');

    // The summary names every category; the findings are one key press away.
    const summary = group.locator('summary');
    const said = (await summary.textContent()) ?? '';
    for (const words of ['Attack surface:', 'a shell', 'network tools', 'package managers', 'compilers']) {
      expect(said).toContain(words);
    }
    expect(said).toContain(`(${inGroup} findings)`);
    const shell = group.locator('.mc-problem-code', { hasText: 'surface/shell' });
    await expect(shell.isVisible()).resolves.toBe(false);
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(shell.isVisible()).resolves.toBe(true);
    await expect(group.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(
      true,
    );
    // Inside, each finding still jumps to its line from the keyboard.
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(() => document.activeElement?.classList.contains('mc-problem-jump')),
    ).resolves.toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press(' ');
    await expect(shell.isVisible()).resolves.toBe(false);
    await page.close();
  });

  it('says goals on an image that was never built could not be checked, not that they failed', async () => {
    const page = await openChallenge('remove-the-toolbox');
    const exercise = page.locator('.mc-exercise');
    await page.evaluate(() =>
      dispatchEvent(
        new CustomEvent('mc:exercise-command', {
          detail: {
            exerciseId: 'remove-the-toolbox',
            kind: 'setDockerfile',
            dockerfile:
              'FROM golang:1.27-alpine AS builder\nWORKDIR /src\nCOPY missing.go ./\nRUN go build -o /out/app\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=builder /out/app /app\nENTRYPOINT ["/app"]\n',
          },
        }),
      ),
    );
    await exercise.locator('.mc-goals li[data-status="unchecked"]').first().waitFor({ timeout: 30_000 });
    const goals = exercise.locator('.mc-goals li');
    const statuses = await goals.evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
    // builds fails; starts, noShell, absentPaths and nonRoot are about the image.
    expect(statuses).toEqual(['fail', 'unchecked', 'unchecked', 'unchecked', 'unchecked']);
    const absent = goals.nth(3);
    const text = (await absent.textContent()) ?? '';
    expect(text).toContain('Not checked:');
    expect(text).toContain('could not be checked: the image was not built');
    expect(text).not.toContain('none of them present');
    expect(text).not.toContain('✗');
    await expect(exercise.locator('.mc-feedback').textContent()).resolves.toContain(
      'Not met yet: the image builds',
    );
    await page.close();
  });

  it('has no serious axe violations and is screenshotted at laptop and phone sizes, in both themes', async () => {
    for (const theme of THEMES) {
      for (const size of SIZES) {
        const page = await openChallenge('python-under-60mb', {
          theme,
          width: size.width,
          height: size.height,
        });
        const group = page.locator('.mc-exercise .mc-problem-group');
        await group.waitFor({ timeout: 30_000 });
        // As a beginner first sees it: the top of the list, the group closed; then open.
        const problems = page.locator('.mc-exercise .mc-problems');
        await problems.scrollIntoViewIfNeeded();
        await problems.evaluate((list) => {
          for (let box: Element | null = list; box; box = box.parentElement) box.scrollTop = 0;
          list.scrollIntoView({ block: 'start' });
        });
        await page.screenshot({ path: join(SCREENSHOTS, `problems-${theme}-${size.name}.png`) });
        await group.locator('summary').click();
        await expect(seriousAxeViolations(page), `${theme} ${size.name}`).resolves.toEqual([]);
        await group.locator('summary').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, `problems-open-${theme}-${size.name}.png`) });
        await expect(
          page.evaluate(() => document.documentElement.scrollWidth),
          `${theme} ${size.name}`,
        ).resolves.toBeLessThanOrEqual(size.width);
        await page.evaluate(() =>
          dispatchEvent(
            new CustomEvent('mc:exercise-command', {
              detail: {
                exerciseId: 'python-under-60mb',
                kind: 'setDockerfile',
                dockerfile: 'FROM python:3.14\nCOPY missing.txt .\nCMD ["python"]\n',
              },
            }),
          ),
        );
        const goals = page.locator('.mc-exercise .mc-goals');
        await goals.locator('li[data-status="unchecked"]').first().waitFor({ timeout: 30_000 });
        await goals.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, `goals-unbuilt-${theme}-${size.name}.png`) });
        await page.close();
      }
    }
  }, 300_000);

  it('says on the lesson that Python 3.9 is end of life, dated from the tag history, and shows the home page’s scratch build without fossil flags', async () => {
    for (const theme of THEMES) {
      for (const size of SIZES) {
        const page = await openPage(browser, errors, { theme, width: size.width, height: size.height });
        await page.goto(`${url}/lessons/python-single-stage/`);
        const note = page.locator('aside.note', { hasText: 'Python 3.9 is end of life' });
        const text = ((await note.textContent()) ?? '').replace(/\s+/g, ' ');
        expect(text).toContain('last built on 3 November 2025');
        expect(text).toMatch(/resolves to python:3\.14\.\d+-trixie/);
        await note.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, `lesson-eol-${theme}-${size.name}.png`) });

        await page.goto(`${url}/`);
        const compare = page.locator('section.compare');
        const code = (await compare.locator('figure').nth(1).textContent()) ?? '';
        expect(code).toContain('CGO_ENABLED=0 go build');
        expect(code).not.toContain('installsuffix');
        await compare.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, `home-${theme}-${size.name}.png`) });
        await page.close();
      }
    }
  }, 120_000);
});
