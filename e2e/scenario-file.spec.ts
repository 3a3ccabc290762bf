import { expect, test, type Page } from '@playwright/test';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { choosePreset, openConsole, readText, shareLink } from './helpers';
import { PRESETS } from '../src/core/index';

const FLASH = PRESETS['flash-crowd']!.scenario.name;

async function saveScenario(page: Page): Promise<{ name: string; doc: Record<string, unknown> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-scenario').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), doc: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('open-scenario-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

/** Runs to the end and reads the simulated event count. */
async function eventsAtEnd(page: Page): Promise<string> {
  const end = await readText(page.getByTestId('clock-end'));
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 120_000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 120_000 });
  return readText(page.getByTestId('events'));
}

test('save a scenario as a file and open it in a fresh page: the same scenario, link and run', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  await choosePreset(page, 'flash-crowd', FLASH);
  const saved = await saveScenario(page);
  expect(saved.name).toBe('autoscaling-a-flash-crowd.cumulo.json');
  expect(saved.doc.name).toBe(FLASH);
  const link = new URL(await shareLink(page)).hash;
  const events = await eventsAtEnd(page);

  const fresh = await browser.newPage();
  await openConsole(fresh);
  await openFile(fresh, saved.name, JSON.stringify(saved.doc, null, 2));
  await expect(fresh.getByTestId('scenario-name')).toHaveText(FLASH);
  await expect(fresh.getByTestId('info-banner')).toContainText(`Opened "${FLASH}" from autoscaling-a-flash-crowd.cumulo.json`);
  await expect(fresh.getByTestId('clock')).toHaveText('00:00.0');
  expect(new URL(await shareLink(fresh)).hash).toBe(link);
  expect(await eventsAtEnd(fresh)).toBe(events);
  // Loading the file is a step of the editor's history: Undo brings the previous scenario back.
  await fresh.getByTestId('editor-undo').click();
  await expect(fresh.getByTestId('scenario-name')).not.toHaveText(FLASH);
  await fresh.close();
});

test('a broken, invalid or oversized scenario file is refused with what is wrong; the scenario on screen stays', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'flash-crowd', FLASH);
  const banner = page.getByTestId('error-banner');

  // Not JSON: a stray comma on line 3; the banner says where.
  await openFile(page, 'broken.json', '{\n  "name": "x",\n}\n');
  await expect(banner.getByTestId('banner-title')).toHaveText('The scenario file "broken.json" was not loaded; the current scenario is still loaded');
  await expect(banner.getByTestId('banner-message')).toHaveText(/^it is not JSON: .+ \(line 3, column 1\)$/);
  await expect(page.getByTestId('scenario-name')).toHaveText(FLASH);

  // JSON, but not a scenario: the schema's own messages with their paths.
  await page.getByTestId('dismiss-banner').click();
  await openFile(page, 'invalid.json', JSON.stringify({ cumulo: 1, name: 'Bad', seed: -1, services: 'none' }));
  await expect(banner.getByTestId('banner-title')).toContainText('"invalid.json" was not loaded');
  await expect(banner.getByTestId('banner-message').first()).toBeVisible();
  const lines = await banner.getByTestId('banner-message').allTextContents();
  expect(lines.some((l) => /seed|services|topology/.test(l))).toBe(true);
  await expect(page.getByTestId('scenario-name')).toHaveText(FLASH);

  // An empty file.
  await page.getByTestId('dismiss-banner').click();
  await openFile(page, 'empty.json', '   ');
  await expect(banner.getByTestId('banner-message')).toHaveText('the file is empty');

  // Too big: refused before reading.
  await page.getByTestId('dismiss-banner').click();
  // (A sparse file on disk: Playwright passes buffers only up to 50 MB.)
  const huge = test.info().outputPath('huge.json');
  writeFileSync(huge, '');
  truncateSync(huge, 65 * 1024 * 1024);
  await page.getByTestId('open-scenario-file').setInputFiles(huge);
  await expect(banner.getByTestId('banner-message')).toHaveText('the file is 65.0 MB; a scenario file may be at most 64 MB');
  await expect(page.getByTestId('scenario-name')).toHaveText(FLASH);

  // The scenario still plays.
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await page.getByTestId('pause').click();
  expect(errors).toEqual([]);
});

test('a scenario file dropped on the console opens it; two at once are refused', async ({ page }) => {
  await openConsole(page);
  const doc = { ...PRESETS['flash-crowd']!.scenario, name: 'Dropped shop' };
  const drop = (files: Array<{ name: string; text: string }>) =>
    page.evaluate((fs) => {
      const dt = new DataTransfer();
      for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
      const target = document.querySelector('[data-testid="app"]')!;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);

  await drop([{ name: 'a.json', text: '{}' }, { name: 'b.json', text: '{}' }]);
  await expect(page.getByTestId('error-banner').getByTestId('banner-message')).toHaveText('drop one scenario file at a time (2 were dropped)');
  await expect(page.getByTestId('scenario-drop')).toHaveCount(0);

  await drop([{ name: 'shop.json', text: JSON.stringify(doc) }]);
  await expect(page.getByTestId('scenario-name')).toHaveText('Dropped shop');
});

test('a link too long for chat tools: the share box says so and offers the scenario file', async ({ page }) => {
  await openConsole(page);
  // A description of pseudo-random words compresses badly, so the link grows past 2,000 characters.
  let x = 12345;
  const words: string[] = [];
  while (words.join(' ').length < 3900) {
    x = (x * 1103515245 + 12345) % 2147483648;
    words.push(x.toString(36));
  }
  const doc = { ...PRESETS['flash-crowd']!.scenario, name: 'Long story', description: words.join(' ').slice(0, 3990) };
  await openFile(page, 'long.json', JSON.stringify(doc));
  await expect(page.getByTestId('scenario-name')).toHaveText('Long story');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-too-long')).toContainText('chat tools may cut it');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-download').click()]);
  expect(download.suggestedFilename()).toBe('long-story.cumulo.json');
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as { description: string };
  expect(saved.description).toBe(doc.description);
});
