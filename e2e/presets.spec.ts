import { expect, test, type Page } from '@playwright/test';
import { openConsole, readText } from './helpers';

async function presetOptions(page: Page): Promise<Array<{ id: string; title: string }>> {
  return page
    .getByTestId('preset')
    .locator('option')
    .evaluateAll((opts) => opts.map((o) => ({ id: (o as HTMLOptionElement).value, title: o.textContent ?? '' })).filter((o) => o.id !== ''));
}

test('every preset opens with its notes and plays (a missing trace shows its banner instead)', async ({ page }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  const presets = await presetOptions(page);
  expect(presets.length).toBeGreaterThanOrEqual(15);
  expect(presets.map((p) => p.id)).toContain('slow-dependency');
  for (const p of presets) {
    await page.getByTestId('preset').selectOption(p.id);
    await expect(page.getByTestId('preset')).toHaveValue(p.id);
    await expect(page.getByTestId('clock')).toHaveText('00:00.0');
    // What to watch, and the question for the class.
    await expect(page.getByTestId('watch-card')).toBeVisible();
    expect((await readText(page.getByTestId('watch-text'))).length, p.id).toBeGreaterThan(150);
    await expect(page.getByTestId('watch-question')).toContainText('?');
    if ((await page.getByTestId('missing-trace-banner').count()) > 0) {
      await expect(page.getByTestId('missing-trace-banner')).toContainText('.csv');
      continue;
    }
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('clock'), p.id).not.toHaveText('00:00.0');
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('play')).toBeVisible();
    await expect(page.getByTestId('error-banner'), p.id).toHaveCount(0);
  }
});

test('presenter mode: large type, no editing chrome, playback and notes kept; "p" toggles; remembered', async ({ page }) => {
  await openConsole(page);
  await page.getByTestId('preset').selectOption('lb-compare');
  await expect(page.getByTestId('scenario-name')).toHaveText('Load balancers under pressure');
  await expect(page.getByTestId('inspector-policy')).toBeVisible();
  await expect(page.getByTestId('import-trace')).toBeVisible();
  const size = () => page.getByTestId('app').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = await size();

  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
  expect(await size()).toBeGreaterThan(normal * 1.2);
  for (const hidden of ['import-trace', 'share', 'export', 'inspector-policy']) await expect(page.getByTestId(hidden)).toBeHidden();
  for (const kept of ['play', 'speed', 'clock', 'preset', 'watch-card']) await expect(page.getByTestId(kept)).toBeVisible();
  await expect(page.locator('.react-flow')).toBeVisible();

  // Remembered across a reload.
  await openConsole(page);
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  // "p" toggles it, and the shortcuts list says so.
  await page.locator('body').press('p');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
  await expect(page.getByTestId('import-trace')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Presenter mode');
});
