import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole, shareLink } from './helpers';
import { PRESETS } from '../src/core/index';

async function openInfra(page: Page, preset: string): Promise<void> {
  await choosePreset(page, preset, PRESETS[preset]!.scenario.name);
  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('infra')).toBeVisible();
  await expect(page.getByTestId('infra')).toHaveAttribute('data-layout', 'auto');
}

/** A node's place relative to a reference node, in widths of the reference (independent of zoom). */
async function relative(page: Page, id: string, ref: string): Promise<[number, number]> {
  const a = (await page.getByTestId(id).boundingBox())!;
  const r = (await page.getByTestId(ref).boundingBox())!;
  return [(a.x - r.x) / r.width, (a.y - r.y) / r.width];
}

test('the automatic layout nests regions, zones and pools, and a dragged position survives a reload until reset', async ({ page }) => {
  await openConsole(page);
  await openInfra(page, 'hybrid-dc');
  // Nested: every zone inside its region, every pool inside its zone.
  const inside = async (child: string, parent: string) => {
    const c = (await page.getByTestId(child).boundingBox())!;
    const p = (await page.getByTestId(parent).boundingBox())!;
    expect(c.x).toBeGreaterThanOrEqual(p.x - 1);
    expect(c.y).toBeGreaterThanOrEqual(p.y - 1);
    expect(c.x + c.width).toBeLessThanOrEqual(p.x + p.width + 1);
    expect(c.y + c.height).toBeLessThanOrEqual(p.y + p.height + 1);
  };
  await inside('infra-zone-eu-west-a', 'infra-region-eu-west');
  await inside('infra-pool-cloud-a', 'infra-zone-eu-west-a');

  // Drag the queue; it stays where it was dropped, also when the scenario is opened again later.
  const queue = page.getByTestId('infra-queue');
  const box = (await queue.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 90, { steps: 8 });
  await page.mouse.up();
  const dropped = await relative(page, 'infra-queue', 'infra-region-eu-west');
  // Opened again in a new document (the same browser profile), by its link.
  const link = await shareLink(page);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('scenario-name')).toHaveText(PRESETS['hybrid-dc']!.scenario.name);
  if ((await page.getByTestId('infra').count()) === 0) await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('infra')).toHaveAttribute('data-layout', 'auto');
  const reloaded = await relative(page, 'infra-queue', 'infra-region-eu-west');
  expect(reloaded[0]).toBeCloseTo(dropped[0], 2);
  expect(reloaded[1]).toBeCloseTo(dropped[1], 2);

  // "Reset layout" forgets it: the queue goes back to its automatic place.
  await page.getByTestId('infra-reset-layout').click();
  await expect(page.getByTestId('infra-reset-layout')).toHaveCount(0);
  await expect.poll(async () => (await relative(page, 'infra-queue', 'infra-region-eu-west'))[0]).not.toBeCloseTo(dropped[0], 1);
});
