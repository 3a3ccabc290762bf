import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import { PriceCatalogue } from './catalogue';
import { egressDestination } from './egress';

/** Where each zone is: two public regions and a private datacenter. */
const ZONES = ['a', 'o', 'h'] as const;
const REGION: Record<(typeof ZONES)[number], string> = { a: 'pub', o: 'other', h: 'dc' };

const arb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  services: fc.array(
    fc.record({
      zone: fc.constantFrom(...ZONES),
      tenant: fc.constantFrom('acme', 'beta'),
      kb: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined }),
      requestKB: fc.option(fc.integer({ min: 0, max: 64 }), { nil: undefined }),
      calls: fc.array(fc.record({ to: fc.nat(), p: fc.constantFrom(1, 0.5) }), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  workloads: fc.array(fc.record({ to: fc.nat(), from: fc.constantFrom(undefined, 'a', 'o', 'h', 'edge'), rate: fc.constantFrom(0.5, 2, 5) }), { minLength: 1, maxLength: 3 }),
});

type Gen = typeof arb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(g: Gen): ScenarioInput {
  const n = g.services.length;
  return {
    cumulo: 1,
    name: 'random egress',
    seed: g.seed,
    duration: '1h30m',
    regions: [
      { id: 'pub', zones: [{ id: 'a' }] },
      { id: 'other', zones: [{ id: 'o' }] },
      { id: 'dc', kind: 'private', zones: [{ id: 'h' }] },
      { id: 'edge', kind: 'edge', zones: [{ id: 'e' }] },
    ],
    hostPools: ZONES.map((z) => ({ id: `p${z}`, zone: z, count: 4, shape: { vcpu: 16, memoryGiB: 64 } })),
    provisioning: { vm: { type: 'constant', value: 0 }, container: { type: 'constant', value: 0 } },
    services: g.services.map((s, i) => {
      // Calls go to later services only (no loops), each target once.
      const targets = [...new Map(s.calls.filter(() => i < n - 1).map((c) => [i + 1 + (c.to % (n - 1 - i)), c.p])).entries()].map(([j, p]) => ({ service: `s${j}`, probability: p }));
      return {
        id: `s${i}`,
        zone: s.zone,
        instanceType: 'g.medium',
        replicas: 1,
        concurrency: 64,
        work: { type: 'exponential' as const, mean: 0.01 },
        placement: { tenant: s.tenant, zones: [s.zone] },
        ...(targets.length > 0 ? { calls: { targets } } : {}),
      };
    }),
    workloads: g.workloads.map((w, i) => ({ id: `w${i}`, target: `s${w.to % n}`, ...(w.from === undefined ? {} : { from: w.from }), arrival: { type: 'poisson' as const, rate: w.rate } })),
    billing: {
      egress: {
        responses: g.services.flatMap((s, i) => (s.kb === undefined ? [] : [{ service: `s${i}`, kb: s.kb, ...(s.requestKB === undefined ? {} : { requestKB: s.requestKB }) }])),
      },
    },
  };
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

describe('egress conservation (property)', () => {
  it('every byte is metered once, on the sender, at its destination\'s price; the bill still adds up', () => {
    fc.assert(
      fc.property(arb, (g) => {
        const parsed = parseScenario(scenarioOf(g));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const scenario = parsed.scenario;
        const sim = createSimulation(scenario);
        const results = sim.runToEnd();
        const { records, summary } = sim.billing!.bill({ warmup: results.warmup, services: results.services, workloads: results.workloads });
        const now = results.simulatedTime;
        const cat = new PriceCatalogue(scenario, scenario.seed);
        const egress = records.filter((r) => r.category === 'egress');
        // The bill adds up with egress in it.
        close(records.reduce((a, r) => a + r.cost, 0), summary.total);
        close(summary.tenants.reduce((a, t) => a + t.total, 0), summary.total);
        close(egress.reduce((a, r) => a + r.cost, 0), summary.byCategory.egress ?? 0);
        for (const r of egress) {
          close(r.cost, r.quantity * r.rate);
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(now);
          expect(Math.floor(r.start / 3600)).toBe(Math.floor((r.end - 1e-9) / 3600)); // within one clock hour
        }
        const size = new Map(scenario.billing!.egress.responses.map((x) => [x.service, x]));
        const bytes = (group: string, subject: string) => egress.filter((r) => r.group === group && r.subject === subject).reduce((a, r) => a + r.quantity, 0) * 1024 ** 3;
        // Responses to clients: one per completed request (no warm-up, no timeout), priced by where the clients are.
        scenario.workloads.forEach((w) => {
          const sz = size.get(w.target);
          const svc = scenario.services.find((x) => x.id === w.target)!;
          const from = REGION[svc.zone as (typeof ZONES)[number]];
          const toRegion = w.from === undefined ? undefined : (cat.zoneRegion.get(w.from) ?? w.from);
          const dest = egressDestination(cat, from, toRegion);
          const got = bytes(w.target, `responses to ${w.id}'s clients`);
          if (!sz || dest === null) {
            expect(got).toBe(0);
            return;
          }
          const completed = results.workloads.find((x) => x.id === w.id)!.completed;
          close(got, completed * sz.kb * 1024);
          for (const r of egress.filter((x) => x.subject === `responses to ${w.id}'s clients`)) {
            expect(r.tenant).toBe(svc.placement!.tenant);
            expect(r.rate).toBe(cat.egress[dest]);
          }
        });
        // Calls and their answers: whole messages, never more answers than calls.
        for (const svc of scenario.services) {
          for (const t of svc.calls?.targets ?? []) {
            const sz = size.get(t.service);
            const calls = bytes(svc.id, `calls to ${t.service}`);
            const answers = bytes(t.service, `responses to ${svc.id}`);
            if (!sz) {
              expect(calls + answers).toBe(0);
              continue;
            }
            const req = (sz.requestKB ?? 1) * 1024;
            const nCalls = req > 0 ? calls / req : 0;
            const nAnswers = answers / (sz.kb * 1024);
            expect(Math.abs(nAnswers - Math.round(nAnswers))).toBeLessThan(1e-6);
            if (req > 0) {
              expect(Math.abs(nCalls - Math.round(nCalls))).toBeLessThan(1e-6);
              const fromPrivate = REGION[svc.zone as (typeof ZONES)[number]] === 'dc';
              if (!fromPrivate && REGION[scenario.services.find((x) => x.id === t.service)!.zone as (typeof ZONES)[number]] !== 'dc') expect(Math.round(nAnswers)).toBeLessThanOrEqual(Math.round(nCalls));
            }
          }
        }
        // Nothing leaves a private datacenter on the bill.
        for (const r of egress) expect(r.region).not.toBe('dc');
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});

describe('egress as of an earlier time (property)', () => {
  it('cut at any minute after the run went on, the egress lines are those of the run stopped there, to the last bit', () => {
    const lines = (records: readonly { category: string; group: string; subject: string; start: number; end: number; quantity: number; cost: number }[]) =>
      records.filter((r) => r.category === 'egress').map((r) => [r.group, r.subject, r.start, r.end, r.quantity, r.cost]);
    fc.assert(
      fc.property(arb, fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 3 }), (g, minutes) => {
        const parsed = parseScenario(scenarioOf(g));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const cuts = [...new Set(minutes)].sort((a, b) => a - b).map((m) => m * 60);
        const sim = createSimulation(parsed.scenario);
        const stopped = cuts.map((t) => {
          sim.runUntil(t);
          const b = sim.billing!.bill();
          return { lines: lines(b.records), egress: b.summary.byCategory.egress };
        });
        sim.runToEnd();
        cuts.forEach((t, i) => {
          const b = sim.billing!.bill(undefined, t);
          expect(lines(b.records), `as of ${t} s`).toEqual(stopped[i]!.lines);
          expect(b.summary.byCategory.egress, `as of ${t} s`).toBe(stopped[i]!.egress);
        });
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
