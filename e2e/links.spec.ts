import { test, expect, type Page } from '@playwright/test';
import { openConsole, playBriefly, readText, shareLink } from './helpers';
import { encodeScenarioLink, PRESETS, DEFAULT_PRESET } from '../src/core/index';

const DEFAULT_NAME = 'defaultName';

/** Opens a bad link; the banner must show `message`, and the default scenario must load and play. */
async function expectFallback(page: Page, hash: string, message: RegExp): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page, hash);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('could not be opened');
  await expect(banner.getByTestId('banner-message').first()).toHaveText(message);
  const name = PRESETS[DEFAULT_PRESET]?.scenario.name ?? DEFAULT_NAME;
  await expect(page.getByTestId('scenario-name')).toHaveText(name);
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await playBriefly(page);
  // The bad link is gone from the address bar, so a reload does not fail again.
  expect(new URL(page.url()).hash).toBe('');
  expect(errors).toEqual([]);
}

test.describe('scenario links', () => {
  test('a shared link opens the same scenario', async ({ page }) => {
    await openConsole(page);
    // A preset other than the one loaded at startup, so the link really carries the choice.
    const picker = page.getByTestId('preset');
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const other = options.find((v) => v !== '' && v !== DEFAULT_PRESET);
    if (other) {
      const before = await readText(page.getByTestId('scenario-name'));
      await picker.selectOption(other);
      await expect(page.getByTestId('scenario-name')).not.toHaveText(before);
    }
    const name = await readText(page.getByTestId('scenario-name'));
    const link = await shareLink(page);
    expect(new URL(page.url()).hash).toBe(new URL(link).hash);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('scenario-name')).toHaveText(name);
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  });

  test('random bytes in the hash', async ({ page }) => {
    // Deterministic "random" bytes, percent-encoded as a browser would.
    let x = 12345;
    const bytes: number[] = [];
    for (let i = 0; i < 48; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes.push(x & 0xff);
    }
    const junk = encodeURIComponent(String.fromCharCode(...bytes));
    await expectFallback(page, `#${junk}`, /no scenario in it/i);
  });

  test('random data after a valid prefix', async ({ page }) => {
    await expectFallback(page, '#s=c1.Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eA', /damaged|not a compressed|cut short|checksum/i);
  });

  test('a truncated real link', async ({ page }) => {
    await openConsole(page);
    const link = await shareLink(page);
    const hash = new URL(link).hash;
    const cut = hash.slice(0, Math.floor(hash.length * 0.6));
    await expectFallback(page, cut, /cut short|damaged|checksum/i);
  });

  test('a link from a newer version', async ({ page }) => {
    await expectFallback(page, '#s=c9.xxx', /newer/i);
  });

  test('a well-formed link to an invalid scenario', async ({ page }) => {
    const base = PRESETS[DEFAULT_PRESET]!.scenario;
    const bad = { ...base, services: (base.services ?? []).map((s, i) => (i === 0 ? { ...s, replicas: 0 } : s)) };
    await expectFallback(page, `#${encodeScenarioLink(bad)}`, /replicas/);
  });

  test('a bad link pasted while running keeps the current scenario', async ({ page }) => {
    await openConsole(page);
    const name = await readText(page.getByTestId('scenario-name'));
    await page.evaluate(() => {
      window.location.hash = 's=c9.later';
    });
    await expect(page.getByTestId('error-banner')).toContainText('newer');
    await expect(page.getByTestId('scenario-name')).toHaveText(name);
    await page.getByTestId('dismiss-banner').click();
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
    await playBriefly(page);
  });
});
