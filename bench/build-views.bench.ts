/**
 * The build views in headless Chromium (`npm run bench:views` builds first):
 *  - for each of the brief's Dockerfiles, in a fresh page, the first build in the worker (catalog
 *    fetched and decoded), then rebuilds after a keystroke from the layer cache: the worker's build
 *    and analysis times, cached steps, and keydown → new build verdict on the page;
 *  - the layer explorer on python:3.9: the image's files reaching the page, a filter that shows all
 *    of its paths, and frame times while scrolling through them.
 */

import { chromium, type Page } from 'playwright-core';
import { percentile, serveBuiltSite } from './static-site.ts';

const EDITS = Number(process.env.EDITS ?? 30);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const site = await serveBuiltSite('bench:views');
const { base } = site;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

interface Verdict {
  build: number;
  buildMs: number;
  analyzeMs: number;
  cachedSteps: number;
  roundTripMs: number;
}

async function verdictAfter(page: Page, previous: number): Promise<Verdict> {
  await page.waitForFunction(
    (before) => Number(document.querySelector('.mc-build-verdict')?.getAttribute('data-build') ?? 0) > before,
    previous,
    { timeout: 60_000 },
  );
  return page.evaluate(() => {
    const verdict = document.querySelector('.mc-build-verdict') as Element;
    const number = (name: string) => Number(verdict.getAttribute(name));
    return {
      build: number('data-build'),
      buildMs: number('data-build-ms'),
      analyzeMs: number('data-analyze-ms'),
      cachedSteps: number('data-cached-steps'),
      roundTripMs: number('data-round-trip-ms'),
    };
  });
}

/** A new page, with its own storage and worker; `stored` is put in its storage first, as if left there. */
async function openPlayground(stored?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (stored) await page.addInitScript((state) => localStorage.setItem('mc-playground', state), stored);
  await page.goto(`${base}/playground/`);
  await page.locator('.mc-playground[data-ready] .cm-content').waitFor();
  return page;
}

console.log(`Chromium ${browser.version()}, ${EDITS} keystrokes per Dockerfile`);
console.log(
  'Dockerfile                          first build: worker build  analyze  round trip' +
    ' | rebuild p50: build  analyze  keydown→verdict   p95: keydown→verdict  cached steps',
);
// Each example's files as the playground stores them, so a fresh page can open on it.
const examples = new Map<string, string>();
{
  const page = await openPlayground();
  for (const title of await page.locator('select option').allTextContents()) {
    await page.getByLabel('Example').selectOption({ label: title });
    await page.getByRole('button', { name: 'Load example' }).click();
    // The playground stores its files 300 ms after a change.
    await page.waitForTimeout(600);
    examples.set(title, (await page.evaluate(() => localStorage.getItem('mc-playground'))) ?? '');
  }
  await page.close();
}
for (const [title, stored] of examples) {
  // A fresh page and worker, opening on this example: its first build fetches and decodes the catalog.
  const fresh = await openPlayground(stored);
  const first = await verdictAfter(fresh, 0);
  // Type at the end of the Dockerfile, in a comment: every step stays cacheable.
  await fresh.locator('.cm-content').click();
  await fresh.keyboard.press('Control+End');
  await fresh.keyboard.type('\n# ');
  let last = await verdictAfter(fresh, first.build);
  await fresh.evaluate(() => {
    const state = window as unknown as { keydownAt: number; latencies: number[] };
    state.latencies = [];
    state.keydownAt = 0;
    document.addEventListener('keydown', (event) => (state.keydownAt = event.timeStamp), { capture: true });
    const verdict = document.querySelector('.mc-build-verdict') as Node;
    new MutationObserver(() => {
      if (!state.keydownAt) return;
      state.latencies.push(performance.now() - state.keydownAt);
      state.keydownAt = 0;
    }).observe(verdict, { attributes: true, attributeFilter: ['data-build'] });
  });
  const rebuilds: Verdict[] = [];
  for (let i = 0; i < EDITS; i++) {
    await fresh.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    last = await verdictAfter(fresh, last.build);
    rebuilds.push(last);
  }
  const latencies = await fresh.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
  const p50 = (pick: (verdict: Verdict) => number) => percentile(rebuilds.map(pick), 50);
  console.log(
    `${title.padEnd(36)}${ms(first.buildMs)}${ms(first.analyzeMs)}${ms(first.roundTripMs)}` +
      ` | ${ms(p50((v) => v.buildMs))}${ms(p50((v) => v.analyzeMs))}${ms(percentile(latencies, 50))}` +
      `   ${ms(percentile(latencies, 95))}   ${Math.min(...rebuilds.map((v) => v.cachedSteps))}`,
  );
  await fresh.close();
}

// The layer explorer on python:3.9: every path shown at once by a filter, then scrolled through.
const page = await openPlayground();
await verdictAfter(page, 0);
let started = Date.now();
await page.getByRole('tab', { name: 'Layers' }).click();
await page.getByRole('tree').waitFor({ timeout: 60_000 });
const openMs = Date.now() - started;
started = Date.now();
await page.getByLabel('Filter by path').fill('/');
await page.locator('.mc-explorer-matches', { hasText: /\d+ paths match/ }).waitFor();
await page.waitForFunction(
  () => (document.querySelector('.mc-tree-sizer') as HTMLElement).clientHeight > 300_000,
);
const filterMs = Date.now() - started;
await page.waitForTimeout(1000);
// The JavaScript part of each frame, from a CPU profile: what the virtual list itself costs.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const scroll = await page.evaluate(async () => {
  const tree = document.querySelector('.mc-tree') as HTMLElement;
  const rows = (document.querySelector('.mc-tree-sizer') as HTMLElement).clientHeight / 30;
  const rendered: number[] = [];
  const run = async (frames: number, position: (frame: number) => number) => {
    const times: number[] = [];
    let previous = performance.now();
    for (let frame = 0; frame < frames; frame++) {
      tree.scrollTop = position(frame);
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - previous);
      previous = now;
      rendered.push(tree.querySelectorAll('[role=treeitem]').length);
    }
    return times;
  };
  // A fast fling: 4 rows (120 px) a frame; then a jump to a far row every frame.
  const fling = await run(300, (frame) => frame * 120);
  const jumps = await run(300, (frame) => ((frame * 7919) % rows) * 30);
  return { rows, fling, jumps, rendered: Math.max(...rendered) };
});
const { profile } = await cdp.send('Profiler.stop');
const notScript = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
let scriptUs = 0;
profile.samples?.forEach((sample, index) => {
  if (!notScript.has(nodes.get(sample) ?? '')) scriptUs += profile.timeDeltas?.[index] ?? 0;
});
const frameCount = scroll.fling.length + scroll.jumps.length;
console.log(
  `\nLayer explorer on python:3.9: first open (files to the page and drawn) ${openMs} ms; ` +
    `filter "/" showing all ${scroll.rows} paths ${filterMs} ms; at most ${scroll.rendered} rows in the DOM`,
);
for (const [what, frames] of [
  ['fling, 120 px a frame ', scroll.fling],
  ['jump to a far row    ', scroll.jumps],
] as const) {
  console.log(
    `scrolling, ${what}: frame time p50 ${ms(percentile(frames, 50))}, p95 ${ms(percentile(frames, 95))}, ` +
      `max ${ms(Math.max(...frames))} (${frames.length} frames; 16.7 ms is every frame at 60 Hz)`,
  );
}
console.log(
  `JavaScript per frame while scrolling (CPU profile): ${ms(scriptUs / 1000 / frameCount)} on average`,
);

await browser.close();
site.close();
