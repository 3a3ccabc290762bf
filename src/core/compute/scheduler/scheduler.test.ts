import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstanceRequest, PlacementExplanation, PlacementStrategy, SchedulerConfig, SchedulingContext } from '../types';
import { defaultFilters } from './filters';
import { fragmentation } from './fragmentation';
import { FixtureHosts, context, request } from './host-fixture';
import { RAW_SUFFIX, Scheduler, numFeasibleToFind, type FilterTables } from './scheduler';
import { scanOrder } from './zones';

function config(strategy: PlacementStrategy, over: Partial<SchedulerConfig> = {}): SchedulerConfig {
  return { strategy, percentageOfNodesToScore: 0, preemption: false, ...over };
}

/** Schedules and, when placed, binds (after evicting any victims). */
function place(s: Scheduler, hosts: FixtureHosts, ctx: SchedulingContext, req: InstanceRequest, time = 0): { host: number; explanation: PlacementExplanation } {
  const res = s.schedule(ctx, req, time);
  if (res.host >= 0) {
    for (const v of res.explanation.preempted) hosts.evict(res.host, v);
    hosts.bind(res.host, req);
  }
  return res;
}

/** Every explanation's counts add up: removed + feasible = examined, reasons sum to removed. */
function checkCounts(e: PlacementExplanation): void {
  const removed = e.filters.reduce((a, f) => a + f.removed, 0);
  expect(removed + e.feasible).toBe(e.examined);
  for (const f of e.filters) expect(Object.values(f.reasons).reduce((a, b) => a + b, 0)).toBe(f.removed);
  expect(e.examined).toBeLessThanOrEqual(e.totalHosts);
}

// The worked example of scores.test.ts. Request 2 cpu / 4 GiB.
//            capacity   allocated   LeastAllocated  MostAllocated  BalancedAllocation
//   h-0      16 / 32    2 / 0       81.25           18.75          93.75
//   h-1       8 / 16    5 / 8       18.75           81.25          93.75
//   h-2       8 / 16    2 / 4       50              50             100
// No taints: TaintToleration 100 for all (× 3 = 300).
function worked(): FixtureHosts {
  const hosts = new FixtureHosts({ hosts: [{ cpu: 16, mem: 32 }, { cpu: 8, mem: 16 }, { cpu: 8, mem: 16 }] });
  hosts.bind(0, { cpu: 2, mem: 0 });
  hosts.bind(1, { cpu: 5, mem: 8 });
  hosts.bind(2, { cpu: 2, mem: 4 });
  return hosts;
}
const workedReq = () => request({ cpu: 2, mem: 4 });

describe('scoring strategies on a worked example', () => {
  it('least-allocated spreads: 81.25 + 93.75 + 300 = 475 on h-0', () => {
    const hosts = worked();
    const { host, explanation: e } = new Scheduler(config('least-allocated')).schedule(context(hosts), workedReq(), 12);
    expect(host).toBe(0);
    // h-0 475; h-2 50 + 100 + 300 = 450; h-1 18.75 + 93.75 + 300 = 412.5
    expect(e.scores.map((s) => [s.host, s.total])).toEqual([
      ['h-0', 475],
      ['h-2', 450],
      ['h-1', 412.5],
    ]);
    expect(e.scores[0]!.plugins).toEqual({
      LeastAllocated: 81.25,
      ['LeastAllocated' + RAW_SUFFIX]: 81.25,
      BalancedAllocation: 93.75,
      ['BalancedAllocation' + RAW_SUFFIX]: 93.75,
      TaintToleration: 300,
      ['TaintToleration' + RAW_SUFFIX]: 100,
    });
    expect(e.summary).toBe('placed on h-0 (score 475; 3 of 3 hosts examined, 3 feasible)');
    expect(e).toMatchObject({ instance: 0, time: 12, totalHosts: 3, examined: 3, feasible: 3, winner: 'h-0', preempted: [] });
    checkCounts(e);
  });

  it('most-allocated packs: 81.25 + 93.75 + 300 = 475 on h-1', () => {
    const { host, explanation: e } = new Scheduler(config('most-allocated')).schedule(context(worked()), workedReq(), 0);
    expect(host).toBe(1);
    // h-1 475; h-2 50 + 100 + 300 = 450; h-0 18.75 + 93.75 + 300 = 412.5
    expect(e.scores.map((s) => [s.host, s.total])).toEqual([
      ['h-1', 475],
      ['h-2', 450],
      ['h-0', 412.5],
    ]);
    expect(e.scores[0]!.plugins['MostAllocated']).toBe(81.25);
  });

  it('balanced prefers equal fractions: 100 + 300 = 400 on h-2', () => {
    const { host, explanation: e } = new Scheduler(config('balanced')).schedule(context(worked()), workedReq(), 0);
    expect(host).toBe(2);
    // h-2 400; h-0 and h-1 tie at 93.75 + 300 = 393.75, lower index first
    expect(e.scores.map((s) => [s.host, s.total])).toEqual([
      ['h-2', 400],
      ['h-0', 393.75],
      ['h-1', 393.75],
    ]);
    expect(Object.keys(e.scores[0]!.plugins).filter((k) => !k.endsWith(RAW_SUFFIX))).toEqual(['BalancedAllocation', 'TaintToleration']);
  });

  it('first-fit takes the first feasible host without scoring', () => {
    const { host, explanation: e } = new Scheduler(config('first-fit')).schedule(context(worked()), workedReq(), 0);
    expect(host).toBe(0);
    expect(e.scores).toEqual([]);
    expect(e.summary).toBe('placed on h-0 (first-fit; 1 of 3 hosts examined, 1 feasible)');
  });

  it('breaks ties by the lowest host index', () => {
    const hosts = FixtureHosts.uniform(5, { cpu: 4, mem: 8 });
    for (const st of ['least-allocated', 'most-allocated', 'balanced'] as const) expect(new Scheduler(config(st)).schedule(context(hosts), request(), 0).host).toBe(0);
  });

  it('a soft topology spread adds PodTopologySpread (weight 2) and steers to the emptiest zone', () => {
    // One host per zone, equal resources; group 1 has 2, 0, 1 instances (of no size) in zones 0..2.
    const hosts = new FixtureHosts({ hosts: [0, 1, 2].map((zone) => ({ cpu: 8, mem: 16, zone })), zones: 3 });
    hosts.bind(0, { cpu: 0, mem: 0, group: 1 });
    hosts.bind(0, { cpu: 0, mem: 0, group: 1 });
    hosts.bind(2, { cpu: 0, mem: 0, group: 1 });
    const s = new Scheduler(config('least-allocated'));
    expect(s.schedule(context(hosts), request({ group: 1 }), 0).host).toBe(0); // all equal: lowest index
    const { host, explanation: e } = s.schedule(context(hosts), request({ group: 1, spread: { maxSkew: 1, hard: false } }), 0);
    expect(host).toBe(1);
    // PodTopologySpread raw 0, 100, 50 (see scores.test.ts) × 2
    expect(e.scores.map((x) => [x.host, x.plugins['PodTopologySpread']])).toEqual([
      ['h-1', 200],
      ['h-2', 100],
      ['h-0', 0],
    ]);
  });

  it('an untolerated PreferNoSchedule taint weighs 3 × 100 against a host', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 8, mem: 16, pool: 1 }, { cpu: 8, mem: 16, pool: 0 }], pools: [{}, { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }] });
    hosts.bind(1, { cpu: 4, mem: 8 });
    const s = new Scheduler(config('least-allocated'));
    // h-0 (empty, tainted): LeastAllocated 87.5 + Balanced 100 + 0 = 187.5; h-1 (half full): 37.5 + 100 + 300 = 437.5
    const a = s.schedule(context(hosts), request({ cpu: 1, mem: 2 }), 0);
    expect([a.host, a.explanation.scores.map((x) => x.total)]).toEqual([1, [437.5, 187.5]]);
    // Tolerated: both 300; h-0 wins on LeastAllocated.
    expect(s.schedule(context(hosts), request({ cpu: 1, mem: 2, tolerations: [{ key: 'spot' }] }), 0).host).toBe(0);
  });

  it('details at most 10 hosts, best first, and the weighted parts sum to the total', () => {
    const hosts = FixtureHosts.uniform(30, { cpu: 16, mem: 32 });
    for (let h = 0; h < 30; h++) hosts.bind(h, { cpu: h % 16, mem: (h * 7) % 32 });
    const { explanation: e } = new Scheduler(config('least-allocated')).schedule(context(hosts), request({ cpu: 0.5, mem: 0.5 }), 0);
    expect(e.scores).toHaveLength(10);
    for (let i = 1; i < 10; i++) expect(e.scores[i - 1]!.total).toBeGreaterThanOrEqual(e.scores[i]!.total);
    for (const s of e.scores) {
      const parts = Object.entries(s.plugins).filter(([k]) => !k.endsWith(RAW_SUFFIX));
      expect(parts.reduce((a, [, v]) => a + v, 0)).toBe(s.total);
    }
    expect(e.winner).toBe(e.scores[0]!.host);
  });
});

describe('explanations', () => {
  it('summarises failures in the Kubernetes style, reasons by count then name', () => {
    // 31 hosts in zone 0 with 4 GiB, 9 in zone 1 with 64 GiB; the request wants 8 GiB in zone 0.
    const hosts = new FixtureHosts({ hosts: Array.from({ length: 40 }, (_, i) => (i < 31 ? { cpu: 8, mem: 4, zone: 0 } : { cpu: 8, mem: 64, zone: 1 })) });
    const { host, explanation: e } = new Scheduler(config('least-allocated')).schedule(context(hosts), request({ mem: 8, zones: Int32Array.of(0) }), 5);
    expect(host).toBe(-1);
    expect(e.summary).toBe('0/40 hosts available: 31 insufficient memory, 9 wrong zone');
    expect(e.winner).toBeNull();
    expect(e.feasible).toBe(0);
    expect(e.examined).toBe(40);
    expect(e.filters.map((f) => [f.name, f.removed])).toEqual([
      ['NodeUnschedulable', 0],
      ['TaintToleration', 0],
      ['ZoneFilter', 9],
      ['DedicatedHost', 0],
      ['TenantIsolation', 0],
      ['NodeResourcesFit', 31],
      ['PodTopologySpread', 0],
      ['InterPodAffinity', 0],
    ]);
    expect(e.filters[5]!.reasons).toEqual({ 'insufficient memory': 31 });
    checkCounts(e);
  });

  it('orders equal counts by reason and reports each host once (the first filter that rejects it)', () => {
    const hosts = new FixtureHosts({
      hosts: [
        { cpu: 1, mem: 8 }, // insufficient cpu
        { cpu: 8, mem: 8, schedulable: false }, // host unavailable (and would lack nothing else)
        { cpu: 1, mem: 1, schedulable: false }, // host unavailable, not also insufficient cpu
        { cpu: 1, mem: 8 }, // insufficient cpu
      ],
    });
    for (const st of ['least-allocated', 'first-fit', 'random', 'zone-round-robin'] as const) {
      const { explanation: e } = new Scheduler(config(st)).schedule(context(hosts), request({ cpu: 2 }), 0);
      expect(e.summary).toBe('0/4 hosts available: 2 host unavailable, 2 insufficient cpu');
      checkCounts(e);
    }
  });

  it('reports per-tenant, per-taint and affinity reasons with their counts', () => {
    const hosts = new FixtureHosts({
      hosts: [
        { cpu: 8, mem: 8, pool: 1 },
        { cpu: 8, mem: 8, pool: 1 },
        { cpu: 8, mem: 8, pool: 2 },
        { cpu: 8, mem: 8, pool: 0 },
      ],
      pools: [{}, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }, { dedicatedTo: 'acme' }],
    });
    hosts.bind(3, { cpu: 1, mem: 1, group: 4 });
    const { explanation: e } = new Scheduler(config('least-allocated')).schedule(context(hosts), request({ antiAffinity: Int32Array.of(4) }), 0);
    expect(e.summary).toBe('0/4 hosts available: 2 untolerated taint gpu, 1 anti-affinity conflict, 1 dedicated to another tenant');
  });

  it('reports no hosts at all', () => {
    const hosts = new FixtureHosts({ hosts: [] });
    for (const st of ['least-allocated', 'first-fit', 'random', 'zone-round-robin'] as const) {
      const res = new Scheduler(config(st)).schedule(context(hosts), request(), 0);
      expect([res.host, res.explanation.summary]).toEqual([-1, '0/0 hosts available']);
    }
  });
});

describe('sampling (percentageOfNodesToScore)', () => {
  it('numFeasibleToFind follows kube-scheduler', () => {
    // < 100 hosts: all. Adaptive (0): pct = max(5, 50 − total/125), at least 100 hosts.
    expect(numFeasibleToFind(50, 0)).toBe(50);
    expect(numFeasibleToFind(99, 30)).toBe(99);
    expect(numFeasibleToFind(100, 0)).toBe(100); // 50 % of 100 = 50 → at least 100
    expect(numFeasibleToFind(125, 0)).toBe(100); // 49 % → 61 → 100
    expect(numFeasibleToFind(1000, 0)).toBe(420); // 50 − 8 = 42 %
    expect(numFeasibleToFind(5000, 0)).toBe(500); // 50 − 40 = 10 %
    expect(numFeasibleToFind(6000, 0)).toBe(300); // 50 − 48 = 2 % → 5 %
    expect(numFeasibleToFind(10000, 0)).toBe(500); // 50 − 80 < 5 → 5 %
    expect(numFeasibleToFind(2000, 10)).toBe(200);
    expect(numFeasibleToFind(2000, 1)).toBe(100); // 20 → at least 100
    expect(numFeasibleToFind(2000, 100)).toBe(2000);
  });

  it.each([
    [50, 0, 50],
    [1000, 0, 420],
    [10000, 0, 500],
    [2000, 10, 200],
    [2000, 100, 2000],
  ])('examines exactly numFeasibleToFind hosts when all fit (%i hosts, %i %%)', (n, pct, expected) => {
    const hosts = FixtureHosts.uniform(n, { cpu: 8, mem: 16 });
    const { explanation: e } = new Scheduler(config('least-allocated', { percentageOfNodesToScore: pct })).schedule(context(hosts), request(), 0);
    expect([e.examined, e.feasible]).toEqual([expected, expected]);
    // 1 cpu / 1 GiB on 8 / 16: LeastAllocated (87.5 + 93.75) / 2 = 90.625; BalancedAllocation
    // f = 0.125, 0.0625 → 100 · (1 − 0.03125) = 96.875; + 300 → 487.5
    expect(e.summary).toBe(`placed on h-0 (score 487.5; ${expected} of ${n} hosts examined, ${expected} feasible)`);
  });

  it('starts where the previous placement stopped, wrapping around', () => {
    // 1000 identical hosts in one zone: 420 examined per placement; all tie, so the winner is the
    // lowest index of the window.
    const hosts = FixtureHosts.uniform(1000, { cpu: 8, mem: 16 });
    const s = new Scheduler(config('least-allocated'));
    const ctx = context(hosts);
    const winners: string[] = [];
    const starts: number[] = [s.nextStartIndex];
    for (let i = 0; i < 3; i++) {
      winners.push(s.schedule(ctx, request(), 0).explanation.winner!);
      starts.push(s.nextStartIndex);
    }
    expect(starts).toEqual([0, 420, 840, 260]);
    // windows 0–419, 420–839, 840–999 + 0–259
    expect(winners).toEqual(['h-0', 'h-420', 'h-0']);
  });

  it('counts rejected hosts as examined and stops at the host that completes the sample', () => {
    // Every odd host is down: the 420th feasible host is h-838, so 839 hosts are examined.
    const hosts = FixtureHosts.uniform(1000, { cpu: 8, mem: 16 });
    for (let h = 1; h < 1000; h += 2) hosts.schedulable[h] = 0;
    const s = new Scheduler(config('least-allocated'));
    const { explanation: e } = s.schedule(context(hosts), request(), 0);
    expect([e.examined, e.feasible, e.filters[0]!.removed]).toEqual([839, 420, 419]);
    expect(s.nextStartIndex).toBe(839);
    checkCounts(e);
  });

  it('examines every host when nothing fits, and the start does not move', () => {
    const hosts = FixtureHosts.uniform(1000, { cpu: 1, mem: 16 });
    const s = new Scheduler(config('least-allocated'));
    const { explanation: e } = s.schedule(context(hosts), request({ cpu: 2 }), 0);
    expect([e.examined, e.summary]).toEqual([1000, '0/1000 hosts available: 1000 insufficient cpu']);
    expect(s.nextStartIndex).toBe(0);
  });

  it('visits zones in turn (kube-scheduler node tree order), so a sample covers every zone', () => {
    const hosts = new FixtureHosts({ hosts: [0, 0, 1, 1, 1, 2].map((zone) => ({ cpu: 1, mem: 1, zone })) });
    expect(Array.from(scanOrder(hosts))).toEqual([0, 2, 5, 1, 3, 4]);
    // 1200 hosts in zone blocks of 400: the first sample (492 hosts) takes 164 from each zone; a
    // soft spread towards the empty zone 2 can act although host 0 is in zone 0.
    const big = FixtureHosts.uniform(1200, { cpu: 8, mem: 16 }, 3);
    for (let i = 0; i < 5; i++) {
      big.bind(0, { cpu: 0, mem: 0, group: 1 });
      big.bind(400, { cpu: 0, mem: 0, group: 1 });
    }
    const { explanation: e } = new Scheduler(config('least-allocated')).schedule(context(big), request({ group: 1, spread: { maxSkew: 1, hard: false } }), 0);
    expect(e.examined).toBe(492);
    expect(e.winner).toBe('h-800');
  });

  it('first-fit does not sample and always starts at host 0', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 8, mem: 8, schedulable: false }, { cpu: 1, mem: 8 }, { cpu: 8, mem: 8 }, { cpu: 8, mem: 8 }] });
    const s = new Scheduler(config('first-fit'));
    for (let i = 0; i < 2; i++) {
      const { host, explanation: e } = s.schedule(context(hosts), request({ cpu: 2 }), 0);
      expect(host).toBe(2);
      expect(e.summary).toBe('placed on h-2 (first-fit; 3 of 4 hosts examined, 1 feasible)');
      expect([e.filters[0]!.reasons, e.filters[5]!.reasons]).toEqual([{ 'host unavailable': 1 }, { 'insufficient cpu': 1 }]);
    }
    const many = FixtureHosts.uniform(5000, { cpu: 1, mem: 8 });
    many.cpuCap[4321] = 8;
    expect(new Scheduler(config('first-fit')).schedule(context(many), request({ cpu: 2 }), 0).explanation.examined).toBe(4322);
  });
});

describe('random and zone-round-robin', () => {
  it('random picks uniformly among the feasible hosts, and never an infeasible one', () => {
    const hosts = FixtureHosts.uniform(10, { cpu: 8, mem: 8 });
    for (const h of [0, 2, 3, 5, 7, 9]) hosts.schedulable[h] = 0; // feasible: 1, 4, 6, 8
    const s = new Scheduler(config('random'));
    const ctx = context(hosts, 7);
    const counts = new Map<number, number>();
    const draws = 4000;
    for (let i = 0; i < draws; i++) {
      const { host } = s.schedule(ctx, request(), 0);
      counts.set(host, (counts.get(host) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 4, 6, 8]);
    // Chi-square with 3 degrees of freedom, critical value 16.27 at p = 0.001 (fixed seed: deterministic).
    const chi = [...counts.values()].reduce((a, c) => a + (c - draws / 4) ** 2 / (draws / 4), 0);
    expect(chi).toBeLessThan(16.27);
  });

  it('random is reproducible from the context stream', () => {
    const run = () => {
      const hosts = FixtureHosts.uniform(50, { cpu: 4, mem: 8 });
      const s = new Scheduler(config('random'));
      const ctx = context(hosts, 3);
      return Array.from({ length: 100 }, () => place(s, hosts, ctx, request()).host);
    };
    expect(run()).toEqual(run());
  });

  it('zone-round-robin cycles zones, takes the first feasible host of each, and skips zones without one', () => {
    const hosts = new FixtureHosts({ hosts: [0, 0, 1, 1, 2, 2].map((zone) => ({ cpu: 2, mem: 8, zone })) });
    const s = new Scheduler(config('zone-round-robin'));
    const ctx = context(hosts);
    const order = Array.from({ length: 6 }, () => place(s, hosts, ctx, request({ cpu: 2 })).host);
    expect(order).toEqual([0, 2, 4, 1, 3, 5]);
    const res = s.schedule(ctx, request({ cpu: 2 }), 0);
    expect([res.host, res.explanation.summary]).toEqual([-1, '0/6 hosts available: 6 insufficient cpu']);

    const down = new FixtureHosts({ hosts: [0, 1, 1, 2].map((zone) => ({ cpu: 8, mem: 8, zone, schedulable: zone !== 1 })) });
    const t = new Scheduler(config('zone-round-robin'));
    const seq = Array.from({ length: 4 }, () => t.schedule(context(down), request(), 0));
    expect(seq.map((r) => r.host)).toEqual([0, 3, 0, 3]);
    expect(seq[1]!.explanation.summary).toBe('placed on h-3 (zone-round-robin; 3 of 4 hosts examined, 1 feasible)');
  });
});

describe('preemption', () => {
  /** Hosts of 4 cpu, full; instance numbers are unique across hosts. */
  function full(): FixtureHosts {
    const hosts = FixtureHosts.uniform(3, { cpu: 4, mem: 16 });
    // h-0: four 1-cpu instances at priority 1 (10..13)
    for (let i = 0; i < 4; i++) hosts.bind(0, { cpu: 1, mem: 1, instance: 10 + i, priority: 1 });
    // h-1: one 4-cpu instance at priority 2 (20)
    hosts.bind(1, { cpu: 4, mem: 1, instance: 20, priority: 2 });
    // h-2: two 2-cpu instances at priority 0 (30, 31)
    hosts.bind(2, { cpu: 2, mem: 1, instance: 30, priority: 0 });
    hosts.bind(2, { cpu: 2, mem: 1, instance: 31, priority: 0 });
    return hosts;
  }
  const urgent = (over: Partial<InstanceRequest> = {}) => request({ instance: 99, cpu: 2, mem: 1, priority: 10, ...over });

  it('picks the host with the fewest victims, then the lowest sum of their priorities', () => {
    const hosts = full();
    const s = new Scheduler(config('least-allocated', { preemption: true }), hosts.instancesOn);
    // Victims needed for 2 cpu: h-0 two (priority 1 + 1), h-1 one (2), h-2 one (0) → h-2.
    const { host, explanation: e } = s.schedule(context(hosts), urgent(), 0);
    expect(host).toBe(2);
    expect(e.preempted).toEqual([31]); // equal priorities: the newer instance (higher number) goes
    expect(e.winner).toBe('h-2');
    expect(e.summary).toBe('0/3 hosts available: 3 insufficient cpu; preemption: evicting 1 lower-priority instance on h-2');
    // Without h-2: h-1 (one victim) beats h-0 (two).
    hosts.schedulable[2] = 0;
    expect(s.schedule(context(hosts), urgent(), 0)).toMatchObject({ host: 1, explanation: { preempted: [20] } });
    // Without h-1 either: two victims on h-0.
    hosts.schedulable[1] = 0;
    expect(s.schedule(context(hosts), urgent(), 0)).toMatchObject({ host: 0, explanation: { preempted: [13, 12] } });
  });

  it('evicts only lower priorities, and reprieves victims that are not needed (Kubernetes selectVictimsOnNode)', () => {
    const hosts = FixtureHosts.uniform(1, { cpu: 4, mem: 16 });
    hosts.bind(0, { cpu: 1, mem: 1, instance: 1, priority: 0 });
    hosts.bind(0, { cpu: 3, mem: 1, instance: 2, priority: 1 });
    const s = new Scheduler(config('first-fit', { preemption: true }), hosts.instancesOn);
    // Remove both (4 free), reprieve priority 1 first: 3 + 3 > 4, a victim; then priority 0: 1 + 3 ≤ 4, kept.
    expect(s.schedule(context(hosts), urgent({ cpu: 3 }), 0).explanation.preempted).toEqual([2]);
    // Equal priority is not lower: nothing to evict.
    const res = s.schedule(context(hosts), urgent({ cpu: 3, priority: 1 }), 0);
    expect([res.host, res.explanation.summary, res.explanation.preempted]).toEqual([-1, '0/1 hosts available: 1 insufficient cpu', []]);
  });

  it('cannot cure other filters, and can be turned off per call', () => {
    const hosts = full();
    hosts.schedulable[1] = 0;
    hosts.schedulable[2] = 0;
    const s = new Scheduler(config('least-allocated', { preemption: true }), hosts.instancesOn);
    expect(s.schedule(context(hosts), urgent({ zones: Int32Array.of(5) }), 0).host).toBe(-1);
    expect(s.schedule(context(hosts), urgent(), 0, false)).toMatchObject({ host: -1, explanation: { preempted: [], summary: '0/3 hosts available: 2 host unavailable, 1 insufficient cpu' } });
    expect(s.schedule(context(hosts), urgent(), 0).host).toBe(0);
  });

  it('after evicting the victims the request fits', () => {
    const hosts = full();
    const s = new Scheduler(config('most-allocated', { preemption: true }), hosts.instancesOn);
    const res = place(s, hosts, context(hosts), urgent({ cpu: 3 }));
    expect(res.host).toBeGreaterThanOrEqual(0);
    expect(hosts.cpuAlloc[res.host]).toBeLessThanOrEqual(hosts.cpuCap[res.host]!);
  });
});

describe('configuration', () => {
  it('rejects bad settings', () => {
    expect(() => new Scheduler(config('nope' as PlacementStrategy))).toThrow(/unknown placement strategy/);
    expect(() => new Scheduler(config('random', { percentageOfNodesToScore: 120 }))).toThrow(/0\.\.100/);
    expect(() => new Scheduler(config('random', { preemption: true }))).toThrow(/instancesOn/);
  });
});

describe('properties', () => {
  const strategies: PlacementStrategy[] = ['least-allocated', 'most-allocated', 'balanced', 'first-fit', 'random', 'zone-round-robin'];

  it('hard topology spread keeps max(zone count) − min(eligible zone count) ≤ maxSkew', () => {
    fc.assert(
      fc.property(
        fc.record({
          zones: fc.integer({ min: 2, max: 4 }),
          hosts: fc.array(fc.record({ zone: fc.nat(3), cpu: fc.integer({ min: 1, max: 8 }), up: fc.boolean() }), { minLength: 1, maxLength: 16 }),
          maxSkew: fc.integer({ min: 1, max: 3 }),
          strategy: fc.constantFrom(...strategies),
          sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 40 }),
        }),
        ({ zones, hosts: specs, maxSkew, strategy, sizes }) => {
          const hosts = new FixtureHosts({ hosts: specs.map((h) => ({ cpu: h.cpu, mem: 64, zone: h.zone % zones, schedulable: h.up })), zones });
          const eligible = Array.from({ length: zones }, (_, z) => specs.some((h, i) => h.zone % zones === z && hosts.schedulable[i] === 1));
          const s = new Scheduler(config(strategy));
          const ctx = context(hosts);
          for (const cpu of sizes) {
            const res = place(s, hosts, ctx, request({ cpu, mem: 1, group: 2, spread: { maxSkew, hard: true } }));
            checkCounts(res.explanation);
            const counts = Array.from(hosts.groupZoneCount(2));
            const max = Math.max(...counts);
            const min = Math.min(...counts.filter((_, z) => eligible[z]));
            expect(max - min).toBeLessThanOrEqual(maxSkew);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never exceeds capacity and never ignores a filter', () => {
    const keys = ['gpu', 'spot', 'maint'];
    const taint = fc.record({ key: fc.constantFrom(...keys), effect: fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, 'NoExecute' as const) });
    const toleration = fc.record({ key: fc.constantFrom('', ...keys), effect: fc.option(fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, 'NoExecute' as const), { nil: undefined }) });
    const group = fc.integer({ min: -1, max: 3 });
    const req = fc.record({
      cpu: fc.constantFrom(0.5, 1, 2, 3, 4),
      mem: fc.constantFrom(0.5, 1, 4, 8),
      gpu: fc.constantFrom(0, 0, 0, 1),
      zones: fc.option(fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 2 }), { nil: null }),
      tolerations: fc.array(toleration, { maxLength: 2 }),
      group,
      affinity: fc.array(fc.nat(3), { maxLength: 1 }),
      antiAffinity: fc.array(fc.nat(3), { maxLength: 1 }),
      spread: fc.option(fc.record({ maxSkew: fc.integer({ min: 1, max: 2 }), hard: fc.boolean() }), { nil: null }),
      tenant: fc.constantFrom(null, 'a', 'b'),
    });
    fc.assert(
      fc.property(
        fc.record({
          pools: fc.array(fc.record({ taints: fc.array(taint, { maxLength: 2 }), dedicatedTo: fc.constantFrom(null, null, 'a') }), { minLength: 1, maxLength: 3 }),
          hosts: fc.array(
            fc.record({ zone: fc.nat(2), pool: fc.nat(2), cpu: fc.constantFrom(2, 4, 8, 16), mem: fc.constantFrom(4, 16, 32), gpu: fc.constantFrom(0, 0, 2), up: fc.boolean() }),
            { minLength: 1, maxLength: 40 },
          ),
          strategy: fc.constantFrom(...strategies),
          reqs: fc.array(req, { minLength: 1, maxLength: 30 }),
        }),
        ({ pools, hosts: specs, strategy, reqs }) => {
          const hosts = new FixtureHosts({ hosts: specs.map((h) => ({ ...h, pool: h.pool % pools.length, schedulable: h.up })), zones: 3, pools });
          const s = new Scheduler(config(strategy));
          const ctx = context(hosts);
          const check = defaultFilters();
          reqs.forEach((r, i) => {
            const q = request({ ...r, instance: i, zones: r.zones && Int32Array.from(r.zones), affinity: Int32Array.from(r.affinity), antiAffinity: Int32Array.from(r.antiAffinity) });
            const res = s.schedule(ctx, q, i);
            checkCounts(res.explanation);
            // Reference: every filter's own verdict, host by host.
            const verdict = Array.from({ length: hosts.count }, (_, h) => {
              for (const f of check) {
                const reason = f.filter(ctx, q, h);
                if (reason !== null) return reason;
              }
              return null;
            });
            if (res.host >= 0) {
              expect(verdict[res.host]).toBeNull();
              hosts.bind(res.host, q);
              expect(hosts.cpuAlloc[res.host]).toBeLessThanOrEqual(hosts.cpuCap[res.host]! + 1e-9);
              expect(hosts.memAlloc[res.host]).toBeLessThanOrEqual(hosts.memCap[res.host]! + 1e-9);
              expect(hosts.gpuAlloc[res.host]).toBeLessThanOrEqual(hosts.gpuCap[res.host]! + 1e-9);
            } else {
              // Fewer than 100 hosts: all were examined, and the tally is the reference's.
              expect(verdict.every((v) => v !== null)).toBe(true);
              const tally: Record<string, number> = {};
              for (const v of verdict) tally[v!] = (tally[v!] ?? 0) + 1;
              const fromExplanation: Record<string, number> = {};
              for (const f of res.explanation.filters) for (const [k, c] of Object.entries(f.reasons)) fromExplanation[k] = (fromExplanation[k] ?? 0) + c;
              expect(fromExplanation).toEqual(tally);
            }
            if (strategy === 'first-fit') expect(res.host).toBe(verdict.findIndex((v) => v === null));
            // Scored strategies see every host here (fewer than 100).
            if (res.host >= 0 && res.explanation.scores.length > 0) {
              expect(res.explanation.feasible).toBe(verdict.filter((v) => v === null).length);
              // The one-pass scoring of the default plug-ins gives exactly the plug-ins' own sums.
              for (const sc of res.explanation.scores) {
                const parts = Object.entries(sc.plugins).filter(([k]) => !k.endsWith(RAW_SUFFIX));
                expect(parts.reduce((a, [, v]) => a + v, 0)).toBe(sc.total);
              }
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('placement policies and fragmentation', () => {
  // Three hosts of 8 cpu / 16 GiB; requests of c cpu and 2c GiB (so cpu and memory fractions are
  // equal, BalancedAllocation is 100 everywhere and only LeastAllocated / MostAllocated decide).
  // Sequence 5, 6, 2, 3:
  //   first-fit:        5→h0, 6→h1, 2→h0 (7/8), 3→h2          → used 7, 6, 3 → free 1, 2, 5
  //   most-allocated:   5→h0 (tie), 6→h1 (tie h1/h2), 2→h1 (8/8 = 100 beats h0 7/8),
  //                     3→h0 (8/8 = 100)                        → used 8, 8, 0 → free 0, 0, 8
  //   least-allocated:  5→h0 (tie), 6→h1, 2→h2 (75 beats h0 12.5, h1 0),
  //                     3→h2 (37.5 beats h0 0; h1 cannot)       → used 5, 6, 5 → free 3, 2, 3
  // Free cpu is 8 in every case. For a final 5-cpu request:
  //   most-allocated: h2 fits → 0 stranded → fragmentation 0
  //   first-fit:      h2 fits; h0, h1 strand 1 + 2 → 3 / 8 = 0.375
  //   least-allocated: nothing fits → 8 / 8 = 1
  function run(strategy: PlacementStrategy): { placed: number[]; hosts: FixtureHosts; final: number } {
    const hosts = FixtureHosts.uniform(3, { cpu: 8, mem: 16 });
    const s = new Scheduler(config(strategy));
    const ctx = context(hosts);
    const placed = [5, 6, 2, 3].map((c) => place(s, hosts, ctx, request({ cpu: c, mem: 2 * c })).host);
    const final = s.schedule(ctx, request({ cpu: 5, mem: 10 }), 0).host;
    return { placed, hosts, final };
  }

  it('first-fit, best fit (most-allocated) and spread (least-allocated) place the same sequence differently', () => {
    expect(run('first-fit').placed).toEqual([0, 1, 0, 2]);
    expect(run('most-allocated').placed).toEqual([0, 1, 1, 0]);
    expect(run('least-allocated').placed).toEqual([0, 1, 2, 2]);
  });

  it('and fragmentation orders them: bin packing < first fit < spreading, for a large final request', () => {
    const shape = { cpu: 5, mem: 10 };
    const ff = run('first-fit');
    const bf = run('most-allocated');
    const la = run('least-allocated');
    expect(fragmentation(bf.hosts, shape)).toBe(0);
    expect(fragmentation(ff.hosts, shape)).toBe(0.375);
    expect(fragmentation(la.hosts, shape)).toBe(1);
    // The final request fits where free space is not fragmented.
    expect([bf.final, ff.final, la.final]).toEqual([2, 2, -1]);
  });
});

describe('lightened explanations share their filter tables', () => {
  it('two placements that filtered alike share one table, and read exactly as before', () => {
    const hosts = new FixtureHosts({ hosts: Array.from({ length: 12 }, (_, i) => (i < 5 ? { cpu: 8, mem: 4, zone: 0 } : { cpu: 8, mem: 64, zone: 1 })) });
    const s = new Scheduler(config('least-allocated'));
    const a = s.schedule(context(hosts), request({ mem: 8 }), 1).explanation;
    const b = s.schedule(context(hosts), request({ mem: 8 }), 2).explanation;
    const c = s.schedule(context(hosts), request({ mem: 70 }), 3).explanation;
    const before = [a, b, c].map((e) => JSON.stringify(e.plain()));
    const shared: FilterTables = new Map();
    for (const e of [a, b, c]) e.lighten(shared);
    // a and b removed the same hosts for the same reasons: one table; c's differs.
    expect(shared.size).toBe(2);
    const tables = (e: object) => (e as unknown as { reasonTable: unknown; removed: unknown });
    expect(tables(b).reasonTable).toBe(tables(a).reasonTable);
    expect(tables(b).removed).toBe(tables(a).removed);
    expect(tables(c).reasonTable).not.toBe(tables(a).reasonTable);
    const after = [a, b, c].map((e) => e.plain());
    after.forEach((p, i) => {
      const was = JSON.parse(before[i]!) as PlacementExplanation;
      expect(p.filters).toEqual(was.filters);
      expect(p.summary).toBe(was.summary);
      expect(p.scores).toEqual(was.scores.slice(0, 1));
    });
  });
});
