import { expect, test, type Page } from '@playwright/test';
import { choosePreset, clockSeconds, readText } from './helpers';

/**
 * The console's worker heartbeat (src/ui/lifecycle/heartbeat.ts): a simulation worker that dies
 * without an `error` event (killed) or hangs (stuck in a loop) is found, restarted with the crash
 * banner, and the scenario the console had comes back with its edits. `?testhooks&heartbeat=fast`
 * installs the hooks and short timings (silence allowed: 2 s idle, 4 s in a run to the end).
 */
async function openWithHooks(page: Page, hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/?testhooks&heartbeat=fast${hash}`);
  await expect(page.getByTestId('scenario-name')).not.toHaveText('Loading…');
  await expect(page.locator('section.panel').first()).toBeVisible();
}

async function hook(page: Page, name: 'killWorker' | 'hangWorker'): Promise<void> {
  await page.evaluate((n) => (window as unknown as { __cumuloTest: Record<string, () => void> }).__cumuloTest[n]!(), name);
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
  await choosePreset(page, 'mm1', 'M/M/1 queue (ρ = 0.8)');
  // An edit the user would not want to lose: two replicas instead of one.
  await page.getByTestId('topo-service-server').click();
  const replicas = page.getByTestId('edit-replicas');
  await replicas.fill('2');
  await replicas.press('Enter');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(0);

  await hook(page, 'killWorker');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('The simulation worker crashed and was restarted', { timeout: 15_000 });
  await expect(banner).toContainText('stopped answering');
  await expect(banner).toContainText('was reloaded with all its edits');
  await expect(page.getByTestId('scenario-name')).toHaveText('M/M/1 queue (ρ = 0.8)');
  await expect(page.getByTestId('topo-service-server-replicas')).toHaveAttribute('data-desired', '2');
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await playsAgain(page);
  // Only one restart: the new worker is healthy.
  await page.waitForTimeout(3000);
  await expect(banner).toContainText('The simulation worker crashed and was restarted');
  expect((await readText(banner)).match(/crashed and was restarted/g)?.length).toBe(1);
});

test('a worker stuck in a loop while playing is restarted; run to the end afterwards is not mistaken for a hang', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithHooks(page);
  await choosePreset(page, 'balancers-100', 'Power of two choices over 100 replicas');
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(0);

  await hook(page, 'hangWorker');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('The simulation worker crashed and was restarted', { timeout: 15_000 });
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
