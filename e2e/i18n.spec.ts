import { test, expect } from '@playwright/test';
import { readInt, serviceIds } from './helpers';

// A fresh browser whose language is English: the console opens in English.
test.use({ locale: 'en-US' });

test('switch language: the shell, the inspector and a banner in Chinese, remembered across a reload, and back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // A broken link gives an error banner (the default scenario is loaded instead).
  await page.goto('about:blank');
  await page.goto('/#s=not-a-scenario');
  await expect(page.locator('section.panel').first()).toBeVisible();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('language')).toHaveValue('en');
  await expect(page.getByTestId('play')).toHaveText('▶ Play');
  const title = page.getByTestId('banner-title');
  await expect(title).toHaveText('The scenario link could not be opened; the default scenario was loaded instead');
  await expect(page.getByTestId('inspector')).toBeVisible();
  const [id] = await serviceIds(page);

  // 中文: controls, the inspector, the service panels and the banner already shown.
  await page.getByTestId('language').selectOption('zh');
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('play')).toHaveText('▶ 播放');
  await expect(page.getByTestId('step')).toHaveText('单步');
  await expect(page.getByTestId('reset')).toHaveText('重置');
  await expect(page.getByTestId('share')).toHaveText('分享链接');
  await expect(page.getByTestId('run-to-end')).toHaveText('运行到结束');
  await expect(page.getByTestId('presenter-toggle')).toHaveText('演示模式');
  await expect(page.getByTestId('speed').locator('option[value="max"]')).toHaveText('最快');
  await expect(title).toHaveText('无法打开场景链接，已改为加载默认场景');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByRole('heading', { name: '负载均衡' })).toBeVisible();
  await expect(inspector).toContainText('吞吐量');
  await expect(page.getByTestId('inspector-replicas')).toContainText('个在轮转中');
  await expect(page.getByTestId(`service-${id}`)).toContainText('到达');
  await expect(page.getByTestId('shortcuts-open')).toHaveText('键盘快捷键（?）');

  // Reload: the choice is remembered.
  await page.reload();
  await expect(page.locator('section.panel').first()).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('language')).toHaveValue('zh');
  await expect(page.getByTestId('play')).toHaveText('▶ 播放');
  await expect(page.getByTestId('inspector').getByRole('heading', { name: '负载均衡' })).toBeVisible();

  // The simulation still runs and its numbers still show (formatted as in English). At 10× the
  // six-minute scenario lasts half a minute, so it is still running when Pause is pressed.
  const completed = page.getByTestId(`service-${id}-completed`);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toHaveText('❚❚ 暂停');
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  await expect.poll(() => readInt(completed), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('inspector-p99')).toHaveText(/^\d+(\.\d+)?$/);
  await expect(page.getByTestId('events')).toHaveText(/^[\d,]+$/);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  // A notice made while Chinese is shown is in Chinese, and follows the switch back.
  await page.evaluate(() => (window.location.hash = 's=still-not-a-scenario'));
  await expect(title).toHaveText('无法打开场景链接，当前场景保持不变');

  // And back to English.
  await page.getByTestId('language').selectOption('en');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('play')).toHaveText('▶ Play');
  await expect(page.getByTestId('step')).toHaveText('Step');
  await expect(title).toHaveText('The scenario link could not be opened; the current scenario is still loaded');
  await expect(page.getByTestId('inspector').getByRole('heading', { name: 'Load balancer' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('in Chinese: the canvases’ edges, the infrastructure canvas’ hints and the chart legends say nothing in English to screen readers', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('about:blank');
  await page.goto('/');
  await expect(page.locator('section.panel').first()).toBeVisible();
  await page.getByTestId('language').selectOption('zh');
  // The web shop: a workload's traffic and a call between services, labelled from their data.
  await page.getByTestId('preset').selectOption('two-tier');
  const topology = page.getByTestId('topology');
  await expect(topology.getByTestId('rf__edge-wl:users')).toHaveAttribute('aria-label', '工作负载 users 发往服务 api 的流量');
  await expect(topology.getByTestId('rf__edge-call:api:db')).toHaveAttribute('aria-label', '服务 api 对服务 db 的调用');
  // Chart legends: the series' names are the text; their icons are decoration, not "… legend icon".
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('clock')).not.toHaveText('00:00.0');
  const legend = page.locator('.recharts-legend-item').first();
  await expect(legend).toBeVisible();
  await expect(legend.locator('svg')).toHaveAttribute('aria-hidden', 'true');
  await expect(page.locator('[aria-label*="legend icon"]')).toHaveCount(0);
  await page.getByTestId('pause').click();
  // The hybrid cloud: the infrastructure canvas' keyboard hints and its region link.
  await page.getByTestId('preset').selectOption('hybrid-dc');
  await page.getByTestId('view-infra').click();
  const infra = page.getByTestId('infra');
  await expect(infra.locator('.react-flow__node').first()).toBeVisible();
  await expect(infra).toContainText('按回车或空格键选择节点');
  await expect(infra).not.toContainText('Press enter or space');
  await expect(infra.locator('[aria-roledescription="edge"]').first()).toHaveAttribute('aria-label', /^(onprem|eu-west) 与 (onprem|eu-west) 之间的网络链路$/);
  expect(errors).toEqual([]);
});
