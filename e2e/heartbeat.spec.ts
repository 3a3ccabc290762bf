import { expect, test, type Locator, type Page } from '@playwright/test';
import { choosePreset, clockSeconds, readText } from './helpers';

/**
 * The console's worker heartbeat (src/ui/lifecycle/heartbeat.ts): a simulation worker that dies
 * without an `error` event (killed) or hangs (stuck in a loop) is found, restarted with the crash
 * banner, and the scenario the console had comes back with its edits. `?testhooks&heartbeat=fast`
 * installs the hooks and short timings (silence allowed: 2 s idle, 4 s in a run to the end).
 */
const CRASHED = 'The simulation worker crashed and was restarted';

async function openWithHooks(page: Page, hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/?testhooks&heartbeat=fast${hash}`);
  await expect(page.getByTestId('scenario-name')).not.toHaveText('Loading…');
  await expect(page.locator('section.panel').first()).toBeVisible();
}

async function hook(page: Page, name: 'killWorker' | 'hangWorker' | 'failNextWorkers', arg?: number): Promise<void> {
  await page.evaluate(([n, a]) => (window as unknown as { __cumuloTest: Record<string, (x?: number) => void> }).__cumuloTest[n as string]!(a as number | undefined), [name, arg] as const);
}

async function workersStarted(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __cumuloTest: Record<string, () => number> }).__cumuloTest.workersStarted!());
}

/** Plays at `speed` until the clock has moved. */
async function playAt(page: Page, speed: string): Promise<void> {
  await page.getByTestId('speed').selectOption(speed);
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(0);
}

/** mm1 with an edit the user would not want to lose (two replicas instead of one), playing. */
async function editedMm1(page: Page): Promise<void> {
  await choosePreset(page, 'mm1', 'M/M/1 queue (ρ = 0.8)');
  await page.getByTestId('topo-service-server').click();
  const replicas = page.getByTestId('edit-replicas');
  await replicas.fill('2');
  await replicas.press('Enter');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await playAt(page, '10');
}

/** The error banner, once it says the worker crashed and was restarted (within `timeout` ms). */
async function crashBanner(page: Page, timeout: number): Promise<Locator> {
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText(CRASHED, { timeout });
  return banner;
}

/** The console works: play moves the clock, pause stops it. */
async function playsAgain(page: Page): Promise<void> {
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect.poll(() => clockSeconds(page), { timeout: 15_000 }).toBeGreaterThan(5);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
}

test('a worker killed without an error event is noticed: banner, same edited scenario, a working console', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithHooks(page);
  await editedMm1(page);

  await hook(page, 'killWorker');
  const banner = await crashBanner(page, 15_000);
  await expect(banner).toContainText('stopped answering');
  await expect(banner).toContainText('was reloaded with all its edits');
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await playsAgain(page);
  // Only one restart: the new worker is healthy.
  await page.waitForTimeout(3000);
  await expect(banner).toContainText(CRASHED);
  expect((await readText(banner)).match(/crashed and was restarted/g)?.length).toBe(1);
});

test('a worker stuck in a loop while playing is restarted; run to the end afterwards is not mistaken for a hang', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithHooks(page);
  await choosePreset(page, 'balancers-100', 'Power of two choices over 100 replicas');
  await playAt(page, '100');

  await hook(page, 'hangWorker');
  const banner = await crashBanner(page, 15_000);
  await expect(banner).toContainText('stopped answering');
  await page.getByTestId('dismiss-banner').click();
  await expect(banner).toHaveCount(0);

  // A whole simulated day to the end: the worker is busy for several times the 2 s idle allowance
  // (about 7 s of wall time on a quiet machine), but it beats from inside the run, so no banner comes.
  await choosePreset(page, 'diurnal-day', 'A diurnal day');
  const started = Date.now();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 90_000 });
  const tookMs = Date.now() - started;
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await expect(banner).toHaveCount(0);
  // Meaningful only when the run outlasts the idle allowance (2 s): it takes several seconds here.
  console.log(`run to the end took ${tookMs} ms`);
  expect(tookMs).toBeGreaterThan(2000);
});

test('a replacement worker that dies during its recovery is given up and recovered again; the edits survive', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithHooks(page);
  await editedMm1(page);
  expect(await workersStarted(page)).toBe(1);

  // The next worker dies as soon as it has answered once, while the recovery still waits on it.
  await hook(page, 'failNextWorkers', 1);
  await hook(page, 'killWorker');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('was reloaded with all its edits', { timeout: 60_000 });
  await expect(banner).toContainText(CRASHED);
  // The first replacement was given up; the second one holds the scenario.
  expect(await workersStarted(page)).toBe(3);
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await playsAgain(page);
});

test('workers that keep dying exhaust the restart budget: a clear banner, no endless restarts, the scenario back after a reload', async ({ page }) => {
  test.setTimeout(150_000);
  await openWithHooks(page);
  await editedMm1(page);
  const link = new URL(page.url()).hash;
  expect(link).not.toBe('');

  await hook(page, 'failNextWorkers', 100);
  await hook(page, 'killWorker');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('The simulation worker keeps failing; reload the page', { timeout: 90_000 });
  await expect(banner).toContainText('"M/M/1 queue (ρ = 0.8)", with all its edits, is kept in this browser');
  // The first worker and three replacements (the budget), then no more: clicking does not start one.
  expect(await workersStarted(page)).toBe(4);
  await page.getByTestId('play').click().catch(() => undefined);
  await page.waitForTimeout(1000);
  expect(await workersStarted(page)).toBe(4);
  await expect(banner).toContainText('keeps failing');

  // The autosave holds the edited scenario: a fresh page without the link offers it back.
  await page.goto('about:blank');
  await page.goto('/?testhooks&heartbeat=fast');
  await expect(page.getByTestId('restore-offer')).toBeVisible();
  await expect(page.getByTestId('restore-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  await page.getByTestId('restore-saved').click();
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('a worker that dies during start-up is restarted and the console starts fully: presets, the link, pasted links', async ({ page }) => {
  test.setTimeout(120_000);
  // Start-up with a link, and the first worker dying after its first answer.
  await page.goto('/');
  await choosePreset(page, 'mm1', 'M/M/1 queue (ρ = 0.8)');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toBeVisible();
  const hash = new URL(page.url()).hash;
  expect(hash).not.toBe('');
  await page.goto('about:blank');
  await page.goto(`/?testhooks&heartbeat=fast&failworkers=1${hash}`);
  const banner = await crashBanner(page, 60_000);
  await expect(banner).toContainText('The console started again with "M/M/1 queue (ρ = 0.8)"');
  expect(await workersStarted(page)).toBe(2);
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  // The preset list is there.
  await choosePreset(page, 'mmc', 'M/M/10 queue (ρ = 0.8)');
  // The link listener is registered: a bad pasted link is refused, the scenario kept.
  await page.evaluate(() => {
    window.location.hash = 's=c9.later';
  });
  await expect(banner).toContainText('newer');
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/10 queue (ρ = 0.8)');
  await playsAgain(page);
});

test('a worker killed in the middle of a long call is found within the busy allowance (seconds), not a long-job ceiling', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithHooks(page);
  await choosePreset(page, 'diurnal-day', 'A diurnal day');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('busy')).toBeVisible();
  // It beats from inside the run; killed, the beats stop and only the busy allowance (5 s here) is left.
  await page.waitForTimeout(500);
  await hook(page, 'killWorker');
  const killedAt = Date.now();
  const banner = await crashBanner(page, 30_000);
  const foundMs = Date.now() - killedAt;
  console.log(`a worker killed during a run to the end was found after ${foundMs} ms`);
  // If the run had already finished the worker was idle (2 s allowance): either way, seconds.
  await expect(banner).toContainText(/stopped answering( while working on a request)?: no sign of life for [2-9] s/);
  await expect(page.getByTestId('busy')).toHaveCount(0);
  await expect(page.getByTestId('scenario-name')).toHaveText('A diurnal day');
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
});
