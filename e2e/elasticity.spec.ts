import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole, readInt, readText } from './helpers';
import { PRESETS } from '../src/core/index';

async function openPreset(page: Page, id: string): Promise<void> {
  await openConsole(page);
  await choosePreset(page, id, PRESETS[id]!.scenario.name);
}

/** The replica figures the topology node shows for a service: ready / set. */
async function topoReplicas(page: Page, id: string): Promise<{ ready: number; desired: number }> {
  const label = page.getByTestId(`topo-service-${id}-replicas`);
  return { ready: Number(await label.getAttribute('data-ready')), desired: Number(await label.getAttribute('data-desired')) };
}

test('flash crowd: the HPA adds replicas, the panel switches to step scaling, and the log says why', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'flash-crowd');

  // The entry service is inspected: its autoscaler panel shows the scenario's policy at 2 replicas.
  const panel = page.getByTestId('autoscaler-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('autoscaler-live-policy')).toHaveText('target tracking');
  await expect(page.getByTestId('autoscaler-policy')).toHaveValue('target-tracking');
  await expect(page.getByTestId('autoscaler-target')).toHaveValue('0.6');
  await expect(page.getByTestId('autoscaler-live-target')).toHaveText('60.0 %');
  expect(await topoReplicas(page, 'web')).toEqual({ ready: 2, desired: 2 });
  await expect(page.getByTestId('topo-service-web').locator('.cell')).toHaveCount(2);
  await expect(page.getByTestId('inspector-autoscaler')).toContainText('target tracking');

  // Play fast until the flash crowd (at 5 min) has made the HPA ask for more replicas.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await topoReplicas(page, 'web')).desired, { timeout: 25_000 }).toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  // The topology draws one cell per member of the replica set (ready + starting + draining).
  const { ready, desired } = await topoReplicas(page, 'web');
  expect(desired).toBeGreaterThan(3);
  expect(ready).toBeLessThanOrEqual(desired);
  expect(await page.getByTestId('topo-service-web').locator('.cell').count()).toBeGreaterThanOrEqual(desired);
  await expect(page.getByTestId('topo-service-web-replicas')).toContainText(`${ready}/${desired}`);
  // The chart saw the rise too.
  await expect.poll(() => readInt(page.getByTestId('scaling-peak'))).toBeGreaterThan(3);
  await expect(page.getByTestId('scaling-replicas-chart').locator('.recharts-line').first()).toBeVisible();
  await expect(page.getByTestId('scaling-metric-chart')).toContainText('target');
  await expect(page.getByTestId('autoscaler-reason')).toContainText('% vs target 60 %');

  // The decision log: scale-ups by target tracking, with the metric against the target.
  const log = page.getByTestId('decision-log');
  await expect(log.locator('thead th')).toHaveText(['time', 'service', 'policy', 'metric vs target', 'current → set', 'capped by', 'reason']);
  const ups = log.locator('[data-testid="decision-row"]').filter({ hasText: 'scale up from 2 to' });
  await expect(ups.first()).toContainText('target tracking');
  await expect(ups.first()).toContainText('vs 60.0 %');

  // Switch to step scaling: the form fills in a scale-out and a scale-in rule.
  await page.getByTestId('autoscaler-policy').selectOption('step');
  await expect(page.getByTestId('autoscaler-rule')).toHaveCount(2);
  await expect(page.getByTestId('rule-name').nth(1)).toHaveValue('scale in');
  await page.getByTestId('autoscaler-apply').click();
  await expect(page.getByTestId('autoscaler-applied')).toContainText('step scaling applied');
  await expect(page.getByTestId('autoscaler-live-policy')).toHaveText('step scaling');
  await expect(page.getByTestId('autoscaler-error')).toHaveCount(0);
  const change = log.locator('[data-testid="decision-row"]').filter({ hasText: 'policy changed from target-tracking to step' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('step scaling');

  // Run to the end: once the crowd has gone, the "scale in" rule removes replicas one at a time.
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText('30:00.0');
  await log.getByTestId('decisions-changes-only').check();
  const scaleIn = log.locator('[data-testid="decision-row"]').filter({ hasText: /scale in: .* < 0\.3/ });
  await expect(scaleIn.first()).toBeVisible();
  await expect(scaleIn.first()).toContainText('step scaling');
  const rows = log.locator('[data-testid="decision-row"]');
  expect(await rows.evaluateAll((els) => els.every((e) => e.getAttribute('data-change') === '1'))).toBe(true);
  expect(errors).toEqual([]);
});

test('a refused autoscaler change shows the worker’s message and keeps the input', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'flash-crowd');
  await expect(page.getByTestId('autoscaler-form')).toBeVisible();

  await page.getByTestId('autoscaler-min').fill('30');
  await page.getByTestId('autoscaler-apply').click();
  await expect(page.getByTestId('autoscaler-error')).toBeVisible();
  await expect(page.getByTestId('autoscaler-error-message')).toHaveText(['autoscaler.minReplicas: must not exceed maxReplicas (20), got 30']);
  await expect(page.getByTestId('autoscaler-min')).toHaveValue('30');
  await expect(page.getByTestId('autoscaler-live-policy')).toHaveText('target tracking');

  // Past the slots the run started with: the simulation's own refusal.
  await page.getByTestId('autoscaler-min').fill('2');
  await page.getByTestId('autoscaler-max').fill('50');
  await page.getByTestId('autoscaler-apply').click();
  await expect(page.getByTestId('autoscaler-error-message')).toContainText(['maxReplicas can be at most 20 during this run']);
  await expect(page.getByTestId('autoscaler-max')).toHaveValue('50');

  // Text that is not a number goes to the worker as written, and it names the field.
  await page.getByTestId('autoscaler-max').fill('20');
  await page.getByTestId('autoscaler-target').fill('lots');
  await page.getByTestId('autoscaler-apply').click();
  await expect(page.getByTestId('autoscaler-error-message').first()).toContainText('autoscaler.target');

  // Revert brings back the settings in force; a good change then goes through.
  await page.getByTestId('autoscaler-revert').click();
  await expect(page.getByTestId('autoscaler-error')).toHaveCount(0);
  await expect(page.getByTestId('autoscaler-target')).toHaveValue('0.6');
  await page.getByTestId('autoscaler-target').fill('0.5');
  await page.getByTestId('autoscaler-apply').click();
  await expect(page.getByTestId('autoscaler-applied')).toBeVisible();
  await expect(page.getByTestId('autoscaler-live-target')).toHaveText('50.0 %');
  expect(errors).toEqual([]);
});

test('capacity planning: forecast against what happened, MAPE per model, and a plain refusal when the history is short', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'flash-crowd');
  const panel = page.getByTestId('capacity-panel');
  await expect(panel).toBeVisible();

  // Nothing has run yet.
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-error-message')).toContainText('no history yet');

  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText('30:00.0');
  await expect(page.getByTestId('plan-step')).toHaveValue('60');
  await expect(page.getByTestId('plan-horizon')).toHaveValue('300');
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-result')).toBeVisible();
  await expect(page.getByTestId('plan-recommendation')).toContainText(/\d+ replicas? on \d+ hosts?/);
  await expect(page.getByTestId('plan-explanation')).toContainText('utilization');
  await expect(page.getByTestId('plan-model-row')).toHaveCount(3);
  await expect(page.getByTestId('plan-models').locator('[data-model="linear"]')).toContainText('%');
  // Half an hour has no daily season: the seasonal models say why they were not tried.
  await expect(page.getByTestId('plan-models').locator('[data-model="holt-winters"]')).toContainText('not tried');
  await expect(page.getByTestId('plan-chart').locator('.recharts-line')).toHaveCount(3);

  // A 6 h horizon needs more than the 30 minutes of this run.
  await page.getByTestId('plan-horizon').selectOption('21600');
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-error-message')).toHaveText(
    'the run has 30m of history; a 1m step and a 6h horizon need at least 6h2m (360 steps held out to check the forecast and 2 to fit a linear trend)',
  );
  // The same refusal in Chinese, from its code and figures.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('plan-error-message')).toHaveText('本次运行有 30m 的历史；1m 步长、6h 预测区间至少需要 6h2m（留出 360 步检验预测，2 步用于拟合线性趋势）');
  expect(errors).toEqual([]);
});

test('a preset replaying a trace by path asks for it and opens Import trace for its workload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'nasa-web');
  const banner = page.getByTestId('missing-trace-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('missing-trace-file')).toHaveText('nasa-http-1995/requests_per_minute.csv');
  await expect(banner).toContainText('visitors');

  await page.getByTestId('missing-trace-import-visitors').click();
  const dialog = page.getByTestId('trace-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('trace-workload')).toHaveValue('visitors');
  await page.getByTestId('trace-file').setInputFiles({
    name: 'requests_per_minute.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('minute_index,requests\n0,30\n1,60\n2,45\n', 'utf8'),
  });
  await page.getByTestId('trace-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  expect(await readText(page.getByTestId('scenario-name'))).toBe(PRESETS['nasa-web']!.scenario.name);
  expect(errors).toEqual([]);
});

test('in Chinese: the autoscaler panel, its reasons and the decision log speak Chinese', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'flash-crowd');
  await page.getByTestId('language').selectOption('zh');
  const panel = page.getByTestId('autoscaler-panel');
  await expect(panel.locator('h3')).toContainText('自动扩缩容');
  await expect(page.getByTestId('autoscaler-live-policy')).toHaveText('目标跟踪');
  await expect(page.getByTestId('autoscaler-apply')).toHaveText('应用');
  await expect(page.getByTestId('capacity-panel').locator('h3')).toContainText('容量规划');

  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText('30:00.0', { timeout: 40_000 });
  // The reason is worded from the decision's data: numbers kept, words in Chinese.
  await expect(page.getByTestId('autoscaler-reason')).toContainText('目标 60 %');
  const log = page.getByTestId('decision-log');
  await expect(log.locator('thead th')).toHaveText(['时间', '服务', '策略', '指标 / 目标', '当前 → 设定', '限制因素', '原因']);
  await expect(log.locator('[data-testid="decision-row"]').filter({ hasText: /从 2 扩容到/ }).first()).toContainText('目标跟踪');

  // A refused plan is worded in Chinese too.
  await page.getByTestId('plan-horizon').selectOption('21600');
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-error-message')).toContainText('预测区间至少需要');
  await page.screenshot({ path: 'test-results/elasticity-zh.png', fullPage: true });
  expect(errors).toEqual([]);
});
