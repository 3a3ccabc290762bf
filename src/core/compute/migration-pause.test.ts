import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import type { ScenarioInput } from '../scenario/schema';
import { createSimulation } from '../sim/simulation';

/** One replica (a 64 GiB VM) serving 20 req/s of 10 ms work; hosts on a 1 Gbps network, so a live migration's final pause lasts about a second. */
const doc: ScenarioInput = {
  cumulo: 1,
  name: 'migration pause',
  duration: '20m',
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'p', zone: 'a', count: 2, shape: { vcpu: 16, memoryGiB: 128 } }],
  network: { hostBandwidthGbps: 1 },
  services: [{ id: 'db', zone: 'a', instanceType: 'm.xlarge', placement: { kind: 'vm' }, replicas: 1, work: { type: 'constant', value: 0.01 }, concurrency: 4 }],
  workloads: [{ id: 'w', target: 'db', arrival: { type: 'poisson', rate: 20 } }],
};

function run(migrateAt: number | null) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const sim = createSimulation(p.scenario);
  let pause = 0;
  if (migrateAt !== null) {
    sim.runUntil(migrateAt);
    const c = sim.compute!;
    const inst = c.instances.find((i) => i.name === 'db-0')!;
    pause = c.migrationTime(inst, inst.host, 1 - inst.host).pause;
    expect(sim.operate({ op: 'migrate', instance: 'db-0' }).ok).toBe(true);
  }
  const r = sim.runToEnd();
  return { r, pause, log: sim.compute!.log };
}

describe('the stop-and-copy pause of a live migration', () => {
  it('holds the replica’s requests for the pause, and only then', () => {
    const plain = run(null);
    const moved = run(60);
    expect(moved.pause).toBeGreaterThan(0.5);
    expect(moved.pause).toBeLessThan(2);
    // Without a migration every request takes its 10 ms; with one, some wait out the pause.
    expect(plain.r.services[0]!.latency.max).toBeCloseTo(0.01, 6);
    const max = moved.r.services[0]!.latency.max!;
    expect(max).toBeGreaterThan(moved.pause * 0.9);
    expect(max).toBeLessThanOrEqual(moved.pause + 0.01 + 1e-6);
    // Nothing is lost, and the log says when it paused.
    expect(moved.r.services[0]!.errors).toBe(0);
    expect(moved.r.services[0]!.completed).toBe(moved.r.services[0]!.arrivals - moved.r.services[0]!.inFlight);
    expect(moved.log.some((e) => e.subject === 'db-0' && /paused for the final copy/.test(e.reason))).toBe(true);
    expect(moved.log.some((e) => e.subject === 'db-0' && /^migrated /.test(e.reason))).toBe(true);
  });
});
