import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { choosePreset, openConsole, readText } from './helpers';
import { PRESETS } from '../src/core/index';

const HEADER = 'tenant,group,category,resource,pricing,quantity,unit,cost_usd';

test('the bill of the hybrid cloud: tenants add up to the total, and acme’s invoice downloads as CSV', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'hybrid-dc', PRESETS['hybrid-dc']!.scenario.name);

  // Run to the end.
  const end = await readText(page.getByTestId('clock-end'));
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 120_000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 120_000 });

  // Open the billing panel: the bill is fetched for the finished run.
  const panel = page.getByTestId('billing-panel');
  await expect(panel).toBeVisible();
  await page.getByTestId('billing-toggle').click();
  await expect(page.getByTestId('billing-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('billing-to')).toContainText(`up to ${end}`);
  await expect(page.getByTestId('billing-tenant-acme')).toBeVisible();
  await expect(page.getByTestId('billing-tenant-shared')).toBeVisible();

  // Tenant totals (own + idle share) add up to the total shown.
  const total = Number(await page.getByTestId('billing-total').getAttribute('data-value'));
  expect(total).toBeGreaterThan(0);
  const rows = page.getByTestId('billing-tenants').locator('tbody tr');
  const totals = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-total'))));
  expect(totals.length).toBeGreaterThanOrEqual(2);
  const sum = totals.reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - total)).toBeLessThan(0.01);
  // The same, as people read it (rounded to cents).
  const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid$="-total"]')?.textContent ?? ''));
  const shownSum = shown.reduce((a, s) => a + cents(s), 0);
  expect(Math.abs(shownSum - cents(await readText(page.getByTestId('billing-total'))))).toBeLessThanOrEqual(shown.length);
  await expect(page.getByTestId('billing-tenants-sum')).toHaveText(await readText(page.getByTestId('billing-total')));

  // The chart and the recommendations are there.
  await expect(page.getByTestId('billing-chart')).toBeVisible();
  await expect(page.getByTestId('billing-recommendations')).toBeVisible();

  // Acme's invoice.
  await page.getByTestId('billing-tenant-acme-open').click();
  const invoice = page.getByTestId('billing-invoice');
  await expect(invoice).toHaveAttribute('data-tenant', 'acme');
  expect(await invoice.getByTestId('billing-line-item').count()).toBeGreaterThan(0);
  await expect(invoice.getByRole('columnheader', { name: 'pricing' })).toBeVisible();

  // Download it as CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('billing-invoice-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/acme\.csv$/);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe(HEADER);
  expect(lines.length).toBeGreaterThan(2);
  expect(text).toContain('acme');
  expect(lines.slice(1).every((l) => l.startsWith('acme,'))).toBe(true);

  // The whole bill too.
  const [whole] = await Promise.all([page.waitForEvent('download'), page.getByTestId('billing-download-csv').click()]);
  const all = await readFile(await whole.path(), 'utf8');
  expect(all.split(/\r?\n/)[0]).toBe(HEADER);
  expect(all).toContain('shared,');
  expect(errors).toEqual([]);
});
