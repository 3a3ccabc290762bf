import { test, expect } from '@playwright/test';
import { openConsole } from './helpers';

/** In Chinese: the preset picker, the top bar's scenario name, What to watch, the access panel, and the worker's errors. */
test('switching to 中文 shows the preset notes, the access panel and the worker’s errors in Chinese, and back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await expect(page.getByTestId('scenario-name')).toHaveText('Web shop with a flash crowd');
  await page.getByTestId('language').selectOption('zh');

  await expect(page.getByTestId('scenario-name')).toHaveText('遭遇突发流量的网店');
  await expect(page.getByTestId('watch-card').getByRole('heading')).toHaveText('观察要点');
  await expect(page.getByTestId('watch-text')).toContainText('第 2 分钟突发流量');
  await expect(page.getByTestId('watch-question')).toContainText('课堂提问：');
  await expect(page.getByTestId('preset').locator('option[value="mm1"]')).toHaveText('M/M/1 队列');

  // An unmodified preset keeps its Chinese name; the audit trail's rules are said in Chinese.
  await page.getByTestId('preset').selectOption('attack');
  await expect(page.getByTestId('scenario-name')).toHaveText('运维密钥泄露');
  const panel = page.getByTestId('access-panel');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText('身份与访问');
  await page.getByTestId('act-as').selectOption('acme-viewer');
  await expect(page.getByTestId('acting-as')).toHaveText('acme-viewer');
  await page.getByTestId('iam-scale-service').selectOption('acme-web');
  await page.getByTestId('iam-scale').click();
  await expect(page.getByTestId('iam-action-result')).toHaveText(
    '访问被拒绝：acme-viewer 不能对 tenant/acme/service/acme-web 执行 service:scale（隐式拒绝：没有规则允许 service:scale；租户 acme 的角色 viewer 不包含该操作）',
  );
  await expect(page.getByTestId('audit-entry').first().getByTestId('audit-rule')).toHaveText('隐式拒绝：没有规则允许 service:scale；租户 acme 的角色 viewer 不包含该操作');
  await page.screenshot({ path: 'test-results/i18n-presets-zh.png', fullPage: true });

  // A broken link: the worker's error comes back in Chinese.
  await page.evaluate(() => {
    window.location.hash = 's=c1.AAAA';
  });
  await expect(page.getByTestId('error-banner')).toContainText('链接不完整（数据太少）');

  // Back to English: the same panels in English again.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('scenario-name')).toHaveText('Compromised operator key');
  await expect(page.getByTestId('audit-entry').first().getByTestId('audit-rule')).toHaveText('implicit deny: no rule allows service:scale; role viewer of tenant acme does not include it');
  expect(errors).toEqual([]);
});
