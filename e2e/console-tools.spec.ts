import { readFileSync } from 'node:fs';
import { test, expect, type Download, type Page } from '@playwright/test';
import { choosePreset, clockSeconds, openConsole, playBriefly } from './helpers';
import { PRESETS } from '../src/core/index';

const FLASH = PRESETS['flash-crowd']!.scenario.name;

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  expect(path).toBeTruthy();
  return readFileSync(path!);
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return d;
}

test('charts export their data as CSV and their picture as PNG, named after the scenario and the chart', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'flash-crowd', FLASH);
  // Two simulated minutes: several metrics samples on every chart.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page), { timeout: 20_000 }).toBeGreaterThan(120);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  // Latency of the inspected service (web): the header names the series and units.
  const latency = page.getByTestId('chart-latency');
  await expect(latency.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  const csv = await downloadFrom(page, () => latency.getByTestId('chart-export-csv').click());
  expect(csv.suggestedFilename()).toBe('flash-crowd-web-latency.csv');
  const lines = (await saved(csv)).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('time (s),p95 (ms),p99 (ms)');
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(3);
  // Rows are in time order and are the chart's own points (as many as it draws).
  const times = lines.slice(1).map((l) => Number(l.split(',')[0]));
  expect(times).toEqual([...times].sort((a, b) => a - b));

  const png = await downloadFrom(page, () => latency.getByTestId('chart-export-png').click());
  expect(png.suggestedFilename()).toBe('flash-crowd-web-latency.png');
  const bytes = await saved(png);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.length).toBeGreaterThan(5_000);
  // Width and height from the IHDR chunk: twice the chart's size on screen.
  const box = (await latency.locator('.recharts-wrapper > svg.recharts-surface').boundingBox())!;
  expect(bytes.readUInt32BE(16)).toBe((Math.round(box.width) + 24) * 2);

  // The autoscaler's replicas chart: its own series and units.
  const replicas = page.getByTestId('scaling-replicas-chart');
  const rcsv = await downloadFrom(page, () => replicas.getByTestId('chart-export-csv').click());
  expect(rcsv.suggestedFilename()).toBe('flash-crowd-web-replicas.csv');
  const header = (await saved(rcsv)).toString('utf8').split('\r\n')[0];
  expect(header).toContain('time (s),arrivals (req/s)');
  expect(header).toContain('ready (replicas)');

  // Every chart on the page offers both buttons.
  const exports = page.getByTestId('chart-export');
  expect(await exports.count()).toBeGreaterThanOrEqual(5);
  expect(errors).toEqual([]);
});

test('the last scenario is offered after a reload, and a crashed worker restarts with the scenario kept', async ({ page }) => {
  test.setTimeout(60_000);
  await openConsole(page);
  // The default scenario alone is not offered.
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
  await choosePreset(page, 'flash-crowd', FLASH);

  // A reload without a link: the default loads and the last scenario is offered.
  await openConsole(page);
  await expect(page.getByTestId('restore-offer')).toBeVisible();
  await expect(page.getByTestId('restore-name')).toHaveText(FLASH);
  await page.getByTestId('restore-saved').click();
  await expect(page.getByTestId('scenario-name')).toHaveText(FLASH);
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);

  // The worker crashes (an uncaught error inside it, thrown from the test): a new worker starts,
  // the scenario is reloaded, and the banner says what happened.
  await playBriefly(page);
  expect(await clockSeconds(page)).toBeGreaterThan(0);
  expect(page.workers()).toHaveLength(1);
  await page.workers()[0]!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated worker crash');
    }, 0);
  });
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await expect(page.getByTestId('banner-title')).toHaveText('The simulation worker crashed and was restarted');
  await expect(page.getByTestId('error-banner')).toContainText('simulated worker crash');
  await expect(page.getByTestId('error-banner')).toContainText(`"${FLASH}" was reloaded`);
  await expect(page.getByTestId('scenario-name')).toHaveText(FLASH);
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect.poll(() => page.workers().length).toBe(1);
  // The new worker runs.
  await playBriefly(page);
  expect(await clockSeconds(page)).toBeGreaterThan(0);

  // Dismissing the offer keeps the default: the next reload offers nothing.
  await openConsole(page);
  await expect(page.getByTestId('restore-offer')).toBeVisible();
  await page.getByTestId('restore-dismiss').click();
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
  await openConsole(page);
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
});

test('"?" opens the keyboard shortcuts, focus stays inside, Escape closes', async ({ page }) => {
  await openConsole(page);
  await page.getByTestId('play').focus();
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByTestId('shortcut-row')).toHaveCount(8);
  await expect(dialog).toContainText('Play or pause');
  await expect(dialog).toContainText('step');
  await expect(page.getByTestId('shortcuts-close')).toBeFocused();

  // Tab and Shift+Tab cycle inside the dialog.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.getByTestId('shortcuts-close').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('shortcuts-done')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('shortcuts-close')).toBeFocused();
  // Space inside the dialog does not play the run.
  await page.keyboard.press(' ');
  await expect(dialog).toHaveCount(0); // space "clicks" the focused Close button
  await expect(page.getByTestId('play')).toBeVisible();
  await expect(page.getByTestId('play')).toBeFocused();

  await page.getByTestId('shortcuts-open').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('shortcuts-open')).toBeFocused();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
});
