import { createRequire } from 'node:module';
import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole } from './helpers';
import { PRESETS } from '../src/core/index';

/**
 * Automated accessibility scan (axe-core) of the main views: WCAG 2.1 A and AA rules; a serious or
 * critical finding fails the journey with the rule, its help text and the offending elements.
 */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function scan(page: Page, include?: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(sel ? { include: [sel] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      nodes: (v.nodes as Array<{ target: unknown[]; failureSummary?: string }>).slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  }, include ?? null);
}

/** Plays at `speed` for about `ms` of wall time (or until the run ends), then pauses. */
async function runAWhile(page: Page, speed: string, ms: number): Promise<void> {
  await page.getByTestId('speed').selectOption(speed);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await page.waitForTimeout(ms);
  const pause = page.getByTestId('pause');
  // A busy page may never hold the button still for Playwright's stability check: no need here.
  if (await pause.isVisible()) await pause.click({ force: true });
  await expect(page.getByTestId('play')).toBeVisible();
}

/** Fails on serious and critical findings, naming them; lesser ones are left to people to judge. */
async function expectNoSeriousFindings(page: Page, view: string, include?: string): Promise<void> {
  const findings = (await scan(page, include)).filter((f) => f.impact === 'serious' || f.impact === 'critical');
  const text = findings.map((f) => `${f.impact} ${f.id}: ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n');
  expect(findings, `axe findings in ${view}:\n${text}`).toEqual([]);
}

test('the service view, its charts and the inspector have no serious accessibility findings', async ({ page }) => {
  await openConsole(page);
  await runAWhile(page, '10', 1500);
  await expect(page.getByTestId('lazy-loading')).toHaveCount(0);
  await expectNoSeriousFindings(page, 'the service view');
});

test('the infrastructure view has no serious accessibility findings', async ({ page }) => {
  await openConsole(page);
  await choosePreset(page, 'zone-outage', PRESETS['zone-outage']!.scenario.name);
  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('infra')).toBeVisible();
  await expect(page.getByTestId('infra-inspector')).toBeVisible();
  await runAWhile(page, '10', 1500);
  await expect(page.getByTestId('lazy-loading')).toHaveCount(0);
  await expectNoSeriousFindings(page, 'the infrastructure view');
});

test('the dialogs (trace import, keyboard shortcuts) have no serious accessibility findings', async ({ page }) => {
  await openConsole(page);
  await page.getByTestId('import-trace').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectNoSeriousFindings(page, 'the trace import dialog', '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('shortcuts-open').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousFindings(page, 'the keyboard shortcuts dialog', '[role="dialog"]');
});

test('the billing and elasticity panels have no serious accessibility findings', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page);
  await choosePreset(page, 'hybrid-dc', PRESETS['hybrid-dc']!.scenario.name);
  await runAWhile(page, '1000', 1500);
  await page.getByTestId('billing-toggle').click();
  await expect(page.getByTestId('billing-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('billing-tenants')).toBeVisible({ timeout: 30_000 });
  await expectNoSeriousFindings(page, 'the billing panel', '[data-testid="billing-panel"]');
  await choosePreset(page, 'flash-crowd', PRESETS['flash-crowd']!.scenario.name);
  await runAWhile(page, '100', 1500);
  await expect(page.getByTestId('lazy-loading')).toHaveCount(0);
  await expectNoSeriousFindings(page, 'the elasticity panels');
});

test('the scenario-wide forms (network, tenants, billing, serverless, cluster autoscaler, instance groups) have no serious accessibility findings', async ({ page }) => {
  await openConsole(page);
  for (const [preset, blocks] of [
    ['hybrid-dc', ['network', 'instances']],
    ['noisy-neighbours', ['tenants', 'clusterAutoscaler']],
    ['cost-models', ['billing']],
    ['event-driven', ['serverless']],
  ] as const) {
    await choosePreset(page, preset, PRESETS[preset]!.scenario.name);
    for (const block of blocks) {
      await page.getByTestId(`palette-block-${block}`).click();
      await expect(page.getByTestId(`block-${block}`)).toBeVisible();
      await expectNoSeriousFindings(page, `the ${block} form of ${preset}`, '[data-testid="block-inspector"]');
    }
  }
});
