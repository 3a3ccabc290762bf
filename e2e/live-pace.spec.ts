import { test, expect } from '@playwright/test';
import { openConsole } from './helpers';

/**
 * The live view's pace (src/ui/framePace.ts): a page whose frames come late while a run plays
 * slows its live updates and says so by the clock.
 */
test('late frames slow the live view down and say so by the clock; the simulation keeps its speed', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await expect(page.getByTestId('live-pace')).toHaveCount(0);
  // Something else hogs the page: 60 ms of busy main thread every 150 ms.
  await page.evaluate(() => {
    const w = window as unknown as { __hog?: number };
    w.__hog = window.setInterval(() => {
      const end = performance.now() + 60;
      while (performance.now() < end) {
        /* busy */
      }
    }, 150);
  });
  // 10× real time: the default scenario plays for minutes (at full speed it would be over at once).
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  const chip = page.getByTestId('live-pace');
  await expect(chip).toBeVisible({ timeout: 20_000 });
  await expect(chip).toHaveText(/÷[23]/);
  await expect(chip).toHaveAttribute('title', /updates [23] times less often/);
  // The simulation itself is not slowed: the clock keeps moving.
  const before = await page.getByTestId('events').textContent();
  await expect(page.getByTestId('events')).not.toHaveText(before ?? '', { timeout: 10_000 });
  await page.evaluate(() => window.clearInterval((window as unknown as { __hog?: number }).__hog));
  // (Coming back after five seconds of frames on time is unit-tested in src/ui/framePace.test.ts:
  // on a loaded machine frames may stay late without the hog, so it is not asserted here.)
});
