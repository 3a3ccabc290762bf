import { describe, expect, it } from 'vitest';
import { saasTenancy } from '../presets/tenancy';
import { createSimulation } from '../sim/simulation';
import { expandSaas, SAAS_MODELS, type SaasSpec } from './saas';
import { parseScenario } from './validate';

const block = (model: SaasSpec['model']): SaasSpec => ({
  id: 'crm',
  model,
  app: { replicas: 2, work: { type: 'constant', value: 0.01 } },
  database: { replicas: 2, work: { type: 'constant', value: 0.01 } },
  tenants: [
    { id: 'a', arrival: { type: 'poisson', rate: 1 } },
    { id: 'b', arrival: { type: 'poisson', rate: 1 } },
    { id: 'c', arrival: { type: 'poisson', rate: 1 } },
  ],
});

function expand(model: SaasSpec['model']) {
  const r = expandSaas({ cumulo: 1, saas: [block(model)] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc as { services: Array<{ id: string; replicas: number; calls?: { targets: Array<{ service: string }> }; placement: { tenant?: string } }>; workloads: Array<{ id: string; target: string }>; tenants?: Array<{ id: string; isolation?: string }> };
}

describe('SaaS tenancy types: the expansion', () => {
  it('shared-database: one app and one database for everyone', () => {
    const d = expand('shared-database');
    expect(d.services.map((s) => [s.id, s.replicas, s.calls?.targets[0]?.service ?? null])).toEqual([
      ['crm-db', 2, null],
      ['crm-app', 2, 'crm-db'],
    ]);
    expect(d.workloads.map((w) => [w.id, w.target])).toEqual([
      ['crm-a', 'crm-app'],
      ['crm-b', 'crm-app'],
      ['crm-c', 'crm-app'],
    ]);
  });
  it('shared-schema: an app per tenant calling the one database', () => {
    const d = expand('shared-schema');
    expect(d.services.map((s) => [s.id, s.replicas, s.calls?.targets[0]?.service ?? null])).toEqual([
      ['crm-db', 2, null],
      ['crm-app-a', 1, 'crm-db'],
      ['crm-app-b', 1, 'crm-db'],
      ['crm-app-c', 1, 'crm-db'],
    ]);
    expect(d.workloads.map((w) => w.target)).toEqual(['crm-app-a', 'crm-app-b', 'crm-app-c']);
  });
  it('separate-database and separate-instance: a stack per tenant; separate-instance on dedicated hosts', () => {
    const sd = expand('separate-database');
    expect(sd.services.map((s) => s.id)).toEqual(['crm-db-a', 'crm-app-a', 'crm-db-b', 'crm-app-b', 'crm-db-c', 'crm-app-c']);
    expect(sd.services.every((s) => s.placement.tenant === undefined)).toBe(true);
    const si = expand('separate-instance');
    expect(si.services.map((s) => [s.id, s.placement.tenant])).toEqual([
      ['crm-db-a', 'a'],
      ['crm-app-a', 'a'],
      ['crm-db-b', 'b'],
      ['crm-app-b', 'b'],
      ['crm-db-c', 'c'],
      ['crm-app-c', 'c'],
    ]);
    expect(si.tenants).toEqual([
      { id: 'a', isolation: 'dedicated-hosts' },
      { id: 'b', isolation: 'dedicated-hosts' },
      { id: 'c', isolation: 'dedicated-hosts' },
    ]);
  });
  it('is deterministic, keeps declared tenants, and reports bad blocks with their path', () => {
    expect(JSON.stringify(expand('shared-schema'))).toBe(JSON.stringify(expand('shared-schema')));
    const input = { tenants: [{ id: 'a', weight: 3 }], saas: [block('separate-instance')] };
    const kept = expandSaas(input);
    expect(kept.ok && (kept.doc as { tenants: unknown[] }).tenants[0]).toEqual({ id: 'a', weight: 3, isolation: 'dedicated-hosts' });
    // the caller's document (the console's, the link's) is left as written
    expect(input.tenants[0]).toEqual({ id: 'a', weight: 3 });
    const bad = parseScenario({ ...saasTenancy('shared-database'), saas: [{ ...block('shared-database'), model: 'shared-everything' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.path).toBe('saas.0.model');
    const dup = expandSaas({ saas: [{ ...block('shared-database'), tenants: [block('shared-database').tenants[0]!, block('shared-database').tenants[0]!] }] });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors).toEqual([{ path: 'saas.0.tenants.1.id', message: 'duplicate tenant "a"' }]);
    expect(expandSaas({ cumulo: 1 })).toEqual({ ok: true, doc: { cumulo: 1 } });
  });
});

describe('SaaS tenancy types: cost and isolation follow from the simulation', () => {
  const runs = SAAS_MODELS.map((m) => {
    const p = parseScenario(saasTenancy(m));
    if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const s = createSimulation(p.scenario);
    const r = s.runToEnd();
    const p99 = (w: string) => r.workloads.find((x) => x.id === w)!.latency.p99!;
    return { m, cost: r.billing!.total, instances: s.compute!.instances.filter((i) => i.host >= 0).length, acme: p99('crm-acme'), globex: p99('crm-globex'), violations: r.compute!.violations };
  });

  it('from shared-database to separate-instance the bill rises and the quiet tenants suffer less from bigco\'s spike', () => {
    for (const x of runs) console.log(`${x.m.padEnd(18)} instances ${x.instances}, bill $${x.cost.toFixed(4)}, acme p99 ${x.acme.toFixed(3)} s, globex p99 ${x.globex.toFixed(3)} s`);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.cost).toBeGreaterThan(runs[i - 1]!.cost);
      expect(runs[i]!.acme).toBeLessThan(runs[i - 1]!.acme);
      expect(runs[i]!.globex).toBeLessThanOrEqual(runs[i - 1]!.globex + 0.01);
    }
    // Sharing everything, bigco's spike holds every tenant's requests in the same queues.
    expect(runs[0]!.acme).toBeGreaterThan(1);
    // Alone on its own hosts, a quiet tenant sees only its own work and the network.
    expect(runs[3]!.acme).toBeLessThan(0.25);
    for (const x of runs) expect(x.violations).toEqual([]);
  });
});
