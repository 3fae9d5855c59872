/**
 * The views of the build in a real browser: the build's verdict, stepping through the steps with
 * the line marked in the editor, the layer cache on a rebuild, the layer explorer (find /bin/sh in
 * python:3.9-alpine, filter, aggregated and layer-only, keyboard), the comparison of two examples,
 * axe-core with every view open in both themes, and screenshots of each view at both sizes.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/build-views');

describe.skipIf(!HAS_CHROMIUM)('views of the build', () => {
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

  async function open(options: PageOptions = {}) {
    const page = await openPage(browser, errors, options);
    await page.goto(`${url}/playground/`);
    await page.locator('.mc-playground[data-ready] .cm-content').waitFor();
    await built(page);
    return page;
  }

  /** Waits for the verdict of a build newer than `after`, and returns its id. */
  async function built(page: Page, after = 0): Promise<number> {
    await page.waitForFunction((previous) => {
      const verdict = document.querySelector('.mc-build-verdict[data-build]');
      return verdict && Number(verdict.getAttribute('data-build')) > previous;
    }, after);
    return Number(await page.locator('.mc-build-verdict').getAttribute('data-build'));
  }

  const verdict = (page: Page) => page.locator('.mc-build-verdict').textContent();
  const view = (page: Page, name: string) => page.getByRole('tab', { name }).click();

  async function loadExample(page: Page, title: string) {
    const before = Number(await page.locator('.mc-build-verdict').getAttribute('data-build'));
    await page.getByLabel('Example').selectOption({ label: title });
    await page.getByRole('button', { name: 'Load example' }).click();
    await built(page, before);
  }

  /** Replaces the Dockerfile's text, as a learner would with select-all and typing. */
  async function writeDockerfile(page: Page, text: string) {
    const before = Number(await page.locator('.mc-build-verdict').getAttribute('data-build'));
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(text);
    await built(page, before);
  }

  /** What a screen reader hears for a row of the tree. */
  const spoken = (row: Locator) => row.locator('.visually-hidden').textContent();
  const activeRow = (page: Page) =>
    page
      .getByRole('tree')
      .evaluate(
        (tree) =>
          document
            .getElementById(tree.getAttribute('aria-activedescendant') ?? '')
            ?.querySelector('.visually-hidden')?.textContent,
      );

  async function filterTree(page: Page, query: string) {
    await page.getByLabel('Filter by path').fill(query);
  }

  it('builds the first example in the worker and says what the image is, its size and whether it starts', async () => {
    const page = await open();
    await expect(verdict(page)).resolves.toMatch(/^python:3\.9 · 1\.\d\d GB · (starts|does not start)$/);
    await expect(page.locator('.mc-run-verdict').textContent()).resolves.toMatch(
      /^(Starts|Does not start): python \.\/example\.py as root$/,
    );
    await page.close();
  });

  it('builds the brief’s multi-stage Python example: what crossed from the builder, and why it does not start', async () => {
    const page = await open();
    await loadExample(page, 'Python: two stages, Alpine runtime');
    await expect(verdict(page)).resolves.toMatch(/^python:3\.9-alpine · \d+\.\d MB · does not start$/);
    await expect(page.locator('.mc-run-error').textContent()).resolves.toContain('server.py');
    await expect(page.locator('.mc-crossed').first().textContent()).resolves.toMatch(
      /Crossed from stage builder: \d+ paths, \d+\.\d MB\./,
    );
    await page.close();
  });

  it('steps through the build like a debugger, marking each step’s line in the editor', async () => {
    const page = await open();
    const position = page.locator('.mc-steps-position');
    await expect(position.textContent()).resolves.toBe('5 steps ran. Pick one, or press Next step.');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(position.textContent()).resolves.toBe('Step 1 of 5: line 3, WORKDIR');
    await expect(page.locator('.cm-mc-step-line').textContent()).resolves.toBe('WORKDIR /app');
    await expect(
      page.locator('.mc-step[aria-current="step"] .mc-step-instruction').textContent(),
    ).resolves.toBe('WORKDIR /app');
    // The keyboard moves from step to step, and the focus follows.
    await page.locator('.mc-step[aria-current="step"] .mc-step-head').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(position.textContent()).resolves.toBe('Step 3 of 5: line 7, RUN');
    await expect(page.locator('.cm-mc-step-line').textContent()).resolves.toBe(
      'RUN pip install -r requirements.txt',
    );
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain(
      'RUN pip install',
    );
    await expect(
      page.locator('.mc-step[aria-current="step"] .mc-badge').first().textContent(),
    ).resolves.toMatch(/^(Done|Effect uncertain)$/);
    await page.keyboard.press('End');
    await expect(position.textContent()).resolves.toBe('Step 5 of 5: line 12, CMD');
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect(position.textContent()).resolves.toBe('Step 4 of 5: line 9, COPY');
    await expect(page.locator('.mc-step[aria-current="step"] .mc-step-counts').textContent()).resolves.toBe(
      'Files: 1 added',
    );
    await expect(
      page.locator('.mc-step[aria-current="step"] .mc-file-list').textContent(),
    ).resolves.toContain('/app/example.py');
    // From the step to its layer in the explorer, shown on its own.
    await page.getByRole('button', { name: 'Show this layer’s files' }).click();
    await expect(page.getByRole('tab', { name: 'Layers' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await page.getByRole('tree').waitFor();
    await expect(page.getByLabel('This layer only').isChecked()).resolves.toBe(true);
    await expect(page.locator('.mc-layer[aria-selected="true"] .mc-layer-line').textContent()).resolves.toBe(
      'line 9',
    );
    await expect(page.getByRole('treeitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^app, directory, .*modified/),
    ]);
    await page.close();
  });

  it('rebuilds from the layer cache after a keystroke, and keeps the step on show', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Last' }).click();
    const before = Number(await page.locator('.mc-build-verdict').getAttribute('data-build'));
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# x');
    const after = await built(page, before);
    expect(after).toBeGreaterThan(before);
    const cached = Number(await page.locator('.mc-build-verdict').getAttribute('data-cached-steps'));
    expect(cached).toBeGreaterThanOrEqual(4);
    await expect(page.locator('.mc-step .mc-badge-cached').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page.locator('.mc-steps-position').textContent()).resolves.toBe('Step 5 of 5: line 12, CMD');
    await page.close();
  });

  it('shows skipped stages as skipped, with why', async () => {
    const page = await open();
    await writeDockerfile(
      page,
      'FROM alpine:3.22 AS unused\nRUN echo never\n\nFROM alpine:3.22 AS tools\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=tools /hi /hi\n',
    );
    const unused = page.locator('.mc-stage[data-state="not-needed"]');
    await expect(unused.locator('.mc-stage-title').textContent()).resolves.toContain('Skipped');
    await expect(unused.locator('.mc-stage-reason').textContent()).resolves.toContain('does not need');
    await expect(unused.locator('.mc-step .mc-badge').first().textContent()).resolves.toBe('Skipped');
    const crossed = page.locator('.mc-crossed').first();
    await expect(crossed.textContent()).resolves.toContain('Crossed from stage tools');
    await expect(crossed.textContent()).resolves.toContain('/hi');
    await page.close();
  });

  it('finds /bin/sh in python:3.9-alpine’s tree, marked as a shell, and switches between the whole image and one layer', async () => {
    const page = await open();
    await writeDockerfile(
      page,
      'FROM python:3.9-alpine\nWORKDIR /app\nCOPY src/ .\nCMD ["python", "./example.py"]\n',
    );
    await expect(verdict(page)).resolves.toMatch(/^python:3\.9-alpine · \d+\.\d MB · /);
    await view(page, 'Layers');
    const tree = page.getByRole('tree');
    await tree.waitFor();
    await expect(page.locator('.mc-explorer-summary').textContent()).resolves.toMatch(
      /^python:3\.9-alpine · 6 layers/,
    );
    // Every view of sizes names the store whose sizes it shows, linking to how they are counted.
    const model = page.locator('.mc-explorer .mc-size-model a');
    await expect(model.getAttribute('href')).resolves.toBe('/knows/#sizes');
    await expect(page.locator('.mc-explorer .mc-size-model').textContent()).resolves.toMatch(
      /^Sizes: containerd image store/,
    );
    // The last layer is COPY src/ .: in the whole image, /app/example.py is marked added.
    await filterTree(page, 'example.py');
    const example = page.getByRole('treeitem', { name: /^example\.py,/ });
    await expect(spoken(example)).resolves.toMatch(/^example\.py, \d+ B, added$/);
    await expect(example.getAttribute('aria-level')).resolves.toBe('2');

    await filterTree(page, '/bin/sh');
    await expect(page.locator('.mc-explorer-matches').textContent()).resolves.toMatch(/^\d+ paths? match/);
    const sh = page.getByRole('treeitem', { name: /^sh, link to \/bin\/busybox/ });
    await expect(spoken(sh)).resolves.toBe('sh, link to /bin/busybox, 12 B, attack surface: shell');
    await expect(sh.locator('.mc-surface-badge').textContent()).resolves.toBe('shell');
    await expect(
      page
        .getByRole('treeitem', { name: /^bin, directory/ })
        .first()
        .getAttribute('aria-expanded'),
    ).resolves.toBe('true');

    // This layer only: the last layer has no /bin/sh; the first (Alpine's root filesystem) added it.
    await page.getByLabel('This layer only').check();
    await expect(page.locator('.mc-explorer-empty').last().textContent()).resolves.toBe(
      'No path contains “/bin/sh”.',
    );
    await page.getByRole('option', { name: /^1 / }).click();
    await expect(spoken(sh)).resolves.toBe('sh, link to /bin/busybox, 12 B, added, attack surface: shell');
    await expect(sh.locator('.mc-change-mark').textContent()).resolves.toBe('+');
    await page.getByLabel('Whole image at this layer').check();
    await expect(spoken(sh)).resolves.toBe('sh, link to /bin/busybox, 12 B, added, attack surface: shell');
    await page.close();
  });

  it('works the tree from the keyboard and renders only the rows in view', async () => {
    const page = await open();
    await view(page, 'Layers');
    const tree = page.getByRole('tree');
    await tree.waitFor();
    await page.getByLabel('Sort by').selectOption('size');
    await tree.focus();
    const active = () => activeRow(page);
    await expect(active()).resolves.toMatch(/^usr, directory, /);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('treeitem', { name: /^usr, directory/ }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect(active()).resolves.toMatch(/^(lib|local|share), directory, /);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('*');
    await page.keyboard.press('End');
    await expect(active()).resolves.not.toMatch(/^usr,/);
    await page.keyboard.press('Home');
    await expect(active()).resolves.toMatch(/^usr, directory, /);
    await page.keyboard.press('ArrowLeft');
    await expect(
      page.getByRole('treeitem', { name: /^usr, directory/ }).getAttribute('aria-expanded'),
    ).resolves.toBe('false');
    // Open everything under /usr (thousands of paths): only a window of rows is in the DOM.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('*');
      await page.keyboard.press('PageDown');
    }
    const rendered = await page.getByRole('treeitem').count();
    const total = await tree.locator('.mc-tree-sizer').evaluate((sizer) => sizer.clientHeight / 30);
    expect(total).toBeGreaterThan(200);
    expect(rendered).toBeLessThan(80);
    await page.close();
  });

  it('shows dive’s efficiency figures and reveals an attack-surface tool in the tree', async () => {
    const page = await open();
    await view(page, 'Layers');
    await page.getByRole('tree').waitFor();
    await expect(page.locator('.mc-figures').textContent()).resolves.toMatch(
      /Efficiency score\d+\.\d %Potential wasted space.+User wasted\d+\.\d %Reclaimable/,
    );
    await page.getByRole('button', { name: 'Show /usr/bin/curl in the tree' }).click();
    expect(await activeRow(page)).toMatch(/^curl, .*attack surface: network tool$/);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('tree');
    await page.close();
  });

  it('compares two of the brief’s examples side by side', async () => {
    const page = await open();
    await view(page, 'Compare');
    // The learner's own files come first: image A, against the course's other Python build.
    const picked = (label: string) =>
      page.getByLabel(label).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent);
    await expect(picked('Image A')).resolves.toBe('Your playground files, as they are now');
    await expect(picked('Image B')).resolves.toBe('Python: two stages, Alpine runtime');
    await page.getByLabel('Image A').selectOption({ label: 'Python: one stage on python:3.9' });
    await page.getByLabel('Image B').selectOption({ label: 'Go: one stage on golang:1' });
    // The pair before B was chosen is compared first: wait for the comparison of the pair asked for.
    const ratio = page.locator('.mc-ratio', { hasText: /^A is \d\.\d times the size of B\.$/ });
    await ratio.waitFor();
    const rows = await page.locator('.mc-compare-table tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^Layers\d+\d+$/);
    expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/^shell\d+ .+\d+ /)]));
    await expect(page.locator('.mc-bar').count()).resolves.toBe(2);
    await expect(page.locator('.mc-compare-result .mc-size-model').count()).resolves.toBe(1);
    // The playground's own files against an example.
    await page.getByLabel('Image B').selectOption({ label: 'Your playground files, as they are now' });
    await page.locator('.mc-ratio', { hasText: 'A and B are the same size.' }).waitFor();
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations with every view open in the ${theme} theme`, async () => {
      const page = await open({ theme });
      const violations: string[] = [];
      const check = async (where: string) => {
        const found = await seriousAxeViolations(page);
        violations.push(...found.map((violation) => `${where}: ${violation}`));
      };
      await page.getByRole('button', { name: 'Next step' }).click();
      await check('steps');
      await view(page, 'Layers');
      await page.getByRole('tree').waitFor();
      await filterTree(page, 'bin/s');
      await check('layers');
      await view(page, 'Compare');
      await page.locator('.mc-compare-result').waitFor();
      await check('compare');
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('takes screenshots of each view at laptop and phone sizes in both themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await open({ theme, width, height });
        const name = (part: string) => join(SCREENSHOTS, `${part}-${width}x${height}-${theme}.png`);
        await loadExample(page, 'Python: two stages, Alpine runtime');
        await page.getByRole('button', { name: 'Next step' }).click();
        await page.getByRole('button', { name: 'Next step' }).click();
        await page.locator('.mc-panels').scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('steps') });
        await page.locator('.mc-editor-panel').scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('editor-step') });
        await view(page, 'Layers');
        await page.getByRole('tree').waitFor();
        await filterTree(page, 'bin/');
        await page.locator('.mc-explorer-toolbar').scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('explorer') });
        await page.screenshot({ path: name('explorer-full'), fullPage: true });
        await view(page, 'Compare');
        await page.getByLabel('Image B').selectOption({ label: 'Go: one stage on golang:1' });
        await page.locator('.mc-ratio').waitFor();
        await page.locator('.mc-panels').scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('compare') });
        await page.screenshot({ path: name('compare-full'), fullPage: true });
        // Nothing may stick out sideways on a phone.
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          width,
        );
        await page.close();
      }
    }
  });
});
