import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import type { ScenarioInput } from '../scenario/schema';
import { createSimulation, type SimulationResults } from './simulation';

function run(doc: ScenarioInput, seed?: number): SimulationResults {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario, seed === undefined ? {} : { seed }).runToEnd();
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const rho = a / c;
  const top = last / (1 - rho);
  return top / (sum + top);
}

/** Erlang B: blocking probability of an M/M/c/c loss system. */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

const mm1 = (rate: number, meanWork: number): ScenarioInput => ({
  cumulo: 1,
  name: 'mm1',
  seed: 1,
  duration: '2h',
  warmup: '5m',
  services: [{ id: 's', replicas: 1, work: { type: 'exponential', mean: meanWork }, queueLimit: 1_000_000 }],
  workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate } }],
});

describe('queueing fidelity', () => {
  it('an M/M/1 replica reproduces the mean response time 1/(μ−λ) within the run’s 95 % CI', () => {
    for (const [lambda, mu] of [
      [80, 100],
      [50, 100],
    ] as const) {
      const r = run(mm1(lambda, 1 / mu)).services[0]!;
      const theory = 1 / (mu - lambda);
      const ci = r.latency.ci95!;
      expect(ci.low, `λ=${lambda}`).toBeLessThanOrEqual(theory);
      expect(ci.high, `λ=${lambda}`).toBeGreaterThanOrEqual(theory);
      // The interval is tight enough to mean something (±5 %).
      expect((ci.high - ci.low) / 2 / theory).toBeLessThan(0.05);
      expect(r.utilization).toBeCloseTo(lambda / mu, 2);
    }
  });

  it('c replicas with a shared queue reproduce the Erlang C mean wait within the 95 % CI', () => {
    for (const [c, lambda, mu] of [
      [10, 160, 20],
      [4, 3, 1],
    ] as const) {
      const doc: ScenarioInput = {
        cumulo: 1,
        name: 'mmc',
        seed: 3,
        duration: c === 4 ? '40h' : '2h',
        warmup: '5m',
        services: [{ id: 's', replicas: c, queue: 'shared', work: { type: 'exponential', mean: 1 / mu }, queueLimit: 1_000_000 }],
        workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: lambda } }],
      };
      const r = run(doc).services[0]!;
      const a = lambda / mu;
      const wq = erlangC(c, a) / (c * mu - lambda);
      const ci = r.wait.ci95!;
      expect(ci.low, `c=${c}`).toBeLessThanOrEqual(wq);
      expect(ci.high, `c=${c}`).toBeGreaterThanOrEqual(wq);
      expect((ci.high - ci.low) / 2 / wq).toBeLessThan(0.1);
      // Response time = wait + service, so its CI must hold Wq + 1/μ too.
      const w = wq + 1 / mu;
      expect(r.latency.ci95!.low).toBeLessThanOrEqual(w);
      expect(r.latency.ci95!.high).toBeGreaterThanOrEqual(w);
    }
  });

  it('c replicas without a queue block arrivals with the Erlang B probability', () => {
    const c = 5;
    const lambda = 4;
    const mu = 1;
    const r = run({
      cumulo: 1,
      name: 'loss',
      duration: '50h',
      warmup: '10m',
      services: [{ id: 's', replicas: c, queue: 'shared', queueLimit: 0, work: { type: 'exponential', mean: 1 / mu } }],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: lambda } }],
    }).services[0]!;
    const blocked = r.dropped / r.arrivals;
    const theory = erlangB(c, lambda / mu);
    // Binomial standard error of the blocking estimate (arrivals are independent of the state: PASTA).
    const se = Math.sqrt((theory * (1 - theory)) / r.arrivals);
    expect(Math.abs(blocked - theory)).toBeLessThan(4 * se + 0.005);
  });
});

describe('determinism and common random numbers', () => {
  it('gives identical results for the same scenario and seed, different ones for another seed', () => {
    const doc = { ...mm1(80, 0.01), duration: '10m' };
    const a = JSON.stringify(run(doc));
    const b = JSON.stringify(run(doc));
    expect(a).toBe(b);
    expect(JSON.stringify(run(doc, 2))).not.toBe(a);
  });

  it('adding an unrelated service and workload leaves the others’ random numbers alone', () => {
    const one: ScenarioInput = { ...mm1(80, 0.01), duration: '10m' };
    const two: ScenarioInput = {
      ...one,
      services: [...(one.services ?? []), { id: 'other', replicas: 3, work: { type: 'lognormal', mean: 0.2, sd: 0.1 } }],
      workloads: [{ id: 'other-load', target: 'other', arrival: { type: 'poisson', rate: 9 } }, ...(one.workloads ?? [])],
    };
    const a = run(one).services[0]!;
    const b = run(two).services.find((s) => s.id === 's')!;
    expect(b).toEqual(a);
  });

  it('feeds two balancing policies the same arrivals and work (a fair A/B)', () => {
    const doc = (policy: 'random' | 'power-of-two'): ScenarioInput => ({
      cumulo: 1,
      name: 'ab',
      duration: '10m',
      services: [{ id: 's', replicas: 20, work: { type: 'exponential', mean: 0.05 }, loadBalancer: { policy } }],
      workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: 320 } }],
    });
    const r = run(doc('random')).services[0]!;
    const p = run(doc('power-of-two')).services[0]!;
    expect(p.arrivals).toBe(r.arrivals);
    // Same offered work, so the same utilization to within the requests still in flight at the end.
    expect(Math.abs(p.utilization - r.utilization)).toBeLessThan(0.01);
    // And the power of two choices cuts the queueing delay sharply.
    expect(p.latency.mean!).toBeLessThan(0.6 * r.latency.mean!);
  });
});
