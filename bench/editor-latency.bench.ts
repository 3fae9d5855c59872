/**
 * Edit-to-diagnostics latency of the playground in headless Chromium (`npm run bench:editor` builds
 * first): for each of the brief's Dockerfiles, type a typo and take it back, many times, and time
 * each keystroke from its keydown event to the page showing the worker's new verdict. Also reports
 * the worker round trip the page measured (post to answer). Issue 7's goal: under 50 ms at p95.
 */

import { chromium } from 'playwright-core';
import { percentile, serveBuiltSite } from './static-site.ts';

const EDITS = Number(process.env.EDITS ?? 200);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const site = await serveBuiltSite('bench:editor');
const { base } = site;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${base}/playground/`);
await page.locator('.mc-playground[data-ready] .cm-content').waitFor();

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

console.log(`${EDITS} edits per Dockerfile, Chromium ${browser.version()}`);
console.log(
  'Dockerfile                            edit → verdict p50      p95      max   worker round trip p50      p95',
);
for (const title of await page.locator('select option').allTextContents()) {
  await page.getByLabel('Example').selectOption({ label: title });
  await page.getByRole('button', { name: 'Load example' }).click();
  await page.locator('.mc-status[data-round-trip-ms]').waitFor();
  // The cursor goes after the first FROM: typing M there makes an error (FROMM), Backspace takes it back,
  // so every keystroke changes the verdict.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.evaluate(() => {
    const status = document.querySelector('.mc-status');
    const state = window as unknown as { keydownAt: number; latencies: number[]; roundTrips: number[] };
    state.latencies = [];
    state.roundTrips = [];
    state.keydownAt = 0;
    document.addEventListener('keydown', (event) => (state.keydownAt = event.timeStamp), { capture: true });
    new MutationObserver(() => {
      if (!state.keydownAt) return;
      state.latencies.push(performance.now() - state.keydownAt);
      state.roundTrips.push(Number(status?.getAttribute('data-round-trip-ms')));
      state.keydownAt = 0;
    }).observe(status as Node, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  for (let i = 0; i < EDITS; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'M' : 'Backspace');
    await page.waitForFunction(
      (count) => (window as unknown as { latencies: number[] }).latencies.length >= count,
      i + 1,
    );
  }
  const { latencies, roundTrips } = await page.evaluate(() => {
    const state = window as unknown as { latencies: number[]; roundTrips: number[] };
    return { latencies: state.latencies, roundTrips: state.roundTrips };
  });
  console.log(
    `${title.padEnd(38)}${ms(percentile(latencies, 50))}${ms(percentile(latencies, 95))}${ms(Math.max(...latencies))}` +
      `           ${ms(percentile(roundTrips, 50))}${ms(percentile(roundTrips, 95))}`,
  );
}

await browser.close();
site.close();
