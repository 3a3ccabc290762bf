import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../types';
import {
  DedicatedHost,
  InterPodAffinity,
  NodeResourcesFit,
  NodeUnschedulable,
  PodTopologySpread,
  TaintToleration,
  ZoneFilter,
  defaultFilters,
  isTolerated,
  toleratesTaint,
  type FilterBatch,
  type SchedulerFilter,
} from './filters';
import { FixtureHosts, context, request } from './host-fixture';

/** Runs a filter's batch form over all hosts and returns the reason per host (null = passes). */
function batchReasons(f: SchedulerFilter, hosts: FixtureHosts, req = request()): Array<string | null> {
  const ctx = context(hosts);
  const n = hosts.count;
  const b: FilterBatch = { hosts: Int32Array.from({ length: n }, (_, i) => i), pos: Int32Array.from({ length: n }, (_, i) => i), n, failFilter: new Int8Array(n).fill(-1), failReason: new Array(n).fill(null) };
  f.preFilter(ctx, req);
  f.filterMany(ctx, req, b, 3);
  f.reset();
  const passing = new Set(Array.from(b.pos.subarray(0, b.n)));
  return Array.from({ length: n }, (_, p) => {
    if (passing.has(p)) {
      expect(b.failFilter[p]).toBe(-1);
      return null;
    }
    expect(b.failFilter[p]).toBe(3);
    return b.failReason[p]!;
  });
}

/** filter() for every host, without preFilter (computed from scratch), and checks the batch form agrees. */
function reasons(f: SchedulerFilter, hosts: FixtureHosts, req = request()): Array<string | null> {
  const ctx = context(hosts);
  const single = Array.from({ length: hosts.count }, (_, h) => f.filter(ctx, req, h));
  expect(batchReasons(f, hosts, req)).toEqual(single);
  return single;
}

describe('NodeUnschedulable', () => {
  it('rejects hosts that are down, off or cordoned', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 4, mem: 8 }, { cpu: 4, mem: 8, schedulable: false }] });
    expect(reasons(new NodeUnschedulable(), hosts)).toEqual([null, 'host unavailable']);
  });
});

describe('NodeResourcesFit', () => {
  it('reports the first lacking resource in the order cpu, memory, gpu', () => {
    const hosts = new FixtureHosts({
      hosts: [
        { cpu: 4, mem: 8, gpu: 1 }, // fits
        { cpu: 1, mem: 1, gpu: 0 }, // lacks everything: cpu first
        { cpu: 4, mem: 1, gpu: 0 }, // lacks memory and gpu: memory first
        { cpu: 4, mem: 8, gpu: 0 }, // lacks only gpu
        { cpu: 4, mem: 8, gpu: 2 }, // 1 of 2 gpus taken: fits
      ],
    });
    hosts.bind(4, { cpu: 2, mem: 4, gpu: 1 });
    const req = request({ cpu: 2, mem: 4, gpu: 1 });
    expect(reasons(new NodeResourcesFit(), hosts, req)).toEqual([null, 'insufficient cpu', 'insufficient memory', 'insufficient gpu', null]);
  });

  it('accepts an exact fit, also after floating-point drift from binds', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 0.6, mem: 1 }] });
    hosts.bind(0, { cpu: 0.1, mem: 0 });
    hosts.bind(0, { cpu: 0.2, mem: 0 }); // 0.30000000000000004
    expect(hosts.cpuAlloc[0]! + 0.3).toBeGreaterThan(0.6); // an exact comparison would refuse
    expect(reasons(new NodeResourcesFit(), hosts, request({ cpu: 0.3, mem: 0 }))).toEqual([null]);
    expect(reasons(new NodeResourcesFit(), hosts, request({ cpu: 0.3001, mem: 0 }))).toEqual(['insufficient cpu']);
  });

  it('does not look at gpus for a request without any', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 4, mem: 8, gpu: 0 }] });
    expect(reasons(new NodeResourcesFit(), hosts, request({ gpu: 0 }))).toEqual([null]);
  });
});

describe('ZoneFilter', () => {
  it('keeps a request to its zones; null means any zone', () => {
    const hosts = new FixtureHosts({ hosts: [0, 1, 2].map((zone) => ({ cpu: 4, mem: 8, zone })) });
    expect(reasons(new ZoneFilter(), hosts, request({ zones: Int32Array.of(0, 2) }))).toEqual([null, 'wrong zone', null]);
    expect(reasons(new ZoneFilter(), hosts, request({ zones: null }))).toEqual([null, null, null]);
    expect(new ZoneFilter().preFilter(context(hosts), request({ zones: null }))).toBe(false); // skipped
  });
});

describe('taints and tolerations', () => {
  const gpuTaint: Taint = { key: 'gpu', value: 'a100', effect: 'NoSchedule' };
  const cases: Array<[string, Toleration, boolean]> = [
    ['exact key, value and effect', { key: 'gpu', value: 'a100', effect: 'NoSchedule' }, true],
    ['value absent = Exists: any value', { key: 'gpu', effect: 'NoSchedule' }, true],
    ['effect absent: every effect', { key: 'gpu', value: 'a100' }, true],
    ['key only: any value, any effect', { key: 'gpu' }, true],
    ['empty key: every key (Exists)', { key: '' }, true],
    ['other value', { key: 'gpu', value: 'h100', effect: 'NoSchedule' }, false],
    ['other effect', { key: 'gpu', value: 'a100', effect: 'PreferNoSchedule' }, false],
    ['other key', { key: 'spot' }, false],
    ['empty value does not match a value', { key: 'gpu', value: '' }, false],
  ];
  it.each(cases)('%s', (_name, tol, expected) => {
    expect(toleratesTaint(tol, gpuTaint)).toBe(expected);
  });

  it('an empty toleration value matches a taint without a value (Equal "" = "")', () => {
    expect(toleratesTaint({ key: 'dedicated', value: '' }, { key: 'dedicated', effect: 'NoSchedule' })).toBe(true);
    expect(isTolerated([{ key: 'x' }, { key: 'dedicated' }], { key: 'dedicated', effect: 'NoExecute' })).toBe(true);
  });

  const pools = [
    { taints: [] },
    { taints: [{ key: 'gpu', effect: 'NoSchedule' as const }] },
    { taints: [{ key: 'spot', effect: 'PreferNoSchedule' as const }] },
    { taints: [{ key: 'maint', effect: 'NoExecute' as const }] },
    { taints: [{ key: 'spot', effect: 'PreferNoSchedule' as const }, { key: 'gpu', effect: 'NoSchedule' as const }, { key: 'maint', effect: 'NoExecute' as const }] },
  ];
  const hosts = new FixtureHosts({ hosts: pools.map((_, pool) => ({ cpu: 4, mem: 8, pool })), pools });

  it('NoSchedule and NoExecute filter unless tolerated; PreferNoSchedule never filters', () => {
    expect(reasons(new TaintToleration(), hosts, request())).toEqual([null, 'untolerated taint gpu', null, 'untolerated taint maint', 'untolerated taint gpu']);
    expect(reasons(new TaintToleration(), hosts, request({ tolerations: [{ key: 'gpu' }] }))).toEqual([null, null, null, 'untolerated taint maint', 'untolerated taint maint']);
    expect(reasons(new TaintToleration(), hosts, request({ tolerations: [{ key: 'gpu' }, { key: 'maint', effect: 'NoExecute' }] }))).toEqual([null, null, null, null, null]);
    // A toleration for the wrong effect does not help.
    expect(reasons(new TaintToleration(), hosts, request({ tolerations: [{ key: 'gpu', effect: 'PreferNoSchedule' }] }))[1]).toBe('untolerated taint gpu');
    // Tolerate everything.
    expect(reasons(new TaintToleration(), hosts, request({ tolerations: [{ key: '' }] }))).toEqual([null, null, null, null, null]);
  });

  it('is skipped when no pool has a taint the request does not tolerate', () => {
    expect(new TaintToleration().preFilter(context(hosts), request({ tolerations: [{ key: '' }] }))).toBe(false);
    expect(new TaintToleration().preFilter(context(hosts), request())).toBe(true);
  });
});

describe('DedicatedHost', () => {
  const hosts = new FixtureHosts({ hosts: [{ cpu: 4, mem: 8, pool: 0 }, { cpu: 4, mem: 8, pool: 1 }], pools: [{}, { dedicatedTo: 'acme' }] });
  it('a dedicated pool takes only its tenant; anyone may use shared pools', () => {
    expect(reasons(new DedicatedHost(), hosts, request({ tenant: 'acme' }))).toEqual([null, null]);
    expect(reasons(new DedicatedHost(), hosts, request({ tenant: 'globex' }))).toEqual([null, 'dedicated to another tenant']);
    expect(reasons(new DedicatedHost(), hosts, request({ tenant: null }))).toEqual([null, 'dedicated to another tenant']);
  });
});

describe('InterPodAffinity', () => {
  function cluster(): FixtureHosts {
    const hosts = new FixtureHosts({ hosts: [0, 1, 2].map(() => ({ cpu: 8, mem: 16 })) });
    hosts.bind(0, { cpu: 1, mem: 1, group: 5 });
    hosts.bind(1, { cpu: 1, mem: 1, group: 7 });
    hosts.bind(1, { cpu: 1, mem: 1, group: 5 });
    return hosts;
  }
  it('anti-affinity: the host must run none of the groups', () => {
    expect(reasons(new InterPodAffinity(), cluster(), request({ antiAffinity: Int32Array.of(5) }))).toEqual(['anti-affinity conflict', 'anti-affinity conflict', null]);
  });
  it('affinity: the host must run an instance of every group', () => {
    expect(reasons(new InterPodAffinity(), cluster(), request({ affinity: Int32Array.of(7) }))).toEqual(['affinity not satisfied', null, 'affinity not satisfied']);
    expect(reasons(new InterPodAffinity(), cluster(), request({ affinity: Int32Array.of(5, 7) }))).toEqual(['affinity not satisfied', null, 'affinity not satisfied']);
  });
  it('anti-affinity is checked before affinity', () => {
    expect(reasons(new InterPodAffinity(), cluster(), request({ affinity: Int32Array.of(7), antiAffinity: Int32Array.of(5) }))).toEqual(['anti-affinity conflict', 'anti-affinity conflict', 'affinity not satisfied']);
  });
  it('the first replica of a self-affine group may go anywhere (Kubernetes exception), later ones join it', () => {
    const hosts = cluster();
    const req = request({ group: 9, affinity: Int32Array.of(9) });
    expect(reasons(new InterPodAffinity(), hosts, req)).toEqual([null, null, null]);
    hosts.bind(2, { cpu: 1, mem: 1, group: 9 });
    expect(reasons(new InterPodAffinity(), hosts, req)).toEqual(['affinity not satisfied', 'affinity not satisfied', null]);
    // No exception when the request does not match its own term.
    expect(reasons(new InterPodAffinity(), cluster(), request({ group: 8, affinity: Int32Array.of(9) }))).toEqual(['affinity not satisfied', 'affinity not satisfied', 'affinity not satisfied']);
  });
  it('is skipped without affinity terms', () => {
    expect(new InterPodAffinity().preFilter(context(cluster()), request())).toBe(false);
  });
});

describe('PodTopologySpread (DoNotSchedule)', () => {
  /** Three zones, two hosts each; group 1 counts per zone as given. */
  function cluster(counts: number[], schedulable = [true, true, true]): FixtureHosts {
    const hosts = new FixtureHosts({ hosts: [0, 0, 1, 1, 2, 2].map((zone) => ({ cpu: 32, mem: 64, zone, schedulable: schedulable[zone]! })), zones: 3 });
    counts.forEach((c, z) => {
      for (let i = 0; i < c; i++) hosts.bind(2 * z, { cpu: 1, mem: 1, group: 1 });
    });
    return hosts;
  }
  const hard = (maxSkew: number, zones: Int32Array | null = null) => request({ group: 1, spread: { maxSkew, hard: true }, zones });

  it('allows a zone while count + 1 − min ≤ maxSkew', () => {
    // counts [1, 0, 0], min 0: zone 0 → 1 + 1 − 0 = 2 > 1; zones 1, 2 → 1 ≤ 1.
    const r = reasons(new PodTopologySpread(), cluster([1, 0, 0]), hard(1));
    expect(r).toEqual(['topology spread (max skew 1)', 'topology spread (max skew 1)', null, null, null, null]);
    // maxSkew 2: zone 0 → 2 ≤ 2.
    expect(reasons(new PodTopologySpread(), cluster([1, 0, 0]), hard(2))).toEqual([null, null, null, null, null, null]);
    // counts [3, 1, 2], min 1, maxSkew 2: zone 0 → 3 + 1 − 1 = 3 > 2; zone 2 → 2 ≤ 2.
    expect(reasons(new PodTopologySpread(), cluster([3, 1, 2]), hard(2))).toEqual(['topology spread (max skew 2)', 'topology spread (max skew 2)', null, null, null, null]);
  });

  it('leaves zones without a schedulable host, or outside the request, out of the minimum', () => {
    // Zone 1 is down: min over zones 0 and 2 = 1, so zone 0 (count 1) is allowed: 1 + 1 − 1 = 1.
    const down = cluster([1, 0, 1], [true, false, true]);
    expect(reasons(new PodTopologySpread(), down, hard(1)).filter((r) => r !== null)).toEqual([]);
    // Zone 1 allowed by nobody: the request may use zones 0 and 2 only.
    expect(reasons(new PodTopologySpread(), cluster([1, 0, 1]), hard(1, Int32Array.of(0, 2))).filter((r) => r !== null)).toEqual([]);
    // With zone 1 eligible and empty, zones 0 and 2 are over the skew.
    expect(reasons(new PodTopologySpread(), cluster([1, 0, 1]), hard(1))).toEqual(['topology spread (max skew 1)', 'topology spread (max skew 1)', null, null, 'topology spread (max skew 1)', 'topology spread (max skew 1)']);
  });

  it('ignores soft spreads and requests without a group', () => {
    const hosts = cluster([5, 0, 0]);
    expect(reasons(new PodTopologySpread(), hosts, request({ group: 1, spread: { maxSkew: 1, hard: false } }))).toEqual(Array(6).fill(null));
    expect(reasons(new PodTopologySpread(), hosts, request({ group: -1, spread: { maxSkew: 1, hard: true } }))).toEqual(Array(6).fill(null));
  });
});

describe('the pipeline', () => {
  it('runs in the documented order', () => {
    expect(defaultFilters().map((f) => f.name)).toEqual(['NodeUnschedulable', 'TaintToleration', 'ZoneFilter', 'DedicatedHost', 'TenantIsolation', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity']);
  });
});
