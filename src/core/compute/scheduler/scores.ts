/**
 * Score plug-ins, after kube-scheduler's score and normalize extension points (MODELS.md,
 * "Kubernetes scheduler"): each gives a feasible host 0..100 (higher is better) and a host's score is
 * the weighted sum. Default weights (MODELS.md): TaintToleration 3, PodTopologySpread 2,
 * NodeResourcesFit 1 (its LeastAllocated or MostAllocated strategy), BalancedAllocation 1.
 *
 * Kubernetes computes in integers (millicores, bytes) and truncates each score to an integer; these
 * plug-ins use the same formulas in floating point without truncation.
 *
 * Plug-ins whose score is normalised over the feasible hosts (TaintToleration, PodTopologySpread) get
 * those hosts in `preScore` first (Kubernetes' PreScore/NormalizeScore). Called without `preScore`,
 * they normalise over the one host asked about.
 */
import { ln } from '../../engine/detmath';
import type { HostTable, InstanceRequest, ScorePlugin, SchedulingContext } from '../types';
import { untoleratedPreferCount } from './filters';

/** A score plug-in with Kubernetes' PreScore hook. */
export interface SchedulerScore extends ScorePlugin {
  /** Prepares normalisation over the feasible hosts `feasible[0 .. n)`. */
  preScore(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number): void;
  /** Adds weight × score of each feasible host to `totals[i]` (after `preScore`; the batch form of `score`). */
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void;
  /** Drops the per-request state. */
  reset(): void;
}

/** Default plug-in weights (MODELS.md, "Kubernetes scheduler"). */
export const SCORE_WEIGHTS = { TaintToleration: 3, PodTopologySpread: 2, NodeResourcesFit: 1, BalancedAllocation: 1 } as const;

/** noderesources `leastRequestedScore`: (capacity − requested) × 100 / capacity; 0 when capacity is 0 or exceeded. */
export function leastRequested(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * 100) / capacity;
}

/** noderesources `mostRequestedScore`: requested × 100 / capacity, requested capped at capacity; 0 when capacity is 0. */
export function mostRequested(requested: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return ((requested > capacity ? capacity : requested) * 100) / capacity;
}

/**
 * NodeResourcesFit scored with LeastAllocated (the Kubernetes default, spreading): the mean over cpu
 * and memory (weight 1 each) of (capacity − (allocated + request)) × 100 / capacity.
 */
export class LeastAllocated implements SchedulerScore {
  readonly name = 'LeastAllocated';
  constructor(readonly weight: number = SCORE_WEIGHTS.NodeResourcesFit) {}
  preScore(): void {}
  reset(): void {}
  score(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    const t = ctx.hosts;
    return (leastRequested(t.cpuAlloc[h]! + req.cpu, t.cpuCap[h]!) + leastRequested(t.memAlloc[h]! + req.mem, t.memCap[h]!)) / 2;
  }
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void {
    const { cpuAlloc, cpuCap, memAlloc, memCap } = ctx.hosts;
    const w = this.weight;
    for (let i = 0; i < n; i++) {
      const h = feasible[i]!;
      totals[i]! += w * ((leastRequested(cpuAlloc[h]! + req.cpu, cpuCap[h]!) + leastRequested(memAlloc[h]! + req.mem, memCap[h]!)) / 2);
    }
  }
}

/**
 * NodeResourcesFit scored with MostAllocated (bin packing, a best fit): the mean over cpu and memory
 * of (allocated + request) × 100 / capacity.
 */
export class MostAllocated implements SchedulerScore {
  readonly name = 'MostAllocated';
  constructor(readonly weight: number = SCORE_WEIGHTS.NodeResourcesFit) {}
  preScore(): void {}
  reset(): void {}
  score(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    const t = ctx.hosts;
    return (mostRequested(t.cpuAlloc[h]! + req.cpu, t.cpuCap[h]!) + mostRequested(t.memAlloc[h]! + req.mem, t.memCap[h]!)) / 2;
  }
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void {
    const { cpuAlloc, cpuCap, memAlloc, memCap } = ctx.hosts;
    const w = this.weight;
    for (let i = 0; i < n; i++) {
      const h = feasible[i]!;
      totals[i]! += w * ((mostRequested(cpuAlloc[h]! + req.cpu, cpuCap[h]!) + mostRequested(memAlloc[h]! + req.mem, memCap[h]!)) / 2);
    }
  }
}

/**
 * BalancedAllocation (noderesources/balanced_allocation.go): f_i = (allocated_i + request_i) /
 * capacity_i capped at 1, over cpu and memory, plus gpu when the host has any GPU; score =
 * (1 − std(f)) × 100 with the population standard deviation (for two resources |f₁ − f₂| / 2, as
 * Kubernetes writes it). A resource with zero capacity is left out, as in Kubernetes.
 */
export function balancedScore(t: HostTable, h: number, cpu: number, mem: number, gpu: number): number {
  let n = 0;
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  const cc = t.cpuCap[h]!;
  if (cc > 0) {
    const f = (t.cpuAlloc[h]! + cpu) / cc;
    f0 = f > 1 ? 1 : f;
    n = 1;
  }
  const mc = t.memCap[h]!;
  if (mc > 0) {
    const f = (t.memAlloc[h]! + mem) / mc;
    const v = f > 1 ? 1 : f;
    if (n === 0) f0 = v;
    else f1 = v;
    n++;
  }
  const gc = t.gpuCap[h]!;
  if (gc > 0) {
    const f = (t.gpuAlloc[h]! + gpu) / gc;
    const v = f > 1 ? 1 : f;
    if (n === 0) f0 = v;
    else if (n === 1) f1 = v;
    else f2 = v;
    n++;
  }
  let std = 0;
  if (n === 2) {
    std = Math.abs((f0 - f1) / 2);
  } else if (n === 3) {
    const mean = (f0 + f1 + f2) / 3;
    std = Math.sqrt(((f0 - mean) * (f0 - mean) + (f1 - mean) * (f1 - mean) + (f2 - mean) * (f2 - mean)) / 3);
  }
  return (1 - std) * 100;
}

export class BalancedAllocation implements SchedulerScore {
  readonly name = 'BalancedAllocation';
  constructor(readonly weight: number = SCORE_WEIGHTS.BalancedAllocation) {}
  preScore(): void {}
  reset(): void {}
  score(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    return balancedScore(ctx.hosts, h, req.cpu, req.mem, req.gpu);
  }
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void {
    const t = ctx.hosts;
    const w = this.weight;
    for (let i = 0; i < n; i++) totals[i]! += w * balancedScore(t, feasible[i]!, req.cpu, req.mem, req.gpu);
  }
}

/**
 * TaintToleration (score part, tainttoleration/taint_toleration.go): the raw score is the number of
 * the host's PreferNoSchedule taints the request does not tolerate; NormalizeScore is
 * `DefaultNormalizeScore(100, reverse = true)`: 100 − 100 × count / max count over the feasible
 * hosts, and 100 for all when that maximum is 0. Fewer untolerated soft taints score higher.
 */
export class TaintTolerationScore implements SchedulerScore {
  readonly name = 'TaintToleration';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private poolCount: Int32Array = new Int32Array(0);
  private poolScore: Float64Array = new Float64Array(0);
  private max = 0;

  constructor(readonly weight: number = SCORE_WEIGHTS.TaintToleration) {}

  preScore(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number): void {
    const t = ctx.hosts;
    const pools = t.poolTaints.length;
    if (this.poolCount.length < pools) this.poolCount = new Int32Array(pools);
    let anyPool = 0;
    for (let p = 0; p < pools; p++) {
      const c = untoleratedPreferCount(t.poolTaints[p]!, req.tolerations);
      this.poolCount[p] = c;
      if (c > anyPool) anyPool = c;
    }
    let max = 0;
    if (anyPool > 0) {
      for (let i = 0; i < n; i++) {
        const c = this.poolCount[t.pool[feasible[i]!]!]!;
        if (c > max) max = c;
      }
    }
    this.max = max;
    this.req = req;
    this.hosts = t;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
  }
  /** The raw count of untolerated PreferNoSchedule taints on a host. */
  raw(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    const t = ctx.hosts;
    const p = t.pool[h]!;
    if (this.req === req && this.hosts === t) return this.poolCount[p]!;
    return untoleratedPreferCount(t.poolTaints[p] ?? [], req.tolerations);
  }
  score(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    const c = this.raw(ctx, req, h);
    const max = this.req === req && this.hosts === ctx.hosts ? this.max : c;
    return max === 0 ? 100 : 100 - (100 * c) / max;
  }
  /**
   * After `preScore`: the weighted score of each pool (indexed by pool), or null when every feasible
   * host scores the same weight × 100 (no untolerated PreferNoSchedule taint among them).
   */
  poolWeighted(ctx: SchedulingContext): Float64Array | null {
    const max = this.max;
    if (max === 0) return null;
    // One weighted score per pool (the same expression as score()).
    const w = this.weight;
    const pools = ctx.hosts.poolTaints.length;
    if (this.poolScore.length < pools) this.poolScore = new Float64Array(pools);
    const ps = this.poolScore;
    for (let p = 0; p < pools; p++) ps[p] = w * (100 - (100 * this.poolCount[p]!) / max);
    return ps;
  }
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void {
    if (this.req !== req || this.hosts !== ctx.hosts) this.preScore(ctx, req, feasible, n);
    const ps = this.poolWeighted(ctx);
    if (ps === null) {
      const w = this.weight;
      for (let i = 0; i < n; i++) totals[i]! += w * 100;
      return;
    }
    const pool = ctx.hosts.pool;
    for (let i = 0; i < n; i++) totals[i]! += ps[pool[feasible[i]!]!]!;
  }
}

/**
 * PodTopologySpread with whenUnsatisfiable ScheduleAnyway, topology key = zone
 * (podtopologyspread/scoring.go). Raw score of a host = count(group, its zone) × w + (maxSkew − 1)
 * with w = ln(number of zones among the feasible hosts + 2) (`topologyNormalizingWeight`);
 * NormalizeScore: 100 × (max + min − raw) / max over the feasible hosts, 100 for all when max is 0.
 * Fewer instances of the group in the zone score higher. Inactive (100 everywhere) for requests
 * without a soft spread or without a group.
 */
export class PodTopologySpreadScore implements SchedulerScore {
  readonly name = 'PodTopologySpread';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private counts: Int32Array = new Int32Array(0);
  private w = 1;
  private min = 0;
  private max = 0;
  private mark: Uint8Array = new Uint8Array(0);

  constructor(readonly weight: number = SCORE_WEIGHTS.PodTopologySpread) {}

  static applies(req: InstanceRequest): boolean {
    return req.spread !== null && !req.spread.hard && req.group >= 0;
  }

  preScore(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number): void {
    this.req = req;
    this.hosts = ctx.hosts;
    if (!PodTopologySpreadScore.applies(req)) return;
    const t = ctx.hosts;
    const counts = t.groupZoneCount(req.group);
    this.counts = counts;
    let zones = t.zoneNames.length;
    for (let i = 0; i < n; i++) if (t.zone[feasible[i]!]! >= zones) zones = t.zone[feasible[i]!]! + 1;
    if (this.mark.length < zones) this.mark = new Uint8Array(zones);
    const mark = this.mark;
    mark.fill(0, 0, zones);
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      const z = t.zone[feasible[i]!]!;
      if (mark[z] === 0) {
        mark[z] = 1;
        distinct++;
      }
    }
    this.w = ln(distinct + 2);
    const offset = req.spread!.maxSkew - 1;
    let min = Infinity;
    let max = 0;
    for (let z = 0; z < zones; z++) {
      if (mark[z] === 0) continue;
      const raw = (counts[z] ?? 0) * this.w + offset;
      if (raw < min) min = raw;
      if (raw > max) max = raw;
    }
    this.min = min === Infinity ? 0 : min;
    this.max = max;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
    this.counts = new Int32Array(0);
  }
  score(ctx: SchedulingContext, req: InstanceRequest, h: number): number {
    if (!PodTopologySpreadScore.applies(req)) return 100;
    if (this.req !== req || this.hosts !== ctx.hosts) return 100; // normalised over this host alone
    const raw = (this.counts[ctx.hosts.zone[h]!] ?? 0) * this.w + (req.spread!.maxSkew - 1);
    return this.max === 0 ? 100 : (100 * (this.max + this.min - raw)) / this.max;
  }
  addScores(ctx: SchedulingContext, req: InstanceRequest, feasible: Int32Array, n: number, totals: Float64Array): void {
    const weight = this.weight;
    if (!PodTopologySpreadScore.applies(req)) {
      for (let i = 0; i < n; i++) totals[i]! += weight * 100;
      return;
    }
    if (this.req !== req || this.hosts !== ctx.hosts) this.preScore(ctx, req, feasible, n);
    const { counts, w, min, max } = this;
    const offset = req.spread!.maxSkew - 1;
    const zone = ctx.hosts.zone;
    for (let i = 0; i < n; i++) {
      const raw = (counts[zone[feasible[i]!]!] ?? 0) * w + offset;
      totals[i]! += weight * (max === 0 ? 100 : (100 * (max + min - raw)) / max);
    }
  }
}
