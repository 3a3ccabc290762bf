import { test, expect, type Page } from '@playwright/test';
import { choosePreset, clockSeconds, openConsole, readText } from './helpers';
import { PRESETS } from '../src/core/index';

async function openInfra(page: Page, preset: string): Promise<void> {
  await openConsole(page);
  await choosePreset(page, preset, PRESETS[preset]!.scenario.name);
  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('infra')).toBeVisible();
  await expect(page.getByTestId('infra-inspector')).toBeVisible();
  // The automatic (ELK) layout has replaced the grid and the view has fitted it: nodes stay put now.
  await expect(page.getByTestId('infra')).toHaveAttribute('data-layout', 'auto');
}

/** Subjects of log rows whose change ends in `to`, as shown now. */
async function subjectsBecoming(page: Page, to: string): Promise<string[]> {
  return page
    .getByTestId('log-row')
    .evaluateAll((rows, state) => rows.filter((r) => r.querySelector('.log-to')?.textContent === state).map((r) => r.getAttribute('data-subject') ?? ''), to);
}

test('kill a host from its menu: its instances fail, come back elsewhere, and the scheduler explains the placement', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openInfra(page, 'zone-outage');

  // A host that runs an instance (small pools start expanded: one node per host, instances as dots).
  const candidate = page.locator('[data-testid^="infra-host-"][data-state="up"]').filter({ has: page.locator('.dot') }).first();
  await expect(candidate).toBeVisible();
  const hostId = (await candidate.getAttribute('data-testid'))!.replace('infra-host-', '');
  const host = page.getByTestId(`infra-host-${hostId}`);
  const victims = await host.locator('.dot').evaluateAll((dots) => dots.map((d) => d.getAttribute('data-name') ?? ''));
  expect(victims.length).toBeGreaterThan(0);
  for (const v of victims) await expect(page.getByTestId(`instance-dot-${v}`)).toHaveAttribute('data-state', 'running');

  // Right-click → Kill host.
  await host.click({ button: 'right' });
  const menu = page.getByTestId('host-menu');
  await expect(menu).toBeVisible();
  await expect(menu).toContainText(hostId);
  await page.getByTestId('host-menu-kill').click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('op-result')).toHaveAttribute('data-ok', '1');
  await expect(page.getByTestId('op-result-message')).toHaveText(`${hostId} killed`);
  await expect(host).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('inspector-host')).toHaveText(hostId);
  await expect(page.getByTestId('inspector-host-state')).toHaveText('failed');
  await expect(page.getByTestId('operations')).toContainText(`${hostId} killed`);

  // The log: the host failed, and each of its instances went running → failed with it.
  const log = page.getByTestId('event-log');
  await expect(log.locator(`[data-testid="log-row"][data-kind="host"][data-subject="${hostId}"]`)).toContainText('killed by the operator');
  for (const v of victims) {
    await expect(log.locator(`[data-testid="log-row"][data-subject="${v}"]`).filter({ hasText: `lost with host ${hostId}` })).toHaveCount(1);
  }
  await expect.poll(() => subjectsBecoming(page, 'failed')).toEqual(expect.arrayContaining(victims));

  // Play: after the detection delay (30 s) replacements go pending, boot (~45 s) and run.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  const replacementOf = (v: string) => (s: string) => s.startsWith(`${v}~`);
  await expect
    .poll(async () => {
      const pending = await subjectsBecoming(page, 'pending');
      return victims.every((v) => pending.some(replacementOf(v)));
    }, { timeout: 30_000 })
    .toBe(true);
  await expect
    .poll(async () => {
      const running = await subjectsBecoming(page, 'running');
      return victims.every((v) => running.some(replacementOf(v)));
    }, { timeout: 30_000 })
    .toBe(true);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const running = await subjectsBecoming(page, 'running');
  const replacement = running.find(replacementOf(victims[0]!))!;

  // Its placement explanation: the summary, the filters and the scores, the winner elsewhere.
  await log.locator(`[data-testid="log-row"][data-subject="${replacement}"]`).first().locator('.log-subject').click();
  await expect(page.getByTestId('inspector-instance')).toHaveText(replacement);
  const summary = page.getByTestId('explain-summary');
  await expect(summary).toContainText(/^placed on \S+ \(score/);
  const placedOn = /^placed on (\S+)/.exec(await readText(summary))![1]!;
  expect(placedOn).not.toBe(hostId);
  const filters = page.getByTestId('explain-filters');
  await expect(filters.locator('tbody tr').first()).toBeVisible();
  expect(await filters.locator('tbody tr').count()).toBeGreaterThan(2);
  await expect(filters).toContainText('NodeUnschedulable');
  await expect(filters).toContainText('host unavailable'); // the killed host was filtered out, and why
  const scores = page.getByTestId('explain-scores');
  await expect(scores.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('explain-winner')).toContainText(placedOn);
  await expect(page.getByTestId('explain-feasible')).toHaveText(/^\d+$/);
  // Its lifecycle from the log.
  const history = page.getByTestId('instance-history');
  await expect(history).toContainText('pending');
  await expect(history).toContainText('provisioning');
  await expect(history).toContainText('running');
  await expect(history).toContainText(`replacing ${victims[0]}`);

  // Reset starts over from the scenario: the host is back, the operation forgotten.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect(page.getByTestId(`infra-host-${hostId}`)).toHaveAttribute('data-state', 'up');
  await expect(page.getByTestId('operations')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an impossible operation shows its error, and the console keeps working', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openInfra(page, 'zone-outage');

  // Kill a host from the inspector's button.
  await page.getByTestId('infra-host-pool-c-1').click();
  await expect(page.getByTestId('inspector-host')).toHaveText('pool-c-1');
  await page.getByTestId('host-kill').click();
  await expect(page.getByTestId('op-result-message')).toHaveText('pool-c-1 killed');
  await expect(page.getByTestId('host-kill')).toBeDisabled();

  // Inspect a running instance from its host, and try to migrate it onto the failed host.
  await page.getByTestId('infra-host-pool-b-0').click();
  const first = page.getByTestId('host-instances').locator('[data-testid^="host-instance-"]').first();
  const name = await readText(first);
  await first.click();
  await expect(page.getByTestId('inspector-instance')).toHaveText(name);
  await expect(page.getByTestId('explain-summary')).toContainText('placed on pool-b-0');
  await page.getByTestId('instance-migrate-target').selectOption('pool-c-1');
  await page.getByTestId('instance-migrate').click();
  const result = page.getByTestId('op-result');
  await expect(result).toHaveAttribute('data-ok', '0');
  await expect(page.getByTestId('op-result-message')).toHaveText('pool-c-1 takes no instances (failed, powered off or cordoned)');
  await expect(page.getByTestId('operations')).not.toContainText(name);

  // Resizing to the type it already has is not offered; an unknown request never crashes.
  await expect(page.getByTestId('instance-resize')).toBeDisabled();

  // Still working: it plays, and the instance is still where it was.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(5);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('instance-host')).toHaveText('pool-b-0');
  // A live migration the scheduler places works.
  await page.getByTestId('instance-migrate-target').selectOption('');
  await page.getByTestId('instance-migrate').click();
  await expect(result).toHaveAttribute('data-ok', '1');
  await expect(page.getByTestId('op-result-message')).toContainText(`${name} migrating to`);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('hybrid cloud: the dedicated line between regions can be cut, a zone taken down, and the log filtered', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openInfra(page, 'hybrid-dc');
  await expect(page.getByTestId('infra-region-onprem')).toBeVisible();
  await expect(page.getByTestId('infra-region-eu-west')).toBeVisible();
  // Big pools start as heat strips; small ones as hosts.
  await expect(page.getByTestId('infra-pool-dc-strip')).toBeVisible();
  await expect(page.getByTestId('infra-host-dc-acme-0')).toBeVisible();
  await expect(page.getByTestId('infra-host-dc-0')).toHaveCount(0);
  await page.getByTestId('infra-pool-dc-toggle').click();
  await expect(page.getByTestId('infra-host-dc-15')).toBeVisible();

  const label = page.getByTestId('infra-link-0-label');
  await expect(label).toHaveText('dedicated · 8 ms · 10 Gbit/s');
  await label.click();
  await expect(page.getByTestId('inspector-link')).toHaveText('onprem ↔ eu-west');
  await page.getByTestId('link-cut-duration').selectOption('60');
  await page.getByTestId('link-cut').click();
  await expect(page.getByTestId('op-result-message')).toHaveText('link onprem↔eu-west cut');
  await expect(page.getByTestId('infra-link-0')).toHaveAttribute('data-cut', '1');
  await expect(label).toContainText('cut');
  await expect(page.getByTestId('inspector-link-state')).toHaveText('cut');
  // Cutting it again is refused with a reason.
  await page.getByTestId('link-cut').click();
  await expect(page.getByTestId('op-result')).toHaveAttribute('data-ok', '0');
  await expect(page.getByTestId('op-result-message')).toHaveText('the link onprem↔eu-west is already cut');

  // A zone outage from the zone's inspector (a click on the zone's header strip, above its pools).
  await page.getByTestId('infra-zone-eu-west-b').click({ position: { x: 30, y: 5 } });
  await expect(page.getByTestId('inspector-zone')).toHaveText('eu-west-b');
  await page.getByTestId('zone-outage').click();
  await expect(page.getByTestId('op-result-message')).toHaveText('zone eu-west-b down');
  await expect(page.getByTestId('infra-zone-eu-west-b-down')).toBeVisible();

  // The log, filtered by kind and by text.
  const rows = page.getByTestId('event-log').getByTestId('log-row');
  await page.getByTestId('log-kind-link').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('link cut');
  await page.getByTestId('log-kind-link').click();
  await page.getByTestId('log-kind-zone').click();
  await expect(rows.first()).toContainText('zone outage');
  await page.getByTestId('log-kind-all').click();
  await page.getByTestId('log-filter').fill('cloud-b-3 failed');
  await expect(rows.first()).toContainText('cloud-b-3');
  for (const text of await rows.allTextContents()) expect(text).toContain('cloud-b-3');

  // Playing past the cut's minute restores the link.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('infra-link-0')).toHaveAttribute('data-cut', '0', { timeout: 20_000 });
  await page.getByTestId('pause').click();
  // Back to the traffic view and again.
  await page.getByTestId('view-traffic').click();
  await expect(page.getByTestId('infra')).toHaveCount(0);
  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('infra-link-0')).toBeAttached();
  expect(errors).toEqual([]);
});

test('dragged infrastructure nodes keep their place through a reset', async ({ page }) => {
  await openInfra(page, 'zone-outage');
  const region = page.getByTestId('infra-region-eu-west');
  const queue = page.getByTestId('infra-queue');
  const box = (await queue.boundingBox())!;
  const regionBefore = (await region.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 60, { steps: 8 });
  await page.mouse.up();
  const moved = (await queue.boundingBox())!;
  expect(Math.abs(moved.x - box.x)).toBeGreaterThan(40);
  // Only the dragged node moved.
  expect((await region.boundingBox())!.x).toBeCloseTo(regionBefore.x, 0);
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  const after = (await queue.boundingBox())!;
  expect(Math.abs(after.x - moved.x)).toBeLessThan(1);
  expect(Math.abs(after.y - moved.y)).toBeLessThan(1);
  // Switching views and back keeps it too (same scenario); the view refits, so compare in region widths.
  const regionAfter = (await region.boundingBox())!;
  const rel = (q: { x: number; y: number }, r: { x: number; y: number; width: number }) => [(q.x - r.x) / r.width, (q.y - r.y) / r.width];
  const before = rel(after, regionAfter);
  await page.getByTestId('view-traffic').click();
  await expect(page.getByTestId('infra')).toHaveCount(0);
  await page.getByTestId('view-infra').click();
  await expect(queue).toBeVisible();
  const now = rel((await queue.boundingBox())!, (await region.boundingBox())!);
  expect(now[0]).toBeCloseTo(before[0]!, 2);
  expect(now[1]).toBeCloseTo(before[1]!, 2);
});

test('the cluster autoscaler: empty host slots fill as a flash crowd arrives, and the pool shows provisioned/max', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openInfra(page, 'flash-crowd');
  const hosts = page.getByTestId('infra-pool-nodes-hosts');
  await expect(hosts).toHaveText('3/10 hosts');
  // The pool is small: one node per slot, the seven beyond the initial three empty.
  await expect(page.locator('[data-testid^="infra-host-nodes-"][data-state="absent"]')).toHaveCount(7);
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  // The crowd arrives at 5 min; pending replicas make the autoscaler boot hosts, which then take them.
  await expect.poll(async () => Number((await readText(hosts)).split('/')[0]), { timeout: 60_000 }).toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  const up = await page.locator('[data-testid^="infra-host-nodes-"][data-state="up"]').count();
  expect(up).toBeGreaterThan(3);
  // The decisions are in the compute log.
  await expect(page.getByTestId('log-row').filter({ hasText: 'scale-up nodes' }).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('in Simplified Chinese: labels, the link, operation results, the log and the placement explanation', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openInfra(page, 'hybrid-dc');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('view-infra')).toHaveText('基础设施');
  await expect(page.getByTestId('infra-inspector')).toContainText('点击主机');
  await expect(page.getByTestId('infra-queue')).toContainText('调度队列');

  const label = page.getByTestId('infra-link-0-label');
  await expect(label).toHaveText('专线 · 8 ms · 10 Gbit/s');
  await label.click();
  await expect(page.getByTestId('inspector-link-state')).toHaveText('正常');
  await page.getByTestId('link-cut').click();
  // The core's answer, said in Chinese from its code and parameters.
  await expect(page.getByTestId('op-result-message')).toHaveText('链路 onprem↔eu-west 已切断');
  await expect(page.getByTestId('inspector-link-state')).toHaveText('已切断');
  await page.getByTestId('link-cut').click();
  await expect(page.getByTestId('op-result-message')).toHaveText('链路 onprem↔eu-west 已经切断');

  // The log: kinds, reasons and states in Chinese, and the text filter finds Chinese words.
  const rows = page.getByTestId('event-log').getByTestId('log-row');
  await expect(page.getByTestId('log-kind-link')).toContainText('链路');
  await page.getByTestId('log-filter').fill('链路切断');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('正常 → 中断');
  await page.getByTestId('log-filter').fill('');

  // An instance's placement, rebuilt from the explanation's structure.
  const dot = page.locator('[data-testid^="instance-dot-"][data-state="running"]').first();
  await dot.click();
  await expect(page.getByTestId('explain-summary')).toContainText(/放置到 \S+（/);
  await expect(page.getByTestId('explanation')).toContainText('过滤器');
  await expect(page.getByTestId('state-chip').first()).toHaveText('运行中');
  await page.screenshot({ path: test.info().outputPath('infra-zh.png') });

  // And back to English at run time.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('view-infra')).toHaveText('Infrastructure');
  await expect(page.getByTestId('explain-summary')).toContainText(/^placed on \S+ \(/);
  expect(errors).toEqual([]);
});
