// The cloud-scale scenario of `npm run bench:ui`: 1,000 hosts in 24 pools (2 regions × 3 zones ×
// 4 pools) and 5,000 instances arriving in ten waves over the first 50 s; hosts fail at random
// (MTBF 2 h each: one failure every ~7 simulated seconds) so instances keep being replaced, plus a
// small web service so the traffic side runs too. Stored as parameters (pool counts and
// instance groups), so its link stays short.
import type { ScenarioInput } from '../src/core/index';

export const HOSTS = 1000;
export const INSTANCES = 5000;

export function cloudScaleScenario(): ScenarioInput {
  const regions = ['us-east', 'eu-west'].map((r) => ({ id: r, zones: ['a', 'b', 'c'].map((z) => ({ id: `${r}-${z}` })) }));
  const zones = regions.flatMap((r) => r.zones.map((z) => z.id));
  const hostPools: NonNullable<ScenarioInput['hostPools']> = [];
  let left = HOSTS;
  const poolCount = zones.length * 4;
  zones.forEach((zone, zi) => {
    for (let p = 0; p < 4; p++) {
      const i = zi * 4 + p;
      const count = Math.round(left / (poolCount - i));
      left -= count;
      hostPools.push({ id: `${zone}-p${p}`, zone, count, shape: { vcpu: 32, memoryGiB: 128 }, mtbf: '2h', mttr: '10m' });
    }
  });
  // 5,000 instances: 10 waves of 500, 5 s apart.
  const types = ['g.small', 'g.medium', 'c.large', 'g.large', 'm.large'];
  const instances = Array.from({ length: 10 }, (_, w) => ({
    id: `wave-${w}`,
    type: types[w % types.length]!,
    count: INSTANCES / 10,
    at: `${w * 5 + 1}s`,
  }));
  return {
    cumulo: 1,
    name: 'Cloud scale: 1,000 hosts, 5,000 instances',
    seed: 11,
    duration: '7d',
    regions,
    hostPools,
    instances,
    services: [{ id: 'web', zone: 'us-east-a', instanceType: 'g.large', replicas: 6, concurrency: 4, work: { type: 'exponential', mean: 0.05 } }],
    workloads: [{ id: 'users', target: 'web', arrival: { type: 'poisson', rate: 200 } }],
  } as ScenarioInput;
}
