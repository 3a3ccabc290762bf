import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeModel } from '../compute/test-model';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import { quotaRefusalSaid, quotaRefusalText, TenantQuotas, type QuotaRefusal } from './quota';

type Tenants = NonNullable<ScenarioInput['tenants']>;

/** Two regions (eu-west: zone a; us-east: zone b), roomy hosts. */
const doc = (tenants: Tenants, extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  cumulo: 1,
  name: 'tenancy',
  duration: '1h',
  regions: [
    { id: 'eu-west', zones: [{ id: 'a' }] },
    { id: 'us-east', zones: [{ id: 'b' }] },
  ],
  hostPools: [
    { id: 'pa', zone: 'a', count: 8, shape: { vcpu: 64, memoryGiB: 256 } },
    { id: 'pb', zone: 'b', count: 8, shape: { vcpu: 64, memoryGiB: 256 } },
  ],
  tenants,
  ...extra,
});

const errors = (d: unknown) => {
  const p = parseScenario(d);
  return p.ok ? [] : p.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('tenants block', () => {
  it('checks regions, duplicates and negative values with plain messages and paths', () => {
    const bad = doc([
      { id: 'acme', quota: { vcpu: -1, perRegion: [{ region: 'mars', instances: 3 }, { region: 'eu-west' }, { region: 'eu-west', memoryGiB: -2 }] } },
      { id: 'acme' },
    ]);
    const e = errors(bad);
    expect(e).toContain('tenants[0].quota.vcpu: must be at least 0, got -1');
    expect(e).toContain('tenants[0].quota.perRegion[2].memoryGiB: must be at least 0, got -2');
    // Cross-references are checked once the fields themselves are valid.
    const e2 = errors(doc([{ id: 'acme', quota: { perRegion: [{ region: 'mars', instances: 3 }, { region: 'eu-west' }, { region: 'eu-west' }] } }, { id: 'acme' }]));
    expect(e2).toEqual([
      'tenants[0].quota.perRegion[0].region: unknown region "mars" (regions: eu-west, us-east)',
      'tenants[0].quota.perRegion[2].region: region "eu-west" already has a quota for tenant "acme"',
      'tenants[1].id: duplicate tenant id "acme"',
    ]);
    expect(errors(doc([{ id: 'acme', weight: 2, quota: { vcpu: 64 }, limitDefaults: { containerLimitFactor: 2 } }]))).toEqual([]);
  });
});

describe('quota admission (ResourceQuota)', () => {
  it('refuses an operator create that would pass requests.cpu, with the exact reason, and creates nothing', () => {
    const d = doc([{ id: 'acme', quota: { vcpu: 64, memoryGiB: 1000 } }], {
      instances: [{ id: 'batch', type: 'g.xlarge', count: 8, placement: { tenant: 'acme' } }],
    });
    const p = parseScenario(d);
    if (!p.ok) throw new Error(p.errors[0]!.message);
    const sim = createSimulation(p.scenario);
    const before = sim.compute!.instances.length;
    expect(sim.operate({ op: 'create', type: 'g.large', tenant: 'acme' })).toEqual({ ok: false, message: 'tenant acme: requests.cpu would be 68/64' });
    expect(sim.compute!.instances.length).toBe(before);
    expect(sim.compute!.log.at(-1)).toMatchObject({ kind: 'operation', subject: 'manual', reason: 'refused: tenant acme: requests.cpu would be 68/64' });
    // Another tenant, and untenanted work, are not limited.
    expect(sim.operate({ op: 'create', type: 'g.large', tenant: 'globex' }).ok).toBe(true);
    expect(sim.operate({ op: 'create', type: 'g.large' }).ok).toBe(true);
    // A memory quota reads in GiB; a count quota in instances.
    const m = computeModel(doc([{ id: 'acme', quota: { memoryGiB: 40, instances: 3 } }]));
    m.c.createInstances('g.xlarge', 1, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' });
    expect(() => m.c.createInstances('g.large', 1, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' })).toThrow(
      'tenant acme: requests.memory would be 48/40 GiB',
    );
    m.c.createInstances('g.small', 2, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' });
    expect(m.c.quotaRefusals.get('acme')).toBe(1);
    const n = computeModel(doc([{ id: 'acme', quota: { instances: 3 } }]));
    n.c.createInstances('g.small', 2, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' });
    expect(() => n.c.createInstances('g.small', 2, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' })).toThrow(
      'tenant acme: instances would be 4/3',
    );
    expect(n.c.quotaRefusals.get('acme')).toBe(2);
    expect(sim.results().tenancy!.tenants[0]).toMatchObject({ id: 'acme', refused: 1, usage: { vcpu: 64, memoryGiB: 256, instances: 8 } });
  });

  it('admits an instance group one by one within a per-region quota and logs the rest as refused', () => {
    const m = computeModel(
      doc([{ id: 'acme', quota: { perRegion: [{ region: 'eu-west', instances: 10 }] } }], {
        instances: [
          { id: 'eu', type: 'g.small', count: 12, placement: { zones: ['a'], tenant: 'acme' } },
          { id: 'us', type: 'g.small', count: 12, placement: { zones: ['b'], tenant: 'acme' } },
        ],
      }),
    );
    expect(m.c.instances.filter((i) => i.groupId === 'eu').length).toBe(10);
    expect(m.c.instances.filter((i) => i.groupId === 'us').length).toBe(12);
    expect(m.c.log.filter((e) => e.reason.startsWith('refused'))).toMatchObject([
      { t: 0, kind: 'operation', subject: 'eu-10..11', reason: 'refused (2 instances): tenant acme in eu-west: instances would be 11/10' },
    ]);
    expect(m.c.quotaRefusals.get('acme')).toBe(2);
    // An instance that may land in any region counts in every region it may land in until placed…
    expect(() => m.c.createInstances('g.small', 1, { kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: 'acme' })).toThrow(
      'tenant acme in eu-west: instances would be 11/10',
    );
    // …and existing instances are never touched by a quota.
    m.run(600);
    expect(m.c.instances.filter((i) => i.state === 'running').length).toBe(22);
    expect(m.c.quotaViolations()).toEqual([]);
  });

  it('refuses a service replica beyond the quota: addReplica returns false and the slot stays free', () => {
    const d = doc([{ id: 'acme', quota: { instances: 3 } }], {
      services: [{ id: 'web', replicas: 2, instanceType: 'g.small', work: { type: 'constant', value: 0.01 }, placement: { kind: 'container', tenant: 'acme' } }],
    });
    const m = computeModel(d);
    m.run(60);
    expect(m.c.addReplica(0, 2)).toBe(true);
    expect(m.c.addReplica(0, 3)).toBe(false);
    expect(m.c.replicaState(0, 3)).toBeNull();
    expect(m.c.log.at(-1)!.reason).toBe('refused: tenant acme: instances would be 4/3');
    // Once a replica is removed, its room is free again.
    m.c.removeReplica(0, 0, 'test');
    expect(m.c.addReplica(0, 3)).toBe(true);
  });

  it('a scheduled autoscaler asking beyond the quota gets the replicas the quota allows, and says why in its decision', () => {
    const d = doc([{ id: 'acme', quota: { instances: 3 } }], {
      duration: '30m',
      services: [
        {
          id: 'web',
          replicas: 1,
          instanceType: 'g.small',
          work: { type: 'constant', value: 0.01 },
          placement: { kind: 'container', tenant: 'acme' },
          autoscaler: { policy: 'scheduled', minReplicas: 1, maxReplicas: 6, schedule: [{ cron: '10 0 * * *', replicas: 6 }] },
        },
      ],
    });
    const p = parseScenario(d);
    if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const sim = createSimulation(p.scenario);
    sim.runToEnd();
    const r = sim.results();
    expect(r.services[0]!.replicas).toBe(3);
    expect(r.tenancy!.refused).toBeGreaterThan(0);
    expect(r.scaling!.decisions.some((x) => x.reason.includes('a new replica was refused by the tenant quota'))).toBe(true);
    expect(r.tenancy!.violations).toEqual([]);
  });

  it('injects the LimitRange default into containers without limits', () => {
    const m = computeModel(
      doc([{ id: 'acme', limitDefaults: { containerLimitFactor: 2 } }], {
        instances: [
          { id: 'c', type: 'g.medium', count: 1, placement: { kind: 'container', tenant: 'acme' } },
          { id: 'v', type: 'g.medium', count: 1, placement: { kind: 'vm', tenant: 'acme' } },
          { id: 'o', type: 'g.medium', count: 1, placement: { kind: 'container' } },
        ],
      }),
    );
    expect(m.c.instances.map((i) => [i.name, i.limitCpu, i.limitMem])).toEqual([
      ['c-0', 4, 16],
      ['v-0', 2, 8],
      ['o-0', 2, 8],
    ]);
  });

  it('property: no tenant ever passes its quota over random tenants, quotas and create/terminate/replica sequences', () => {
    const types = ['g.small', 'g.medium', 'g.large', 'c.large', 'm.large'];
    const cap = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
    const tenantArb = fc.record({ vcpu: cap, memoryGiB: cap, instances: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), eu: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) });
    const op = fc.oneof(
      fc.record({ k: fc.constant('create' as const), tenant: fc.integer({ min: 0, max: 2 }), type: fc.constantFrom(...types), count: fc.integer({ min: 1, max: 4 }), zone: fc.constantFrom<'a' | 'b' | null>('a', 'b', null) }),
      fc.record({ k: fc.constant('terminate' as const), pick: fc.nat() }),
      fc.record({ k: fc.constant('add' as const), slot: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ k: fc.constant('remove' as const), slot: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ k: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 120 }) }),
    );
    fc.assert(
      fc.property(fc.array(tenantArb, { minLength: 2, maxLength: 2 }), fc.array(op, { maxLength: 40 }), (quotas, ops) => {
        const ids = ['t0', 't1'];
        const tenants: Tenants = quotas.map((q, i) => ({
          id: ids[i]!,
          quota: {
            ...(q.vcpu !== undefined ? { vcpu: q.vcpu } : {}),
            ...(q.memoryGiB !== undefined ? { memoryGiB: q.memoryGiB } : {}),
            ...(q.instances !== undefined ? { instances: q.instances } : {}),
            perRegion: q.eu !== undefined ? [{ region: 'eu-west', instances: q.eu }] : [],
          },
        }));
        const m = computeModel(
          doc(tenants, {
            services: [{ id: 'web', replicas: 1, instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind: 'container', tenant: 't0' } }],
          }),
        );
        const used = new Set<number>([0]);
        const check = () => {
          quotas.forEach((q, i) => {
            const live = m.c.instances.filter((x) => x.req.tenant === ids[i] && x.state !== 'terminated' && x.state !== 'failed');
            const cpu = live.reduce((a, x) => a + x.cpu, 0);
            const mem = live.reduce((a, x) => a + x.mem, 0);
            expect(cpu).toBeLessThanOrEqual(q.vcpu ?? Infinity);
            expect(mem).toBeLessThanOrEqual(q.memoryGiB ?? Infinity);
            expect(live.length).toBeLessThanOrEqual(q.instances ?? Infinity);
            const zoneA = m.c.hosts.zoneNames.indexOf('a');
            const inEu = live.filter((x) => (x.host >= 0 ? m.c.hosts.regionNames[m.c.hosts.region[x.host]!] === 'eu-west' : !x.req.zones || x.req.zones.includes(zoneA))).length;
            // Placed in eu-west or still pending (it may land there): never more than the regional cap.
            expect(inEu).toBeLessThanOrEqual(q.eu ?? Infinity);
          });
          expect(m.c.quotaViolations()).toEqual([]);
        };
        check();
        for (const o of ops) {
          if (o.k === 'create') {
            const placement = { kind: 'vm' as const, tolerations: [], antiAffinity: false, affinity: [], priority: 0, tenant: ids[o.tenant] ?? 'other', ...(o.zone ? { zones: [o.zone] } : {}) };
            try {
              m.c.createInstances(o.type, o.count, placement, 'ops');
            } catch (e) {
              expect((e as Error).message).toMatch(/^tenant t[01]( in eu-west)?: (requests\.cpu|requests\.memory|instances) would be /);
            }
          } else if (o.k === 'terminate') {
            const live = m.c.instances.filter((x) => x.state !== 'terminated' && x.state !== 'failed' && !x.replica);
            if (live.length) m.c.terminateInstance(live[o.pick % live.length]!.name);
          } else if (o.k === 'add') {
            if (!used.has(o.slot) && m.c.addReplica(0, o.slot)) used.add(o.slot);
          } else if (o.k === 'remove') {
            if (used.delete(o.slot)) m.c.removeReplica(0, o.slot, 'test');
          } else m.run(m.kernel.now + o.seconds);
          check();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('TenantQuotas', () => {
  it('admits all or none of a batch and leaves the usage unchanged on refusal', () => {
    const q = new TenantQuotas([{ id: 'acme', weight: 1, isolation: 'shared', quota: { vcpu: 10, perRegion: [] } }]);
    const u = q.usage('acme', [{ tenant: 'acme', cpu: 4, mem: 1, regions: ['r'] }, { tenant: 'other', cpu: 100, mem: 1, regions: ['r'] }]);
    expect(u.cpu).toBe(4);
    expect(q.admit('acme', { cpu: 2, mem: 1, regions: ['r'] }, u, 4)).toBe('tenant acme: requests.cpu would be 12/10');
    expect(u.cpu).toBe(4);
    expect(q.admit('acme', { cpu: 2, mem: 1, regions: ['r'] }, u, 3)).toBeNull();
    expect(u).toMatchObject({ cpu: 10, mem: 4, instances: 4 });
    expect(q.hasQuota('other')).toBe(false);
    expect(q.hasQuota(null)).toBe(false);
  });
});

describe('a quota refusal said with a code', () => {
  it('has exactly the English sentence of quotaRefusalText, for every resource, with or without a region', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<QuotaRefusal['resource']>('cpu', 'memory', 'instances'),
        fc.option(fc.constantFrom('eu-west', 'us-east'), { nil: null }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (resource, region, would, cap) => {
          const r: QuotaRefusal = { tenant: 'acme', region, resource, would: resource === 'instances' ? Math.round(would) : would, cap: resource === 'instances' ? Math.round(cap) : cap };
          const said = quotaRefusalSaid(r);
          expect(said.text).toBe(quotaRefusalText(r));
          expect(said.code).toBe(resource === 'cpu' ? 'quotaCpu' : resource === 'memory' ? 'quotaMemory' : 'quotaInstances');
        },
      ),
    );
  });
});
