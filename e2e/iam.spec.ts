import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { choosePreset, openConsole, readText } from './helpers';
import { PRESETS } from '../src/core/index';

const HEADER = 'tenant,group,category,resource,pricing,quantity,unit,cost_usd';

test('act as a viewer: a scale is denied with its rule in the audit log; the attack is denied and audited; a billing principal exports acme’s invoice as CSV', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConsole(page);
  await choosePreset(page, 'attack', PRESETS['attack']!.scenario.name);

  // Act as acme's viewer.
  const actAs = page.getByTestId('act-as');
  await expect(actAs).toBeVisible();
  await expect(page.getByTestId('acting-as')).toHaveText('admin');
  await actAs.selectOption('acme-viewer');
  await expect(page.getByTestId('acting-as')).toHaveText('acme-viewer');
  await expect(page.getByTestId('act-as-roles')).toHaveText('viewer@acme');

  // Reads are enforced on the live views: globex's service is hidden from acme's viewer, saying why; acme's own is not.
  const hiddenChip = page.getByTestId('topo-service-globex-api-hidden');
  await expect(hiddenChip).toBeVisible();
  await expect(hiddenChip).toHaveAttribute('title', 'Hidden from acme-viewer: no read permission (service:read on tenant/globex/service/globex-api)');
  await expect(page.getByTestId('topo-service-acme-web-hidden')).toHaveCount(0);
  await expect(page.getByTestId('service-globex-api-hidden')).toContainText('Hidden: no read permission (service:read on tenant/globex/service/globex-api)');
  await expect(page.getByTestId('service-globex-api-arrivals')).toHaveCount(0);
  await expect(page.getByTestId('service-acme-web-arrivals')).toBeVisible();
  await page.getByTestId('topo-service-globex-api').click();
  await expect(page.getByTestId('inspector-service')).toHaveText('globex-api');
  const hidden = page.getByTestId('inspector-hidden');
  await expect(hidden).toContainText('Hidden: no read permission (service:read on tenant/globex/service/globex-api)');
  await expect(page.getByTestId('inspector-hidden-rule')).toHaveText('Decided by: cross-tenant: principal acme-viewer has no role on tenant globex');
  await expect(page.getByTestId('inspector-p99')).toHaveCount(0);
  await page.getByTestId('topo-service-acme-web').click();
  await expect(page.getByTestId('inspector-p99')).toBeVisible();
  await expect(page.getByTestId('inspector-hidden')).toHaveCount(0);
  // The two hidden services are denied reads in the audit log, recorded once.
  const readDenials = page.locator('[data-testid="audit-entry"][data-principal="acme-viewer"][data-action="service:read"][data-allowed="false"]');
  await expect(readDenials).toHaveCount(2);

  // Try to scale acme-web: denied, with the rule, next to the button and in the audit log.
  await page.getByTestId('iam-scale-service').selectOption('acme-web');
  await page.getByTestId('iam-scale-replicas').fill('5');
  await page.getByTestId('iam-scale').click();
  const answer = page.getByTestId('iam-action-result');
  await expect(answer).toHaveAttribute('data-allowed', 'false');
  await expect(answer).toContainText('Access denied: acme-viewer may not service:scale tenant/acme/service/acme-web');
  await expect(answer).toContainText('implicit deny: no rule allows service:scale; role viewer of tenant acme does not include it');
  const newest = page.getByTestId('audit-entry').first();
  await expect(newest).toHaveAttribute('data-principal', 'acme-viewer');
  await expect(newest).toHaveAttribute('data-action', 'service:scale');
  await expect(newest).toHaveAttribute('data-allowed', 'false');
  await expect(newest.getByTestId('audit-rule')).toHaveText('implicit deny: no rule allows service:scale; role viewer of tenant acme does not include it');

  // Run the attack to the end: every attempt of the stolen key on another tenant is denied and audited.
  const end = await readText(page.getByTestId('clock-end'));
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('clock')).toHaveText(end, { timeout: 120_000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 120_000 });
  // 16 scripted attempts, the viewer's scale, and its denied reads (two services, two tenants' usage,
  // other tenants' instances and the hosts it may not read), each recorded once.
  const viewerReads = page.locator('[data-testid="audit-entry"][data-principal="acme-viewer"][data-allowed="false"][data-action$=":read"]');
  const nReads = await viewerReads.count();
  expect(nReads).toBeGreaterThan(4);
  await expect(page.getByTestId('audit-count')).toHaveText(String(17 + nReads));
  await page.getByTestId('audit-denied-only').check();
  const denied = page.locator('[data-testid="audit-entry"][data-principal="acme-ops-key"]');
  await expect(denied).toHaveCount(11);
  expect(await page.locator('[data-testid="audit-entry"][data-allowed="true"]').count()).toBe(0);
  // (the viewer's hidden reads of the other tenants are cross-tenant denials too)
  await expect(page.locator('[data-testid="audit-entry"][data-kind="cross-tenant"][data-principal="acme-viewer"][data-action="service:read"]')).toHaveCount(2);
  const crossTenant = page.locator('[data-testid="audit-entry"][data-kind="cross-tenant"][data-principal="acme-ops-key"]');
  await expect(crossTenant).toHaveCount(7);
  const tenants = await crossTenant.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tenant')));
  expect(new Set(tenants)).toEqual(new Set(['globex', 'initech']));
  await expect(crossTenant.first().getByTestId('audit-rule')).toHaveText(/^cross-tenant: principal acme-ops-key has no role on tenant (globex|initech)$/);
  await page.getByTestId('audit-denied-only').uncheck();

  // The infrastructure view is cut the same way: other tenants' instances are anonymous dots saying
  // why, the event log leaves out what the viewer may not read (and says so), a shared host's history
  // is a platform resource's.
  await page.getByTestId('view-infra').click();
  const hiddenDot = page.getByTestId('instance-dot-hidden').first();
  await expect(hiddenDot).toHaveAttribute('title', /^Hidden instance: no read permission \(instance:read on tenant\/(globex|initech)\/instance\//);
  await expect(hiddenDot).toHaveAttribute('role', 'img');
  await expect(page.locator('[data-testid^="instance-dot-globex-"], [data-testid^="instance-dot-initech-"]')).toHaveCount(0);
  const logHidden = page.getByTestId('log-hidden');
  await expect(logHidden).toContainText('entries hidden: no read permission');
  await expect(page.getByTestId('log-hidden-rule')).toContainText('Decided by:');
  await page.getByTestId('infra-host-shared-a-0').click();
  await expect(page.getByTestId('inspector-host')).toHaveText('shared-a-0');
  await expect(page.getByTestId('host-history-hidden')).toContainText('Hidden: no read permission (host:read on platform/host/shared-a-0)');
  await expect(page.getByTestId('host-history-hidden-rule')).toHaveText('Decided by: platform resource: platform/host/shared-a-0 belongs to no tenant, only the platform admin may host:read it');
  await expect(page.getByTestId('host-history')).toHaveCount(0);
  // The tenancy panel shows acme only; the fairness over every tenant is not the viewer's to see.
  await expect(page.getByTestId('tenancy-tenant-acme')).toBeVisible();
  await expect(page.getByTestId('tenancy-tenant-globex')).toHaveCount(0);
  await expect(page.getByTestId('tenancy-hidden')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('tenancy-jain-hidden')).toBeVisible();
  // Switching back to the admin shows everything again.
  await actAs.selectOption('admin');
  await expect(page.getByTestId('acting-as')).toHaveText('admin');
  await expect(page.getByTestId('instance-dot-hidden')).toHaveCount(0);
  await expect(page.getByTestId('log-hidden')).toHaveCount(0);
  await page.getByTestId('infra-host-shared-a-0').click();
  await expect(page.getByTestId('host-instances')).toBeVisible();
  await expect(page.getByTestId('host-history-hidden')).toHaveCount(0);
  await page.getByTestId('view-traffic').click();
  await actAs.selectOption('acme-viewer');
  await expect(page.getByTestId('acting-as')).toHaveText('acme-viewer');

  // A viewer may not read the bill: the bill panel says why.
  await page.getByTestId('billing-toggle').click();
  await expect(page.getByTestId('billing-error')).toContainText('Access denied: acme-viewer may not bill:read');

  // acme's billing principal sees acme's invoice only, and exports it as CSV.
  await actAs.selectOption('acme-finance');
  await expect(page.getByTestId('acting-as')).toHaveText('acme-finance');
  await expect(page.getByTestId('billing-tenant-acme')).toBeVisible();
  await expect(page.getByTestId('billing-tenant-globex')).toHaveCount(0);
  await page.getByTestId('billing-tenant-acme-open').click();
  const invoice = page.getByTestId('billing-invoice');
  await expect(invoice).toHaveAttribute('data-tenant', 'acme');
  expect(await invoice.getByTestId('billing-line-item').count()).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('billing-invoice-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/acme\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe(HEADER);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines.slice(1).every((l) => l.startsWith('acme,'))).toBe(true);
  expect(text).toContain('acme-web');
  // Those reads were audited as allowed bill:read of acme.
  const reads = page.locator('[data-testid="audit-entry"][data-principal="acme-finance"][data-action="bill:read"][data-allowed="true"]');
  expect(await reads.count()).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
