import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole, readInt } from './helpers';
import { PRESETS } from '../src/core/index';

/** The Azure 2019 sample, next to the repository (a fresh clone sits beside shared/). Never copied into the repo. */
const AZURE = '../shared/traces/azure-functions-2019-invitro-100fn';
const AZURE_FILES = ['invocations.csv', 'durations.csv', 'memory.csv'].map((f) => `${AZURE}/${f}`);

async function openPreset(page: Page, id: string): Promise<void> {
  await openConsole(page);
  await choosePreset(page, id, PRESETS[id]!.scenario.name);
}

async function runToEnd(page: Page, end: string): Promise<void> {
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 60_000 });
}

test('event-driven: functions, queues and triggers on the topology; dead letters and duplicates counted', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'event-driven');

  // The serverless boxes and their triggers.
  for (const id of ['function-orders', 'function-payments', 'function-shipping', 'gateway-api', 'topic-order-events', 'queue-payments', 'queue-payments-dlq', 'queue-shipping', 'timer-report-every-5m', 'bucket-uploads', 'clients-shoppers']) {
    await expect(page.getByTestId(`topo-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('trigger-http-gateway:api-function:orders')).toHaveText('/orders');
  await expect(page.getByTestId('trigger-subscription-topic:order-events-queue:shipping')).toHaveText('kind=express');
  await expect(page.getByTestId('trigger-queue-queue:payments-function:payments')).toContainText('batch 5');
  await expect(page.getByTestId('trigger-dead-letter-queue:payments-queue:payments-dlq')).toContainText('after 4 receives');
  await expect(page.getByTestId('trigger-timer-timer:report-every-5m-function:report')).toContainText('cron');
  await expect(page.getByTestId('trigger-bucket-bucket:uploads-function:thumbnail')).toBeVisible();
  await expect(page.getByTestId('serverless-panel')).toBeVisible();
  await expect(page.getByTestId('sls-keepalive-live')).toHaveText('fixed 10 min');

  // Play (at 10×, so the 20 minutes last two minutes of wall time and Pause is still there on a busy machine).
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => readInt(page.getByTestId('sls-invocations')), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => readInt(page.getByTestId('sls-cold-starts'))).toBeGreaterThan(0);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  // To the end: failing payments are retried and some end in the dead-letter queue; the standard queue delivers duplicates.
  await runToEnd(page, '20:00.0');
  await expect.poll(() => readInt(page.getByTestId('sls-dlq'))).toBeGreaterThan(0);
  expect(await readInt(page.getByTestId('sls-retries'))).toBeGreaterThan(0);
  expect(await readInt(page.getByTestId('sls-duplicates'))).toBeGreaterThan(0);
  expect(await readInt(page.getByTestId('sls-queue-payments-dlq'))).toBeGreaterThan(0);
  await expect(page.getByTestId('sls-queue-table')).toContainText('payments-dlq');
  expect(Number(await page.getByTestId('topo-qstat-payments-dlq').getAttribute('data-dlq'))).toBeGreaterThan(0);

  // The queue's inspector.
  await page.getByTestId('topo-queue-payments').click({ timeout: 10_000 });
  await expect(page.getByTestId('sls-inspector-id')).toHaveText('payments');
  expect(await readInt(page.getByTestId('sls-insp-dlq'))).toBeGreaterThan(0);
  await expect(page.getByTestId('sls-inspector')).toContainText('DLQ payments-dlq after 4 receives');
  // A function's inspector: memory and the keep-alive picker.
  await page.getByTestId('topo-function-payments').click({ timeout: 10_000 });
  await expect(page.getByTestId('sls-insp-memory')).toHaveText('512 MB');
  await expect(page.getByTestId('sls-insp-reserved')).toHaveText('20 reserved');
  await expect(page.getByTestId('sls-insp-keepalive')).toHaveValue('fixed-10m');
  // The charts drew the run.
  await expect(page.getByTestId('sls-cold-chart').locator('.recharts-line').first()).toBeVisible();
  await expect(page.getByTestId('sls-queue-chart').locator('.recharts-line').first()).toBeVisible();

  // In Chinese: the panel, the inspector, trigger labels and the keep-alive policy, worded from the worker's codes.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('sls-keepalive-live')).toHaveText('固定 10 分钟');
  await expect(page.getByTestId('sls-insp-reserved')).toHaveText('预留 20');
  await expect(page.getByTestId('trigger-queue-queue:payments-function:payments')).toHaveText('批量 5');
  await expect(page.getByTestId('trigger-dead-letter-queue:payments-queue:payments-dlq')).toHaveText('接收 4 次后');
  await expect(page.getByTestId('serverless-panel')).toContainText('冷启动');
  await page.getByTestId('topo-queue-payments').click({ timeout: 10_000 });
  await expect(page.getByTestId('sls-inspector')).toContainText('接收 4 次后转入死信队列 payments-dlq');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('sls-keepalive-live')).toHaveText('fixed 10 min');
  expect(errors).toEqual([]);
});

test('Azure 2019 trace: import the files, switch the keep-alive policy, and compare the policies', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPreset(page, 'serverless-azure');

  // The trace is named by folder: the console asks for the files.
  await expect(page.getByTestId('azure-trace-banner')).toBeVisible();
  await expect(page.getByTestId('azure-trace-folder')).toHaveText('azure-functions-2019-invitro-100fn');
  await page.getByTestId('azure-trace-import').click();
  const dialog = page.getByTestId('azure-trace-dialog');
  await expect(dialog).toBeVisible();
  // A wrong file is refused with its name.
  await page.getByTestId('azure-trace-files').setInputFiles([`${AZURE}/invocations.csv`]);
  await page.getByTestId('azure-trace-submit').click();
  await expect(page.getByTestId('azure-trace-errors')).toContainText('missing the durations file');
  // The three files: the whole 8 hours (over the first 2 hours alone the hybrid policy is still learning).
  await page.getByTestId('azure-trace-files').setInputFiles(AZURE_FILES);
  await page.getByTestId('azure-trace-submit').click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('azure-trace-banner')).toHaveCount(0);
  await expect(page.getByTestId('info-banner')).toContainText('100 functions');
  await expect(page.locator('[data-kind="function"]')).toHaveCount(100);

  // Under the scenario's fixed 10 minutes, to the end.
  const end = '8:00:00.0';
  await runToEnd(page, end);
  await expect.poll(() => readInt(page.getByTestId('sls-invocations'))).toBeGreaterThan(0);
  const fixedCold = await readInt(page.getByTestId('sls-cold-starts'));
  const fixedChart = Number(await page.getByTestId('sls-cold-chart').getAttribute('data-cold-sum'));
  expect(fixedCold).toBeGreaterThan(0);
  expect(fixedChart).toBeGreaterThan(0);

  // Start over, switch to the hybrid histogram policy at time 0, run again: the cold starts change.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect(page.getByTestId('keepalive-policy')).toHaveValue('fixed-10m');
  await page.getByTestId('keepalive-policy').selectOption('hybrid');
  await expect(page.getByTestId('sls-keepalive-live')).toHaveText('hybrid histogram');
  await expect(page.getByTestId('keepalive-policy-error')).toHaveCount(0);
  await runToEnd(page, end);
  await expect.poll(() => readInt(page.getByTestId('sls-cold-starts'))).not.toBe(fixedCold);
  const hybridCold = await readInt(page.getByTestId('sls-cold-starts'));
  const hybridChart = Number(await page.getByTestId('sls-cold-chart').getAttribute('data-cold-sum'));
  expect(hybridChart).not.toBe(fixedChart);
  await expect(page.getByTestId('sls-cold-chart')).toContainText('→ hybrid histogram');

  // The A/B table: three whole runs on the same seed, off the live run.
  await page.getByTestId('keepalive-compare-run').click();
  const table = page.getByTestId('keepalive-compare-table');
  await expect(table).toBeVisible({ timeout: 150_000 });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  // The live runs to the end match the A/B runs of the same policy (same scenario, same seed).
  expect(await readInt(page.getByTestId('keepalive-cold-fixed-10m'))).toBe(fixedCold);
  expect(await readInt(page.getByTestId('keepalive-cold-hybrid'))).toBe(hybridCold);
  const idle = async (p: string) => Number(await page.getByTestId(`keepalive-row-${p}`).getAttribute('data-idle'));
  const cold = async (p: string) => Number(await page.getByTestId(`keepalive-row-${p}`).getAttribute('data-cold'));
  // Fixed 20 minutes holds more idle memory than fixed 10 and cold-starts less; hybrid beats fixed 10 on cold starts.
  expect(await idle('fixed-20m')).toBeGreaterThan(await idle('fixed-10m'));
  expect(await cold('fixed-20m')).toBeLessThan(await cold('fixed-10m'));
  expect(await cold('hybrid')).toBeLessThan(await cold('fixed-10m'));
  await expect(page.getByTestId('keepalive-verdict')).toContainText('Hybrid vs fixed 10 min: cold starts −');
  expect(errors).toEqual([]);
});
