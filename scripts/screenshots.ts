/**
 * Pictures of the console's main views for the README, made from the built app:
 *
 *   npm run screenshots                 build, serve on port 4188, write docs/screenshots/*.png
 *   npm run screenshots -- --no-build   reuse dist/ as it is
 *
 * Each view is a preset played for a little while at a fixed speed and paused, so the pictures show
 * a run in progress (the exact frame depends on the machine's speed; the scenario does not).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeScenarioLink, PRESETS } from '../src/core/index';
import { cloudScaleScenario } from './cloud-scale';
import { buildApp, serveAndLaunch } from './serve';

const OUT = 'docs/screenshots';
const PORT = Number(process.env.CUMULO_BENCH_PORT ?? 4188);

async function open(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${url}/${hash}`);
  await page.getByTestId('scenario-name').filter({ hasNotText: 'Loading…' }).waitFor();
}

async function preset(page: Page, id: string): Promise<void> {
  await page.getByTestId('preset').selectOption(id);
  await page.getByTestId('scenario-name').filter({ hasText: PRESETS[id]!.scenario.name }).waitFor();
}

/** Plays at `speed` for `ms` of wall time, then pauses (or lets the run end). */
async function play(page: Page, speed: string, ms: number): Promise<void> {
  await page.getByTestId('speed').selectOption(speed);
  await page.getByTestId('play').click();
  await page.waitForTimeout(ms);
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click({ force: true });
  await page.getByTestId('play').waitFor();
  // Lazy panels and the last snapshot settle.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="lazy-loading"]').length === 0);
  await page.waitForTimeout(600);
}

async function infra(page: Page): Promise<void> {
  await page.getByTestId('view-infra').click();
  await page.locator('[data-testid="infra"][data-layout="auto"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(400);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) buildApp(false);
  mkdirSync(OUT, { recursive: true });
  const { url, browser, close } = await serveAndLaunch(PORT);
  const shots: string[] = [];
  const shot = async (page: Page, name: string, what?: string) => {
    const path = join(OUT, `${name}.png`);
    if (what) await page.locator(what).first().screenshot({ path });
    else await page.screenshot({ path });
    shots.push(path);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));

    // The service topology with its charts (default scenario: a web shop and a flash crowd).
    await open(page, url);
    await play(page, '10', 4000);
    await shot(page, 'service-view');
    await shot(page, 'service-charts', '[data-testid="charts"]');

    // The infrastructure view: a hybrid cloud with a private datacenter, its bill.
    await preset(page, 'hybrid-dc');
    await play(page, '100', 4000);
    await infra(page);
    await shot(page, 'infra-view');
    await page.getByTestId('billing-toggle').click();
    await page.getByTestId('billing-tenants').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await shot(page, 'billing', '[data-testid="billing-panel"]');

    // Elasticity: an HPA and a cluster autoscaler against a flash crowd.
    await page.getByTestId('view-traffic').click();
    await preset(page, 'flash-crowd');
    await play(page, '100', 6000);
    await shot(page, 'autoscaler', '[data-testid="autoscaler-panel"]');
    await shot(page, 'decision-log', '[data-testid="decision-log"]');

    // A/B compare: round robin against least connections on the same seed, run to the end.
    await preset(page, 'lb-compare');
    await page.getByTestId('compare-open').click();
    await page.getByTestId('compare-kind').selectOption('balancer');
    await page.getByTestId('compare-service').selectOption('app');
    await page.getByTestId('compare-policy').selectOption('least-connections');
    await page.getByTestId('compare-run').click();
    await page.getByTestId('compare-table').filter({ hasText: 'both runs ended' }).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(600);
    await shot(page, 'compare', '[data-testid="compare-panel"]');
    await page.getByTestId('compare-close').click();

    // The console in Simplified Chinese, then presenter mode (large type, no editing chrome).
    await preset(page, 'zone-outage');
    await page.getByTestId('language').selectOption('zh');
    await play(page, '100', 4000);
    await shot(page, 'chinese');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('presenter-toggle').click();
    await page.waitForTimeout(400);
    await shot(page, 'presenter');
    await page.getByTestId('presenter-toggle').click();

    // Cloud scale: 1,000 hosts and 5,000 instances, pools as heat strips.
    await open(page, url, `#${encodeScenarioLink(cloudScaleScenario()).replace(/^#/, '')}`);
    await play(page, 'max', 4000);
    await infra(page);
    await shot(page, 'cloud-scale');
  } finally {
    await close();
  }
  for (const s of shots) console.log(`wrote ${s}`);
}

main().catch((e: unknown) => {
  console.error(`screenshots: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
