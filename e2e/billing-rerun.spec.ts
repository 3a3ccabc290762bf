import { test, expect } from '@playwright/test';
import { choosePreset, openConsole, readText } from './helpers';
import { PRESETS } from '../src/core/index';

test('cost models: a budget alert shows while the run plays; rightsizing + reserving, applied and re-run, saves what was estimated', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'cost-models', PRESETS['cost-models']!.scenario.name);
  await page.getByTestId('billing-toggle').click();
  await expect(page.getByTestId('billing-toggle')).toHaveAttribute('aria-expanded', 'true');

  // Play: the shop's forecast crosses its budget at 10 min, and the banner says so while it plays.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  const banner = page.getByTestId('billing-alert-banner');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect(banner).toContainText(/shop: forecast \$[\d,.]+ for the month crosses/);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  await expect(page.getByTestId('billing-alert')).not.toHaveCount(0);

  // To the end; the recommendations of the whole run.
  const end = await readText(page.getByTestId('clock-end'));
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 120_000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('billing-to')).toContainText(`up to ${end}`);
  await expect(page.locator('[data-testid="billing-recommendation"][data-kind="rightsize"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="billing-apply"][data-id="spot:reports"]')).toBeVisible();
  await expect(page.locator('[data-testid="billing-apply"][data-id="scale-to-zero:legacy"]')).toBeVisible();

  // Apply rightsizing + reserving and re-run on the same seed.
  await page.getByTestId('billing-apply-rightsize-reserve').click();
  const real = page.getByTestId('billing-rerun-real');
  await expect(real).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('billing-rerun-applied')).toHaveCount(3);
  const estimated = Number(await page.getByTestId('billing-rerun-estimated').getAttribute('data-value'));
  const saved = Number(await real.getAttribute('data-value'));
  expect(estimated).toBeGreaterThan(0);
  expect(Math.abs(saved - estimated)).toBeLessThanOrEqual(0.01 * estimated);
  await expect(page.getByTestId('billing-rerun-sla')).toHaveAttribute('data-after', 'true');
  // The live run was not disturbed.
  await expect(page.getByTestId('clock')).toHaveText(end);

  // In Chinese: the panel, the recommendations worded from their figures, the invoice's pricing models, the re-run.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('billing-panel').locator('h3')).toHaveText('账单');
  await expect(page.getByTestId('billing-to')).toContainText(`截至 ${end}`);
  await expect(page.locator('[data-testid="billing-recommendation"][data-kind="rightsize"] td').first()).toHaveText('调整规格');
  await expect(page.locator('[data-testid="billing-recommendation"][data-kind="spot"]').first()).toContainText('可以容忍中断');
  await expect(page.getByTestId('billing-alert').first()).toContainText(/shop：(本月预测支出|支出已达到)/);
  await expect(page.getByTestId('billing-rerun')).toContainText('应用并重新运行');
  await page.getByTestId('billing-tenant-shop-open').click();
  await expect(page.locator('[data-testid="billing-line-item"][data-pricing="on-demand"]').first()).toContainText('按需');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('billing-panel').locator('h3')).toHaveText('Billing');

  // Load the patched scenario: the link changes and the run starts over.
  const before = page.url();
  await page.getByTestId('billing-rerun-load').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect.poll(() => page.url()).not.toBe(before);
  expect(page.url()).toMatch(/#s=/);
  expect(errors).toEqual([]);
});
