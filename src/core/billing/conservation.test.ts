import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type ComputeOperation } from '../sim/simulation';
import { PriceCatalogue, type BillingRecord } from './index';

const TYPES = ['g.small', 'g.medium', 'g.large', 'c.large', 'm.large'] as const;
const DURATION = 3 * 3600;

const groupArb = fc.record({
  type: fc.constantFrom(...TYPES),
  count: fc.integer({ min: 1, max: 4 }),
  at: fc.integer({ min: 0, max: DURATION - 600 }),
  lifetime: fc.option(fc.integer({ min: 5, max: 5000 }), { nil: undefined }),
  tenant: fc.constantFrom(undefined, 'acme', 'beta'),
  where: fc.constantFrom('any', 'pub', 'nodes', 'dc'),
  kind: fc.constantFrom('vm', 'container') as fc.Arbitrary<'vm' | 'container'>,
  spot: fc.boolean(),
  maxPrice: fc.option(fc.constantFrom(0.02, 0.05, 0.1, 0.3), { nil: undefined }),
});

const opArb = fc.record({
  t: fc.integer({ min: 1, max: DURATION - 1 }),
  op: fc.constantFrom('terminate', 'kill-host', 'resize', 'migrate', 'drain', 'uncordon', 'consolidate', 'create'),
  pick: fc.nat(),
  type: fc.constantFrom(...TYPES),
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  nodes: fc.boolean(),
  racks: fc.integer({ min: 0, max: 3 }),
  overcommit: fc.constantFrom(1, 2),
  groups: fc.array(groupArb, { minLength: 1, maxLength: 5 }),
  reserved: fc.array(
    fc.record({
      // The type of one of the groups (so commitments meet usage).
      pick: fc.nat(),
      count: fc.integer({ min: 1, max: 3 }),
      term: fc.constantFrom('1y', '3y') as fc.Arbitrary<'1y' | '3y'>,
      upfront: fc.constantFrom('none', 'partial', 'all') as fc.Arbitrary<'none' | 'partial' | 'all'>,
      tenant: fc.option(fc.constantFrom('acme', 'beta'), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
  spotRate: fc.constantFrom(0, 0.5, 3),
  idleSplit: fc.constantFrom('proportional', 'even') as fc.Arbitrary<'proportional' | 'even'>,
  ops: fc.array(opArb, { maxLength: 8 }),
});

type Gen = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(g: Gen): ScenarioInput {
  const zones = { any: undefined, pub: ['a'], nodes: ['b'], dc: ['hall'] } as const;
  return {
    cumulo: 1,
    name: 'random bill',
    seed: g.seed,
    duration: DURATION,
    metricsInterval: 60,
    regions: [
      { id: 'pub', zones: [{ id: 'a' }, { id: 'b' }] },
      { id: 'dc', kind: 'private', zones: [{ id: 'hall' }] },
    ],
    hostPools: [
      { id: 'pa', zone: 'a', count: 4, shape: { vcpu: 16, memoryGiB: 64 }, overcommit: { cpu: g.overcommit } },
      { id: 'pb', zone: 'b', count: 3, shape: { vcpu: 16, memoryGiB: 64 } },
      ...(g.racks > 0 ? [{ id: 'racks', zone: 'hall', count: g.racks, shape: { vcpu: 32, memoryGiB: 128 }, overcommit: { cpu: g.overcommit } }] : []),
    ],
    instances: g.groups
      .filter((x) => x.where !== 'dc' || g.racks > 0)
      .map((x, i) => ({
        id: `g${i}`,
        type: x.type,
        count: x.count,
        at: x.at,
        ...(x.lifetime === undefined ? {} : { lifetime: x.lifetime }),
        placement: {
          kind: x.kind,
          ...(zones[x.where] ? { zones: [...zones[x.where]!] } : {}),
          ...(x.tenant ? { tenant: x.tenant } : {}),
          ...(x.spot ? { pricing: 'spot' as const, ...(x.maxPrice === undefined ? {} : { spotMaxPrice: x.maxPrice }) } : {}),
        },
      })),
    billing: {
      pools: [...(g.nodes ? [{ pool: 'pb', billedAs: 'hosts' as const }] : []), ...(g.racks > 0 ? [{ pool: 'racks', monthly: 730 }] : [])],
      reserved: g.reserved.map(({ pick, ...r }) => ({ region: 'pub', type: g.groups[pick % g.groups.length]!.type, ...r })),
      spot: { interruptionRate: g.spotRate },
      idleSplit: g.idleSplit,
      budgets: [{ tenant: 'acme', monthly: 50 }],
    },
  };
}

function run(g: Gen) {
  const parsed = parseScenario(scenarioOf(g));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const sim = createSimulation(parsed.scenario);
  const c = sim.compute!;
  for (const o of [...g.ops].sort((a, b) => a.t - b.t)) {
    sim.runUntil(o.t);
    const live = c.instances.filter((i) => i.state !== 'terminated' && i.state !== 'failed');
    const inst = live.length > 0 ? live[o.pick % live.length]!.name : 'none';
    const host = c.hosts.id[o.pick % c.hosts.count]!;
    const op: ComputeOperation =
      o.op === 'terminate'
        ? { op: 'terminate', instance: inst }
        : o.op === 'kill-host'
          ? { op: 'kill-host', host }
          : o.op === 'resize'
            ? { op: 'resize', instance: inst, type: o.type }
            : o.op === 'migrate'
              ? { op: 'migrate', instance: inst }
              : o.op === 'drain'
                ? { op: 'drain', host }
                : o.op === 'uncordon'
                  ? { op: 'uncordon', host }
                  : o.op === 'consolidate'
                    ? { op: 'consolidate', threshold: 0.6 }
                    : { op: 'create', type: o.type, count: 1 + (o.pick % 2), ...(o.pick % 3 === 0 ? { tenant: 'beta' } : {}) };
    sim.operate(op);
  }
  const results = sim.runToEnd();
  const bill = sim.billing!.bill({ warmup: results.warmup, services: results.services, workloads: results.workloads });
  return { sim, results, ...bill, scenario: parsed.scenario };
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

describe('billing conservation (property)', () => {
  it('records add up to the total, tenants plus idle add up to the total, every instance-second is billed exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, (g) => {
        const { sim, results, records, summary, scenario } = run(g);
        expect(summary).toEqual(results.billing);
        const now = results.simulatedTime;
        // Sum over records = total = tenants' totals = tenants' own costs + idle.
        close(records.reduce((a, r) => a + r.cost, 0), summary.total);
        close(summary.tenants.reduce((a, t) => a + t.total, 0), summary.total);
        close(summary.tenants.reduce((a, t) => a + t.direct, 0) + summary.idle.total, summary.total);
        close(
          summary.series.t.reduce((_, __, k) => _ + Object.values(summary.series.tenants).reduce((a, x) => a + x.direct[k]! + x.idleShare[k]!, 0), 0),
          summary.total,
        );

        // Every instance-second, from the compute log (an independent account): bound from
        // "scheduled" to "terminated" or "failed", billed in exactly one record's time.
        const usage = new Map<string, BillingRecord[]>();
        for (const r of records) {
          if (r.category !== 'instance' && r.category !== 'allocation') continue;
          let l = usage.get(r.subject);
          if (!l) usage.set(r.subject, (l = []));
          l.push(r);
        }
        const bound = new Map<string, { from: number; to: number; interrupted: boolean }>();
        for (const e of sim.compute!.log) {
          if (e.kind !== 'instance') continue;
          if (e.to === 'scheduled') bound.set(e.subject, { from: e.t, to: now, interrupted: false });
          if ((e.to === 'terminated' || e.to === 'failed') && bound.has(e.subject)) {
            const b = bound.get(e.subject)!;
            b.to = e.t;
            b.interrupted = e.reason.startsWith('spot interruption');
          }
        }
        expect(sim.compute!.logDropped).toBe(0);
        for (const [name, b] of bound) {
          const rs = usage.get(name) ?? [];
          // Distinct intervals tile [from, to) without gaps or overlaps; their seconds add up.
          const byInterval = new Map<string, { a: number; b: number; q: number }>();
          for (const r of rs) {
            const k = `${r.start}|${r.end}`;
            const x = byInterval.get(k) ?? { a: r.start, b: r.end, q: 0 };
            x.q += r.quantity;
            byInterval.set(k, x);
          }
          const iv = [...byInterval.values()].sort((x, y) => x.a - y.a);
          let at = b.from;
          for (const x of iv) {
            expect(x.a).toBe(at);
            close(x.q, x.b - x.a);
            at = x.b;
          }
          expect(at).toBe(b.from === b.to ? at : b.to);
          // The 60-second minimum: per start, on instances billed per instance, not after a spot interruption.
          const mins = records.filter((r) => r.category === 'minimum' && r.subject === name);
          const perInstance = rs.length > 0 && rs[rs.length - 1]!.category === 'instance';
          const ran = b.to - b.from;
          const ended = b.to < now || sim.compute!.instances.find((i) => i.name === name)!.state === 'terminated' || sim.compute!.instances.find((i) => i.name === name)!.state === 'failed';
          if (ended && perInstance && !b.interrupted && ran < 60) {
            expect(mins).toHaveLength(1);
            close(mins[0]!.quantity, 60 - ran);
          } else expect(mins).toHaveLength(0);
        }
        for (const name of usage.keys()) expect(bound.has(name)).toBe(true);

        // Hosts billed per host: their cost is the instances' shares plus idle, never negative idle.
        for (const r of records) if (r.category === 'idle') expect(r.cost).toBeGreaterThan(-1e-9);
        if (g.racks > 0) {
          const racks = records.filter((r) => (r.category === 'allocation' && r.resource.endsWith(' on racks')) || (r.category === 'idle' && r.group === 'racks'));
          close(racks.reduce((a, r) => a + r.cost, 0), (g.racks * 1 * now) / 3600); // $730 a month = $1 an hour per host
        }

        // Spot records: the price in force, capped at the maximum.
        const cat = new PriceCatalogue(scenario, scenario.seed);
        for (const r of records) {
          if (r.category !== 'instance' || r.pricing !== 'spot') continue;
          const type = r.resource.split(' · ')[0]!;
          const price = cat.spotPrice(r.region, type, r.start);
          expect(r.rate).toBeLessThanOrEqual(price + 1e-15);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('the same scenario and seed give the same bill, to the bit', () => {
    fc.assert(
      fc.property(scenarioArb, (g) => {
        const a = run(g);
        const b = run(g);
        expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
        expect(JSON.stringify(b.records)).toBe(JSON.stringify(a.records));
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('stepping a run in pieces gives the same bill as running it at once', () => {
    const g = fc.sample(scenarioArb, { numRuns: 1, seed: 11 })[0]!;
    const parsed = parseScenario({ ...scenarioOf(g), billing: { ...scenarioOf(g).billing, spot: { interruptionRate: 2 } } });
    if (!parsed.ok) throw new Error('bad');
    const once = createSimulation(parsed.scenario).runToEnd();
    const s = createSimulation(parsed.scenario);
    for (let t = 0; t < DURATION; t += 977) s.runUntil(t);
    expect(JSON.stringify(s.runToEnd().billing)).toBe(JSON.stringify(once.billing));
  });
});
