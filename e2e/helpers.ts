import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the console (optionally with a hash) in a fresh document and waits for a scenario. */
export async function openConsole(page: Page, hash = ''): Promise<void> {
  // about:blank first, so a hash-only change is a real load (startup path), not a hashchange.
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('scenario-name')).not.toHaveText('Loading…');
  await expect(page.locator('section.panel').first()).toBeVisible();
}

/** Ids of the services shown, in order. */
export async function serviceIds(page: Page): Promise<string[]> {
  const ids = await page.locator('section.panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((t) => t.replace(/^service-/, ''));
}

/** "1,234" → 1234; "—" → NaN. */
export async function readInt(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return text.trim() === '—' ? Number.NaN : Number(text.replace(/[,\s]/g, ''));
}

export async function readText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** The console's own share link for the loaded scenario (the full URL). */
export async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  const box = page.getByTestId('share-url');
  await expect(box).toHaveValue(/#s=c\d+\./);
  return box.inputValue();
}

/** Plays at `speed` until the first service has completed requests and the clock moved; then pauses. */
export async function playBriefly(page: Page, speed = '100'): Promise<void> {
  const [id] = await serviceIds(page);
  await page.getByTestId('speed').selectOption(speed);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await expect.poll(() => readInt(page.getByTestId(`service-${id}-completed`))).toBeGreaterThan(0);
  // On a loaded machine a short scenario can reach its end first (Pause then gives way to a disabled Play).
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click({ timeout: 5_000 }).catch(() => undefined);
  await expect(page.getByTestId('play')).toBeVisible();
}

/** The simulated clock in seconds ("05:01.3" → 301.3, "1:02:03.4" → 3723.4). */
export async function clockSeconds(page: Page): Promise<number> {
  const text = await readText(page.getByTestId('clock'));
  const parts = text.split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** A number shown as text ("2,477" → 2477, "93.0" → 93; "—" → NaN). */
export async function readNumber(locator: Locator): Promise<number> {
  const text = ((await locator.textContent()) ?? '').trim();
  return text === '—' ? Number.NaN : Number(text.replace(/[,\s]/g, ''));
}

/** Loads a built-in preset through the picker and waits until it is shown at time 0. */
export async function choosePreset(page: Page, id: string, name: string): Promise<void> {
  await page.getByTestId('preset').selectOption(id);
  await expect(page.getByTestId('scenario-name')).toHaveText(name);
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
}

/**
 * Opens the console, plays a little and opens the trace import dialog; returns what must not change
 * when a trace is refused (the clock, the scenario's name, the shoppers' arrival label) and the
 * page errors seen from the start.
 */
export async function openTraceImport(page: Page): Promise<{ errors: string[]; clock: string; name: string; arrival: Locator }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await playBriefly(page);
  const clock = await readText(page.getByTestId('clock'));
  const name = await readText(page.getByTestId('scenario-name'));
  const arrival = page.getByTestId('topo-workload-shoppers-arrival');
  await expect(arrival).toHaveText('flash crowd');
  await page.getByTestId('import-trace').click();
  return { errors, clock, name, arrival };
}
