/**
 * /inspect/ in a real browser: a real saved image (the course's Go example, saved by Docker 28)
 * picked with the file input, read in the worker with a progress bar, then its history, run
 * check, packages and layer explorer; a plain tar refused; cancelling; axe-core in both themes;
 * screenshots at laptop and phone sizes in both themes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tarOf } from '../lib/image-archive/tar-builder.ts';
import { HAS_CHROMIUM, launchBrowser, openPage, type PageOptions, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/inspect');
const FIXTURES = resolve(import.meta.dirname, '../lib/image-archive/fixtures');
const goImage = gunzipSync(readFileSync(`${FIXTURES}/go-scratch.docker.tar.gz`));
const debianImage = gunzipSync(readFileSync(`${FIXTURES}/debian-files.docker.tar.gz`));

describe.skipIf(!HAS_CHROMIUM)('inspecting a saved image', () => {
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

  async function open(options: PageOptions = {}): Promise<Page> {
    const page = await openPage(browser, errors, options);
    await page.goto(`${url}/inspect/`);
    await page.locator('.mc-inspect[data-ready]').waitFor();
    return page;
  }

  async function pick(page: Page, name: string, buffer: Buffer | Uint8Array) {
    await page
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'application/x-tar', buffer: Buffer.from(buffer) });
  }

  it('reads the Go image: history, run check, packages and the layer explorer', async () => {
    const page = await open();
    await pick(page, 'go-scratch.tar', goImage);
    await page.locator('.mc-saved').waitFor();
    expect(await page.locator('.mc-saved h2').first().textContent()).toBe('fixture/go-scratch:latest');
    const rows = page.locator('.mc-saved-history tbody tr');
    // docker history's six rows: WORKDIR, two COPYs, USER, EXPOSE, ENTRYPOINT.
    expect(await rows.count()).toBe(6);
    expect(await rows.first().textContent()).toContain('ENTRYPOINT ["./app"]');
    expect(await page.locator('.mc-run-verdict').getAttribute('data-starts')).toBe('true');
    expect(await page.locator('.mc-saved-counts').textContent()).toContain('2 Go modules');
    await page.getByRole('option', { name: /^2 / }).click();
    await page.getByLabel('This layer only').check();
    expect(await page.getByRole('tree').textContent()).toContain('usr');
    await page.close();
  });

  it('puts the Go image beside the simulator’s build of the course’s go-scratch Dockerfile', async () => {
    const page = await open();
    await pick(page, 'go-scratch.tar', goImage);
    await page.locator('.mc-saved').waitFor();
    await page.locator('.mc-beside select').selectOption({ label: 'Go: two stages, scratch runtime' });
    await page.getByRole('button', { name: 'Compare' }).click();
    const result = page.locator('.mc-beside-result');
    await result.waitFor({ timeout: 60_000 });
    const rows = result.locator('tbody tr');
    // Three layers paired on both sides, then the image's total.
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(1).textContent()).toMatch(/COPY \/usr\/src\/app\/bin\/app.*5\.5 MB.*5\.8 MB/);
    expect(await result.locator('.mc-beside-verdicts li').first().textContent()).toBe(
      'Run check: real starts, simulated starts',
    );
    expect(await result.textContent()).toContain('Files only in the real image: none.');
    await page.close();
  });

  it('reads the Debian files image: dpkg packages and a download of the SBOM', async () => {
    const page = await openPage(browser, errors, { acceptDownloads: true });
    await page.goto(`${url}/inspect/`);
    await page.locator('.mc-inspect[data-ready]').waitFor();
    await pick(page, 'debian-files.tar', debianImage);
    await page.locator('.mc-saved').waitFor();
    expect(await page.locator('.mc-saved-counts').textContent()).toContain('88 Debian packages');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CycloneDX SBOM' }).click(),
    ]);
    const bom = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as {
      components: unknown[];
    };
    expect(bom.components).toHaveLength(89);
    await page.close();
  });

  it('refuses a plain tar with a message that says how to save an image', async () => {
    const page = await open();
    await pick(page, 'sources.tar', tarOf([{ name: 'main.go', data: 'package main' }]));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('docker save -o image.tar');
    await page.close();
  });

  it('cancels a read in progress', async () => {
    const page = await open();
    // One 40 MB layer listed 20 times: 800 MB to read, far more than the click takes.
    const big = tarOf(
      Array.from({ length: 200 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(200_000) })),
    );
    const layers = Array.from({ length: 20 }, () => 'l.tar');
    const image = tarOf([
      { name: 'manifest.json', data: JSON.stringify([{ Config: 'c.json', Layers: layers }]) },
      { name: 'c.json', data: JSON.stringify({ rootfs: { diff_ids: [] }, config: {} }) },
      { name: 'l.tar', data: big },
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'inspect-')), 'big.tar');
    writeFileSync(path, image);
    await page.locator('input[type=file]').setInputFiles(path);
    await page.locator('.mc-inspect-progress').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.mc-inspect-progress').waitFor({ state: 'detached' });
    expect(await page.locator('.mc-saved').count()).toBe(0);
    await page.close();
  });

  it('has no serious accessibility violations, and takes screenshots at both sizes in both themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      for (const [width, height] of [
        [1280, 800],
        [390, 844],
      ] as const) {
        const page = await open({ theme, width, height });
        await pick(page, 'go-scratch.tar', goImage);
        await page.locator('.mc-saved').waitFor();
        await page.locator('.mc-beside select').selectOption({ label: 'Go: two stages, scratch runtime' });
        await page.getByRole('button', { name: 'Compare' }).click();
        await page.locator('.mc-beside-result').waitFor({ timeout: 60_000 });
        if (width === 1280) expect(await seriousAxeViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}/inspect-${theme}-${width}.png`, fullPage: true });
        await page.close();
      }
    }
  }, 300_000);
});
