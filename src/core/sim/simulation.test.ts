import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { BALANCER_POLICIES } from '../scenario/schema';
import { createSimulation } from './simulation';

function sim(doc: ScenarioInput, seed?: number) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
}

describe('Simulation', () => {
  it('conserves requests: arrivals = completed + dropped + timed out + in flight, for any small scenario', () => {
    fc.assert(
      fc.property(
        fc.record({
          replicas: fc.integer({ min: 1, max: 6 }),
          concurrency: fc.integer({ min: 1, max: 3 }),
          queueLimit: fc.integer({ min: 0, max: 20 }),
          shared: fc.boolean(),
          policy: fc.constantFrom(...BALANCER_POLICIES),
          rate: fc.double({ min: 0.5, max: 60, noNaN: true }),
          mean: fc.double({ min: 0.01, max: 1, noNaN: true }),
          timeout: fc.option(fc.double({ min: 0.05, max: 5, noNaN: true }), { nil: undefined }),
          seed: fc.integer({ min: 0, max: 1000 }),
          until: fc.double({ min: 1, max: 120, noNaN: true }),
          crash: fc.option(fc.record({ at: fc.double({ min: 0, max: 100, noNaN: true }), duration: fc.double({ min: 0.1, max: 50, noNaN: true }) }), { nil: undefined }),
          health: fc.boolean(),
        }),
        (p) => {
          const s = sim(
            {
              cumulo: 1,
              name: 'prop',
              seed: p.seed,
              duration: 120,
              services: [
                {
                  id: 's',
                  replicas: p.replicas,
                  concurrency: p.concurrency,
                  queueLimit: p.queueLimit,
                  queue: p.shared ? 'shared' : 'per-replica',
                  timeout: p.timeout,
                  loadBalancer: { policy: p.policy },
                  work: { type: 'exponential', mean: p.mean },
                  ...(p.health ? { healthCheck: { interval: 1, maxQueue: 5 } } : {}),
                },
              ],
              workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: p.rate }, clients: { count: 50, popularity: 'zipf' } }],
              faults: p.crash ? [{ kind: 'replica-crash', service: 's', replica: 0, at: p.crash.at, duration: p.crash.duration }] : [],
            },
          );
          s.runUntil(p.until);
          const live = s.live().services[0]!;
          expect(live.arrivals).toBe(live.completed + live.dropped + live.timedOut + live.errors + live.inSystem);
          // Capacity invariant: never more requests in service than slots, never more waiting than the limit.
          expect(live.inSystem - live.queued).toBeLessThanOrEqual(p.replicas * p.concurrency);
          expect(live.queued).toBeLessThanOrEqual(p.shared ? p.queueLimit : p.queueLimit * p.replicas);
          expect(live.utilization).toBeGreaterThanOrEqual(0);
          expect(live.utilization).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a crashed replica fails requests until health checks take it out of rotation', () => {
    const doc = (health: boolean): ScenarioInput => ({
      cumulo: 1,
      name: 'crash',
      duration: 120,
      services: [
        {
          id: 's',
          replicas: 4,
          work: { type: 'exponential', mean: 0.05 },
          loadBalancer: { policy: 'round-robin' },
          ...(health ? { healthCheck: { interval: 2, unhealthyThreshold: 2, healthyThreshold: 2 } } : {}),
        },
      ],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: 40 } }],
      faults: [{ kind: 'replica-crash', service: 's', replica: 1, at: 30, duration: 40 }],
    });
    const without = sim(doc(false));
    without.runUntil(69);
    const w = without.live().services[0]!;
    expect(w.up).toBe(3);
    expect(w.inRotation).toBe(4);
    // Round robin keeps sending a quarter of the traffic into the dead replica: ~10 req/s for 39 s.
    expect(w.errors).toBeGreaterThan(300);
    const withHc = sim(doc(true));
    withHc.runUntil(69);
    const h = withHc.live().services[0]!;
    expect(h.inRotation).toBe(3);
    // Only until two failed checks (≤ 4 s) are errors possible.
    expect(h.errors).toBeGreaterThan(0);
    expect(h.errors).toBeLessThan(80);
    withHc.runToEnd();
    const back = withHc.live().services[0]!;
    expect(back.up).toBe(4);
    expect(back.inRotation).toBe(4);
  });

  it('counts timeouts when clients give up, and drops at a full queue', () => {
    const s = sim({
      cumulo: 1,
      name: 'overload',
      duration: 60,
      services: [{ id: 's', replicas: 1, queueLimit: 10, timeout: 2, work: { type: 'constant', value: 0.5 } }],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: 10 } }],
    });
    const r = s.runToEnd().services[0]!;
    expect(r.dropped).toBeGreaterThan(0);
    expect(r.timedOut).toBeGreaterThan(0);
    // Every successful answer came within the timeout.
    expect(r.latency.max!).toBeLessThanOrEqual(2);
    // The replica serves at most 2 requests a second; requests that time out while waiting cost no work.
    expect(r.completed).toBeLessThanOrEqual(120);
    expect(r.utilization).toBeGreaterThan(0.95);
    expect(r.arrivals).toBe(r.completed + r.dropped + r.timedOut + r.inFlight);
  });

  it('steps one event at a time and never passes the end', () => {
    const s = sim(PRESETS.mm1!.scenario);
    expect(s.now).toBe(0);
    expect(s.step()).toBe(true);
    expect(s.eventsProcessed).toBe(1);
    const t1 = s.now;
    s.step();
    expect(s.now).toBeGreaterThanOrEqual(t1);
    s.runUntil(1e9);
    expect(s.now).toBe(s.endTime);
    expect(s.finished).toBe(true);
    expect(s.step()).toBe(false);
  });

  it('samples series at the metrics interval', () => {
    const s = sim({ ...(PRESETS.default!.scenario as ScenarioInput), duration: 30 });
    s.runToEnd();
    const series = s.live().series;
    expect(series.length).toBe(30);
    expect(Array.from(series.time.subarray(0, 3))).toEqual([1, 2, 3]);
    const thr = series.column('web.throughput')!;
    const mean = thr.reduce((a, b) => a + b, 0) / thr.length;
    expect(mean).toBeGreaterThan(70);
    expect(mean).toBeLessThan(110);
  });

  it('runs a pausing run to the same results as an uninterrupted one', () => {
    const a = sim(PRESETS.default!.scenario);
    const b = sim(PRESETS.default!.scenario);
    a.runToEnd();
    while (!b.finished) {
      b.runUntil(b.now + 7.3, 5000);
      b.step();
    }
    expect(JSON.stringify(b.results())).toBe(JSON.stringify(a.results()));
  });

  it('the default preset shows the flash crowd: drops or timeouts at the spike, none before', () => {
    const s = sim(PRESETS.default!.scenario);
    s.runUntil(110);
    const before = s.live().services[0]!;
    expect(before.dropped + before.timedOut).toBe(0);
    s.runToEnd();
    const after = s.live().services[0]!;
    expect(after.dropped + after.timedOut).toBeGreaterThan(0);
  });
});

describe('observation', () => {
  it('reading live metrics and results mid-run never changes the run (bit for bit)', () => {
    for (const name of ['default', 'two-tier', 'hot-keys'] as const) {
      const quiet = sim({ ...(PRESETS[name]!.scenario as ScenarioInput), duration: 120 });
      const watched = sim({ ...(PRESETS[name]!.scenario as ScenarioInput), duration: 120 });
      quiet.runToEnd();
      while (!watched.finished) {
        watched.runUntil(watched.now + 0.37, 777);
        watched.live();
        watched.results();
      }
      expect(JSON.stringify(watched.results()), name).toBe(JSON.stringify(quiet.results()));
    }
  });
});
