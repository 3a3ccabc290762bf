import { describe, expect, it } from 'vitest';
import { SimService, type Snapshot } from './service';
import { cutComputeDelta, HIDDEN_INDEX, ReadScope } from './readScope';
import type { ComputeDelta } from './compute';
import { PRESETS } from '../core/index';

function service(): SimService {
  return new SimService({ setTimer: () => 0, clearTimer: () => undefined, clock: () => 0 });
}

const foreign = (name: string): boolean => name.startsWith('globex-') || name.startsWith('initech-');

/** The attack preset run to `t` and pushed, acting as `principal`. */
function attackAt(t: number, principal: string): { s: SimService; snaps: Snapshot[] } {
  const s = service();
  const snaps: Snapshot[] = [];
  s.subscribe((x) => snaps.push(x));
  s.load({ preset: 'attack' });
  s.simulation()!.runUntil(t);
  s.notify();
  expect(s.setPrincipal(principal)).toMatchObject({ ok: true });
  return { s, snaps };
}

describe('the read scope cuts the infrastructure view', () => {
  it('blanks other tenants\' rows of the instance table, leaves their log entries and host history out, audits each denial once, and shows everything to the admin', () => {
    const { s, snaps } = attackAt(90, 'acme-viewer');
    const c = s.simulation()!.compute!;
    const compute = snaps.at(-1)!.compute!;
    expect(compute.reset).toBe(true);
    const table = compute.instances!;
    expect(table.from).toBe(0);
    // Rows keep their places; another tenant's row goes without name, group and type, with the denial.
    expect(table.names).toHaveLength(c.instances.length);
    const hiddenNames = c.instances.filter((i) => foreign(i.name)).map((i) => i.name);
    expect(hiddenNames.length).toBeGreaterThanOrEqual(6);
    expect(table.names.filter((n) => n === '')).toHaveLength(hiddenNames.length);
    expect(table.names.some((n) => foreign(n))).toBe(false);
    expect(table.names).toContain('acme-batch-0');
    const hidden = table.hidden!;
    expect(hidden.rows).toHaveLength(hiddenNames.length);
    for (const [k, row] of hidden.rows.entries()) {
      expect(foreign(c.instances[row]!.name)).toBe(true);
      expect(table.group[row]).toBe(HIDDEN_INDEX);
      expect(hidden.denials[hidden.denial[k]!]).toMatchObject({ principal: 'acme-viewer', action: 'instance:read', kind: 'cross-tenant' });
    }
    const changedHidden = [...table.index].map((row, k) => [row, table.type[k]] as const).filter(([row]) => hidden.rows.includes(row));
    expect(changedHidden.every(([, type]) => type === HIDDEN_INDEX)).toBe(true);

    // The event log: nothing about another tenant's instances or about hosts the viewer may not read.
    const log = compute.log!;
    expect(log.entries.length).toBeGreaterThan(0);
    expect(log.entries.some((e) => e.kind === 'instance' && foreign(e.subject))).toBe(false);
    expect(log.entries.some((e) => e.kind === 'host')).toBe(false);
    expect(log.hidden!.count).toBeGreaterThan(0);
    expect(log.hidden!.first).toMatchObject({ principal: 'acme-viewer' });
    expect(log.entries.some((e) => e.subject.startsWith('acme-'))).toBe(true);

    // Host history: a shared host is a platform resource, globex's dedicated host is globex's.
    const shared = s.hostDetail('shared-a-0');
    if (!shared.ok) throw new Error(shared.message);
    expect(shared.history).toEqual([]);
    expect(shared.hiddenHistory).toMatchObject({ action: 'host:read', resource: 'platform/host/shared-a-0', kind: 'platform-resource' });
    const dedicated = s.hostDetail('globex-dedicated-0');
    if (!dedicated.ok) throw new Error(dedicated.message);
    expect(dedicated.hiddenHistory).toMatchObject({ action: 'host:read', resource: 'tenant/globex/host/globex-dedicated-0', kind: 'cross-tenant' });

    // The audit trail has one denial per action, owner and rule (the first instance or host denied
    // stands for the rest: thousands of rows do not push the other entries out), however many
    // snapshots and queries followed.
    const reads = () => s.audit().filter((e) => e.principal === 'acme-viewer' && (e.action === 'instance:read' || e.action === 'host:read'));
    const first = reads().length;
    const keys = reads().map((e) => `${e.action} ${e.resource.replace(/\/(instance|host)\/[^/]+$/, '/$1/*')} ${e.rule}`);
    expect(new Set(keys).size).toBe(keys.length);
    const instanceReads = reads().filter((e) => e.resource.includes('/instance/'));
    expect(instanceReads.length).toBeGreaterThan(0);
    expect(instanceReads.length).toBeLessThan(hiddenNames.length);
    expect(reads().some((e) => e.action === 'instance:read' && e.resource.startsWith('tenant/globex/instance/'))).toBe(true);
    expect(reads().some((e) => e.action === 'host:read' && e.resource.startsWith('platform/host/'))).toBe(true);
    expect(reads().some((e) => e.action === 'host:read' && e.resource === 'tenant/globex/host/globex-dedicated-0')).toBe(true);
    expect(reads().every((e) => !e.allowed && e.source === 'console')).toBe(true);
    s.notify();
    s.hostDetail('shared-a-0');
    s.hostDetail('globex-dedicated-0');
    s.notify();
    expect(reads()).toHaveLength(first);

    // The admin: every row named, every entry, the host's history; no read denied.
    s.setPrincipal('admin');
    const all = snaps.at(-1)!.compute!;
    expect(all.reset).toBe(true);
    expect(all.instances!.hidden).toBeUndefined();
    expect(all.instances!.names).toEqual(c.instances.map((i) => i.name));
    expect(all.log!.hidden).toBeUndefined();
    expect(all.log!.entries.some((e) => e.kind === 'instance' && foreign(e.subject))).toBe(true);
    const adminHost = s.hostDetail('shared-a-0');
    if (!adminHost.ok) throw new Error(adminHost.message);
    expect(adminHost.hiddenHistory).toBeUndefined();
    expect(adminHost.hiddenInstances).toBeUndefined();
    expect(s.audit().filter((e) => e.principal === 'admin' && e.action.endsWith(':read'))).toEqual([]);
  });

  it('a new subscriber gets the same cut table (the full copy)', () => {
    const { s } = attackAt(30, 'acme-viewer');
    let full: Snapshot | undefined;
    s.subscribe((x) => (full ??= x));
    const t = full!.compute!.instances!;
    expect(t.names.some((n) => foreign(n))).toBe(false);
    expect(t.hidden!.rows.length).toBe(t.names.filter((n) => n === '').length);
  });

  it('an explicit deny on one instance group hides it from its own tenant\'s owner', () => {
    const s = service();
    const snaps: Snapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    const doc = structuredClone(PRESETS['attack']!.scenario) as { principals: Array<{ id: string; roles: unknown[]; statements?: unknown[] }> };
    doc.principals.push({ id: 'acme-auditor', roles: [{ role: 'owner', tenant: 'acme' }], statements: [{ effect: 'deny', actions: ['instance:read'], resources: ['tenant/acme/instance/acme-batch-*'] }] });
    expect(s.load({ scenario: doc })).toMatchObject({ ok: true });
    s.simulation()!.runUntil(20);
    s.setPrincipal('acme-auditor');
    const table = snaps.at(-1)!.compute!.instances!;
    expect(table.names.some((n) => n.startsWith('acme-batch-'))).toBe(false);
    expect(table.names).toContain('acme-web-0');
    expect(table.hidden!.denials).toContainEqual(expect.objectContaining({ kind: 'explicit-deny', resource: 'tenant/acme/instance/acme-batch-0' }));
  });
});

describe('the read scope cuts the tenancy view and the results', () => {
  it('shows a viewer only its tenant\'s quota and usage, without the platform-wide fairness, and the admin everything', () => {
    const { s } = attackAt(60, 'acme-viewer');
    const v = s.tenancy()!;
    expect(v.tenants.map((t) => t.id)).toEqual(['acme']);
    expect(v.jain).toBeNull();
    expect(v.refusals.every((r) => r.tenant === 'acme')).toBe(true);
    expect(v.hidden!.map((d) => [d.action, d.resource, d.kind])).toEqual([
      ['instance:read', 'tenant/globex', 'cross-tenant'],
      ['instance:read', 'tenant/initech', 'cross-tenant'],
    ]);
    // Audited once, at the switch; asking again adds nothing.
    const tenantReads = () => s.audit().filter((e) => e.action === 'instance:read' && e.resource.split('/').length === 2);
    expect(tenantReads()).toHaveLength(2);
    s.tenancy();
    expect(tenantReads()).toHaveLength(2);
    s.setPrincipal('admin');
    const all = s.tenancy()!;
    expect(all.tenants.map((t) => t.id)).toEqual(['acme', 'globex', 'initech']);
    expect(all.jain).not.toBeNull();
    expect(all.hidden).toBeUndefined();
  });

  it('cuts the results (export) to what the principal may read, saying what was left out', () => {
    const { s } = attackAt(120, 'acme-viewer');
    const r = s.scopedResults();
    expect(r.services.map((x) => x.id)).toEqual(['acme-web']);
    expect(r.workloads.map((w) => w.id)).toEqual(['acme-users']);
    expect(r.scaling!.decisions.every((d) => d.service === 'acme-web')).toBe(true);
    expect(r.tenancy!.tenants.map((t) => t.id)).toEqual(['acme']);
    expect(r.billing).toBeUndefined(); // a viewer reads no bill
    expect(r.readScope!.principal).toBe('acme-viewer');
    const left = r.readScope!.hidden.map((d) => `${d.action} ${d.resource}`);
    expect(left).toEqual(expect.arrayContaining(['service:read tenant/globex/service/globex-api', 'service:read tenant/initech/service/initech-app', 'instance:read tenant/globex']));
    expect(left.some((x) => x.startsWith('bill:read'))).toBe(true);
    s.setPrincipal('admin');
    const all = s.scopedResults();
    expect(all.readScope).toBeUndefined();
    expect(all.services.map((x) => x.id)).toEqual(['acme-web', 'globex-api', 'initech-app']);
    expect(all).toEqual(s.simulation()!.results());
  });
});

describe('the read scope cuts serverless functions', () => {
  it('redacts the functions of another tenant (function:read) with the denial, drops their series, audits once, and shows them to the admin', () => {
    const doc = structuredClone(PRESETS['event-driven']!.scenario) as { tenants?: unknown; principals?: unknown; serverless: { functions: Array<{ id: string; tenant?: string }> } };
    const fns = doc.serverless.functions;
    expect(fns.length).toBeGreaterThanOrEqual(2);
    fns.forEach((f, i) => (f.tenant = i === 0 ? 'acme' : 'globex'));
    doc.tenants = [{ id: 'acme' }, { id: 'globex' }];
    doc.principals = [{ id: 'acme-viewer', roles: [{ role: 'viewer', tenant: 'acme' }] }];
    const s = service();
    const snaps: Snapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    expect(s.load({ scenario: doc })).toMatchObject({ ok: true });
    s.simulation()!.runUntil(120);
    s.notify();
    const mine = fns[0]!.id;
    const theirs = fns.slice(1).map((f) => f.id);
    expect(snaps.at(-1)!.serverless!.live!.functions.find((f) => f.id === theirs[0])!.hidden).toBeUndefined();

    s.setPrincipal('acme-viewer');
    const last = snaps.at(-1)!;
    const live = last.serverless!.live!;
    for (const id of theirs) {
      const f = live.functions.find((x) => x.id === id)!;
      expect(f.hidden).toMatchObject({ principal: 'acme-viewer', action: 'function:read', resource: `tenant/globex/function/${id}`, kind: 'cross-tenant' });
      expect([f.invocations, f.coldStarts, f.running, f.costUsd, f.p95]).toEqual([0, 0, 0, 0, null]);
    }
    expect(live.functions.find((x) => x.id === mine)!.hidden).toBeUndefined();
    const names = last.series!.columns.map((c) => c.name);
    expect(names.some((n) => theirs.some((id) => n.startsWith(`fn.${id}.`)))).toBe(false);
    expect(names.some((n) => n.startsWith(`fn.${mine}.`))).toBe(true);
    const fnReads = () => s.audit().filter((e) => e.action === 'function:read');
    expect(fnReads().map((e) => e.resource)).toEqual(theirs.map((id) => `tenant/globex/function/${id}`));
    s.notify();
    expect(fnReads()).toHaveLength(theirs.length);
    expect(s.scopedResults().serverless!.functions.map((f) => f.id)).toEqual([mine]);

    s.setPrincipal('admin');
    expect(snaps.at(-1)!.serverless!.live!.functions.every((f) => f.hidden === undefined)).toBe(true);
  });
});

describe('the read scope cuts what names instances elsewhere', () => {
  it('operation entries, the summary\'s waiting instances and an explanation\'s history name no hidden instance', () => {
    const { s } = attackAt(90, 'acme-viewer');
    const sim = s.simulation()!;
    const c = sim.compute!;
    const theirs = c.instances.find((i) => foreign(i.name))!.name;
    const ours = c.instances.find((i) => !foreign(i.name))!.name;
    const scope = new ReadScope();
    scope.refresh(sim, 'acme-viewer');
    // An operation that created or terminated instances is a read of each of them.
    expect(scope.logEntry({ kind: 'operation', subject: 'globex-api', params: { names: [ours, theirs] } })).toMatchObject({ action: 'instance:read' });
    expect(scope.logEntry({ kind: 'operation', subject: 'acme-api', params: { names: [ours] } })).toBeNull();
    expect(scope.logEntry({ kind: 'operation', subject: theirs, params: {} })).toMatchObject({ action: 'instance:read' });
    expect(scope.logEntry({ kind: 'operation', subject: 'us-east', params: {} })).toBeNull();
    // The summary's unschedulable sample keeps only readable instances.
    const summary = { unschedulable: [{ instance: theirs, reason: 'x' }, { instance: ours, reason: 'y' }] } as unknown as NonNullable<ComputeDelta['summary']>;
    const cut = cutComputeDelta(scope, { reset: false, summary }, () => undefined);
    expect(cut.summary!.unschedulable.map((u) => u.instance)).toEqual([ours]);
    // An explanation asked as the viewer leaves out history entries naming another tenant's instance.
    const r = s.explain(ours);
    if (!r.ok) throw new Error(r.message);
    expect(r.history.every((e) => !foreign(e.subject) && !Object.values(e.params ?? {}).some((v) => typeof v === 'string' && foreign(v)))).toBe(true);
  });
});
