import { expect, test, type Locator, type Page } from '@playwright/test';
import { choosePreset, openConsole, readText } from './helpers';

/** A row's raw numbers (as the worker computed them) and its shown cells. */
async function row(page: Page, key: string) {
  const r = page.getByTestId(`compare-row-${key}`);
  const num = async (attr: string) => Number(await r.getAttribute(attr));
  return {
    a: await num('data-a'),
    b: await num('data-b'),
    delta: await num('data-delta'),
    shownA: await readText(r.getByTestId('compare-a')),
    shownB: await readText(r.getByTestId('compare-b')),
    shownDelta: await readText(r.getByTestId('compare-delta')),
    shownPct: await readText(r.getByTestId('compare-pct')),
  };
}

/** "1234.5 ms" → 1234.5; "−12.0 ms ▲B" → −12. */
const msOf = (text: string): number => Number(text.replace('−', '-').replace(/[^\d.+-]/g, ''));

/** The simulated times of A and B the delta table was read at, in one read of the page. */
async function bothTimes(time: Locator): Promise<[number, number]> {
  const [a, b] = await time.evaluate((el) => [el.getAttribute('data-time-a'), el.getAttribute('data-time-b')]);
  return [Number(a), Number(b)];
}

async function openCompare(page: Page): Promise<Locator> {
  await page.getByTestId('compare-open').click();
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toBeVisible();
  return panel;
}

test('A/B compare: round robin against least connections on lb-compare, run to the end, read the deltas', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page);
  await choosePreset(page, 'lb-compare', 'Load balancers under pressure');
  await openCompare(page);
  await page.getByTestId('compare-kind').selectOption('balancer');
  await page.getByTestId('compare-service').selectOption('app');
  await page.getByTestId('compare-policy').selectOption('least-connections');
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toContainText('both runs ended', { timeout: 90_000 });
  await expect(page.getByTestId('compare-patch-shown')).toHaveText('{"services":{"app":{"loadBalancer":{"policy":"least-connections"}}}}');
  await expect(table).toContainText('seed 8');

  const p99 = await row(page, 'p99');
  expect(p99.a).toBeGreaterThan(0);
  expect(p99.b).not.toBe(p99.a);
  expect(p99.b).toBeLessThan(p99.a); // least connections cuts the tail at 90 % load
  expect(p99.delta).toBeCloseTo(p99.b - p99.a, 6);
  // The Δ column shown is B − A of the values shown (to the rounding of one decimal).
  expect(Math.abs(msOf(p99.shownDelta) - (msOf(p99.shownB) - msOf(p99.shownA)))).toBeLessThanOrEqual(0.11);
  expect(p99.shownDelta).toContain('▲B');
  expect(msOf(p99.shownPct)).toBeCloseTo(((p99.b - p99.a) / p99.a) * 100, 0);

  // Same seed, same traffic: only the balancer differs.
  const arrivals = await row(page, 'arrivals');
  expect(arrivals.a).toBe(arrivals.b);
  expect(arrivals.delta).toBe(0);
  for (const key of ['p50', 'dropped', 'availability', 'sloMet', 'sloWindowsBreached']) await expect(page.getByTestId(`compare-row-${key}`)).toBeVisible();

  // Both clocks at the end, the overlaid charts drawn with two lines each.
  await expect(page.getByTestId('compare-a-clock')).toHaveText('30:00.0');
  await expect(page.getByTestId('compare-b-clock')).toHaveText('30:00.0');
  for (const chart of ['compare-chart-rate', 'compare-chart-p99', 'compare-chart-replicas']) {
    await expect(page.getByTestId(chart).locator('path.recharts-curve')).toHaveCount(2);
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('A/B compare live: both runs progress side by side; the comparison is shareable as a link', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await choosePreset(page, 'lb-compare', 'Load balancers under pressure');
  await openCompare(page);
  await page.getByTestId('compare-policy').selectOption('power-of-two');
  await page.getByTestId('compare-speed').selectOption('100');
  await page.getByTestId('compare-play').click();
  await expect(page.getByTestId('compare-pause')).toBeVisible();
  await expect(page.getByTestId('compare-a-clock')).not.toHaveText('00:00.0');
  await expect(page.getByTestId('compare-b-clock')).not.toHaveText('00:00.0');
  await expect.poll(async () => Number(await page.getByTestId('compare-row-arrivals').getAttribute('data-a')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('compare-pause').click();
  await expect(page.getByTestId('compare-play')).toBeVisible();

  await page.getByTestId('compare-share').click();
  const url = await page.getByTestId('compare-share-url').inputValue();
  expect(url).toMatch(/#s=c1\.[\w-]+&b=c1\.[\w-]+$/);

  // The link opens the same scenario with B's patch ready in the compare panel.
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('scenario-name')).toHaveText('Load balancers under pressure');
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await expect(page.getByTestId('compare-kind')).toHaveValue('patch');
  await expect(page.getByTestId('compare-patch')).toHaveValue(/"policy": "power-of-two"/);
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-patch-shown')).toHaveText('{"services":{"app":{"loadBalancer":{"policy":"power-of-two"}}}}');
});

test("A/B compare: an invalid B is refused with the schema's message; a free edit of B's scenario works", async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await choosePreset(page, 'mm1', 'M/M/1 queue (ρ = 0.8)');
  await openCompare(page);
  await page.getByTestId('compare-kind').selectOption('patch');
  await page.getByTestId('compare-patch').fill('{"services":{"server":{"replicas":0}}}');
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-errors')).toContainText('services[0].replicas');
  await page.getByTestId('compare-patch').fill('{"services":{"nope":{}}}');
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-errors')).toContainText('services has no item with id "nope" (ids: server)');

  // Free edit: B's document starts as A's; two replicas instead of one.
  await page.getByTestId('compare-kind').selectOption('scenario');
  const editor = page.getByTestId('compare-scenario');
  await expect(editor).toHaveValue(/"replicas": 1/);
  const text = await editor.inputValue();
  await editor.fill(text.replace('"replicas": 1', '"replicas": 2'));
  await page.getByTestId('compare-speed').selectOption('max');
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-patch-shown')).toHaveText('{"services":{"server":{"replicas":2}}}');
  await page.getByTestId('compare-errors').waitFor({ state: 'detached' });
  await page.getByTestId('compare-play').click();
  await expect.poll(async () => Number(await page.getByTestId('compare-row-p50').getAttribute('data-b')), { timeout: 30_000 }).toBeGreaterThan(0);
  // At max speed the hour is soon over: both stop at the end and the table is final.
  await expect(page.getByTestId('compare-table')).toContainText('both runs ended', { timeout: 60_000 });
  await expect(page.getByTestId('compare-play')).toBeVisible();
  const mean = await row(page, 'mean');
  // Two servers halve the load: B's mean response time is far below A's.
  expect(mean.b).toBeLessThan(mean.a);
});

/** The console with the test hooks and short heartbeat timings (see e2e/heartbeat.spec.ts). */
async function openWithHooks(page: Page, hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/?testhooks&heartbeat=fast${hash}`);
  await expect(page.getByTestId('scenario-name')).not.toHaveText('Loading…');
}

const compareWorkers = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __cumuloTest: { compareWorkers: () => number } }).__cumuloTest.compareWorkers());

test('A/B compare live: the table compares A and B at the same simulated time and says which', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await choosePreset(page, 'lb-compare', 'Load balancers under pressure');
  await openCompare(page);
  await page.getByTestId('compare-policy').selectOption('least-connections');
  await page.getByTestId('compare-speed').selectOption('100');
  await page.getByTestId('compare-play').click();
  const time = page.getByTestId('compare-table-time');
  // Several live refreshes: every one has A and B at one time, past 0.
  for (let i = 0; i < 3; i++) {
    await expect.poll(async () => Number(await time.getAttribute('data-time-a')), { timeout: 20_000 }).toBeGreaterThan(i * 60);
    // Both read in one go (two separate reads could straddle a refresh of the table).
    const [a, b] = await bothTimes(time);
    expect(b).toBe(a);
    await expect(time).toContainText('A and B both at');
  }
  // Same seed, same time: the same requests have arrived on both sides.
  const arrivals = page.getByTestId('compare-row-arrivals');
  expect(await arrivals.getAttribute('data-a')).toBe(await arrivals.getAttribute('data-b'));
  await page.getByTestId('compare-pause').click();
  await expect(page.getByTestId('compare-play')).toBeVisible();
  await expect(time).toContainText('A and B both at');
  const [a, b] = await bothTimes(time);
  expect(b).toBe(a);
});

test('A/B compare follows an edited A: both restart on the edited scenario, no worker leaks; a link opens without a worker', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithHooks(page);
  await choosePreset(page, 'lb-compare', 'Load balancers under pressure');
  await openCompare(page);
  expect(await compareWorkers(page)).toBe(0);
  await page.getByTestId('compare-policy').selectOption('least-connections');
  await page.getByTestId('compare-speed').selectOption('100');
  await page.getByTestId('compare-play').click();
  await expect.poll(async () => Number(await page.getByTestId('compare-table-time').getAttribute('data-time-a')), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await compareWorkers(page)).toBe(2);

  // An edit in the console's editor while the comparison plays.
  await page.getByTestId('topo-service-app').click();
  const replicas = page.getByTestId('edit-replicas');
  const before = Number(await replicas.inputValue());
  await replicas.fill(String(before + 2));
  await replicas.press('Enter');
  await expect(page.getByTestId('compare-note')).toContainText('A is now that scenario');
  // A is the edited scenario: the panel keeps B's change, both play on, still two workers.
  await expect(page.getByTestId('compare-patch-shown')).toHaveText('{"services":{"app":{"loadBalancer":{"policy":"least-connections"}}}}');
  await expect(page.getByTestId('compare-pause')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('compare-table-time').getAttribute('data-time-a')), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await compareWorkers(page)).toBe(2);
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-table')).toContainText('both runs ended', { timeout: 90_000 });
  expect(await compareWorkers(page)).toBe(2);
  const link = (await page.evaluate(() => window.location.hash)).slice(1);
  await page.getByTestId('compare-share').click();
  const url = await page.getByTestId('compare-share-url').inputValue();

  // Closing terminates both.
  await page.getByTestId('compare-close').click();
  await expect.poll(() => compareWorkers(page)).toBe(0);

  // The shared link: A is the edited scenario, B's patch is decoded on the page, no worker started.
  const shared = new URL(url);
  expect(shared.hash.startsWith(`#${link}&b=`)).toBe(true);
  await openWithHooks(page, shared.hash);
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await expect(page.getByTestId('compare-patch')).toHaveValue(/"policy": "least-connections"/);
  expect(await compareWorkers(page)).toBe(0);
});

test('A/B compare: spot on a pool billed per host is refused with the reason; a compare worker that dies shows in the panel', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithHooks(page);
  await choosePreset(page, 'flash-crowd', 'Autoscaling a flash crowd');
  await openCompare(page);
  await page.getByTestId('compare-kind').selectOption('pricing');
  await page.getByTestId('compare-plan').selectOption('spot');
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-errors')).toContainText('spot changes nothing for web');
  await expect(page.getByTestId('compare-errors')).toContainText('cluster autoscaler resizes it');

  // A worker that dies silently: the panel's own error area says so, and both workers are gone.
  await page.getByTestId('compare-kind').selectOption('balancer');
  await page.getByTestId('compare-policy').selectOption('least-connections');
  await page.getByTestId('compare-speed').selectOption('10');
  await page.getByTestId('compare-play').click();
  await expect(page.getByTestId('compare-pause')).toBeVisible();
  await page.evaluate(() => (window as unknown as { __cumuloTest: { killCompareWorker: (s: string) => void } }).__cumuloTest.killCompareWorker('b'));
  await expect(page.getByTestId('compare-errors')).toContainText('The B worker failed: it stopped answering', { timeout: 15_000 });
  await expect.poll(() => compareWorkers(page)).toBe(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  // Load again: a fresh pair.
  await page.getByTestId('compare-load').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  expect(await compareWorkers(page)).toBe(2);
});
