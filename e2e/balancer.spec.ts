import { test, expect } from '@playwright/test';
import { choosePreset, clockSeconds, openConsole, readNumber } from './helpers';
import { PRESETS } from '../src/core/index';

/**
 * The load-balancer inspector: on `lb-compare` (20 replicas at 90 % behind round robin), switching
 * to power of two choices while the run plays brings the windowed p99 down sharply.
 */
test('switching round robin to power of two choices mid-run lowers p99', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'lb-compare', PRESETS['lb-compare']!.scenario.name);

  // Open the inspector from the topology.
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await page.getByTestId('topo-service-app').click();
  await expect(page.getByTestId('inspector-service')).toHaveText('app');
  const policy = page.getByTestId('inspector-policy');
  await expect(policy).toHaveValue('round-robin');
  // All nine policies are offered, by name.
  await expect(policy.locator('option')).toHaveText([
    'Round robin',
    'Weighted round robin',
    'Least connections',
    'Least response time',
    'Random',
    'Power of two choices',
    'IP hash',
    'Consistent hash (ring)',
    'Maglev',
  ]);
  await expect(page.getByTestId('inspector-switch-note')).toContainText('not contained in the shared link');

  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  // At least two simulated minutes of round robin: queues have built up. (Where exactly the
  // switch lands depends on the machine's speed; round robin's p99 at 90 % load stays high from
  // then on, so the comparison below holds wherever it lands, as long as three more minutes fit
  // before the run's end at 30:00.)
  await expect.poll(() => clockSeconds(page), { timeout: 30_000, intervals: [25] }).toBeGreaterThanOrEqual(120);
  const p99 = page.getByTestId('inspector-p99');
  const before = await readNumber(p99);
  const switchedAt = await clockSeconds(page);
  await policy.selectOption('power-of-two');
  expect(switchedAt, 'switched with three minutes of the run left').toBeLessThan(1800 - 240);
  expect(before).toBeGreaterThan(0);
  await expect(page.getByTestId('inspector-switches')).toContainText('Round robin → Power of two choices');
  await expect(page.getByTestId('topo-service-app-policy')).toHaveText('Power of two choices');
  await expect(page.getByTestId('pause')).toBeVisible(); // it kept playing

  // A few simulated minutes later the p99 of the current window is far lower.
  await expect.poll(() => clockSeconds(page), { timeout: 40_000, intervals: [25] }).toBeGreaterThanOrEqual(switchedAt + 180);
  const after = await readNumber(p99);
  expect(after, `p99 before the switch ${before} ms, after ${after} ms`).toBeLessThan(0.6 * before);

  // The charts mark the switch.
  await expect(page.getByTestId('chart-latency').locator('.recharts-reference-line')).toHaveCount(1);
  await expect(page.getByTestId('chart-replicas').locator('.heat-marker')).toHaveCount(2);

  // Reset replays from the scenario's own policy.
  await page.getByTestId('pause').click();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect(policy).toHaveValue('round-robin');
  await expect(page.getByTestId('inspector-switches')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a service panel opens the inspector, and objectives are shown', async ({ page }) => {
  await openConsole(page);
  await choosePreset(page, 'two-tier', PRESETS['two-tier']!.scenario.name);
  await page.getByTestId('service-db-inspect').click();
  await expect(page.getByTestId('inspector-service')).toHaveText('db');
  await expect(page.getByTestId('inspector-slo')).toHaveCount(0); // db has no objectives
  await page.getByTestId('service-api-inspect').click();
  await expect(page.getByTestId('inspector-service')).toHaveText('api');
  const slo = page.getByTestId('inspector-slo');
  await expect(slo).toContainText('availability ≥ 99.9 %');
  await expect(slo).toContainText('p99 ≤ 250 ms');
  await expect(page.getByTestId('inspector-replicas')).toHaveText('20 up · 20 in rotation · of 20');
  await expect(page.getByTestId('replica-bar')).toHaveCount(20);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('inspector-slo-windows')).toContainText(/\d+ met/, { timeout: 20_000 });
  await page.getByTestId('pause').click();
});
