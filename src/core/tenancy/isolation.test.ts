import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type ComputeOperation } from '../sim/simulation';
import { HostTenants, isolationReason, isolationViolation } from './isolation';

function sim(doc: ScenarioInput) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return createSimulation(p.scenario);
}

const base = (): ScenarioInput => ({
  cumulo: 1,
  name: 'isolation',
  seed: 1,
  duration: '10m',
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [
    { id: 'p', zone: 'a', count: 4, shape: { vcpu: 8, memoryGiB: 32 } },
    { id: 'own', zone: 'a', count: 1, shape: { vcpu: 8, memoryGiB: 32 }, dedicatedTo: 'initech' },
  ],
  tenants: [
    { id: 'acme', isolation: 'dedicated-hosts' },
    { id: 'globex' },
    { id: 'initech', isolation: 'separate-pool' },
  ],
});

describe('isolation reasons and the invariant', () => {
  const t = new HostTenants(3, [
    { id: 'acme', isolation: 'dedicated-hosts' },
    { id: 'globex', isolation: 'shared' },
    { id: 'initech', isolation: 'separate-pool' },
  ]);
  t.apply(0, 'acme', 1);
  t.apply(1, 'globex', 1);
  t.apply(2, null, 1);
  it('a dedicated-hosts tenant only on hosts nobody else holds; its hosts take nobody else', () => {
    expect(isolationReason(t, null, 0, 'acme')).toBeNull();
    expect(isolationReason(t, null, 1, 'acme')).toBe('held by tenant globex');
    expect(isolationReason(t, null, 2, 'acme')).toBe('held by untenanted instances');
    expect(isolationReason(t, null, 0, 'globex')).toBe('held by tenant acme (dedicated hosts)');
    expect(isolationReason(t, null, 0, null)).toBe('held by tenant acme (dedicated hosts)');
    expect(isolationReason(t, null, 1, 'globex')).toBeNull();
    expect(isolationReason(t, null, 1, 'initech')).toBe('pool not dedicated to tenant initech');
    expect(isolationReason(t, 'initech', 1, 'initech')).toBeNull();
    t.apply(0, 'acme', -1);
    expect(isolationReason(t, null, 0, 'globex')).toBeNull();
    t.apply(0, 'acme', 1);
  });
  it('the invariant names what is wrong', () => {
    expect(isolationViolation(t, ['acme', 'acme'], null)).toBeNull();
    expect(isolationViolation(t, ['acme', 'globex'], null)).toBe('holds tenant acme (dedicated hosts) and tenant globex');
    expect(isolationViolation(t, [null, 'acme'], null)).toBe('holds tenant acme (dedicated hosts) and untenanted instances');
    expect(isolationViolation(t, ['initech'], null)).toBe('holds tenant initech (separate pool) on a pool not dedicated to it');
    expect(isolationViolation(t, ['initech', 'initech'], 'initech')).toBeNull();
    expect(isolationViolation(t, ['globex', null], null)).toBeNull();
  });
});

describe('isolation levels in the scheduler', () => {
  it('dedicated hosts: acme lands on empty hosts only, then the hosts it holds refuse globex with the reason', () => {
    const s = sim({
      ...base(),
      instances: [
        // globex first: 2 × 4 vCPU spread by least-allocated over p-0 and p-1.
        { id: 'g', type: 'c.large', count: 2, placement: { tenant: 'globex' } },
        { id: 'a', type: 'c.large', count: 2, at: 1, placement: { tenant: 'acme' } },
        // 4 × 4 vCPU more globex: room only on globex's hosts (8 vCPU left), not on acme's.
        { id: 'g2', type: 'c.large', count: 4, at: 200, placement: { tenant: 'globex' } },
      ],
    });
    s.runUntil(100);
    const c = s.compute!;
    const hostOf = (prefix: string) => c.instances.filter((i) => i.groupId === prefix).map((i) => c.hosts.id[i.host]);
    const globexHosts = new Set(hostOf('g'));
    for (const h of hostOf('a')) expect(globexHosts.has(h!)).toBe(false);
    s.runToEnd();
    const g2 = c.instances.filter((i) => i.groupId === 'g2');
    const placed = g2.filter((i) => i.host >= 0);
    for (const i of placed) expect(new Set(hostOf('a')).has(c.hosts.id[i.host]!)).toBe(false);
    const stuck = g2.filter((i) => i.state === 'pending');
    expect(stuck.length).toBeGreaterThan(0);
    const why = stuck[0]!.explanation!.summary;
    expect(why).toMatch(/held by tenant acme \(dedicated hosts\)/);
    expect(why).toMatch(/dedicated to another tenant/); // the initech pool
    c.checkAll();
    expect(c.violations).toEqual([]);
  });

  it('separate pool: initech only on its own pool; a second one that does not fit there waits, with the reason', () => {
    const s = sim({ ...base(), instances: [{ id: 'i', type: 'c.xlarge', count: 2, placement: { tenant: 'initech' } }] });
    s.runToEnd();
    const c = s.compute!;
    const [a, b] = c.instances;
    expect(c.hosts.id[a!.host]).toBe('own-0');
    expect(b!.state).toBe('pending');
    expect(b!.explanation!.summary).toBe('0/5 hosts available: 4 pool not dedicated to tenant initech, 1 insufficient cpu');
  });

  it('a separate-pool tenant without a pool of its own is a clear scenario error', () => {
    const p = parseScenario({ ...base(), hostPools: [{ id: 'p', zone: 'a', count: 1, shape: { vcpu: 8, memoryGiB: 32 } }] });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.map((e) => e.message)).toContain('tenant "initech" is on a separate pool, but no host pool is dedicatedTo it');
  });

  const opArb = fc.oneof(
    fc.record({
      op: fc.constant('create' as const),
      type: fc.constantFrom('g.small', 'g.medium', 'c.large', 'm.large'),
      count: fc.integer({ min: 1, max: 3 }),
      tenant: fc.constantFrom('acme', 'globex', 'initech', ''),
      priority: fc.integer({ min: 0, max: 2 }),
    }),
    fc.record({ op: fc.constant('terminate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`) }),
    fc.record({ op: fc.constant('migrate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`) }),
    fc.record({ op: fc.constant('migrate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`), host: fc.integer({ min: 0, max: 4 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('resize' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`), type: fc.constantFrom('g.small', 'g.large') }),
    fc.record({ op: fc.constant('drain' as const), host: fc.integer({ min: 0, max: 4 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('uncordon' as const), host: fc.integer({ min: 0, max: 4 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('consolidate' as const), threshold: fc.double({ min: 0.1, max: 0.9, noNaN: true }) }),
    fc.record({ op: fc.constant('kill-host' as const), host: fc.integer({ min: 0, max: 4 }).map((h) => `h${h}`) }),
  );

  it('property: under random operation sequences no instance shares a host with a dedicated-hosts tenant, separate-pool tenants stay on their pool, quotas hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 30, noNaN: true }), opArb), { maxLength: 25 }),
        fc.constantFrom('least-allocated' as const, 'most-allocated' as const, 'first-fit' as const, 'random' as const),
        fc.constantFrom('fifo' as const, 'drf' as const, 'weighted' as const),
        fc.integer({ min: 0, max: 100 }),
        (ops, strategy, queue, seed) => {
          const s = sim({
            ...base(),
            seed,
            scheduler: { strategy, queue },
            hostPools: [
              { id: 'p', zone: 'a', count: 4, shape: { vcpu: 8, memoryGiB: 32 }, overcommit: { cpu: 1.5 } },
              { id: 'own', zone: 'a', count: 1, shape: { vcpu: 8, memoryGiB: 32 }, dedicatedTo: 'initech' },
            ],
            tenants: [
              { id: 'acme', isolation: 'dedicated-hosts', quota: { vcpu: 12 } },
              { id: 'globex', quota: { instances: 6 }, weight: 2 },
              { id: 'initech', isolation: 'separate-pool' },
            ],
            instances: [
              { id: 'web', type: 'g.medium', count: 2, placement: { tenant: 'globex' } },
              { id: 'db', type: 'g.large', count: 1, placement: { tenant: 'acme' } },
            ],
          });
          const c = s.compute!;
          let t = 0;
          for (const [dt, raw] of ops) {
            t += dt;
            s.runUntil(t);
            const names = c.instances.map((i) => i.name);
            const pickI = (x: string) => names[Number(x.slice(1)) % Math.max(1, names.length)] ?? 'none';
            const pickH = (x: string) => c.hosts.id[Number(x.slice(1)) % c.hosts.count]!;
            let op: ComputeOperation;
            if (raw.op === 'create') op = { op: 'create', type: raw.type, count: raw.count, priority: raw.priority, ...(raw.tenant ? { tenant: raw.tenant } : {}) };
            else op = 'instance' in raw ? { ...raw, instance: pickI(raw.instance) } : 'host' in raw ? { ...raw, host: pickH(raw.host) } : raw;
            s.operate(op);
            // At every step, not only at the end.
            for (let h = 0; h < c.hosts.count; h++) {
              const v = isolationViolation(c.hosts.tenants, c.instancesOnHost(h).map((i) => c.instances[i]!.req.tenant), c.hosts.poolDedicatedTo[c.hosts.pool[h]!] ?? null);
              expect(v).toBeNull();
            }
            expect(c.quotaViolations()).toEqual([]);
          }
          s.runToEnd();
          c.checkAll();
          expect(c.violations).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.CUMULO_PROPERTY_RUNS ?? 40) },
    );
  });
});
