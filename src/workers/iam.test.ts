import { describe, expect, it } from 'vitest';
import { SimService, type Snapshot } from './service';
import { billForService, rerunForService } from './billing';
import { planForService, type CapacityPlanRequest } from './planning';
import { PRESETS } from '../core/index';

function service(): SimService {
  return new SimService({ setTimer: () => 0, clearTimer: () => undefined, clock: () => 0 });
}

/** Steps until simulated time `t` (or the end). */
function runTo(s: SimService, t: number): void {
  s.simulation()!.runUntil(t);
}

describe('console commands go through IAM', () => {
  it('denies a viewer\'s scale with the rule, audits it at the current time, and changes nothing', () => {
    const s = service();
    const snaps: Snapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    expect(s.load({ preset: 'attack' })).toMatchObject({ ok: true });
    expect(s.scenarioInfo()!.principals!.map((p) => p.id)).toEqual(['acme-owner', 'acme-ops-key', 'acme-viewer', 'acme-finance', 'globex-owner', 'initech-owner', 'admin']);
    expect(s.setPrincipal('mallory')).toEqual({ ok: false, error: expect.stringMatching(/^there is no principal "mallory" \(principals: acme-owner, /) });
    expect(s.setPrincipal('acme-viewer')).toEqual({ ok: true, principal: 'acme-viewer' });
    runTo(s, 30);
    const r = s.scaleService('acme-web', 5);
    expect(r).toMatchObject({ ok: false, denied: { principal: 'acme-viewer', action: 'service:scale', resource: 'tenant/acme/service/acme-web' } });
    if (r.ok) throw new Error('allowed');
    expect(r.error).toContain('implicit deny: no rule allows service:scale; role viewer of tenant acme does not include it');
    const last = s.audit().at(-1)!;
    expect(last).toMatchObject({ principal: 'acme-viewer', action: 'service:scale', allowed: false, kind: 'implicit-deny', source: 'console' });
    expect(last.time).toBeGreaterThanOrEqual(30);
    // The snapshot after the command carried the entry and the acting principal.
    const delta = snaps.at(-1)!.iam!;
    expect(delta.principal).toBe('acme-viewer');
    expect(delta.entries.at(-1)).toEqual(last);
    // Balancer and autoscaler edits and compute operations are denied the same way.
    expect(s.setBalancer('acme-web', 'random')).toEqual({ ok: false, error: expect.stringContaining('Access denied: acme-viewer may not policy:change tenant/acme/service/acme-web') });
    expect(s.setAutoscaler('acme-web', { maxReplicas: 5 })).toEqual({ ok: false, error: expect.stringContaining('may not service:scale') });
    expect(s.operate({ op: 'kill-host', host: 'shared-a-0' })).toEqual({ ok: false, message: expect.stringContaining('platform resource') });
    expect(s.results().services.find((x) => x.id === 'acme-web')!.replicas).toBe(2);
    expect(s.scenarioInfo() && s.audit().filter((e) => e.source === 'console' && !e.allowed && !e.action.endsWith(':read'))).toHaveLength(4);
    // Acting as the viewer hid the other tenants' services from the live views: two denied reads, audited once.
    expect(s.audit().filter((e) => e.action === 'service:read').map((e) => [e.resource, e.kind])).toEqual([
      ['tenant/globex/service/globex-api', 'cross-tenant'],
      ['tenant/initech/service/initech-app', 'cross-tenant'],
    ]);
  });

  it('lets the owner scale, and the operator key do nothing to another tenant', () => {
    const s = service();
    s.load({ preset: 'attack' });
    s.setPrincipal('acme-owner');
    expect(s.scaleService('acme-web', 3)).toEqual({ ok: true, message: 'acme-web scaled to 3 replicas' });
    expect(s.autoscalerSettings('acme-web')).toMatchObject({ minReplicas: 3, maxReplicas: 3 });
    s.setPrincipal('acme-ops-key');
    expect(s.scaleService('globex-api', 0)).toMatchObject({ ok: false, error: expect.stringContaining('cross-tenant: principal acme-ops-key has no role on tenant globex') });
    expect(s.operate({ op: 'terminate', instance: 'globex-db-0' })).toMatchObject({ ok: false, message: expect.stringContaining('cross-tenant') });
    expect(s.operate({ op: 'create', type: 'c.large', tenant: 'acme' })).toMatchObject({ ok: true });
  });

  it('shows a viewer no bill, and a billing principal only its tenant\'s invoices', () => {
    const s = service();
    s.load({ preset: 'attack' });
    runTo(s, 120);
    s.setPrincipal('acme-viewer');
    const viewer = billForService(s);
    expect(viewer).toMatchObject({ ok: false, denied: true });
    if (viewer.ok) throw new Error('allowed');
    expect(viewer.error).toMatch(/^Access denied: acme-viewer may not bill:read tenant\/\w+\/bill \(implicit deny|cross-tenant/);
    s.setPrincipal('acme-finance');
    const fin = billForService(s);
    if (!fin.ok) throw new Error(fin.error);
    expect(fin.summary.tenants.map((t) => t.tenant)).toEqual(['acme']);
    expect(Object.keys(fin.tenantCsv)).toEqual(['acme']);
    const rows = fin.csv.trim().split('\r\n');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((l) => l.startsWith('acme,'))).toBe(true);
    s.setPrincipal('admin');
    const all = billForService(s);
    if (!all.ok) throw new Error(all.error);
    expect(all.summary.tenants.length).toBeGreaterThan(1);
    // Every invoice shown was an audited read.
    const reads = s.audit().filter((e) => e.action === 'bill:read' && e.source === 'console');
    expect(reads.filter((e) => e.principal === 'acme-finance' && e.allowed).map((e) => e.tenant)).toEqual(['acme']);
  });

  it('runs everything as the admin without principals, still audited', () => {
    const s = service();
    s.load({ preset: 'lb-compare' });
    expect(s.scenarioInfo()!.principals).toBeUndefined();
    expect(s.setBalancer(s.scenarioInfo()!.serviceIds[0]!, 'random')).toEqual({ ok: true });
    expect(s.audit()).toEqual([expect.objectContaining({ principal: 'admin', action: 'policy:change', allowed: true, kind: 'platform-admin' })]);
    s.reset();
    expect(s.audit()).toEqual([]);
  });
});

describe('scripted actions and console switches agree', () => {
  it('switches back a balancer the timeline changed', () => {
    const s = service();
    s.load({ preset: 'attack' });
    runTo(s, 280); // acme-ops-key switched acme-web to least-connections at 4m30s
    const live = () => s.simulation()!.policyOf('acme-web');
    expect(live()).toBe('least-connections');
    expect(s.setBalancer('acme-web', 'round-robin')).toEqual({ ok: true });
    expect(live()).toBe('round-robin');
    expect(s.balancerSwitches().at(-1)).toMatchObject({ service: 'acme-web', from: 'least-connections', to: 'round-robin' });
  });
});

describe('the keep-alive switch goes through IAM too', () => {
  it('denies a tenant operator the platform-wide keep-alive change and lets the admin make it', () => {
    const doc = structuredClone(PRESETS['event-driven']!.scenario) as Record<string, unknown>;
    doc.tenants = [{ id: 'acme' }];
    doc.principals = [{ id: 'acme-ops', roles: [{ role: 'operator', tenant: 'acme' }] }];
    const s = service();
    expect(s.load({ scenario: doc })).toMatchObject({ ok: true });
    expect(s.setPrincipal('acme-ops')).toEqual({ ok: true, principal: 'acme-ops' });
    const denied = s.setKeepAlive('hybrid');
    expect(denied).toEqual({ ok: false, error: expect.stringContaining('Access denied: acme-ops may not policy:change') });
    expect(s.keepAliveSwitches()).toHaveLength(0);
    expect(s.audit().at(-1)).toMatchObject({ principal: 'acme-ops', action: 'policy:change', allowed: false, source: 'console' });
    s.setPrincipal('admin');
    expect(s.setKeepAlive('hybrid')).toMatchObject({ ok: true, policy: 'hybrid' });
    expect(s.keepAliveSwitches()).toHaveLength(1);
    expect(s.audit().at(-1)).toMatchObject({ principal: 'admin', action: 'policy:change', allowed: true });
  });
});

describe('bill reads and the audit trail', () => {
  it('audits a bill a person asks for, not the panel\'s quiet refresh, and filters both the same way', () => {
    const s = service();
    s.load({ preset: 'attack' });
    runTo(s, 120);
    s.setPrincipal('acme-viewer');
    const before = s.audit().length;
    const quiet = billForService(s, true);
    expect(quiet).toMatchObject({ ok: false, denied: true });
    expect(s.audit()).toHaveLength(before);
    const asked = billForService(s);
    expect(asked).toEqual(quiet);
    expect(s.audit().length).toBeGreaterThan(before);
    expect(s.audit().at(-1)).toMatchObject({ principal: 'acme-viewer', action: 'bill:read', allowed: false });
  });
});

describe('platform-wide powers stay with the platform', () => {
  it('an operator may create in its tenant but not with a priority that could preempt other tenants', () => {
    const s = service();
    s.load({ preset: 'attack' });
    s.setPrincipal('acme-ops-key');
    expect(s.operate({ op: 'create', type: 'c.large', tenant: 'acme', priority: 1_000_000 })).toMatchObject({ ok: false, message: expect.stringContaining('scenario/priority') });
    expect(s.audit().at(-1)).toMatchObject({ principal: 'acme-ops-key', action: 'policy:change', allowed: false });
    expect(s.operate({ op: 'create', type: 'c.large', tenant: 'acme' })).toMatchObject({ ok: true });
  });

  it('apply and re-run compares whole-platform bills: a tenant owner is denied, the admin is not', () => {
    const s = service();
    s.load({ preset: 'attack' });
    s.setPrincipal('acme-owner');
    expect(rerunForService(s, 'all')).toMatchObject({ ok: false, error: expect.stringContaining('Access denied') });
    expect(s.audit().at(-1)).toMatchObject({ principal: 'acme-owner', action: 'bill:read', allowed: false });
    s.setPrincipal('admin');
    const r = rerunForService(s, 'all');
    if (!r.ok) expect(r.error).not.toContain('Access denied');
  });

  it('the editor\'s reload of an edited document is a scenario:edit', () => {
    const s = service();
    s.load({ preset: 'attack' });
    s.setPrincipal('acme-viewer');
    const doc = s.scenarioDocument() as Record<string, unknown>;
    expect(s.loadEdited({ ...doc, name: 'edited' })).toEqual({ ok: false, errors: [{ path: '', message: expect.stringContaining('Access denied: acme-viewer may not scenario:edit') }] });
    expect(s.scenarioInfo()!.name).not.toBe('edited');
    s.setPrincipal('admin');
    expect(s.loadEdited({ ...doc, name: 'edited' })).toMatchObject({ ok: true, name: 'edited' });
  });
});

describe('live views follow read permissions', () => {
  it('redacts the services, series, flows, charts and decisions a principal may not read, audits each denial once, and shows them again to the admin', () => {
    const s = service();
    const snaps: Snapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    s.load({ preset: 'attack' });
    s.setChartFocus('globex-api');
    runTo(s, 60);
    s.notify();
    // The admin sees everything.
    let last = snaps.at(-1)!;
    expect(last.services!.find((x) => x.id === 'globex-api')!.hidden).toBeUndefined();
    expect(last.services!.find((x) => x.id === 'globex-api')!.arrivals).toBeGreaterThan(0);
    expect(last.charts).not.toBeNull();
    expect(snaps.flatMap((x) => x.decisions?.entries ?? []).some((d) => d.service === 'globex-api')).toBe(true);

    // acme's viewer: globex's and initech's services are hidden, with the rule that hid them.
    expect(s.setPrincipal('acme-viewer')).toMatchObject({ ok: true });
    last = snaps.at(-1)!;
    const globex = last.services!.find((x) => x.id === 'globex-api')!;
    expect(globex.hidden).toMatchObject({ principal: 'acme-viewer', action: 'service:read', resource: 'tenant/globex/service/globex-api', kind: 'cross-tenant' });
    expect(globex.hidden!.rule).toBe('cross-tenant: principal acme-viewer has no role on tenant globex');
    expect([globex.arrivals, globex.completed, globex.replicas, globex.replicaView.cells, globex.autoscaler, globex.slo]).toEqual([0, 0, 0, 0, null, null]);
    const acme = last.services!.find((x) => x.id === 'acme-web')!;
    expect(acme.hidden).toBeUndefined();
    expect(acme.arrivals).toBeGreaterThan(0);
    // The series start over without the hidden services' columns; flows and charts leave them out.
    expect(last.series!.reset).toBe(true);
    const names = last.series!.columns.map((c) => c.name);
    expect(names.some((n) => n.startsWith('globex-api.') || n.startsWith('initech-app.'))).toBe(false);
    expect(names).toContain('acme-web.throughput');
    expect(last.flows!.services['globex-api']).toBeUndefined();
    expect(last.flows!.services['acme-web']).toBeDefined();
    // Traffic into a hidden service is its arrivals: workloads sending to it and calls into it are left out too.
    const hiddenIds = new Set(['globex-api', 'initech-app', ...s.simulation()!.scenario.services.filter((x) => x.id.startsWith('globex-') || x.id.startsWith('initech-')).map((x) => x.id)]);
    const intoHidden = s.simulation()!.scenario.workloads.filter((w) => hiddenIds.has(w.target)).map((w) => w.id);
    expect(intoHidden.length).toBeGreaterThan(0);
    for (const w of intoHidden) {
      expect(names.some((n) => n.startsWith(`workload.${w}.`))).toBe(false);
      expect(last.flows!.workloads[w]).toBeUndefined();
    }
    expect(names.some((n) => /^call\.[^.]+\.(globex|initech)-/.test(n))).toBe(false);
    expect(names.some((n) => n.startsWith('workload.'))).toBe(true);
    // Nor does capacity planning read a hidden service's arrivals (the denial is audited).
    expect(planForService(s, 'globex-api', { step: '1m', horizon: '10m' } as CapacityPlanRequest)).toMatchObject({ ok: false, error: expect.stringContaining('hidden: no read permission (service:read on tenant/globex/service/globex-api') });
    expect(last.charts).toBeNull();
    expect(last.decisions!.reset).toBe(true);
    expect(last.decisions!.entries.length).toBeGreaterThan(0);
    expect(last.decisions!.entries.every((d) => d.service === 'acme-web')).toBe(true);
    expect(s.autoscalerSettings('globex-api')).toBeNull();
    // Each denial is audited once, when the console started acting as the viewer (not on every push).
    const reads = () => s.audit().filter((e) => e.action === 'service:read');
    expect(reads().map((e) => [e.principal, e.resource, e.allowed, e.source])).toEqual([
      ['acme-viewer', 'tenant/globex/service/globex-api', false, 'console'],
      ['acme-viewer', 'tenant/initech/service/initech-app', false, 'console'],
      ['acme-viewer', 'tenant/globex/service/globex-api', false, 'console'],
    ]);
    runTo(s, 90);
    s.notify();
    s.notify();
    expect(reads()).toHaveLength(3);
    expect(snaps.at(-1)!.services?.find((x) => x.id === 'globex-api')).toBeUndefined(); // unchanged: not re-sent

    // Inspector queries: another tenant's instance is an audited instance:read; a host lists only readable instances.
    const foreign = s.explain('globex-db-0');
    expect(foreign).toMatchObject({ ok: false, hidden: { action: 'instance:read', resource: 'tenant/globex/instance/globex-db-0', kind: 'cross-tenant' } });
    expect(s.audit().at(-1)).toMatchObject({ principal: 'acme-viewer', action: 'instance:read', allowed: false });
    expect(s.explain('acme-batch-0')).toMatchObject({ ok: true, instance: 'acme-batch-0' });
    expect(s.audit().at(-1)).toMatchObject({ action: 'instance:read', resource: 'tenant/acme/instance/acme-batch-0', allowed: true });
    const c = s.simulation()!.compute!;
    const host = s.hostDetail(c.hosts.id[c.instances.find((i) => i.name === 'globex-db-0')!.host]!);
    if (!host.ok) throw new Error(host.message);
    expect(host.instances.every((i) => !i.name.startsWith('globex-'))).toBe(true);
    expect(host.hiddenInstances).toMatchObject({ first: { action: 'instance:read', kind: 'cross-tenant' } });
    expect(host.hiddenInstances!.count).toBeGreaterThan(0);

    // Back to the admin: everything again (a fresh series with every column, globex's figures).
    s.setPrincipal('admin');
    last = snaps.at(-1)!;
    expect(last.services!.find((x) => x.id === 'globex-api')!.hidden).toBeUndefined();
    expect(last.services!.find((x) => x.id === 'globex-api')!.arrivals).toBeGreaterThan(0);
    expect(last.series!.columns.map((c) => c.name)).toContain('globex-api.throughput');
    expect(last.charts).not.toBeNull();
  });

  it('an explicit deny statement hides one service of the principal\'s own tenant', () => {
    const s = service();
    const snaps: Snapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    const doc = structuredClone(PRESETS['attack']!.scenario) as { principals: Array<{ id: string; roles: unknown[]; statements?: unknown[] }> };
    doc.principals.push({ id: 'auditor', roles: [{ role: 'owner', tenant: 'acme' }], statements: [{ effect: 'deny', actions: ['service:read'], resources: ['tenant/acme/service/acme-web'] }] });
    expect(s.loadEdited(doc)).toMatchObject({ ok: true });
    s.setPrincipal('auditor');
    const web = snaps.at(-1)!.services!.find((x) => x.id === 'acme-web')!;
    expect(web.hidden).toMatchObject({ action: 'service:read', kind: 'explicit-deny', rule: 'explicit deny in policy auditor statement 1' });
  });
});
