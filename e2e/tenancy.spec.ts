import { test, expect } from '@playwright/test';
import { choosePreset, clockSeconds, openConsole } from './helpers';
import { PRESETS } from '../src/core/index';

test('noisy neighbours: the tenancy panel shows Jain’s index, one row per tenant, and the batch tenant’s refused create with its reason', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'noisy-neighbours', PRESETS['noisy-neighbours']!.scenario.name);

  // Play (10×) past 2 minutes, when the batch tenant asks for one VM too many.
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect.poll(() => clockSeconds(page), { timeout: 90_000 }).toBeGreaterThan(130);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  const panel = page.getByTestId('tenancy-panel');
  await expect(panel).toBeVisible();
  // Jain's index over the dominant shares (web 1/6, batch 1/3 of the cluster): 0.9.
  await expect(page.getByTestId('tenancy-jain')).toHaveText('0.900');
  await expect(page.getByTestId('tenancy-tenant-web')).toContainText('shared hosts');
  await expect(page.getByTestId('tenancy-tenant-batch')).toContainText('16 / 16');
  await expect(page.getByTestId('tenancy-tenant-batch')).toHaveAttribute('data-refused', '1');
  await expect(page.getByTestId('tenancy-refusal').first()).toContainText('tenant batch: requests.cpu would be 18/16');
  // In Chinese the refusal is worded from its data by the compute log's own templates.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('tenancy-refusal').first()).toContainText('租户 batch：requests.cpu 将达到 18/16');
  await page.getByTestId('language').selectOption('en');
  // The chart of dominant shares and Jain's index over time.
  await expect(page.getByTestId('tenancy-chart').locator('.recharts-line')).toHaveCount(3);
  await expect(page.getByRole('meter', { name: 'batch vCPU against quota' })).toHaveAttribute('aria-valuenow', '16');
  // On the infrastructure view, instances carry their tenant (a ring in the tenant's colour, and the title).
  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('instance-dot-storefront-0')).toHaveAttribute('title', /tenant web/);
  await expect(page.getByTestId('instance-dot-crunch-0')).toHaveAttribute('title', /tenant batch/);
  expect(errors).toEqual([]);
});
