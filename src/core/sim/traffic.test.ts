import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type SimulationResults } from './simulation';

function run(doc: ScenarioInput): SimulationResults {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario).runToEnd();
}

const regions: ScenarioInput['regions'] = [
  { id: 'eu', zones: [{ id: 'eu-a' }, { id: 'eu-b' }] },
  { id: 'us', zones: [{ id: 'us-a' }] },
];

const chain = (mode: 'sequential' | 'parallel', extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  cumulo: 1,
  name: 'chain',
  duration: 600,
  regions,
  services: [
    { id: 'a', zone: 'eu-a', replicas: 2, concurrency: 100, work: { type: 'constant', value: 0.01 }, calls: { mode, targets: [{ service: 'b' }, { service: 'c' }] } },
    { id: 'b', zone: 'eu-b', replicas: 2, concurrency: 100, work: { type: 'constant', value: 0.02 } },
    { id: 'c', zone: 'eu-a', replicas: 2, concurrency: 100, work: { type: 'constant', value: 0.03 } },
  ],
  workloads: [{ id: 'users', target: 'a', from: 'us', arrival: { type: 'poisson', rate: 20 } }],
  ...extra,
});

describe('microservices and the network', () => {
  it('composes latency across tiers: own work, then each call with its network hops (sequential)', () => {
    const r = run(chain('sequential'));
    const a = r.services.find((s) => s.id === 'a')!;
    // 10 ms + (0.5 + 20 + 0.5) ms to b in another zone + (0.1 + 30 + 0.1) ms to c in the same zone.
    expect(a.latency.mean!).toBeCloseTo(0.0612, 9);
    // The clients sit in another region: 40 ms each way on top.
    expect(r.workloads[0]!.latency.mean!).toBeCloseTo(0.0612 + 0.08, 9);
    // Every answered request went through b (up to those still in flight at the end).
    expect(Math.abs(r.services.find((s) => s.id === 'b')!.completed - a.completed)).toBeLessThanOrEqual(a.inFlight);
  });

  it('parallel calls cost the slowest branch, not the sum', () => {
    const a = run(chain('parallel')).services.find((s) => s.id === 'a')!;
    expect(a.latency.mean!).toBeCloseTo(0.01 + Math.max(0.021, 0.0302), 9);
  });

  it('uses a listed inter-region link instead of the default latency', () => {
    const r = run(chain('parallel', { network: { links: [{ between: ['us', 'eu'], latency: '90ms' }] } }));
    expect(r.workloads[0]!.latency.mean!).toBeCloseTo(0.0402 + 0.18, 9);
  });

  it('a failing downstream service fails its callers', () => {
    const doc = chain('sequential', { faults: [{ kind: 'replica-crash', service: 'b', replica: 0, at: 100 }] });
    const r = run(doc);
    const a = r.services.find((s) => s.id === 'a')!;
    const b = r.services.find((s) => s.id === 'b')!;
    expect(b.errors).toBeGreaterThan(0);
    // Each of b's failures fails its caller (one may still be on its way back at the end).
    expect(b.errors - a.errors).toBeGreaterThanOrEqual(0);
    expect(b.errors - a.errors).toBeLessThanOrEqual(1);
    expect(r.workloads[0]!.failed).toBe(a.errors);
    // Requests that failed at b never went on to c.
    const c = r.services.find((s) => s.id === 'c')!;
    expect(c.arrivals).toBeLessThanOrEqual(a.arrivals - a.errors);
    expect(c.arrivals).toBeGreaterThanOrEqual(a.arrivals - a.errors - a.inFlight);
  });

  it('holds Little’s law L = λW on every service of a chain', () => {
    const r = run({
      cumulo: 1,
      name: 'little',
      duration: '2h',
      warmup: '5m',
      services: [
        { id: 'front', replicas: 4, concurrency: 2, work: { type: 'exponential', mean: 0.02 }, calls: { targets: [{ service: 'back', probability: 0.7 }] } },
        { id: 'back', replicas: 3, work: { type: 'lognormal', mean: 0.03, sd: 0.02 }, loadBalancer: { policy: 'power-of-two' } },
      ],
      workloads: [{ id: 'w', target: 'front', arrival: { type: 'poisson', rate: 60 } }],
    });
    for (const s of r.services) {
      expect(s.dropped + s.timedOut + s.errors).toBe(0);
      const lw = s.throughput * s.latency.mean!;
      expect(Math.abs(s.meanInSystem - lw) / lw, s.id).toBeLessThan(0.02);
    }
    const back = r.services[1]!;
    expect(back.arrivals / r.services[0]!.arrivals).toBeCloseTo(0.7, 1);
  });

  it('rejects call loops', () => {
    const doc = chain('sequential');
    const services = doc.services!;
    services[2] = { ...services[2]!, calls: { targets: [{ service: 'a' }] } };
    const parsed = parseScenario(doc);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.message)).toContain('calls go round in a loop: a → b → a'.replace('b', 'c'));
  });
});

describe('service-level objectives', () => {
  it('reports the windows an overload breaks, the error budget, and the moments', () => {
    const r = run({
      cumulo: 1,
      name: 'slo',
      duration: '10m',
      services: [
        {
          id: 's',
          replicas: 4,
          work: { type: 'exponential', mean: 0.05 },
          queueLimit: 100,
          timeout: '1s',
          slo: { availability: 0.99, latency: { percentile: 0.99, threshold: '400ms' }, window: '1m' },
        },
      ],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'spike', base: 40, peak: 120, at: '4m', hold: '1m' } }],
    });
    const slo = r.services[0]!.slo!;
    expect(slo.windows.total).toBe(10);
    expect(slo.windows.breached).toBeGreaterThanOrEqual(1);
    expect(slo.windows.breached).toBeLessThanOrEqual(3);
    // Every breach is at the spike (minutes 4–6), none before it.
    for (const b of slo.breaches) {
      expect(b.from).toBeGreaterThanOrEqual(240);
      expect(b.to).toBeLessThanOrEqual(420);
    }
    expect(slo.breaches.some((b) => b.objective === 'latency')).toBe(true);
    expect(slo.overall.errorBudgetRemaining!).toBeLessThan(1);
    expect(slo.history[0]!.availabilityMet).toBe(true);
    expect(slo.history[0]!.latencyMet).toBe(true);
  });

  it('a comfortable service meets its objectives with most of its budget left', () => {
    const r = run({
      cumulo: 1,
      name: 'ok',
      duration: '10m',
      services: [{ id: 's', replicas: 4, work: { type: 'exponential', mean: 0.05 }, slo: { availability: 0.999, latency: { percentile: 0.95, threshold: '500ms' } } }],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: 20 } }],
    });
    const slo = r.services[0]!.slo!;
    expect(slo.breaches).toEqual([]);
    expect(slo.overall.availabilityMet).toBe(true);
    expect(slo.overall.latencyMet).toBe(true);
    expect(slo.overall.errorBudgetRemaining!).toBeGreaterThan(0.5);
  });
});
