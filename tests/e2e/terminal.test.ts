/**
 * The terminal in a real browser: docker build of the playground's files, a rebuild after an edit
 * that shows CACHED, a shell in the image (which curl, exit), keys (history, Ctrl+C, Tab, Escape
 * then Tab), a lesson's "Run in the terminal" opening a shell in the lab, axe-core with the
 * terminal open in both themes, and screenshots at laptop and phone sizes.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/terminal');

describe.skipIf(!HAS_CHROMIUM)('the terminal', () => {
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

  const newPage = (options: PageOptions = {}) => openPage(browser, errors, options);

  /** The playground with its terminal open and ready for keys. */
  async function playgroundTerminal(options: PageOptions = {}) {
    const page = await newPage(options);
    await page.goto(`${url}/playground/`);
    await page.locator('.mc-playground[data-ready] .cm-content').waitFor();
    await page.locator('.mc-build-verdict[data-build]').waitFor();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = page.locator('.mc-terminal');
    await terminal.locator('.xterm-helper-textarea').waitFor({ state: 'attached' });
    await terminal.locator('.mc-terminal-screen').click();
    return { page, terminal };
  }

  const transcript = (terminal: Locator) => terminal.locator('.mc-terminal-transcript pre').textContent();

  /** Types a line and waits until the worker has answered it. */
  async function run(page: Page, terminal: Locator, line: string) {
    const before = (await transcript(terminal))?.length ?? 0;
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([selector, length]) => {
        const box = document.querySelector(selector as string);
        const log = box?.querySelector('.mc-terminal-transcript pre')?.textContent ?? '';
        return box?.getAttribute('aria-busy') === 'false' && log.length > (length as number);
      },
      ['.mc-terminal', before] as const,
    );
    return (await transcript(terminal)) ?? '';
  }

  /** What the terminal shows on screen (xterm's rows), for the prompt and echoed keys. */
  const screen = async (terminal: Locator) =>
    (await terminal.locator('.xterm-rows > div').allTextContents()).join('\n').replace(/\u00a0/g, ' ');

  it('builds, rebuilds from the cache after an edit, and opens a shell in the image', async () => {
    const { page, terminal } = await playgroundTerminal();
    const first = await run(page, terminal, 'docker build -t app .');
    expect(first).toContain('[4/5] RUN pip install -r requirements.txt');
    expect(first).toContain('naming to docker.io/library/app done');
    expect(first).not.toContain('CACHED');

    // Edit the Dockerfile's last line in the editor, then build again: the steps before it are cached.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.insertText('CMD ["python", "example.py"]');
    await page.locator('.mc-terminal-screen').click();
    const second = (await run(page, terminal, 'docker build -t app .')).slice(first.length);
    expect(second.match(/#\d+ CACHED/g)).toHaveLength(4);
    expect(second).toMatch(/\[5\/5\] COPY src\/ \.\n#\d+ CACHED/);
    expect(await run(page, terminal, 'docker history app')).toContain('CMD ["python", "example.py"]');

    await run(page, terminal, 'docker run --rm -it app sh');
    await expect(terminal.locator('.mc-terminal-place').textContent()).resolves.toContain(
      'Inside a container of app',
    );
    expect(await run(page, terminal, 'which curl')).toMatch(/# which curl\n\/usr\/bin\/curl$/);
    const curl = await run(page, terminal, 'curl https://example.com');
    expect(curl).toContain('/usr/bin/curl is in the image, but the simulator does not run programs');
    // Tab completes the image's commands and paths; the second Tab lists an ambiguous word's, once.
    await page.keyboard.type('l');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => screen(terminal)).toMatch(/\blsblk\b[\s\S]*\n# l\s*$/);
    expect((await screen(terminal)).match(/\blsblk\b/g)).toHaveLength(1);
    await page.keyboard.press('Control+u');
    await page.keyboard.type('cd /usr/loc');
    await page.keyboard.press('Tab');
    await expect.poll(() => screen(terminal)).toMatch(/# cd \/usr\/local\/\s*$/);
    await page.keyboard.press('Control+u');
    await run(page, terminal, 'exit');
    await expect(terminal.locator('.mc-terminal-place').textContent()).resolves.toContain('Host shell');
    // The host's history is its own: ↑ recalls the host's last line, not the container's exit.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => screen(terminal)).toMatch(/\$ docker run --rm -it app sh\s*$/);
    await page.close();
  });

  it('recalls history, completes with Tab, cancels with Ctrl+C, and lets the focus out with Escape then Tab or Shift+Tab', async () => {
    const { page, terminal } = await playgroundTerminal();
    await run(page, terminal, 'docker images');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => screen(terminal)).toMatch(/\$ docker images\s*$/);
    await page.keyboard.press('Control+c');
    await expect.poll(() => screen(terminal)).toMatch(/\$ docker images\^C\s*\n\$\s*$/);
    await page.keyboard.type('docker hi');
    await page.keyboard.press('Tab');
    await expect.poll(() => screen(terminal)).toMatch(/\$ docker history\s*$/);
    await page.keyboard.press('Control+u');
    // The theme toggle recolours the terminal at once.
    const foreground = () =>
      terminal.locator('.xterm-rows').evaluate((element) => getComputedStyle(element).color);
    const light = await foreground();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(foreground).not.toBe(light);
    await page.locator('.mc-terminal-host').click();
    const inTerminal = () =>
      page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(inTerminal).toBe(false);
    // Escape then Shift+Tab leaves backwards: the Shift pressed on its own keeps the Escape.
    await page.locator('.mc-terminal-host').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(inTerminal).toBe(false);
    await page.close();
  });

  it('runs a lesson’s command in the lab’s terminal, with the lesson’s image built, even when clicked before the lab loads', async () => {
    const page = await newPage();
    // Hold the lab's loader back until after the click: a reader on a busy phone can click first.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/LabLoader\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${url}/lessons/python-single-stage/`, { waitUntil: 'domcontentloaded' });
    const button = page.getByRole('button', { name: 'Run in the terminal' }).first();
    await button.click();
    await expect(button.getAttribute('data-lab-pending')).resolves.toBe('');
    await expect(page.locator('.mc-lab-dialog[open]').count()).resolves.toBe(0);
    release();
    const terminal = page.locator('.mc-lab .mc-terminal');
    await terminal.waitFor();
    await expect.poll(() => screen(terminal), { timeout: 30_000 }).toMatch(/root@[0-9a-f]{12}:\/app#/);
    await expect(terminal.locator('.mc-terminal-place').textContent()).resolves.toContain(
      'Inside a container of python-single',
    );
    // The answer is on screen: the lab scrolled its terminal into view, below the editor.
    await expect
      .poll(() =>
        terminal.locator('.mc-terminal-host').evaluate((host) => {
          const box = host.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await expect(screen(terminal)).resolves.toMatch(
      /\$ docker run --rm -it python-single bash\s*\nroot@[0-9a-f]{12}:\/app#/,
    );
    const answer = await run(page, terminal, 'which gcc curl pip apt-get');
    expect(answer).toMatch(
      /# which gcc curl pip apt-get\n\/usr\/bin\/gcc\n\/usr\/bin\/curl\n\/usr\/local\/bin\/pip\n\/usr\/bin\/apt-get$/,
    );
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations with the terminal open in the ${theme} theme`, async () => {
      const { page, terminal } = await playgroundTerminal({ theme });
      await run(page, terminal, 'docker build -t app .');
      await run(page, terminal, 'docker run --rm -it app sh');
      await run(page, terminal, 'nope');
      await terminal.locator('.mc-terminal-transcript summary').click();
      await page.getByRole('button', { name: 'Screen reader mode' }).click();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('takes screenshots of the terminal at laptop and phone sizes in both themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const { page, terminal } = await playgroundTerminal({ theme, width, height });
        const name = (part: string) => join(SCREENSHOTS, `${part}-${width}x${height}-${theme}.png`);
        await run(page, terminal, 'docker build -t app .');
        await terminal.scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('build') });
        await run(page, terminal, 'docker run --rm -it app sh');
        await run(page, terminal, 'which curl');
        await run(page, terminal, 'curl https://example.com');
        await run(page, terminal, 'ls -la');
        await terminal.scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('shell') });
        // Nothing may stick out sideways on a phone.
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          width,
        );
        await page.close();
      }
    }
  });
});
