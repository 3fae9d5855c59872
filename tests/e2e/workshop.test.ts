/**
 * A workshop in two browsers at once: the instructor creates it and opens the dashboard, a
 * participant joins on a phone, progress reaches the dashboard live (also after the participant
 * was offline), the message, countdown and follow-me reach the participant, and the pages pass
 * axe in both themes. Most progress is reported the way any page can without importing the client
 * (the `mc-workshop-progress` DOM event); one test solves a real challenge in the editor.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ProgressReport } from '../../src/components/workshop/outbox.ts';
import { HAS_CHROMIUM, launchBrowser, recordErrors, seriousAxeViolations } from './browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/workshop');
const EXERCISE = 'go-under-10mb';
const EXERCISE_TITLE = 'Ship the Go app in under 10 MB, without a shell';

function report(page: Page, detail: ProgressReport): Promise<void> {
  return page.evaluate(
    (value) => void window.dispatchEvent(new CustomEvent('mc-workshop-progress', { detail: value })),
    detail,
  );
}

function progress(passing: number, solved: boolean, imageBytes: number | null): ProgressReport {
  return {
    exerciseId: EXERCISE,
    goals: {
      passing,
      total: 4,
      results: [0, 1, 2, 3].map((goal) => ({
        pass: goal < passing,
        detail: goal < passing ? 'ok' : 'not yet',
      })),
    },
    solved,
    imageBytes,
    dockerfile: `FROM golang:1.25 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n# ${passing}\n`,
  };
}

describe.skipIf(!HAS_CHROMIUM)('workshop', () => {
  const url = inject('siteUrl');
  const errors: string[] = [];
  let browser: Browser;
  let instructor: BrowserContext;
  let participant: BrowserContext;
  let dashboard: Page;
  let phone: Page;
  let code = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    instructor = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    participant = await browser.newContext({
      viewport: { width: 390, height: 800 },
      colorScheme: 'dark',
      isMobile: true,
      hasTouch: true,
    });
    dashboard = recordErrors(await instructor.newPage(), errors, { label: 'instructor', console: false });
    phone = recordErrors(await participant.newPage(), errors, { label: 'participant', console: false });
  });

  afterAll(async () => {
    await browser?.close();
    expect(errors).toEqual([]);
  });

  it('creates a workshop and opens its dashboard from the instructor link', async () => {
    await dashboard.goto(`${url}/workshop/`);
    await dashboard.getByLabel('Title').fill('Small images, Tuesday');
    await dashboard.getByRole('button', { name: 'Create the workshop' }).click();
    await dashboard.getByRole('heading', { name: '“Small images, Tuesday” is ready' }).waitFor();
    code = ((await dashboard.locator('.mc-ws-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    const link = await dashboard.getByLabel('Private instructor link').inputValue();
    expect(link).toMatch(new RegExp(`/workshop/dashboard/\\?code=${code}#key=[\\w-]{40,}$`));

    await dashboard.goto(link);
    await dashboard.getByText('Nobody has joined yet').waitFor();
    // The key leaves the address bar (a projector shows it) and stays on this device.
    expect(new URL(dashboard.url()).hash).toBe('');
    await dashboard.reload();
    await dashboard.getByText('Nobody has joined yet').waitFor();
  });

  it("lists this browser's workshops on the workshop pages, each one click from its dashboard and presenter view", async () => {
    await dashboard.goto(`${url}/workshop/`);
    const mine = dashboard.getByRole('region', { name: 'Your workshops on this browser' });
    await mine.getByText('Small images, Tuesday', { exact: true }).waitFor();
    await mine.getByRole('link', { name: 'Dashboard of Small images, Tuesday' }).click();
    await dashboard.getByText('Nobody has joined yet').waitFor();
    expect(new URL(dashboard.url()).search).toBe(`?code=${code}`);

    // A workshop the server no longer has (deleted, or kept from another server) is said to be gone.
    await dashboard.evaluate(() => localStorage.setItem('mc-workshop-instructor:QQQQQQ', 'old-key'));
    await dashboard.goto(`${url}/workshop/dashboard/`);
    const gone = dashboard.locator('.mc-ws-mine-entry[data-code="QQQQQQ"]');
    await gone.getByText('The server no longer has this workshop').waitFor();
    await gone.getByRole('button', { name: /Forget it/ }).click();
    await expect(gone.count()).resolves.toBe(0);
    await expect(
      dashboard.evaluate(() => localStorage.getItem('mc-workshop-instructor:QQQQQQ')),
    ).resolves.toBeNull();
    await mine.getByRole('link', { name: 'Presenter view of Small images, Tuesday' }).click();
    await dashboard.waitForURL(`${url}/workshop/present/?code=${code}`);
    await dashboard.getByRole('heading', { name: 'Small images, Tuesday' }).waitFor();
    await dashboard.goto(`${url}/workshop/dashboard/?code=${code}`);
    await dashboard.getByText('Nobody has joined yet').waitFor();
  });

  it('names the characters no join code has when one is typed, and reads any case', async () => {
    await phone.goto(`${url}/workshop/join/`);
    await phone.getByLabel('Join code').fill('KM70TX');
    await phone.getByLabel('Your name').fill('Ada');
    await phone.getByRole('button', { name: 'Join the workshop' }).click();
    await phone
      .getByRole('alert')
      .getByText(/never occur\. This has 0; check the code on the screen\./)
      .waitFor();
  });

  it('lets a participant join on a phone, and the dashboard sees them arrive', async () => {
    await phone.goto(`${url}/workshop/join/?code=${code.toLowerCase()}`);
    await expect(phone.getByLabel('Join code').inputValue()).resolves.toBe(code.toLowerCase());
    await phone.getByLabel('Your name').fill('Ada <i>L</i>');
    await phone.getByLabel('Show a nickname').check();
    await phone.getByRole('textbox', { name: 'Nickname' }).fill('countess');
    await phone.getByRole('button', { name: 'Join the workshop' }).click();
    await phone.getByRole('heading', { name: /You are in/ }).waitFor();
    await phone.getByRole('complementary', { name: 'Workshop' }).getByText('Connected').waitFor();
    // Names are text, never markup.
    await dashboard.getByRole('rowheader', { name: /Ada <i>L<\/i>/ }).waitFor();
    await expect(dashboard.locator('.mc-ws-grid i').count()).resolves.toBe(0);
  });

  it('shows a solved exercise on the dashboard as it happens, with the leaderboard', async () => {
    await report(phone, progress(2, false, 912_000_000));
    const cell = dashboard.getByRole('button', {
      name: new RegExp(`Ada .*, ${EXERCISE_TITLE}: 2/4 goals\\s*912.0 MB`),
    });
    await cell.waitFor({ timeout: 5000 });
    await report(phone, progress(4, true, 2_134_000));
    await dashboard
      .getByRole('button', { name: new RegExp(`Ada .*, ${EXERCISE_TITLE}: ✓ solved\\s*2.1 MB`) })
      .waitFor({ timeout: 5000 });
    await dashboard.locator('.mc-ws-board', { hasText: EXERCISE_TITLE }).getByText('countess').waitFor();

    await dashboard.getByRole('button', { name: new RegExp(`Ada .*, ${EXERCISE_TITLE}: ✓ solved`) }).click();
    const dialog = dashboard.getByRole('dialog', { name: /Ada .* · Ship the Go app/ });
    await dialog.getByText('COPY --from=build /app /app').waitFor();
    await expect(dialog.getByText('✓ passes').count()).resolves.toBe(4);
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'dashboard-detail.png') });
    await dashboard.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('reports a challenge solved in the real editor, and keeps its solution locked by default', async () => {
    await phone.goto(`${url}/challenges/go-scratch-starts/`);
    const exercise = phone.locator('.mc-exercise');
    await exercise.locator('.mc-goals li[data-status="fail"]').waitFor({ timeout: 20_000 });
    await exercise.getByRole('button', { name: 'The solution is locked by your instructor' }).waitFor();
    await dashboard
      .getByRole('button', { name: /Ada .*, Make the scratch image start: 2\/3 goals\s*5\.8 MB/ })
      .waitFor({ timeout: 10_000 });

    // Type the fix as the participant would.
    const editor = phone.locator('.mc-exercise .cm-content');
    await editor.click();
    await phone.keyboard.press('Control+Home');
    const text = await editor.evaluate((element) =>
      [...element.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'),
    );
    const offset = text.indexOf('RUN go build') + 'RUN '.length;
    for (let i = 0; i < offset; i++) await phone.keyboard.press('ArrowRight');
    await phone.keyboard.type('CGO_ENABLED=0 ');
    await exercise.locator('.mc-feedback-solved').waitFor({ timeout: 20_000 });
    await dashboard
      .getByRole('button', { name: /Ada .*, Make the scratch image start: ✓ solved\s*5\.8 MB/ })
      .waitFor({ timeout: 10_000 });
  });

  it('keeps progress made offline and delivers it when the connection returns', async () => {
    await participant.setOffline(true);
    await report(phone, progress(3, false, 5_000_000));
    await phone.getByText(/Offline: 1 update waiting/).waitFor({ timeout: 10_000 });
    await participant.setOffline(false);
    await dashboard
      .getByRole('button', { name: new RegExp(`Ada .*, ${EXERCISE_TITLE}: 3/4 goals\\s*5.0 MB`) })
      .waitFor({ timeout: 15_000 });
    await phone.getByText('Connected').waitFor({ timeout: 15_000 });
  });

  it('sends the message and countdown to the participant, and follow-me moves them', async () => {
    await dashboard.getByLabel('Message', { exact: true }).fill('Break until 11:00 <b>sharp</b>');
    await dashboard.getByRole('button', { name: 'Send', exact: true }).click();
    await phone.getByText('Break until 11:00 <b>sharp</b>').waitFor({ timeout: 5000 });
    await dashboard.getByLabel('Minutes', { exact: true }).fill('5');
    await dashboard.getByRole('button', { name: 'Start', exact: true }).click();
    await phone
      .getByRole('timer')
      .getByText(/^4:5\d$|^5:00$/)
      .waitFor({ timeout: 5000 });

    await dashboard.getByLabel('Page').selectOption('/rules/');
    await dashboard.getByRole('button', { name: 'Send everyone there' }).click();
    await phone.waitForURL(`${url}/rules/`, { timeout: 10_000 });
    // The progress grid shows every exercise and the last activity at 1280 wide, none cut off.
    await expect(
      dashboard.locator('.mc-ws-grid-scroll').evaluate((grid) => grid.scrollWidth - grid.clientWidth),
    ).resolves.toBeLessThanOrEqual(0);
    // No control's content may stick out of its column (a long page title once pushed it sideways).
    await expect(
      dashboard.evaluate(
        () =>
          [...document.querySelectorAll('.mc-ws-control')].filter((box) => box.scrollWidth > box.clientWidth)
            .length,
      ),
    ).resolves.toBe(0);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.getByRole('complementary', { name: 'Workshop' }).getByRole('timer').waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'participant-followed.png') });
    // Once per move: wandering off is allowed until the instructor moves again.
    await phone.goto(`${url}/playground/`);
    await phone.waitForTimeout(1500);
    expect(new URL(phone.url()).pathname).toBe('/playground/');
    await phone.getByRole('link', { name: 'Rule reference' }).waitFor();
  });

  it('has no serious or critical axe violations on the dashboard and the join page', async () => {
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    expect(await seriousAxeViolations(dashboard)).toEqual([]);
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    await dashboard.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    expect(await seriousAxeViolations(dashboard)).toEqual([]);
    await phone.goto(`${url}/workshop/join/`);
    await phone.getByRole('heading', { name: /You are in/ }).waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'participant-joined.png'), fullPage: true });
    expect(await seriousAxeViolations(phone)).toEqual([]);
  });

  it('keeps both of two lock changes clicked in quick succession', async () => {
    const hints = dashboard.getByRole('checkbox', { name: new RegExp(`hints of ${EXERCISE_TITLE}`) });
    const solution = dashboard.getByRole('checkbox', { name: new RegExp(`solution of ${EXERCISE_TITLE}`) });
    await expect(hints.isChecked()).resolves.toBe(false);
    await expect(solution.isChecked()).resolves.toBe(true);
    // Both clicks land before either answer comes back.
    await dashboard.route('**/api/workshops/*/actions', async (route) => {
      await new Promise((done) => setTimeout(done, 300));
      await route.continue();
    });
    await hints.click();
    await solution.click();
    await expect(hints.isChecked()).resolves.toBe(true);
    await expect(solution.isChecked()).resolves.toBe(false);
    const lockOnServer = async () =>
      dashboard.evaluate(
        async ([workshop, exercise]) =>
          (await (await fetch(`/api/workshops/${workshop}`)).json()).locks[exercise as string],
        [code, EXERCISE],
      );
    await expect.poll(lockOnServer, { timeout: 5000 }).toEqual({ hints: true, solution: false });
    // Both delayed requests have reached the server: nothing is left for the route to hold.
    await dashboard.unroute('**/api/workshops/*/actions');
    await dashboard.waitForTimeout(500);
    await expect(hints.isChecked()).resolves.toBe(true);
    await expect(solution.isChecked()).resolves.toBe(false);
  });

  it('sets when a participant counts as stuck, for this workshop', async () => {
    await dashboard.getByLabel('No new goal for (minutes)').fill('3');
    await dashboard.getByLabel('or tries failing one goal').fill('8');
    await dashboard.getByRole('group', { name: 'Stuck when' }).getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        () =>
          dashboard.evaluate(
            async (workshop) => (await (await fetch(`/api/workshops/${workshop}`)).json()).stuck,
            code,
          ),
        { timeout: 5000 },
      )
      .toEqual({ quietMinutes: 3, sameGoalTries: 8 });
  });

  it('ends the workshop: read-only for participants', async () => {
    await dashboard.getByRole('button', { name: 'End the workshop…' }).click();
    await dashboard.getByRole('button', { name: 'End the workshop', exact: true }).click();
    await dashboard.getByText('Ended: read-only').waitFor();
    await phone
      .getByText('The workshop has ended; your work stays in this browser.')
      .waitFor({ timeout: 5000 });
  });

  it('says plainly that workshops need the server where the site is static', async () => {
    const page = await browser.newPage();
    await page.route('**/api/workshops/health', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto(`${url}/workshop/`);
    await page.getByText('Workshops need the course’s server.').waitFor();
    await page.close();
  });
});
