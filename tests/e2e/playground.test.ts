/**
 * The playground in a real browser: examples, live diagnostics from the worker (list, squiggle,
 * hover, quick fix, jump), context files, persistence, shared links, keyboard use, axe-core in both
 * themes, and screenshots at laptop and phone sizes.
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeState } from '../../src/components/playground/share-link.ts';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/playground');

describe.skipIf(!HAS_CHROMIUM)('playground', () => {
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

  /** A fresh page (own storage) on the playground, once the editor and the first parse are there. */
  async function open(options: PageOptions & { path?: string } = {}) {
    const page = await openPage(browser, errors, options);
    await page.goto(`${url}${options.path ?? '/playground/'}`);
    await ready(page);
    return page;
  }

  async function ready(page: Page) {
    await page.locator('.mc-playground[data-ready] .cm-content').waitFor();
    await page.locator('.mc-status[data-round-trip-ms]').waitFor();
  }

  const status = (page: Page) => page.locator('.mc-status').textContent();
  const problems = (page: Page) => page.locator('.mc-problem-message').allTextContents();
  const editorText = (page: Page) =>
    page
      .locator('.cm-content')
      .evaluate((content) =>
        [...content.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'),
      );
  /** The build context's tabs (the views of the build below the editor are tabs too). */
  const fileTabs = (page: Page) =>
    page.getByRole('tablist', { name: 'Build context files' }).getByRole('tab');
  const selectedTab = (page: Page) =>
    page
      .getByRole('tablist', { name: 'Build context files' })
      .getByRole('tab', { selected: true })
      .textContent();
  const buildVerdict = (page: Page) => page.locator('.mc-build-verdict[data-build]').textContent();
  const problemCodes = (page: Page) => page.locator('.mc-problem-code').allTextContents();

  async function loadExample(page: Page, title: string) {
    await page.getByLabel('Example').selectOption({ label: title });
    await page.getByRole('button', { name: 'Load example' }).click();
    await page.locator('.cm-content', { hasText: 'FROM' }).waitFor();
  }

  /** Puts the cursor after the first `text` in the editor, through the keyboard as a user would. */
  async function cursorAfter(page: Page, text: string) {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    const offset = (await editorText(page)).indexOf(text);
    if (offset < 0) throw new Error(`${text} is not in the editor`);
    for (let i = 0; i < offset + text.length; i++) await page.keyboard.press('ArrowRight');
  }

  async function waitForStatus(page: Page, text: string) {
    await page.locator('.mc-status', { hasText: text }).waitFor();
  }

  it('keeps CodeMirror off the home page', async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${url}/`);
    await page.waitForLoadState('networkidle');
    expect(scripts).toEqual([]);
    await expect(
      page.getByRole('link', { name: 'Playground', exact: true }).getAttribute('href'),
    ).resolves.toBe('/playground/');
    await page.close();
  });

  it('opens on the first example, parsed by the worker', async () => {
    const page = await open();
    await expect(page.title()).resolves.toBe('Playground · Minimal Containers');
    await expect(
      page.getByRole('link', { name: 'Playground', exact: true }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expect(status(page)).resolves.toBe('Parsed: 1 stage, 6 instructions');
    await expect(fileTabs(page).allTextContents()).resolves.toEqual([
      'Dockerfile',
      'requirements.txt',
      'src/example.py',
    ]);
    // Then the build: the image, its size, whether it starts, and the findings in the problem list.
    await page.locator('.mc-build-verdict[data-build]').waitFor();
    await expect(buildVerdict(page)).resolves.toMatch(/^python:3\.9 · 1\.\d\d GB · (starts|does not start)$/);
    await expect(problemCodes(page)).resolves.toEqual(expect.arrayContaining(['surface/shell']));
    const from = page
      .locator('.cm-line')
      .first()
      .locator('span', { hasText: /^FROM$/ })
      .first();
    await expect(from.textContent()).resolves.toBe('FROM');
    // Highlighted as an instruction, in the theme's keyword colour.
    await expect(from.evaluate((span) => getComputedStyle(span).color)).resolves.toBe('rgb(207, 34, 46)');
    await page.close();
  });

  it('picks an example, and shows a typo as a listed problem and a squiggle until its quick fix', async () => {
    const page = await open();
    await loadExample(page, 'Go: two stages, scratch runtime');
    await expect(fileTabs(page).allTextContents()).resolves.toEqual(['Dockerfile', 'main.go', 'go.mod']);
    await waitForStatus(page, 'Parsed: 2 stages, 12 instructions');

    await cursorAfter(page, '\nRUN');
    await page.keyboard.type('N');
    await waitForStatus(page, 'Error on line 2: unknown instruction: RUNN (did you mean RUN?)');
    await expect(problems(page)).resolves.toEqual(['unknown instruction: RUNN (did you mean RUN?)']);
    await expect(page.locator('.mc-problem-severity').textContent()).resolves.toBe('Error');
    await expect(page.locator('.cm-lintRange-error').textContent()).resolves.toBe('RUNN');

    await page.getByRole('button', { name: 'Quick fix: Replace with RUN' }).click();
    await waitForStatus(page, 'Parsed: 2 stages, 12 instructions');
    await expect(problems(page)).resolves.not.toContain('unknown instruction: RUNN (did you mean RUN?)');
    await expect(page.locator('.cm-lintRange-error', { hasText: 'RUNN' }).count()).resolves.toBe(0);
    await expect(editorText(page)).resolves.toContain('\nRUN groupadd');
    await page.close();
  });

  it('explains a problem on hover and fixes it from there', async () => {
    const page = await open();
    // The brief's first example has no flags, so write one with a typo.
    await cursorAfter(page, 'COPY ');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('--frm=x a b');
    await waitForStatus(page, 'unknown flag: --frm');
    await page.locator('.cm-lintRange-error').hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain('unknown flag: --frm (did you mean from?)');
    await expect(tooltip.locator('.cm-diagnosticSource').textContent()).resolves.toBe('parse/unknown-flag');
    await tooltip.getByRole('button', { name: 'Replace with from' }).click();
    await waitForStatus(page, 'Parsed');
    await expect(editorText(page)).resolves.toContain('COPY --from=x a b');
    await page.close();
  });

  it('jumps to a problem from the list, from another file too', async () => {
    const page = await open();
    await cursorAfter(page, 'WORKDIR');
    await page.keyboard.type('X');
    await waitForStatus(page, 'Error on line 3');
    await page.getByRole('tab', { name: 'src/example.py' }).click();
    await expect(editorText(page)).resolves.toContain('from flask import Flask');
    await page.locator('.mc-problem-jump').click();
    await expect(selectedTab(page)).resolves.toBe('Dockerfile');
    const selection = await page.evaluate(() => ({
      text: document.getSelection()?.toString(),
      inEditor: document.activeElement?.classList.contains('cm-content'),
    }));
    expect(selection).toEqual({ text: 'WORKDIRX', inEditor: true });
    await page.close();
  });

  it('adds, validates, renames and deletes context files, and cannot delete the Dockerfile', async () => {
    const page = await open();
    // Rename and Delete stay focusable for the Dockerfile, and say why they do nothing.
    await page.getByRole('button', { name: 'Rename' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.mc-notice').textContent()).resolves.toContain(
      'Dockerfile is the file the build reads',
    );

    await page.getByRole('button', { name: 'New file' }).click();
    const name = page.getByLabel('New file name');
    await name.fill('../secret');
    await name.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('cannot reach outside itself');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await name.fill('requirements.txt');
    await name.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'There is already a file called requirements.txt.',
    );
    await name.fill('config/app.toml');
    await name.press('Enter');
    await expect(selectedTab(page)).resolves.toBe('config/app.toml');
    await page.keyboard.type('port = 8080');
    await expect(editorText(page)).resolves.toBe('port = 8080');

    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByLabel('New name for config/app.toml');
    await expect(rename.inputValue()).resolves.toBe('config/app.toml');
    await rename.fill('config/settings.toml');
    await rename.press('Enter');
    await expect(selectedTab(page)).resolves.toBe('config/settings.toml');
    await expect(editorText(page)).resolves.toBe('port = 8080');

    await page.getByRole('tab', { name: 'requirements.txt' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('group', { name: 'Delete requirements.txt?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(fileTabs(page).allTextContents()).resolves.toEqual([
      'Dockerfile',
      'src/example.py',
      'config/settings.toml',
    ]);
    await expect(selectedTab(page)).resolves.toBe('src/example.py');
    await page.close();
  });

  it('keeps the files across a reload', async () => {
    const page = await open();
    await cursorAfter(page, 'FROM python:3.9');
    await page.keyboard.type('-slim');
    await page.getByRole('button', { name: 'New file' }).click();
    await page.getByLabel('New file name').fill('.dockerignore');
    await page.getByLabel('New file name').press('Enter');
    await page.keyboard.type('*.pyc');
    await page.reload();
    await ready(page);
    await expect(fileTabs(page).allTextContents()).resolves.toContain('.dockerignore');
    await expect(selectedTab(page)).resolves.toBe('.dockerignore');
    await expect(editorText(page)).resolves.toBe('*.pyc');
    await page.getByRole('tab', { name: 'Dockerfile' }).click();
    await expect(editorText(page)).resolves.toContain('FROM python:3.9-slim');
    await page.close();
  });

  it('undoes loading an example over edits, and names the example on show after a reload', async () => {
    const page = await open();
    await cursorAfter(page, 'FROM python:3.9');
    await page.keyboard.type('-slim');
    await loadExample(page, 'Go: two stages, scratch runtime');
    await expect(editorText(page)).resolves.toContain('FROM scratch');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(page)).toContain('FROM python:3.9-slim');
    await expect(page.locator('.mc-notice').textContent()).resolves.toBe('Your files are back.');

    await loadExample(page, 'Go: two stages, scratch runtime');
    await page.reload();
    await ready(page);
    await expect(editorText(page)).resolves.toContain('FROM scratch');
    await expect(
      page
        .getByLabel('Example')
        .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.label),
    ).resolves.toBe('Go: two stages, scratch runtime');
    await page.close();
  });

  it('exports the files as a zip and imports them back, refusing a hostile archive', async () => {
    const page = await open();
    await loadExample(page, 'Go: two stages, scratch runtime');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export .zip' }).click();
    const zip = await (await download).path();
    const names = Object.keys(unzipSync(readFileSync(zip))).sort();
    expect(names).toEqual(['Dockerfile', 'go.mod', 'main.go']);
    expect(strFromU8(unzipSync(readFileSync(zip)).Dockerfile as Uint8Array)).toContain('FROM scratch');

    const input = page.locator('.mc-import-zip input');
    await input.setInputFiles({
      name: 'evil.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ Dockerfile: strToU8('FROM scratch'), '../../etc/passwd': strToU8('x') })),
    });
    await page.locator('.mc-notice', { hasText: 'Could not import evil.zip' }).waitFor();
    await expect(fileTabs(page).allTextContents()).resolves.toEqual(['Dockerfile', 'main.go', 'go.mod']);

    await loadExample(page, 'Python: one stage on python:3.9');
    await input.setInputFiles(zip);
    await page.locator('.mc-notice', { hasText: 'Imported 3 files' }).waitFor();
    await expect(fileTabs(page).allTextContents()).resolves.toEqual(['Dockerfile', 'main.go', 'go.mod']);
    await page.close();
  });

  it('shares the files in a link that opens them elsewhere', async () => {
    const page = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await loadExample(page, 'Go: one stage on golang:1');
    await cursorAfter(page, 'EXPOSE 8080');
    await page.keyboard.type('\nUSER nobody');
    await waitForStatus(page, '7 instructions');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.mc-notice', { hasText: 'Link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/playground\/#s=[A-Za-z0-9_-]+$/);
    await page.close();

    const other = await open({ path: new URL(link).pathname + new URL(link).hash });
    await other.locator('.mc-notice', { hasText: 'Opened the files from the shared link.' }).waitFor();
    await expect(editorText(other)).resolves.toContain('EXPOSE 8080\nUSER nobody');
    await expect(fileTabs(other).allTextContents()).resolves.toEqual(['Dockerfile', 'main.go', 'go.mod']);
    await expect(status(other)).resolves.toBe('Parsed: 1 stage, 7 instructions');
    // The link has been read: the address is clean, and edits from here on survive a reload.
    await expect(other.evaluate(() => location.hash)).resolves.toBe('');
    await other.close();
  });

  it('shows a read-only file as such and keeps it unchanged', async () => {
    const hash = await encodeState({
      files: [
        { path: 'Dockerfile', content: 'FROM golang:1\n' },
        { path: 'main.go', content: 'package main\n', readOnly: true },
      ],
      active: 'main.go',
    });
    const page = await open({ path: `/playground/#s=${hash}` });
    await expect(selectedTab(page)).resolves.toBe('main.go (read-only)');
    await expect(page.locator('.cm-content').getAttribute('aria-readonly')).resolves.toBe('true');
    await expect(page.locator('.mc-read-only').textContent()).resolves.toBe(
      'main.go is read-only in this exercise. ',
    );
    await page.locator('.cm-content').click();
    await page.keyboard.type('// changed');
    await expect(editorText(page)).resolves.toBe('package main\n');
    await page.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.mc-notice').textContent()).resolves.toBe(
      'main.go is read-only in this exercise: it cannot be renamed or deleted.',
    );
    await page.close();
  });

  it('answers a shared link whose ARGs double to 400 MB at once, and builds the fix typed after it', async () => {
    const lines = ['FROM alpine:3.22', 'ARG A0=xxxxxxxxxxxxxxxxxxxxxxxx'];
    for (let i = 1; i <= 24; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    lines.push('RUN echo $A24');
    const hash = await encodeState({
      files: [{ path: 'Dockerfile', content: `${lines.join('\n')}\n` }],
      active: 'Dockerfile',
    });
    const page = await open({ path: `/playground/#s=${hash}` });
    const verdict = page.locator('.mc-build-verdict[data-build]');
    await page.waitForFunction(
      () => document.querySelector('.mc-build-verdict[data-build]')?.textContent?.includes('128 KiB'),
      undefined,
      { timeout: 15_000 },
    );
    await expect(verdict.textContent()).resolves.toMatch(
      /^Build failed on line 15: .*expands to more than 128 KiB/,
    );
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('FROM alpine:3.22\nARG A0=small\nRUN echo $A0\n');
    await page.waitForFunction(
      () => document.querySelector('.mc-build-verdict[data-build]')?.textContent?.startsWith('alpine:3.22'),
      undefined,
      { timeout: 15_000 },
    );
    await expect(verdict.textContent()).resolves.toMatch(/^alpine:3\.22 · .* · /);
    await page.close();
  });

  it('follows the theme switch without reloading the editor', async () => {
    const page = await open();
    const background = () =>
      page.locator('.cm-editor').evaluate((editor) => getComputedStyle(editor).backgroundColor);
    await expect(background()).resolves.toBe('rgb(255, 255, 255)');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(background()).resolves.toBe('rgb(24, 28, 27)');
    await expect(page.locator('.cm-editor').evaluate((editor) => editor.className)).resolves.toMatch(/ͼ\w+/);
    await page.close();
  });

  it('opens the default example with a clear message when a link is damaged', async () => {
    const page = await open({ path: '/playground/#s=not-a-real-state' });
    const notice = page.locator('.mc-notice-error');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(
      /^This link could not be opened: .+ Showing the example/,
    );
    await expect(status(page)).resolves.toBe('Parsed: 1 stage, 6 instructions');
    // The bad link is dropped from the address, so a reload opens the learner's own files again.
    await expect(page.evaluate(() => location.hash)).resolves.toBe('');
    await page.close();
  });

  it('works from the keyboard: skip link, tabs with arrow keys, and out of the editor with Escape, Tab', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
      'Skip to content',
    );
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName);
    for (let i = 0; i < 20 && (await focused()) !== 'tab'; i++) await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Dockerfile');
    await page.keyboard.press('ArrowRight');
    await expect(selectedTab(page)).resolves.toBe('requirements.txt');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('requirements.txt');
    await expect(editorText(page)).resolves.toContain('flask');
    await page.keyboard.press('End');
    await expect(selectedTab(page)).resolves.toBe('src/example.py');
    await page.keyboard.press('ArrowRight');
    await expect(selectedTab(page)).resolves.toBe('Dockerfile');
    await page.keyboard.press('ArrowLeft');
    await expect(selectedTab(page)).resolves.toBe('src/example.py');
    await page.keyboard.press('Home');
    await expect(selectedTab(page)).resolves.toBe('Dockerfile');
    // Only the selected tab is in the Tab order (roving tabindex).
    await expect(
      page.getByRole('tablist', { name: 'Build context files' }).locator('[role=tab][tabindex="0"]').count(),
    ).resolves.toBe(1);

    await page.locator('.cm-content').focus();
    await page.keyboard.press('Tab');
    await expect(editorText(page)).resolves.toMatch(/^ {2}FROM/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).resolves.toBe(
      false,
    );
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations in the ${theme} theme`, async () => {
      const page = await open({ theme });
      await cursorAfter(page, '\nRUN');
      await page.keyboard.type('N');
      await waitForStatus(page, 'Error on line');
      await page.getByRole('button', { name: 'New file' }).click();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('takes screenshots at laptop and phone sizes in both themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await open({ theme, width, height });
        await loadExample(page, 'Python: two stages, Alpine runtime');
        await cursorAfter(page, '\nRUN');
        await page.keyboard.type('N');
        await waitForStatus(page, 'Error on line');
        const name = (view: string) =>
          join(SCREENSHOTS, `playground-${width}x${height}-${theme}-${view}.png`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: name('top') });
        await page.screenshot({ path: name('full'), fullPage: true });
        await page.locator('.cm-lintRange-error').hover();
        await page.locator('.cm-tooltip-lint').waitFor();
        await page.screenshot({ path: name('hover') });
        // Nothing may stick out sideways on a phone.
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          width,
        );
        await page.close();
      }
    }
  });
});
