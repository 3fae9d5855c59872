/**
 * Embeds in a real browser. A host page on another origin (a second local server, at `localhost`
 * while the site is at its own address) embeds two widgets with the loader: both start, commands
 * reach the right one, build and complete come back, the frames take their content's height.
 * Plain iframes speak the documented postMessage API; commands from the wrong window or origin
 * are refused. Hostile URLs and messages are rendered inert or refused with a message. The
 * JavaScript budgets, the reader's work kept across reloads, the Embed dialog, axe-core in both
 * themes, and screenshots of the docs page and of widgets on a host page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readExercise } from '../../src/content/exercise-files.ts';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const RESULTS = resolve(import.meta.dirname, '../../test-results/embed');

interface Recorded {
  readonly widget: string;
  readonly type: string;
  readonly detail: Record<string, unknown>;
}

/** A page of the blog that embeds the widgets: records every widget event and every raw message of ours. */
function hostPage(site: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>A post about small images</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 760px; margin: 1.5rem auto; padding: 0 1rem; }
    minimal-containers-exercise, iframe { display: block; margin: 1rem 0; }
  </style>
</head>
<body>
  <h1>A post about small images</h1>
  <p>Try it below.</p>
  ${body}
  <script>
    window.recorded = [];
    window.messages = [];
    for (const type of ['ready', 'resize', 'build', 'goal', 'complete', 'error']) {
      document.addEventListener('mc:' + type, (event) => {
        recorded.push({ widget: event.target.id, type, detail: event.detail });
      }, true);
    }
    addEventListener('message', (event) => {
      if (event.data && event.data.protocol === 'minimal-containers') messages.push({ origin: event.origin, data: event.data });
    });
  </script>
  <script src="${site}/embed.js" async></script>
</body>
</html>`;
}

const ours = { protocol: 'minimal-containers', version: 1 };

describe.skipIf(!HAS_CHROMIUM)('embeds', () => {
  const site = inject('siteUrl');
  let browser: Browser;
  let host: Server;
  /** The host page's server on `localhost`: another site than the site's address. */
  let hostUrl: string;
  /** The same server at the site's own address and another port: another origin, the same site. */
  let sameSiteHostUrl: string;
  const pages = new Map<string, string>();
  const errors: string[] = [];
  let solution: string;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    host = createServer((request, response) => {
      const html = pages.get(new URL(request.url ?? '/', 'http://host').pathname);
      if (html === undefined) response.writeHead(404).end('not found');
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((listening) => host.listen(0, '127.0.0.1', listening));
    // Another origin, and another site: the site is served at its own address, the host at `localhost`.
    const { port } = host.address() as AddressInfo;
    hostUrl = `http://localhost:${port}`;
    sameSiteHostUrl = `http://${new URL(site).hostname}:${port}`;
    expect(new URL(hostUrl).origin).not.toBe(new URL(site).origin);
    solution = ((await readExercise('go-scratch-starts')).solution as { dockerfile: string }).dockerfile;
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((closed) => host?.close(closed));
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'weight.json'), `${JSON.stringify(figures, null, 2)}\n`);
    expect(errors).toEqual([]);
  });

  /** A page of its own, 900 pixels high unless told, or one in `context`; a dialog is an error too. */
  async function newPage(options: PageOptions & { context?: BrowserContext } = {}) {
    const page = await openPage(options.context ?? browser, errors, {
      ...options,
      height: options.height ?? 900,
      console: false,
      label: (opened) => opened.url(),
    });
    page.on('dialog', (dialog) => {
      errors.push(`a dialog opened: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    return page;
  }

  async function openHost(
    path: string,
    body: string,
    options: Parameters<typeof newPage>[0] & { sameSite?: boolean } = {},
  ) {
    pages.set(path, hostPage(site, body));
    const page = await newPage(options);
    await page.goto(`${options.sameSite ? sameSiteHostUrl : hostUrl}${path}`);
    return page;
  }

  const recorded = (page: Page) =>
    page.evaluate(() => (window as unknown as { recorded: Recorded[] }).recorded);

  async function waitForEvent(page: Page, widget: string, type: string, count = 1) {
    await page.waitForFunction(
      ([id, kind, n]) =>
        (window as unknown as { recorded: Recorded[] }).recorded.filter(
          (event) => event.widget === id && event.type === kind,
        ).length >= (n as number),
      [widget, type, count] as const,
      { timeout: 45_000 },
    );
  }

  /** The widget frame inside a host element. */
  async function frameOf(page: Page, selector: string): Promise<Frame> {
    const handle = await page.locator(`${selector} iframe, iframe${selector}`).first().elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`no frame in ${selector}`);
    return frame;
  }

  /** The frame is as tall as its content: no inner scrolling, within a pixel. */
  async function expectFitted(page: Page, selector: string) {
    // Browsers pause the rendering of a cross-origin frame out of view, and with it its size reports.
    await page.locator(selector).scrollIntoViewIfNeeded();
    await expect
      .poll(
        async () => {
          const frame = await frameOf(page, selector);
          const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
          const height = await page.locator(`${selector} iframe`).evaluate((element) => element.clientHeight);
          return Math.abs(content - height);
        },
        { timeout: 10_000 },
      )
      .toBeLessThanOrEqual(1);
  }

  it('embeds two widgets on a page of another origin: ready, setDockerfile, build, complete and auto-height', async () => {
    const page = await openHost(
      '/two-widgets',
      `<minimal-containers-exercise id="one" exercise="go-scratch-starts" panels="steps"></minimal-containers-exercise>
       <p>And one of my own:</p>
       <minimal-containers-exercise id="two" heading="Under 10 MB" summary="Make it small."
         goals='[{"kind":"builds"},{"kind":"maxSize","bytes":10000000}]'
         dockerfile="FROM golang:1&#10;CMD [&quot;go&quot;, &quot;version&quot;]&#10;"></minimal-containers-exercise>`,
    );
    await waitForEvent(page, 'one', 'ready');
    await waitForEvent(page, 'two', 'ready');
    const ready = (await recorded(page)).filter((event) => event.type === 'ready');
    expect(ready.find((event) => event.widget === 'one')?.detail).toMatchObject({
      widget: 'one',
      mode: 'exercise',
      exercise: 'go-scratch-starts',
      goals: 3,
    });
    expect(ready.find((event) => event.widget === 'two')?.detail).toMatchObject({
      widget: 'two',
      exercise: expect.stringMatching(/^custom-[0-9a-f]{8}$/),
      goals: 2,
    });

    // Both frames are the site's, told to obey this page's origin only.
    for (const id of ['one', 'two']) {
      const src = await page.locator(`#${id} iframe`).getAttribute('src');
      expect(src?.startsWith(`${site}/embed/`)).toBe(true);
      expect(new URL(src ?? '').searchParams.get('origins')).toBe(hostUrl);
    }

    await waitForEvent(page, 'one', 'build');
    await waitForEvent(page, 'two', 'build');
    const firstBuild = (await recorded(page)).find(
      (event) => event.widget === 'one' && event.type === 'build',
    );
    expect(firstBuild?.detail).toMatchObject({ built: true, starts: false, passing: 2, total: 3 });
    expect((await recorded(page)).some((event) => event.widget === 'two' && event.type === 'complete')).toBe(
      false,
    );
    await expectFitted(page, '#one');
    await expectFitted(page, '#two');
    const before = await page.locator('#one iframe').evaluate((element) => element.clientHeight);
    expect(before).toBeGreaterThan(420);

    // A command reaches its widget only.
    const twoBuilds = (await recorded(page)).filter(
      (event) => event.widget === 'two' && event.type === 'build',
    ).length;
    await page.evaluate((text) => {
      (document.getElementById('one') as HTMLElement & { setDockerfile(text: string): void }).setDockerfile(
        text,
      );
    }, solution);
    await waitForEvent(page, 'one', 'complete');
    const events = await recorded(page);
    expect(events.find((event) => event.widget === 'one' && event.type === 'complete')?.detail).toMatchObject(
      {
        passing: 3,
        total: 3,
        imageBytes: expect.any(Number),
      },
    );
    expect(
      events.some(
        (event) =>
          event.widget === 'one' && event.type === 'goal' && event.detail.index === 1 && event.detail.pass,
      ),
    ).toBe(true);
    expect(events.filter((event) => event.widget === 'two' && event.type === 'build')).toHaveLength(
      twoBuilds,
    );

    // The solved widget grew (its explanation shows), and the frame followed.
    await expectFitted(page, '#one');
    expect(await page.locator('#one iframe').evaluate((element) => element.clientHeight)).toBeGreaterThan(
      before,
    );

    await page.evaluate(() => {
      (document.getElementById('two') as HTMLElement & { setDockerfile(text: string): void }).setDockerfile(
        'FROM alpine:3.22\nCMD ["true"]\n',
      );
    });
    await waitForEvent(page, 'two', 'complete');
    expect(
      (await recorded(page)).filter((event) => event.widget === 'one' && event.type === 'complete'),
    ).toHaveLength(1);
    await expectFitted(page, '#two');

    // The loader's theme attribute becomes a setTheme command.
    await page.evaluate(() => document.getElementById('two')?.setAttribute('theme', 'dark'));
    const two = await frameOf(page, '#two');
    await expect.poll(() => two.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.close();
  });

  it('speaks the documented API with a plain iframe, and refuses what it should', async () => {
    const page = await openHost(
      '/raw',
      `<iframe id="raw" title="An exercise" width="100%" height="600" src="${site}/embed/exercise/go-under-10mb/?id=raw&theme=light"></iframe>
       <iframe id="locked" title="Another" width="100%" height="300" src="${site}/embed/exercise/go-under-10mb/?id=locked&origins=https://elsewhere.example"></iframe>
       <iframe id="sibling" title="A sibling frame" srcdoc="<p>sibling</p>" height="40"></iframe>`,
    );
    type Message = { origin: string; data: Record<string, unknown> };
    const messages = () => page.evaluate(() => (window as unknown as { messages: Message[] }).messages);
    const waitForMessage = (test: string) =>
      page.waitForFunction(
        (source) => {
          const check = new Function('m', `return ${source}`) as (m: Message) => boolean;
          return (window as unknown as { messages: Message[] }).messages.some((m) => check(m));
        },
        test,
        { timeout: 45_000 },
      );
    const post = (id: string, data: unknown) =>
      page.evaluate(
        ([frameId, message, target]) =>
          (document.getElementById(frameId as string) as HTMLIFrameElement).contentWindow?.postMessage(
            message,
            target as string,
          ),
        [id, data, site] as const,
      );

    await waitForMessage(`m.data.widget === 'raw' && m.data.type === 'ready'`);
    expect((await messages()).every((message) => message.origin === site)).toBe(true);
    const raw = await frameOf(page, '#raw');

    await post('raw', { ...ours, type: 'setTheme', theme: 'dark' });
    await expect.poll(() => raw.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    // Not ours: ignored without a word. Ours but wrong: an error event naming what was wrong.
    await post('raw', 'reset');
    await post('raw', { type: 'reset' });
    await post('raw', { ...ours, version: 2, type: 'reset' });
    await waitForMessage(`m.data.type === 'error' && m.data.code === 'unsupported-version'`);
    await post('raw', { ...ours, type: 'eval', code: 'alert(1)' });
    await waitForMessage(`m.data.type === 'error' && m.data.code === 'unknown-command'`);
    await post('raw', { ...ours, type: 'setDockerfile', dockerfile: `FROM scratch\n${'#'.repeat(70_000)}` });
    await post('raw', { ...ours, type: 'setDockerfile', dockerfile: { toString: 'FROM scratch' } });
    await page.waitForFunction(
      () =>
        (window as unknown as { messages: Message[] }).messages.filter(
          (m) => m.data.type === 'error' && m.data.code === 'invalid-command',
        ).length >= 2,
    );
    const refusals = (await messages()).filter((message) => message.data.type === 'error');
    expect(refusals.map((message) => message.data.code)).toEqual([
      'unsupported-version',
      'unknown-command',
      'invalid-command',
      'invalid-command',
    ]);

    // A command from a frame that is not the widget's parent is ignored, whatever it says.
    await page.evaluate(() => {
      const sibling = (document.getElementById('sibling') as HTMLIFrameElement).contentWindow as
        | (Window & { eval(code: string): unknown })
        | null;
      sibling?.eval(
        `parent.frames[0].postMessage({ protocol: 'minimal-containers', version: 1, type: 'setTheme', theme: 'light' }, '*')`,
      );
    });
    await page.waitForTimeout(500);
    expect(await raw.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    // A widget with an allow-list posts its events only there, and refuses this page's commands.
    expect((await messages()).some((message) => message.data.widget === 'locked')).toBe(false);
    const locked = await frameOf(page, '#locked');
    await locked.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 45_000 });
    await post('locked', { ...ours, type: 'setTheme', theme: 'dark' });
    await waitForMessage(`m.data.widget === 'locked' && m.data.code === 'origin-not-allowed'`);
    expect(await locked.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.close();
  });

  it('keeps a click-to-load embed under 10 KB of JavaScript and a started one under 120 KB', async () => {
    const measure = async (query: string, start: (page: Page) => Promise<void>) => {
      const page = await newPage();
      const scripts = new Map<string, number>();
      page.on('response', async (response) => {
        const url = response.url();
        if (response.request().resourceType() !== 'script' && !url.endsWith('.js')) return;
        const body = await response.body().catch(() => undefined);
        if (body) scripts.set(url, gzipSync(body, { level: 9 }).length);
      });
      await page.goto(`${site}/embed/exercise/go-scratch-starts/${query}`);
      await start(page);
      await page.waitForTimeout(300);
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? ''),
      );
      const inlineBytes = inline.reduce(
        (sum, text) => sum + gzipSync(Buffer.from(text), { level: 9 }).length,
        0,
      );
      const sum = (keep: (url: string) => boolean) =>
        [...scripts].filter(([url]) => keep(url)).reduce((total, [, bytes]) => total + bytes, 0);
      const worker = (url: string) => /\.worker-/.test(url);
      const editor = (url: string) => /editor-session/.test(url);
      return {
        page,
        page_js: sum((url) => !worker(url)) + inlineBytes,
        workers: sum(worker),
        editor: sum(editor),
      };
    };

    const click = await measure('?load=click', async (page) => {
      await page.getByRole('button', { name: 'Start the exercise' }).waitFor();
      await page.waitForLoadState('networkidle');
    });
    expect(await click.page.locator('.mc-exercise').count()).toBe(0);
    figures.clickToLoadKB = click.page_js / 1024;
    expect(click.page_js).toBeLessThan(10 * 1024);
    await click.page.getByRole('button', { name: 'Start the exercise' }).click();
    await click.page.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 45_000 });
    await click.page.close();

    const eager = await measure('', async (page) => {
      await page.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 45_000 });
      await page.waitForLoadState('networkidle');
    });
    figures.eagerKB = eager.page_js / 1024;
    figures.workersKB = eager.workers / 1024;
    expect(eager.editor).toBe(0);
    expect(eager.page_js).toBeLessThan(120 * 1024);
    // The editor loads when the reader first edits: then it is there, with the text, ready to type.
    await eager.page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    await eager.page.locator('.cm-content').waitFor();
    await eager.page.keyboard.type('# mine\n');
    await expect.poll(() => eager.page.locator('.cm-content').textContent()).toContain('# mine');
    const edited = await eager.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('editor-session'))
        .map((entry) => entry.name),
    );
    expect(edited).toHaveLength(1);
    await eager.page.close();
  });

  it('renders hostile text in a custom exercise inert and refuses what breaks the limits, with a message', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
    const encode = (value: unknown) =>
      deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url');
    const exercise = {
      title: `Shrink ${hostile}`,
      summary: `Read \`${hostile}\` and then ${hostile}`,
      dockerfile: `FROM alpine:3.22\n# ${hostile}\n`,
      files: [{ path: 'notes.txt', content: `</script>${hostile}` }],
      goals: [{ kind: 'builds' }],
      hints: [`javascript:alert(1) ${hostile}`],
      explanation: hostile,
    };
    const page = await newPage();
    await page.goto(`${site}/embed/custom/#e=${encode({ v: 1, exercise })}`);
    await page.locator('.mc-embed-header h1').waitFor();
    expect(await page.locator('.mc-embed-header h1').textContent()).toBe(exercise.title);
    await page.getByRole('button', { name: 'Show hint 1 of 1' }).click();
    expect(await page.locator('.mc-hints li').textContent()).toBe(exercise.hints[0]);
    await page.locator('.mc-goals li[data-status="pass"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('.mc-solution').textContent()).toContain(hostile);
    expect(await page.title()).not.toContain('pwned');
    expect(await page.locator('.mc-embed-app img, .mc-embed-app script').count()).toBe(0);

    const refused = async (fragment: string) => {
      await page.goto(`${site}/embed/custom/#${fragment}`);
      await page.reload();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      return alert.textContent();
    };
    await expect(
      refused(
        `e=${encode({ v: 1, exercise: { ...exercise, files: [{ path: '<script>alert(1)</script>', content: '' }] } })}`,
      ),
    ).resolves.toContain('files[0].path: is not allowed here');
    await expect(
      refused(`e=${encode({ v: 1, exercise: { ...exercise, dockerfile: 'RUN true\n'.repeat(10_000) } })}`),
    ).resolves.toContain('dockerfile: must be at most 65536 characters');
    await expect(refused(`e=${'A'.repeat(70_000)}`)).resolves.toContain('it is too long');
    const nested = `{"v":1,"exercise":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await expect(
      refused(`e=${deflateRawSync(Buffer.from(nested)).toString('base64url')}`),
    ).resolves.toContain('the exercise is not valid: must be an object');
    const bomb = deflateRawSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 }).toString('base64url');
    await expect(refused(`e=${bomb}`)).resolves.toContain('unpacks to more than an exercise can hold');
    await expect(refused(`e=${encodeURIComponent('<script>alert(1)</script>')}`)).resolves.toContain(
      'it is not an exercise link',
    );
    await expect(refused('')).resolves.toContain('This link holds no exercise');

    // Hostile options fall back to the defaults; a hostile file name in a playground link stays text.
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const state = encode({
      v: 1,
      files: [
        { path: 'Dockerfile', content: 'FROM alpine:3.22\n' },
        { path: '<script>alert(1)</script>', content: hostile },
      ],
    });
    await page.goto(
      `${site}/embed/playground/?theme=%3Cscript%3E&panels=%3Cimg%3E&origins=javascript:alert(1)&id=%3Cb%3E#s=${state}`,
    );
    await page.reload();
    await page.getByRole('tab', { name: /<script>alert\(1\)<\/script>/ }).waitFor();
    expect(await page.locator('.mc-embed-app script, .mc-embed-app img').count()).toBe(0);
    expect(warnings.join('\n')).toMatch(
      /unknown panel[\s\S]*unknown theme[\s\S]*not an http\(s\) origin[\s\S]*widget id/,
    );
    await page.close();
  });

  it('keeps the reader’s work in the widget’s own storage where the browser allows it, and works where it does not', async () => {
    const body =
      '<minimal-containers-exercise id="kept" exercise="go-scratch-starts"></minimal-containers-exercise>';
    const solve = async (page: Page) => {
      await waitForEvent(page, 'kept', 'ready');
      await page.evaluate((text) => {
        (
          document.getElementById('kept') as HTMLElement & { setDockerfile(text: string): void }
        ).setDockerfile(text);
      }, solution);
      await waitForEvent(page, 'kept', 'complete');
      // The work is saved a moment after the last change.
      await page.waitForTimeout(800);
      await page.reload();
      await waitForEvent(page, 'kept', 'build');
      return frameOf(page, '#kept');
    };

    // Framed by a page of the same site (another port): the widget's storage is its own, and kept.
    const context = await browser.newContext();
    const sameSite = await openHost('/progress', body, { context, sameSite: true });
    const kept = await solve(sameSite);
    await waitForEvent(sameSite, 'kept', 'complete');
    expect(await kept.locator('textarea.mc-editor-text').inputValue()).toBe(solution);
    expect(await kept.evaluate(() => Object.keys(localStorage))).toEqual(['mc:embed:v1:go-scratch-starts']);
    await context.close();

    // Framed by another site: where the browser keeps no third-party storage, it works and forgets.
    const otherContext = await browser.newContext();
    const otherSite = await openHost('/progress', body, { context: otherContext });
    const forgot = await solve(otherSite);
    const storage = await forgot.evaluate(() => {
      try {
        return localStorage.length >= 0;
      } catch {
        return false;
      }
    });
    // Browsers differ here: some give a third-party frame storage of its own for each site, some none.
    const text = await forgot.locator('textarea.mc-editor-text').inputValue();
    if (storage) expect(text).toBe(solution);
    else expect(text).not.toBe(solution);
    await otherContext.close();
  });

  it('offers both snippets, a live preview and copy buttons in the Embed dialog of a challenge and of the playground', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site });
    const page = await newPage({ context });
    // Until the button's island has hydrated it takes no clicks (a click then would be lost):
    // hold its script back, see the click refused, then let it load.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/EmbedButton\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site}/challenges/go-scratch-starts/`, { waitUntil: 'domcontentloaded' });
    const open = page.getByRole('button', { name: 'Embed' });
    await expect(open.click({ timeout: 1000 })).rejects.toThrow(/intercepts pointer events|Timeout/);
    release();
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Embed “Make the scratch image start”' });
    await dialog.waitFor();
    const loader = dialog.getByLabel('With the loader script (sized to its content, with events)');
    const iframe = dialog.getByLabel('As a plain iframe (no script on your page)');
    expect(await loader.inputValue()).toBe(
      `<script src="${site}/embed.js" async></script>\n<minimal-containers-exercise exercise="go-scratch-starts"></minimal-containers-exercise>`,
    );
    expect(await iframe.inputValue()).toContain(`src="${site}/embed/exercise/go-scratch-starts/"`);
    const preview = page.frameLocator('.mc-embed-preview-frame');
    await preview.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 45_000 });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'embed-dialog-1280x900-light.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(RESULTS, 'embed-dialog-390x844-light.png') });
    await expect(dialog.evaluate((element) => element.scrollWidth <= element.clientWidth)).resolves.toBe(
      true,
    );
    await page.setViewportSize({ width: 1280, height: 900 });

    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await dialog.getByRole('checkbox', { name: 'Terminal' }).check();
    await dialog.getByRole('checkbox', { name: 'Load when the reader clicks (lightest page)' }).check();
    expect(await loader.inputValue()).toContain(
      'exercise="go-scratch-starts" theme="dark" panels="terminal" load="click"',
    );
    expect(await iframe.inputValue()).toContain(
      '/embed/exercise/go-scratch-starts/?panels=editor,terminal&amp;theme=dark&amp;load=click',
    );
    await preview.getByRole('button', { name: 'Start the exercise' }).waitFor();

    await dialog.getByRole('button', { name: 'Copy the loader snippet' }).click();
    await dialog.getByText('Copied the loader snippet.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await loader.inputValue());

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await open.evaluate((button) => button === document.activeElement)).toBe(true);

    await page.goto(`${site}/playground/`);
    await page.locator('.mc-playground[data-ready] .cm-content').waitFor();
    await page.getByRole('button', { name: 'Embed' }).click();
    const files = page.getByRole('dialog', { name: 'Embed these files' });
    await files.waitFor();
    expect(
      await files.getByLabel('With the loader script (sized to its content, with events)').inputValue(),
    ).toMatch(
      /<minimal-containers-exercise playground state="[A-Za-z0-9_-]+"><\/minimal-containers-exercise>$/,
    );
    await page
      .frameLocator('.mc-embed-preview-frame')
      .locator('.mc-embed-playground .mc-build-verdict[data-build]')
      .waitFor({ timeout: 45_000 });
    await context.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations in an embed, the dialog and the docs page, ${theme}`, async () => {
      const page = await newPage({ theme });
      const violations: string[] = [];
      const check = async (what: string) => {
        // The widgets in frames are checked on their own pages.
        const found = await seriousAxeViolations(page, { iframes: false });
        violations.push(...found.map((violation) => `${what}: ${violation}`));
      };
      await page.goto(`${site}/embed/exercise/go-scratch-starts/?panels=steps,terminal&theme=${theme}`);
      await page.locator('.mc-goals li[data-status="fail"]').first().waitFor({ timeout: 45_000 });
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await page.locator('.mc-terminal-screen').waitFor();
      await check('embed');
      await page.goto(`${site}/embed/exercise/go-scratch-starts/?load=click&theme=${theme}`);
      await check('click-to-load embed');
      await page.goto(`${site}/challenges/go-scratch-starts/`);
      await page.getByRole('button', { name: 'Embed' }).click();
      await page.getByRole('dialog').waitFor();
      await check('dialog');
      await page.goto(`${site}/embed/`);
      await check('docs');
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('takes screenshots of the docs page and of widgets on a host page, at laptop and phone sizes in both themes', async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const name = (view: string) => join(RESULTS, `embed-${width}x${height}-${theme}-${view}.png`);
        const docs = await newPage({ theme, width, height });
        await docs.goto(`${site}/embed/`);
        await docs.screenshot({ path: name('docs-top') });
        await docs.locator('#live-examples').scrollIntoViewIfNeeded();
        await docs.locator('#demo iframe').waitFor();
        await docs.waitForTimeout(3000);
        await docs.evaluate(() => document.getElementById('live-examples')?.scrollIntoView());
        await docs.screenshot({ path: name('docs-examples') });
        await expect(docs.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          width,
        );
        await docs.close();

        const page = await openHost(
          `/shots-${width}-${theme}`,
          `<minimal-containers-exercise id="shot" exercise="go-scratch-starts" theme="${theme}" panels="steps,terminal"></minimal-containers-exercise>
           <minimal-containers-exercise id="shot-click" exercise="smallest-go-image" theme="${theme}" load="click"></minimal-containers-exercise>`,
          { theme, width, height },
        );
        await waitForEvent(page, 'shot', 'build');
        await expectFitted(page, '#shot');
        await page.locator('#shot').scrollIntoViewIfNeeded();
        await page.evaluate(() => scrollTo(0, 0));
        await page.screenshot({ path: name('host-top') });
        const frame = await frameOf(page, '#shot');
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
        await page.locator('#shot-click').scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        await page.screenshot({ path: name('host-click-to-load') });
        await page.close();
      }
    }
  });
});
