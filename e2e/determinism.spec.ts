import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { choosePreset, openConsole, readText, shareLink } from './helpers';

/**
 * The browser (worker) and the CLI (Node) must produce byte-identical results for the same link:
 * share → open the link → Run to end → Export results (JSON) → compare with
 * `npx tsx src/cli/sim.ts '<link>' --json` (its `results` key; `run` is wall-clock data).
 */

/** Clicks "Export results (JSON)" and reads the downloaded file. */
async function exportedResults(page: Page): Promise<Record<string, unknown>> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('results.json');
  const path = await download.path();
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function cliResults(link: string): unknown {
  expect(existsSync('src/cli/sim.ts'), 'the CLI src/cli/sim.ts is needed for this test').toBe(true);
  const out = execFileSync('npx', ['tsx', 'src/cli/sim.ts', link, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  const cli = JSON.parse(out) as { results: unknown; run?: unknown };
  expect(cli.results, 'the CLI output has a "results" key').toBeDefined();
  return cli.results;
}

async function runToEnd(page: Page): Promise<void> {
  const end = await readText(page.getByTestId('clock-end'));
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 120_000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 120_000 });
}

test('the browser and the CLI agree on the results of a shared link', async ({ page }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  // The smallest built-in scenario that still exercises two services: the default one.
  const link = await shareLink(page);

  // Open the link in a fresh document, as a person receiving it would.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await runToEnd(page);

  const exported = await exportedResults(page);
  expect(exported.finished).toBe(true);
  expect(JSON.stringify(exported)).toBe(JSON.stringify(cliResults(link)));
});

test('watching a run does not change its results: play, step, then run to end', async ({ page }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  const link = await shareLink(page);
  // Play a while (the worker reads live metrics ~30 times a second), step a few events, then finish.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await page.waitForTimeout(2000);
  await page.getByTestId('pause').click();
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  await runToEnd(page);
  const exported = await exportedResults(page);
  expect(exported.finished).toBe(true);
  expect(JSON.stringify(exported)).toBe(JSON.stringify(cliResults(link)));
});

test('autoscaling and the cluster autoscaler replay identically in the browser and the CLI', async ({ page }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  await choosePreset(page, 'flash-crowd', 'Autoscaling a flash crowd');
  const link = await shareLink(page);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await runToEnd(page);
  const exported = await exportedResults(page);
  const scaling = exported.scaling as { decisions: unknown[] } | undefined;
  expect(scaling?.decisions.length ?? 0).toBeGreaterThan(100);
  expect(JSON.stringify(exported)).toBe(JSON.stringify(cliResults(link)));
});
