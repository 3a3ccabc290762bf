import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import type { ScenarioInput } from '../scenario/schema';
import { createSimulation } from './simulation';

function run(doc: ScenarioInput) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return createSimulation(p.scenario).runToEnd();
}

function issues(doc: unknown): string[] {
  const p = parseScenario(doc);
  return p.ok ? [] : p.errors.map((e) => `${e.path}: ${e.message}`);
}

const region = { id: 'r', zones: [{ id: 'a' }, { id: 'b' }] };
/** A quiet service: one 2-vCPU container, one request at a time, 100 ms of work at its request, 1 req/s. */
const quiet = { id: 'quiet', zone: 'a', instanceType: 'g.medium', placement: { kind: 'container' as const, zones: ['a'] }, replicas: 1, work: { type: 'constant' as const, value: 0.1 } };
const quietLoad = { id: 'q', target: 'quiet', arrival: { type: 'poisson' as const, rate: 1 } };
/** A noisy one: three 2-vCPU containers kept busy (20 req/s of 1 s work). */
const noisy = (zone: string) => ({ id: 'noisy', zone, instanceType: 'g.medium', placement: { kind: 'container' as const, zones: [zone] }, replicas: 3, queueLimit: 100_000, work: { type: 'constant' as const, value: 1 } });
const noisyLoad = { id: 'n', target: 'noisy', arrival: { type: 'poisson' as const, rate: 20 } };

function cluster(services: ScenarioInput['services'], workloads: ScenarioInput['workloads']): ScenarioInput {
  return {
    cumulo: 1,
    name: 'contention',
    duration: '10m',
    warmup: '1m',
    regions: [region],
    // 4 physical vCPU, 8 allocatable: the scheduler packs 8 vCPU of requests onto 4 real ones.
    hostPools: [
      { id: 'pa', zone: 'a', count: 1, shape: { vcpu: 4, memoryGiB: 32 }, overcommit: { cpu: 2 } },
      { id: 'pb', zone: 'b', count: 1, shape: { vcpu: 4, memoryGiB: 32 }, overcommit: { cpu: 2 } },
    ],
    services,
    workloads,
  };
}

describe('noisy neighbours on an overcommitted host', () => {
  it('alone, the quiet service runs at its request: 100 ms', () => {
    const r = run(cluster([quiet], [quietLoad]));
    // (The mean adds a little queueing: M/D/1 at 10 % load.)
    expect(r.services[0]!.latency.min).toBeCloseTo(0.1, 9);
    expect(r.services[0]!.latency.p50).toBeCloseTo(0.1, 2);
  });

  it('next to a busy neighbour it slows by wanted / physical (8 vCPU wanted of 4: 200 ms)', () => {
    const r = run(cluster([quiet, noisy('a')], [quietLoad, noisyLoad]));
    const q = r.services.find((s) => s.id === 'quiet')!;
    // While the neighbour keeps its 3 containers busy, 2 + 6 vCPU are wanted of 4 physical.
    expect(q.latency.p50).toBeCloseTo(0.2, 2);
    expect(q.latency.mean!).toBeGreaterThan(0.19);
  });

  it('isolated on another host (zone b), the neighbour costs it nothing', () => {
    const r = run(cluster([quiet, noisy('b')], [quietLoad, noisyLoad]));
    const q = r.services.find((s) => s.id === 'quiet')!;
    expect(q.latency.min).toBeCloseTo(0.1, 9);
    expect(q.latency.p50).toBeCloseTo(0.1, 2);
  });
});

describe('CPU limits (burstable containers)', () => {
  const noOvercommit = (limits?: { vcpu: number }): ScenarioInput => ({
    ...cluster([{ ...quiet, placement: { ...quiet.placement, ...(limits ? { limits } : {}) } }], [quietLoad]),
    hostPools: [{ id: 'pa', zone: 'a', count: 1, shape: { vcpu: 16, memoryGiB: 64 } }],
  });

  it('a limit of twice the request on an idle host serves twice as fast; without limits, at the request', () => {
    expect(run(noOvercommit()).services[0]!.latency.min).toBeCloseTo(0.1, 9);
    expect(run(noOvercommit({ vcpu: 4 })).services[0]!.latency.min).toBeCloseTo(0.05, 9);
    expect(run(noOvercommit({ vcpu: 4 })).services[0]!.latency.p50).toBeCloseTo(0.05, 2);
  });

  it('are checked: containers only, and never below the request', () => {
    const vm = noOvercommit({ vcpu: 4 }) as { services: Array<{ placement: Record<string, unknown> }> };
    vm.services[0]!.placement['kind'] = 'vm';
    expect(issues(vm)).toContain('services[0].placement.limits: applies to containers only (a VM is sized by its instance type)');
    expect(issues(noOvercommit({ vcpu: 1 }))).toContain('services[0].placement.limits.vcpu: must be at least the request (2 vCPU of g.medium), got 1');
  });
});
