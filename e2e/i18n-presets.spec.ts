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

/** In Chinese: the way to add an autoscaler, the last decision, and the autoscalers' entries in the compute log. */
test('in Chinese: a fixed service points to the add-autoscaler button; the flash crowd’s autoscaler reasons and cluster autoscaler log are Chinese', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await page.getByTestId('language').selectOption('zh');
  // The default scenario's first service has a fixed replica count: the note names the editor's button.
  const none = page.getByTestId('autoscaler-none');
  await expect(none).toContainText('+ 添加自动扩缩容');
  await expect(none).toContainText('“场景参数”');
  await expect(none).not.toContainText('docs/scenario.md');
  await expect(page.getByTestId('edit-autoscaler-add')).toHaveText('+ 添加自动扩缩容');
  // The topology canvas's controls are labelled in Chinese for screen readers too.
  await expect(page.getByTestId('topology').getByRole('button', { name: '放大' })).toBeVisible();
  await expect(page.getByTestId('topology').getByRole('button', { name: '适应视图' })).toBeVisible();

  await page.getByTestId('preset').selectOption('flash-crowd');
  await expect(page.getByTestId('clock')).toHaveText('00:00.0');
  await expect(page.getByTestId('inspector-autoscaler')).toBeVisible();
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toBeDisabled({ timeout: 120_000 });
  // The service's last HPA decision, worded from its data.
  const last = page.getByTestId('inspector-autoscaler-last');
  await expect(last).toContainText(/[\u4e00-\u9fff]/);
  await expect(last).not.toContainText(/\b(replicas|keeping|within tolerance|desired)\b/);

  await page.getByTestId('view-infra').click();
  await expect(page.getByTestId('event-log')).toBeVisible();
  const rows = page.getByTestId('event-log').getByTestId('log-row');
  const filter = page.getByTestId('log-filter');
  // The cluster autoscaler's scale-up, with its expander and waste, in Chinese.
  await filter.fill('扩容 nodes +');
  await expect(rows.first()).toContainText('扩展策略 least-waste');
  // Replicas the HPA removed, and hosts it emptied.
  await filter.fill('已缩容（自动扩缩容：target-tracking）');
  await expect(rows.first()).toBeVisible();
  await filter.fill('缩容 nodes −');
  await expect(rows.first()).toContainText('已空且闲置');
  // None of the core's English is left in these entries as shown (the filter also matches the English behind them).
  for (const english of ['scale-up nodes', 'scaled down', 'no scale-', 'scale-down nodes']) {
    await filter.fill(english);
    await expect(rows.first()).toBeVisible();
    const shown = await rows.allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row).not.toMatch(/scale-up|scale-down|scaled down|no scale|pending instance|unneeded for|autoscaler \(/);
  }
  expect(errors).toEqual([]);
});
