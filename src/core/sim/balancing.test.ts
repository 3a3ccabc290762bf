import { describe, expect, it } from 'vitest';
import type { BalancerPolicy, ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type ServiceResults } from './simulation';

function runPolicy(policy: BalancerPolicy, seed = 4): ServiceResults {
  const doc: ScenarioInput = {
    cumulo: 1,
    name: `lb ${policy}`,
    seed,
    duration: '40m',
    warmup: '2m',
    services: [{ id: 's', replicas: 20, work: { type: 'exponential', mean: 0.05 }, queueLimit: 100_000, loadBalancer: { policy } }],
    workloads: [{ id: 'w', target: 's', arrival: { type: 'poisson', rate: 360 } }], // ρ = 0.9
  };
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario).runToEnd().services[0]!;
}

describe('load balancing as the literature says', () => {
  it('random routing makes each replica an M/M/1 queue: mean response 1/(μ − λ/c) within the 95 % CI', () => {
    const r = runPolicy('random');
    const mu = 20;
    const lambdaPerReplica = 360 / 20;
    const theory = 1 / (mu - lambdaPerReplica); // 0.5 s
    expect(r.latency.ci95!.low).toBeLessThanOrEqual(theory);
    expect(r.latency.ci95!.high).toBeGreaterThanOrEqual(theory);
  });

  it('at 90 % utilization, power of two choices and least connections beat round robin, which beats random, on p99', () => {
    const p99 = Object.fromEntries(
      (['random', 'round-robin', 'power-of-two', 'least-connections'] as const).map((p) => [p, runPolicy(p).latency.p99!]),
    ) as Record<'random' | 'round-robin' | 'power-of-two' | 'least-connections', number>;
    // Clearly lower: at least a factor of two.
    expect(p99['power-of-two']).toBeLessThan(p99['round-robin'] / 2);
    expect(p99['least-connections']).toBeLessThan(p99['round-robin'] / 2);
    expect(p99['round-robin']).toBeLessThan(p99.random);
    // Least connections sees every replica, so it does at least as well as two random choices.
    expect(p99['least-connections']).toBeLessThanOrEqual(p99['power-of-two']);
  });

  it('every policy serves the same offered load (same arrivals and work: common random numbers)', () => {
    const policies: BalancerPolicy[] = ['weighted-round-robin', 'least-response-time', 'ip-hash', 'consistent-hash', 'maglev'];
    const results = policies.map((p) => runPolicy(p));
    for (const r of results) {
      expect(r.arrivals).toBe(results[0]!.arrivals);
      expect(r.dropped).toBe(0);
    }
  });
});
