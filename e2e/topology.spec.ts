import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole } from './helpers';
import { DEFAULT_PRESET, PRESETS } from '../src/core/index';

async function edgeWidth(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-width'));
}

test('the topology shows every service and workload, with traffic on the edges', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  const scenario = PRESETS[DEFAULT_PRESET]!.scenario;
  const services = scenario.services ?? [];
  const workloads = scenario.workloads ?? [];
  await expect(page.locator('.react-flow__node')).toHaveCount(services.length + workloads.length);
  for (const s of services) await expect(page.getByTestId(`topo-service-${s.id}`)).toBeVisible();
  for (const w of workloads) await expect(page.getByTestId(`topo-workload-${w.id}`)).toBeVisible();
  const workloadEdges = workloads.map((w) => `edge-workload-${w.id}`);
  for (const e of workloadEdges) expect(await edgeWidth(page, e)).toBe(1); // idle before any traffic

  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  for (const e of workloadEdges) await expect.poll(() => edgeWidth(page, e)).toBeGreaterThan(3);
  // Flowing while playing.
  await expect(page.locator('.flow-edge-dash').first()).toBeVisible();
  await expect(page.getByTestId(`topo-workload-${workloads[0]!.id}-rate`)).not.toHaveText('0 req/s');
  await page.getByTestId('pause').click();
  await expect(page.locator('.flow-edge-dash')).toHaveCount(0);

  // Two-tier: the call edges api → auth and api → db, carrying traffic once it plays.
  await choosePreset(page, 'two-tier', PRESETS['two-tier']!.scenario.name);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.getByTestId('edge-call-api-auth')).toBeAttached();
  await expect(page.getByTestId('edge-call-api-db')).toBeAttached();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.getByTestId('play').click();
  await expect.poll(() => edgeWidth(page, 'edge-call-api-db')).toBeGreaterThan(3);
  await expect.poll(() => edgeWidth(page, 'edge-call-api-auth')).toBeGreaterThan(await edgeWidth(page, 'edge-call-api-db') - 0.01);
  await page.getByTestId('pause').click();
  // Layered: the workload, then api, then auth and db.
  const x = async (id: string): Promise<number> => (await page.getByTestId(id).boundingBox())!.x;
  expect(await x('topo-workload-users')).toBeLessThan(await x('topo-service-api'));
  expect(await x('topo-service-api')).toBeLessThan(await x('topo-service-auth'));
  expect(Math.abs((await x('topo-service-auth')) - (await x('topo-service-db')))).toBeLessThan(2);
  expect(errors).toEqual([]);
});

test('dragged nodes keep their place through a reset', async ({ page }) => {
  await openConsole(page);
  const node = page.getByTestId('topo-service-web');
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 70, { steps: 8 });
  await page.mouse.up();
  const moved = (await node.boundingBox())!;
  expect(Math.abs(moved.y - box.y)).toBeGreaterThan(20);
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  const after = (await node.boundingBox())!;
  expect(Math.abs(after.x - moved.x)).toBeLessThan(1);
  expect(Math.abs(after.y - moved.y)).toBeLessThan(1);
});
