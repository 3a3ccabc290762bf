import { test, expect, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { openTraceImport, playBriefly } from './helpers';

/**
 * Bad input end to end: each file gets a clear, specific message in the import dialog, the
 * scenario on screen (its name, its moment, its arrivals) stays, and the console goes on working.
 */
async function tryTrace(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<string[]> {
  await page.getByTestId('trace-workload').selectOption('shoppers');
  await page.getByTestId('trace-format').selectOption('per-minute');
  await page.getByTestId('trace-file').setInputFiles({ name, mimeType, buffer });
  await page.getByTestId('trace-submit').click();
  await expect(page.getByTestId('trace-errors')).toBeVisible();
  return page.getByTestId('trace-error').allInnerTexts();
}

test('malformed and impossible trace files are refused with what is wrong; nothing the user had is lost', async ({ page }) => {
  test.setTimeout(90_000);
  const { errors, clock, name, arrival } = await openTraceImport(page);

  // A download cut in half.
  let text = 'minute,requests\n';
  for (let i = 0; i < 20_000; i++) text += `${i},${(i * 7) % 13}\n`;
  const gz = gzipSync(Buffer.from(text));
  expect(await tryTrace(page, 'cut.csv.gz', gz.subarray(0, gz.length >> 1), 'application/gzip')).toEqual([
    'the gzip file is cut short: it ends before its data does (was the download or copy interrupted?)',
  ]);
  // A spreadsheet's binary file.
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
  expect((await tryTrace(page, 'sheet.csv', binary))[0]).toMatch(/^the file is not text: it has a zero byte at byte 1/);
  // A count no simulation can replay: the validation says where and what the bound is.
  expect((await tryTrace(page, 'huge.csv', Buffer.from('minute,requests\n0,5\n1,1e300\n'))).join(' ')).toMatch(/data\[1\]: must be at most 600000000 requests/);

  // Nothing changed.
  await page.getByTestId('trace-cancel').click();
  await expect(page.getByTestId('trace-dialog')).toHaveCount(0);
  await expect(page.getByTestId('clock')).toHaveText(clock);
  await expect(page.getByTestId('scenario-name')).toHaveText(name);
  await expect(arrival).toHaveText('flash crowd');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await playBriefly(page);
  expect(errors).toEqual([]);
});
