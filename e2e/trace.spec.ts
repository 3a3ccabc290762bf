import { test, expect } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { clockSeconds, openConsole, openTraceImport, readInt } from './helpers';

/** Trace files are made on the fly (the shared sample traces stay outside the repository). */
const csv = (text: string): Buffer => Buffer.from(text, 'utf8');

test('importing a trace: a malformed file changes nothing, a good one reloads with it', async ({ page }) => {
  const { errors, clock, name, arrival } = await openTraceImport(page);
  const dialog = page.getByTestId('trace-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('trace-workload').selectOption('shoppers');
  await page.getByTestId('trace-format').selectOption('per-minute');
  await page.getByTestId('trace-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv('minute,requests\n0,10\n1,12x\n2,7\n') });
  await page.getByTestId('trace-submit').click();
  const problems = page.getByTestId('trace-errors');
  await expect(problems).toBeVisible();
  await expect(problems).toHaveAttribute('role', 'alert');
  await expect(problems.getByTestId('trace-error').first()).toHaveText('line 3: "12x" in column "requests" is not a number');
  // Nothing changed: same scenario, same moment, same arrivals.
  await expect(page.getByTestId('clock')).toHaveText(clock);
  await expect(page.getByTestId('scenario-name')).toHaveText(name);
  await expect(arrival).toHaveText('flash crowd');

  // A good file, gzip-compressed: 100, 200 and 300 requests in three "minutes" of 10 s each.
  await page.getByTestId('trace-file').setInputFiles({
    name: 'good.csv.gz',
    mimeType: 'application/gzip',
    buffer: gzipSync(csv('# minute, requests\nminute,requests\n0,100\n1,200\n2,300\n')),
  });
  await page.getByTestId('trace-minute-seconds').fill('10');
  await page.getByTestId('trace-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('info-banner')).toContainText('Trace imported into shoppers');
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect(arrival).toHaveText('trace · 3 min');
  const web = page.getByTestId('service-web-arrivals');
  expect(await readInt(web)).toBe(0);

  // The arrivals follow the trace: exactly 600 reach "web" in the first 30 s, then no more.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(45);
  await page.getByTestId('pause').click();
  await expect.poll(() => readInt(web)).toBe(600);
  await expect(page.getByTestId('topo-workload-shoppers-rate')).toHaveText('0 req/s');
  expect(errors).toEqual([]);
});

test('the import dialog closes with Escape and keeps the keyboard to itself', async ({ page }) => {
  await openConsole(page);
  await page.getByTestId('import-trace').click();
  await expect(page.getByTestId('trace-dialog')).toBeVisible();
  await page.getByTestId('trace-cancel').focus();
  await page.keyboard.press(' '); // activates Cancel, does not start the simulation
  await expect(page.getByTestId('trace-dialog')).toHaveCount(0);
  await expect(page.getByTestId('play')).toBeVisible();
  await page.getByTestId('import-trace').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('trace-dialog')).toHaveCount(0);
});
