import { test, expect, type Page } from '@playwright/test';
import { choosePreset, openConsole } from './helpers';
import { decodeLinkDocument, PRESETS } from '../src/core/index';

type Doc = {
  network?: { links?: Array<{ between: string[]; latency: string | number; kind?: string; bandwidthGbps?: number }> };
  tenants?: Array<{ id: string; weight?: number; quota?: { vcpu?: number; perRegion?: Array<{ region: string; vcpu?: number }> } }>;
  billing?: { budgets?: Array<{ tenant: string; monthly: number }>; spot?: { fraction?: number } };
  serverless?: { functions: Array<{ id: string; memoryMb?: number }>; gateways?: unknown[]; http?: unknown[] };
};

const hashOf = (page: Page): string => new URL(page.url()).hash;

/** The link's document, or null while an edit's reload leaves the page without a scenario link. */
function linked(page: Page): Doc | null {
  const hash = hashOf(page);
  return /^#s=c1\./.test(hash) ? (decodeLinkDocument(hash) as Doc) : null;
}

test.describe('scenario-wide forms', () => {
  test('network link, tenants and billing through forms: the link follows each edit, a bad value is refused next to its field, undo restores', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);

    // ---- a network link (hybrid VPN / dedicated line)
    await choosePreset(page, 'hybrid-dc', PRESETS['hybrid-dc']!.scenario.name);
    await page.getByTestId('palette-block-network').click();
    await expect(page.getByTestId('block-inspector-id')).toHaveText('Network');
    const latency = page.getByTestId('blk-network-links-0-latency');
    await expect(latency).toHaveValue('8ms');
    await latency.fill('25ms');
    await latency.press('Enter');
    await expect.poll(() => linked(page)?.network?.links?.[0]?.latency).toBe('25ms');
    const afterLatency = hashOf(page);
    await page.getByTestId('blk-network-links-0-kind').selectOption('vpn');
    await expect.poll(() => linked(page)?.network?.links?.[0]?.kind).toBe('vpn');
    // A bandwidth of 0: the schema's message next to the field, nothing applied.
    const bandwidth = page.getByTestId('blk-network-links-0-bandwidthGbps');
    await bandwidth.fill('0');
    await bandwidth.press('Enter');
    await expect(page.getByTestId('blk-network-links-0-bandwidthGbps-error')).toContainText('network.links[0].bandwidthGbps: must be greater than 0, got 0');
    await expect(bandwidth).toHaveAttribute('aria-invalid', 'true');
    expect(linked(page)?.network?.links?.[0]?.kind).toBe('vpn');
    // Undo the kind: the link goes back to the one after the latency edit.
    await page.getByTestId('editor-undo').click();
    await expect(page.getByTestId('blk-network-links-0-kind')).toHaveValue('dedicated');
    await expect.poll(() => hashOf(page)).toBe(afterLatency);

    // ---- tenants
    await choosePreset(page, 'noisy-neighbours', PRESETS['noisy-neighbours']!.scenario.name);
    await page.getByTestId('palette-block-tenants').click();
    await expect(page.getByTestId('blk-tenants-1')).toContainText('batch');
    const weight = page.getByTestId('blk-tenant-0-weight');
    await weight.fill('3');
    await weight.press('Enter');
    await expect.poll(() => linked(page)?.tenants?.[0]?.weight).toBe(3);
    const quota = page.getByTestId('blk-tenant-1-quota-vcpu');
    await expect(quota).toHaveValue('16');
    await quota.fill('-4');
    await quota.press('Enter');
    await expect(page.getByTestId('blk-tenant-1-quota-vcpu-error')).toContainText('tenants[1].quota.vcpu');
    await quota.fill('24');
    await quota.press('Enter');
    await expect.poll(() => linked(page)?.tenants?.[1]?.quota?.vcpu).toBe(24);
    // A quota per region, as a row of a table.
    await page.getByTestId('blk-tenant-1-perRegion-add').click();
    await expect.poll(() => linked(page)?.tenants?.[1]?.quota?.perRegion).toEqual([{ region: 'eu-west', vcpu: 16 }]);
    // Add a tenant, then remove it.
    await page.getByTestId('blk-tenants-add').click();
    await expect.poll(() => linked(page)?.tenants?.map((t) => t.id)).toEqual(['web', 'batch', 'tenant']);
    await page.getByTestId('blk-tenants-2-remove').click();
    await expect.poll(() => linked(page)?.tenants?.map((t) => t.id)).toEqual(['web', 'batch']);
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => linked(page)?.tenants?.length).toBe(3);
    await page.getByTestId('editor-redo').click();
    await expect.poll(() => linked(page)?.tenants?.length).toBe(2);

    // ---- billing
    await choosePreset(page, 'cost-models', PRESETS['cost-models']!.scenario.name);
    await page.getByTestId('palette-block-billing').click();
    await expect(page.getByTestId('blk-billing-budgets-0-monthly')).toHaveValue('1500');
    const monthly = page.getByTestId('blk-billing-budgets-1-monthly');
    await monthly.fill('0');
    await monthly.press('Enter');
    await expect(page.getByTestId('blk-billing-budgets-1-monthly-error')).toContainText('billing.budgets[1].monthly: must be greater than 0, got 0');
    await monthly.fill('40');
    await monthly.press('Enter');
    await expect.poll(() => linked(page)?.billing?.budgets?.[1]?.monthly).toBe(40);
    const budgetEdit = hashOf(page);
    const fraction = page.getByTestId('blk-billing-spot-fraction');
    await fraction.fill('0.5');
    await fraction.press('Enter');
    await expect.poll(() => linked(page)?.billing?.spot?.fraction).toBe(0.5);
    await page.getByTestId('blk-billing-budgets-add').click();
    await expect.poll(() => linked(page)?.billing?.budgets?.length).toBe(3);
    // Undo twice: the spot fraction goes, the link is the one after the budget edit.
    await page.getByTestId('editor-undo').click();
    await page.getByTestId('editor-undo').click();
    await expect(fraction).toHaveValue('');
    await expect.poll(() => hashOf(page)).toBe(budgetEdit);

    // Picking a service takes the inspector back from the block.
    await page.getByTestId('palette-service-web').click();
    await expect(page.getByTestId('inspector-service')).toHaveText('web');
    await expect(page.getByTestId('block-inspector')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('serverless through forms: memory of a function; removing a function repairs its route, gateway and traffic', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);
    await choosePreset(page, 'event-driven', PRESETS['event-driven']!.scenario.name);
    await page.getByTestId('palette-block-serverless').click();
    await expect(page.getByTestId('block-inspector')).toBeVisible();
    const memory = page.getByTestId('blk-fn-0-memory');
    await expect(memory).toHaveValue('256');
    await memory.fill('64');
    await memory.press('Enter');
    await expect(page.getByTestId('blk-fn-0-memory-error')).toContainText('serverless.functions[0].memoryMb');
    await memory.fill('512');
    await memory.press('Enter');
    await expect.poll(() => linked(page)?.serverless?.functions[0]?.memoryMb).toBe(512);

    await page.getByTestId('blk-functions-0-remove').click();
    await expect(page.getByTestId('editor-repairs')).toContainText('gateway api no longer routes /orders');
    await expect.poll(() => linked(page)?.serverless?.functions.map((f) => f.id)).toEqual(['payments', 'shipping', 'report', 'thumbnail']);
    expect(linked(page)?.serverless?.gateways ?? []).toEqual([]);
    expect(linked(page)?.serverless?.http ?? []).toEqual([]);
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => linked(page)?.serverless?.functions.length).toBe(5);

    // Triggers: HTTP traffic to the gateway's route, at a new rate; the keep-alive policy.
    await page.getByTestId('blk-http-add').click();
    await expect.poll(() => linked(page)?.serverless?.http?.length).toBe(2);
    const rate = page.getByTestId('blk-http-1-arrival-rate');
    await rate.fill('12');
    await rate.press('Enter');
    await expect.poll(() => (linked(page)?.serverless?.http?.[1] as { arrival?: { rate?: number } } | undefined)?.arrival?.rate).toBe(12);
    await page.getByTestId('blk-sls-keepalive-type').selectOption('hybrid');
    await expect.poll(() => (linked(page)?.serverless as { keepAlive?: { type: string } } | undefined)?.keepAlive?.type).toBe('hybrid');
    const head = page.getByTestId('blk-sls-keepalive-head');
    await head.fill('1.5');
    await head.press('Enter');
    await expect(page.getByTestId('blk-sls-keepalive-head-error')).toContainText('serverless.keepAlive.head');
    expect(errors).toEqual([]);
  });

  test('instance types are a dropdown of the catalog; a route renamed in its table takes its traffic along; filters and cold starts have fields', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openConsole(page);
    type Typed = { instances?: Array<{ id: string; type: string }>; services: Array<{ id: string; instanceType?: string }> };

    // ---- instance types: a dropdown of the scenario's catalog (built-in types with their sizes)
    await choosePreset(page, 'attack', PRESETS['attack']!.scenario.name);
    await page.getByTestId('palette-block-instances').click();
    const groupType = page.getByTestId('blk-group-0-type');
    await expect(groupType).toHaveJSProperty('tagName', 'SELECT');
    await expect(groupType).toHaveValue('m.large');
    await expect(groupType.locator('option', { hasText: 'c.xlarge · 8 vCPU, 16 GiB' })).toHaveCount(1);
    await expect(groupType.locator('option', { hasText: 'p.xlarge · 8 vCPU, 61 GiB, 1 GPU' })).toHaveCount(1);
    await groupType.selectOption('m.xlarge');
    await expect.poll(() => (linked(page) as Typed | null)?.instances?.[0]?.type).toBe('m.xlarge');
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => (linked(page) as Typed | null)?.instances?.[0]?.type).toBe('m.large');
    // The service inspector's instance type is the same dropdown.
    await page.getByTestId('palette-service-acme-web').click();
    const svcType = page.getByTestId('edit-instanceType');
    await expect(svcType).toHaveJSProperty('tagName', 'SELECT');
    await expect(svcType).toHaveValue('g.medium');
    await svcType.selectOption('g.large');
    await expect.poll(() => (linked(page) as Typed | null)?.services.find((x) => x.id === 'acme-web')?.instanceType).toBe('g.large');

    // ---- serverless: a route renamed in the gateway's table; the HTTP traffic follows in one edit
    await choosePreset(page, 'event-driven', PRESETS['event-driven']!.scenario.name);
    await page.getByTestId('palette-block-serverless').click();
    type Sls = { serverless?: { gateways?: Array<{ routes: Array<{ path: string }> }>; http?: Array<{ route: string }>; topics?: Array<{ subscriptions: Array<{ filter?: Record<string, string[]> }> }>; functions: Array<{ init?: unknown }> } };
    const sls = (): Sls['serverless'] => (linked(page) as Sls | null)?.serverless;
    const path = page.getByTestId('blk-gateway-0-routes-0-path');
    await expect(path).toHaveValue('/orders');
    // A client renamed in its table: the traffic it sends follows.
    const partner = page.getByTestId('blk-gateway-0-clients-2-id');
    await expect(partner).toHaveValue('partner');
    await partner.fill('reseller');
    await partner.press('Enter');
    await expect.poll(() => (linked(page) as { serverless?: { http?: Array<{ clients: Array<{ client: string }> }> } } | null)?.serverless?.http?.[0]?.clients.map((c) => c.client)).toEqual(['web', 'mobile', 'reseller', 'old-app', 'anonymous']);
    await path.fill('/checkout');
    await path.press('Enter');
    await expect.poll(() => sls()?.http?.[0]?.route).toBe('/checkout');
    expect(sls()?.gateways?.[0]?.routes[0]?.path).toBe('/checkout');
    await expect(page.getByTestId('editor-undo')).toHaveAttribute('title', /Path → \/checkout/);
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => sls()?.http?.[0]?.route).toBe('/orders');
    await expect(path).toHaveValue('/orders');

    // The arrival tables of the HTTP sources carry their owner's test ids (no fixed id repeated).
    await expect(page.getByTestId('blk-http-0-arrival-points')).toBeVisible();
    await expect(page.locator('[data-testid="edit-arrival-points"]')).toHaveCount(0);
    // No test id repeats anywhere in the serverless form.
    const duplicates = await page.getByTestId('block-inspector').evaluate((root) => {
      const seen = new Map<string, number>();
      for (const el of root.querySelectorAll('[data-testid]')) seen.set(el.getAttribute('data-testid')!, (seen.get(el.getAttribute('data-testid')!) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates).toEqual([]);

    // A subscription filter as "name = values" lines; a line that is not one is refused in words.
    const filter = page.getByTestId('blk-topic-0-sub-1-filter');
    await expect(filter).toHaveValue('kind = express');
    await filter.fill('kind = express, priority');
    await page.getByTestId('blk-topic-0-sub-1-filter-apply').click();
    await expect.poll(() => sls()?.topics?.[0]?.subscriptions[1]?.filter).toEqual({ kind: ['express', 'priority'] });
    await filter.fill('kind express');
    await page.getByTestId('blk-topic-0-sub-1-filter-apply').click();
    await expect(page.getByTestId('blk-topic-0-sub-1-filter-syntax')).toContainText('line 1');

    // A function's cold start from a distribution picker, with translated parameter labels.
    await page.getByTestId('blk-fn-0-init-type').selectOption('lognormal');
    await expect.poll(() => sls()?.functions[0]?.init).toEqual({ type: 'lognormal', mean: 0.3, sd: 0.09 });
    await expect(page.getByLabel('Standard deviation').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});
