import { test, expect } from '@playwright/test';
import { openConsole, readInt, readText, serviceIds } from './helpers';

test.describe('the console with the default scenario', () => {
  test('loads at time 0, plays, pauses and steps', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await openConsole(page);
    const clock = page.getByTestId('clock');
    await expect(clock).toHaveText('00:00.0');
    await expect(page.getByTestId('clock-end')).not.toHaveText('00:00.0');
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
    const ids = await serviceIds(page);
    expect(ids.length).toBeGreaterThan(0);
    const completed = page.getByTestId(`service-${ids[0]}-completed`);
    expect(await readInt(completed)).toBe(0);

    // Play: the clock and the completed count move.
    await page.getByTestId('speed').selectOption('100');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('pause')).toBeVisible();
    await expect(clock).not.toHaveText('00:00.0');
    await expect.poll(() => readInt(completed), { timeout: 10_000 }).toBeGreaterThan(0);
    const c1 = await readInt(completed);
    await expect.poll(() => readInt(completed)).toBeGreaterThan(c1);

    // Pause: nothing moves any more.
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('play')).toBeVisible();
    const t1 = await readText(clock);
    const n1 = await readInt(completed);
    await page.waitForTimeout(800);
    expect(await readText(clock)).toBe(t1);
    expect(await readInt(completed)).toBe(n1);

    // Step: exactly one more event each time.
    const events = page.getByTestId('events');
    const e0 = await readInt(events);
    await page.getByTestId('step').click();
    await expect.poll(() => readInt(events)).toBe(e0 + 1);
    await page.getByTestId('step').click();
    await expect.poll(() => readInt(events)).toBe(e0 + 2);

    // A latency figure is shown in milliseconds.
    await expect(page.getByTestId(`service-${ids[0]}-p95`)).toHaveText(/^\d+(\.\d+)?$/);
    // The chart drew something.
    const surface = page.getByTestId(`service-${ids[0]}-chart`).locator('canvas[data-chart-surface]');
    await expect(surface).toBeVisible();
    expect(Number(await surface.getAttribute('data-points'))).toBeGreaterThanOrEqual(2);

    // Reset: back to zero, paused.
    await page.getByTestId('reset').click();
    await expect(clock).toHaveText('00:00.0');
    await expect.poll(() => readInt(events)).toBe(0);
    await expect.poll(() => readInt(completed)).toBe(0);

    expect(errors).toEqual([]);
  });

  test('keyboard: space plays and pauses, "." steps', async ({ page }) => {
    await openConsole(page);
    const events = page.getByTestId('events');
    await page.getByTestId('speed').selectOption('100');
    await page.locator('body').click({ position: { x: 5, y: 5 } }); // focus the page, not a control
    await page.keyboard.press(' ');
    await expect(page.getByTestId('pause')).toBeVisible();
    await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('play')).toBeVisible();
    const e0 = await readInt(events);
    await page.keyboard.press('.');
    await expect.poll(() => readInt(events)).toBe(e0 + 1);

    // Space on a focused button only toggles: it does not also "click" the button (Step would pause).
    await page.getByTestId('step').focus();
    const t1 = await readText(page.getByTestId('clock'));
    await page.keyboard.press(' ');
    await expect(page.getByTestId('pause')).toBeVisible();
    await expect(page.getByTestId('clock')).not.toHaveText(t1);
    await expect(page.getByTestId('pause')).toBeVisible();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('play')).toBeVisible();
  });

  test('the preset picker switches scenarios', async ({ page }) => {
    await openConsole(page);
    const picker = page.getByTestId('preset');
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const other = options.find((v) => v !== '' && v !== 'default');
    test.skip(!other, 'only one preset');
    const before = await readText(page.getByTestId('scenario-name'));
    await picker.selectOption(other!);
    await expect(page.getByTestId('scenario-name')).not.toHaveText(before);
    await expect(page.getByTestId('clock')).toHaveText('00:00.0');
    await expect(page.locator('section.panel').first()).toBeVisible();
  });

  test('at max speed the console stays responsive and Pause stops at once', async ({ page }) => {
    await openConsole(page);
    // The largest built-in scenario if there is one (it must not finish within the test).
    const picker = page.getByTestId('preset');
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const big = ['mmc-100', 'balancers-100', 'diurnal-day', 'mm1'].find((v) => options.includes(v));
    if (big) {
      await picker.selectOption(big);
      await expect(page.getByTestId('clock')).toHaveText('00:00.0');
    }
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('play').click();
    const clock = page.getByTestId('clock');
    await expect(clock).not.toHaveText('00:00.0');
    // The page keeps getting updates while the worker runs flat out.
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      seen.add(await readText(clock));
      await page.waitForTimeout(150);
    }
    expect(seen.size).toBeGreaterThan(2);
    const t0 = Date.now();
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('play')).toBeVisible({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    const frozen = await readText(clock);
    await page.waitForTimeout(500);
    expect(await readText(clock)).toBe(frozen);
    expect(frozen).not.toBe(await readText(page.getByTestId('clock-end')));
  });
});
