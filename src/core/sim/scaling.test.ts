import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import type { ScenarioInput } from '../scenario/schema';
import { createSimulation, type SimulationResults } from './simulation';

type Autoscaler = NonNullable<NonNullable<ScenarioInput['services']>[number]['autoscaler']>;

function run(doc: ScenarioInput, seed?: number): SimulationResults {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return createSimulation(p.scenario, seed === undefined ? {} : { seed }).runToEnd();
}

function issues(doc: unknown): string[] {
  const p = parseScenario(doc);
  return p.ok ? [] : p.errors.map((e) => `${e.path}: ${e.message}`);
}

/** A flash crowd: 10 → 80 req/s for 20 minutes on replicas that each serve 10 req/s. */
function flash(autoscaler: Autoscaler | null): ScenarioInput {
  return {
    cumulo: 1,
    name: 'flash crowd',
    duration: '40m',
    metricsInterval: 10,
    services: [
      {
        id: 'web',
        replicas: 2,
        work: { type: 'exponential', mean: 0.1 },
        timeout: '10s',
        slo: { latency: { percentile: 0.95, threshold: '500ms' }, window: 60 },
        ...(autoscaler ? { autoscaler } : {}),
      },
    ],
    workloads: [{ id: 'users', target: 'web', arrival: { type: 'spike', base: 10, peak: 80, at: '5m', rampUp: '1m', hold: '20m', rampDown: '1m' } }],
  };
}

const boot = { type: 'constant' as const, value: 40 };
const hpa: Autoscaler = { policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 20, provisioning: boot };
const step: Autoscaler = {
  policy: 'step',
  metric: 'cpu',
  minReplicas: 2,
  maxReplicas: 20,
  cooldown: 120,
  provisioning: boot,
  rules: [
    { operator: '>', threshold: 0.8, for: 60, change: 2 },
    { operator: '<', threshold: 0.3, for: 300, change: -1 },
  ],
};

/** Latency objective windows breached, and the index of the last breached one (−1: none). */
function breaches(r: SimulationResults): { breached: number; windows: number } {
  const slo = r.services[0]!.slo!;
  return { breached: slo.windows.breached, windows: slo.windows.total };
}

describe('autoscaling a flash crowd', () => {
  const none = run(flash(null));
  const tracked = run(flash(hpa));
  const stepped = run(flash(step));

  it('without an autoscaler the latency objective stays broken longest; target tracking and step scaling recover', () => {
    const [n, t, s] = [breaches(none), breaches(tracked), breaches(stepped)];
    expect(n.breached).toBeGreaterThan(s.breached);
    expect(s.breached).toBeGreaterThan(t.breached);
    // Target tracking: the crowd is served by the end of the hold; the replicas came down after it.
    const sc = tracked.services[0]!.scaling!;
    expect(sc.peak).toBeGreaterThanOrEqual(10);
    expect(sc.final).toBe(2);
    expect(tracked.services[0]!.errors).toBe(0);
  });

  it('keeps a decision log with the inputs of every decision', () => {
    const log = tracked.scaling!.decisions;
    expect(log.length).toBe(160); // one per 15 s sync over 40 minutes
    const up = log.find((d) => d.replicas > d.current)!;
    expect(up.time).toBeGreaterThan(300);
    expect(up).toMatchObject({ service: 'web', policy: 'target-tracking', metric: 'cpu', target: 0.6 });
    expect(up.value).toBeGreaterThan(0.6);
    expect(up.reason).toMatch(/vs target 60 %: scale up: ceil\(2 × /);
    // Before the crowd nothing happens, and the log says why.
    expect(log[0]!.replicas).toBe(log[0]!.current);
    expect(log[0]!.reason).toMatch(/within tolerance|scale down|keeping|stay/);
    // Scale-down is held by the 300 s stabilization window after the crowd leaves.
    const held = log.find((d) => d.capped === 'stabilization');
    expect(held?.reason).toMatch(/highest recommendation of the last 300 s/);
  });

  it('new replicas take the provisioning time plus start-up before they serve', () => {
    const p = parseScenario(flash({ ...hpa, provisioning: { type: 'constant', value: 30 }, startup: 10 }));
    if (!p.ok) throw new Error('invalid');
    const sim = createSimulation(p.scenario);
    sim.runUntil(316); // first scale-up at the sync of t = 315
    const web = sim.live().services[0]!;
    expect(web.replicas).toBe(3);
    expect(web.starting).toBe(1);
    expect(web.ready).toBe(2);
    sim.runUntil(354.9);
    expect(sim.live().services[0]!.ready).toBe(2);
    sim.runUntil(355.1);
    expect(sim.live().services[0]!.ready).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic', () => {
    expect(run(flash(hpa))).toEqual(tracked);
  });
});

describe('scale-down drains', () => {
  it('never fails or loses a request while replicas come and go (property over seeds and crowds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 30, max: 90 }), fc.constantFrom('per-replica' as const, 'shared' as const), (seed, peak, queue) => {
        const doc = flash({ ...hpa, scaleDown: { stabilizationWindow: 30 } });
        doc.duration = '20m';
        doc.services![0]!.queue = queue;
        doc.services![0]!.timeout = undefined;
        doc.services![0]!.queueLimit = 1_000_000; // overload may queue, never drop: only draining is under test
        doc.workloads![0]!.arrival = { type: 'spike', base: 5, peak, at: '3m', rampUp: 0, hold: '5m', rampDown: 0 };
        const r = run(doc, seed);
        const s = r.services[0]!;
        expect(s.scaling!.changes).toBeGreaterThan(2); // it did scale up and down
        expect(s.errors).toBe(0);
        expect(s.dropped).toBe(0);
        expect(s.arrivals).toBe(s.completed + s.inFlight);
      }),
      { numRuns: 12 },
    );
  });
});

/** A repeating "day" of 2 hours: quiet, a steep morning ramp to 60 req/s, an afternoon, quiet again. */
function diurnal(autoscaler: Autoscaler | null): ScenarioInput {
  return {
    cumulo: 1,
    name: 'diurnal',
    duration: '6h',
    metricsInterval: 30,
    services: [
      {
        id: 'web',
        replicas: 2,
        work: { type: 'exponential', mean: 0.1 },
        queue: 'shared',
        timeout: '10s',
        slo: { latency: { percentile: 0.95, threshold: '500ms' }, window: 60 },
        ...(autoscaler ? { autoscaler } : {}),
      },
    ],
    workloads: [
      {
        id: 'users',
        target: 'web',
        arrival: {
          type: 'piecewise',
          interpolation: 'linear',
          period: '2h',
          points: [
            { at: 0, rate: 6 },
            { at: '38m', rate: 6 },
            { at: '42m', rate: 60 },
            { at: '90m', rate: 60 },
            { at: '100m', rate: 6 },
          ],
        },
      },
    ],
  };
}

describe('autoscaling a diurnal cycle', () => {
  const prov = { type: 'lognormal' as const, mean: 60, sd: 15 };
  const policies: Record<string, Autoscaler | null> = {
    none: null,
    'target-tracking': { policy: 'target-tracking', metric: 'rps', target: 7, minReplicas: 2, maxReplicas: 20, provisioning: prov },
    step: { ...step, provisioning: prov, rules: [{ operator: '>', threshold: 0.8, for: 60, changePercent: 100 }, step.rules![1]!] },
    predictive: { policy: 'predictive', metric: 'rps', target: 7, minReplicas: 2, maxReplicas: 20, provisioning: prov, forecast: { season: '2h', bucket: '2m' } },
  };
  const results = Object.fromEntries(Object.entries(policies).map(([k, a]) => [k, run(diurnal(a))]));

  it('predictive scaling breaches the objective least of the policies that do not know the future', () => {
    const b = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, breaches(r).breached]));
    expect(b['predictive']).toBeLessThan(b['target-tracking']!);
    expect(b['predictive']).toBeLessThan(b['step']!);
    expect(b['predictive']).toBeLessThan(b['none']!);
  });

  it('after one season it provisions ahead of the morning ramp, by the provisioning delay', () => {
    const log = results['predictive']!.scaling!.decisions;
    // Second morning: the ramp starts at 2h38m (9480 s). The forecast sees it coming before.
    const before = log.filter((d) => d.time > 9300 && d.time < 9480);
    expect(before.some((d) => d.replicas > d.current && /seasonal naive|Holt-Winters/.test(d.reason))).toBe(true);
    // The first morning had no history: it only reacted.
    const first = log.filter((d) => d.time > 2100 && d.time < 2280);
    expect(first.every((d) => d.replicas <= d.current)).toBe(true);
    expect(first.every((d) => /linear trend/.test(d.reason))).toBe(true);
  });
});

describe('autoscaler settings', () => {
  const base = () => flash(hpa) as { services: Array<Record<string, unknown>> };
  it('rejects impossible settings with specific messages', () => {
    const a = base();
    a.services[0]!['autoscaler'] = { policy: 'target-tracking', minReplicas: 5, maxReplicas: 3 };
    expect(issues(a)).toContain('services[0].autoscaler.minReplicas: must not exceed maxReplicas (3), got 5');
    const b = base();
    b.services[0]!['replicas'] = 30;
    expect(issues(b)).toContain('services[0].replicas: must not exceed autoscaler.maxReplicas (20), got 30');
    const c = base();
    c.services[0]!['autoscaler'] = { policy: 'target-tracking', metric: 'rps', maxReplicas: 4 };
    expect(issues(c)).toContain('services[0].autoscaler.target: is required for metric "rps" (only cpu has a default, 0.8)');
    const d = base();
    d.services[0]!['autoscaler'] = { policy: 'step', maxReplicas: 4 };
    expect(issues(d)).toContain('services[0].autoscaler.rules: step scaling needs at least one rule');
    const e = base();
    e.services[0]!['autoscaler'] = { policy: 'scheduled', maxReplicas: 4, schedule: [{ cron: '0 25 * * *', replicas: 3 }] };
    expect(issues(e).join('\n')).toMatch(/^services\[0\]\.autoscaler\.schedule\[0\]\.cron: .*hour/m);
    const f = base();
    f.services[0]!['autoscaler'] = { policy: 'step', maxReplicas: 4, rules: [{ operator: '>', threshold: 0.5, change: 1, setTo: 3 }] };
    expect(issues(f)).toContain('services[0].autoscaler.rules[0]: needs exactly one of "change", "changePercent" or "setTo", got 2');
  });

  it('scheduled scaling follows its cron actions on the simulated calendar', () => {
    const doc = flash({ policy: 'scheduled', minReplicas: 1, maxReplicas: 10, provisioning: { type: 'constant', value: 5 }, startup: 0, schedule: [{ name: 'busy', cron: '10 0 * * *', replicas: 6 }, { name: 'quiet', cron: '30 0 * * *', replicas: 1 }] });
    const r = run(doc);
    const log = r.scaling!.decisions;
    const at = (t: number) => log.filter((d) => d.time <= t).at(-1)!;
    expect(at(599).replicas).toBe(2);
    expect(at(615).replicas).toBe(6);
    expect(at(615).reason).toMatch(/"busy" \(fired at t = 600 s\) sets 6 replicas/);
    expect(at(1815).replicas).toBe(1);
  });
});
