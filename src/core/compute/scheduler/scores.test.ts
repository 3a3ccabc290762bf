import { describe, expect, it } from 'vitest';
import { FixtureHosts, context, request } from './host-fixture';
import {
  BalancedAllocation,
  LeastAllocated,
  MostAllocated,
  PodTopologySpreadScore,
  SCORE_WEIGHTS,
  TaintTolerationScore,
  balancedScore,
  leastRequested,
  mostRequested,
  type SchedulerScore,
} from './scores';
import type { InstanceRequest } from '../types';

/** Scores every host with preScore over all of them, and checks addScores gives weight × score. */
function scoreAll(p: SchedulerScore, hosts: FixtureHosts, req: InstanceRequest): number[] {
  const ctx = context(hosts);
  const all = Int32Array.from({ length: hosts.count }, (_, i) => i);
  p.preScore(ctx, req, all, all.length);
  const single = Array.from(all, (h) => p.score(ctx, req, h));
  const totals = new Float64Array(all.length).fill(1);
  p.addScores(ctx, req, all, all.length, totals);
  expect(Array.from(totals)).toEqual(single.map((s) => 1 + p.weight * s));
  p.reset();
  return single;
}

describe('default weights (MODELS.md)', () => {
  it('TaintToleration 3, PodTopologySpread 2, NodeResourcesFit 1, BalancedAllocation 1', () => {
    expect(SCORE_WEIGHTS).toEqual({ TaintToleration: 3, PodTopologySpread: 2, NodeResourcesFit: 1, BalancedAllocation: 1 });
    expect([new LeastAllocated(), new MostAllocated(), new BalancedAllocation(), new TaintTolerationScore(), new PodTopologySpreadScore()].map((p) => [p.name, p.weight])).toEqual([
      ['LeastAllocated', 1],
      ['MostAllocated', 1],
      ['BalancedAllocation', 1],
      ['TaintToleration', 3],
      ['PodTopologySpread', 2],
    ]);
  });
});

describe('resource scores', () => {
  // h0: 16 cpu / 32 GiB, 2 / 0 allocated;  h1: 8 / 16, 5 / 8;  h2: 8 / 16, 2 / 4. Request 2 cpu, 4 GiB.
  // After the request: h0 4/16 cpu, 4/32 mem; h1 7/8, 12/16; h2 4/8, 8/16.
  function cluster(): FixtureHosts {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 16, mem: 32 }, { cpu: 8, mem: 16 }, { cpu: 8, mem: 16 }] });
    hosts.bind(0, { cpu: 2, mem: 0 });
    hosts.bind(1, { cpu: 5, mem: 8 });
    hosts.bind(2, { cpu: 2, mem: 4 });
    return hosts;
  }
  const req = request({ cpu: 2, mem: 4 });

  it('LeastAllocated = mean of (cap − (alloc + req)) × 100 / cap over cpu and memory', () => {
    // h0: cpu (16−4)·100/16 = 75, mem (32−4)·100/32 = 87.5 → 81.25
    // h1: cpu (8−7)·100/8 = 12.5, mem (16−12)·100/16 = 25 → 18.75
    // h2: cpu (8−4)·100/8 = 50,   mem (16−8)·100/16 = 50 → 50
    expect(scoreAll(new LeastAllocated(), cluster(), req)).toEqual([81.25, 18.75, 50]);
  });

  it('MostAllocated = mean of (alloc + req) × 100 / cap', () => {
    // h0: 4·100/16 = 25, 4·100/32 = 12.5 → 18.75;  h1: 87.5, 75 → 81.25;  h2: 50, 50 → 50
    expect(scoreAll(new MostAllocated(), cluster(), req)).toEqual([18.75, 81.25, 50]);
  });

  it('BalancedAllocation = (1 − std(f)) × 100 over cpu and memory', () => {
    // h0: f = 0.25, 0.125 → std |0.25 − 0.125| / 2 = 0.0625 → 93.75
    // h1: f = 0.875, 0.75 → std 0.0625 → 93.75;  h2: f = 0.5, 0.5 → 100
    expect(scoreAll(new BalancedAllocation(), cluster(), req)).toEqual([93.75, 93.75, 100]);
  });

  it('BalancedAllocation includes gpu when the host has gpus (population std over three fractions)', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 8, mem: 16, gpu: 4 }, { cpu: 8, mem: 16, gpu: 4 }] });
    hosts.bind(0, { cpu: 1, mem: 6, gpu: 2 });
    hosts.bind(1, { cpu: 3, mem: 6, gpu: 1 });
    // h0 after 1 cpu, 2 GiB, 1 gpu: f = 2/8 = 0.25, 8/16 = 0.5, 3/4 = 0.75; mean 0.5;
    //   variance ((−0.25)² + 0 + 0.25²) / 3 = 1/24 → score 100 · (1 − √(1/24)) ≈ 79.5876
    // h1: f = 4/8, 8/16, 2/4 = 0.5 each → 100
    const s = scoreAll(new BalancedAllocation(), hosts, request({ cpu: 1, mem: 2, gpu: 1 }));
    expect(s[0]).toBeCloseTo(100 * (1 - Math.sqrt(1 / 24)), 12);
    expect(s[1]).toBe(100);
    // A request without gpus still counts the host's gpu fraction: h1 → f = 4/8, 8/16, 1/4 → mean 5/12,
    // deviations 1/12, 1/12, −1/6 → variance (1/144 + 1/144 + 4/144) / 3 = 1/72.
    expect(balancedScore(hosts, 1, 1, 2, 0)).toBeCloseTo(100 * (1 - Math.sqrt(1 / 72)), 12);
  });

  it('caps fractions at 1 and handles zero capacity as Kubernetes does', () => {
    expect(leastRequested(5, 4)).toBe(0);
    expect(leastRequested(1, 0)).toBe(0);
    expect(mostRequested(5, 4)).toBe(100);
    expect(mostRequested(1, 0)).toBe(0);
    const hosts = new FixtureHosts({ hosts: [{ cpu: 4, mem: 0 }] });
    // memory has no capacity: left out, one fraction → std 0.
    expect(balancedScore(hosts, 0, 2, 0, 0)).toBe(100);
  });
});

describe('TaintToleration score', () => {
  const pools = [
    { taints: [] },
    { taints: [{ key: 'spot', effect: 'PreferNoSchedule' as const }] },
    { taints: [{ key: 'spot', effect: 'PreferNoSchedule' as const }, { key: 'old', effect: 'PreferNoSchedule' as const }] },
    { taints: [{ key: 'gpu', effect: 'NoSchedule' as const }] },
  ];
  const hosts = new FixtureHosts({ hosts: [0, 1, 2, 3].map((pool) => ({ cpu: 4, mem: 8, pool })), pools });

  it('reverse-normalises untolerated PreferNoSchedule counts: 100 − 100 × count / max', () => {
    // counts 0, 1, 2, 0 (NoSchedule is not counted); max 2 → 100, 50, 0, 100
    expect(scoreAll(new TaintTolerationScore(), hosts, request())).toEqual([100, 50, 0, 100]);
    // tolerating "spot": counts 0, 0, 1, 0; max 1 → 100, 100, 0, 100
    expect(scoreAll(new TaintTolerationScore(), hosts, request({ tolerations: [{ key: 'spot', effect: 'PreferNoSchedule' }] }))).toEqual([100, 100, 0, 100]);
    // tolerating everything: max 0 → 100 for all
    expect(scoreAll(new TaintTolerationScore(), hosts, request({ tolerations: [{ key: '' }] }))).toEqual([100, 100, 100, 100]);
  });

  it('normalises over the feasible hosts only', () => {
    const p = new TaintTolerationScore();
    const ctx = context(hosts);
    const req = request();
    p.preScore(ctx, req, Int32Array.of(0, 1), 2); // max count among these is 1
    expect([p.score(ctx, req, 0), p.score(ctx, req, 1)]).toEqual([100, 0]);
  });

  it('without preScore, normalises over the one host', () => {
    const p = new TaintTolerationScore();
    expect([0, 1, 2].map((h) => p.score(context(hosts), request(), h))).toEqual([100, 0, 0]);
  });
});

describe('PodTopologySpread score (ScheduleAnyway)', () => {
  // Three zones, one host each; group 1 has 2, 0, 1 instances in zones 0, 1, 2.
  const hosts = new FixtureHosts({ hosts: [0, 1, 2].map((zone) => ({ cpu: 32, mem: 64, zone })), zones: 3 });
  hosts.bind(0, { cpu: 1, mem: 1, group: 1 });
  hosts.bind(0, { cpu: 1, mem: 1, group: 1 });
  hosts.bind(2, { cpu: 1, mem: 1, group: 1 });

  it('maxSkew 1: raw = count × ln(zones + 2); score = 100 × (max + min − raw) / max', () => {
    // w = ln 5; raw = 2w, 0, w; max 2w, min 0 → 100·0/2w = 0, 100·2w/2w = 100, 100·w/2w = 50
    const s = scoreAll(new PodTopologySpreadScore(), hosts, request({ group: 1, spread: { maxSkew: 1, hard: false } }));
    expect(s[0]).toBeCloseTo(0, 12);
    expect(s[1]).toBeCloseTo(100, 12);
    expect(s[2]).toBeCloseTo(50, 12);
  });

  it('maxSkew 2 adds maxSkew − 1 to the raw score', () => {
    // raw = 2w + 1, 1, w + 1; max 2w + 1, min 1 → 100/(2w+1), 100, 100(w+1)/(2w+1)
    const w = Math.log(5);
    const s = scoreAll(new PodTopologySpreadScore(), hosts, request({ group: 1, spread: { maxSkew: 2, hard: false } }));
    expect(s[0]).toBeCloseTo(100 / (2 * w + 1), 9);
    expect(s[1]).toBeCloseTo(100, 9);
    expect(s[2]).toBeCloseTo((100 * (w + 1)) / (2 * w + 1), 9);
  });

  it('counts only the zones of the feasible hosts in the weight, and is 100 when inactive', () => {
    const p = new PodTopologySpreadScore();
    const ctx = context(hosts);
    const req = request({ group: 1, spread: { maxSkew: 1, hard: false } });
    p.preScore(ctx, req, Int32Array.of(0, 2), 2); // raw 2w, w: max 2w, min w → 50, 100
    expect(p.score(ctx, req, 0)).toBeCloseTo(50, 12);
    expect(p.score(ctx, req, 2)).toBeCloseTo(100, 12);
    expect(scoreAll(new PodTopologySpreadScore(), hosts, request({ group: 1, spread: { maxSkew: 1, hard: true } }))).toEqual([100, 100, 100]);
    expect(scoreAll(new PodTopologySpreadScore(), hosts, request({ group: 1 }))).toEqual([100, 100, 100]);
  });
});
