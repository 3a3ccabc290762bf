/**
 * Filter plug-ins, after kube-scheduler's filter extension point (MODELS.md, "Kubernetes scheduler":
 * "Pipeline: queue sort → pre-filter → filter → post-filter (preemption) → …"). A filter answers null
 * when a host passes and otherwise a short reason in the Kubernetes style ("insufficient memory").
 *
 * Each plug-in also has a `preFilter` (Kubernetes' PreFilter): it computes per-request state once
 * (which pools a request's tolerations admit, the minimum of a topology spread, …) and answers false
 * when the filter cannot reject any host for this request (Kubernetes' PreFilter "Skip" status), so
 * the scheduler leaves it out of the per-host loop. `filter` stays correct without `preFilter`: when
 * it is called for a request other than the prepared one it computes everything from scratch.
 * `reset` drops the state (the scheduler calls it at the end of every placement, so state never
 * outlives the host table it was computed from).
 */
import type { FilterPlugin, HostTable, InstanceRequest, SchedulingContext, Taint, Toleration } from '../types';
import { TenantIsolation } from './isolation';
import { eligibleZoneMin } from './zones';

/**
 * Slack in resource comparisons (vCPU, GiB, GPUs). Allocations are sums and differences of
 * floating-point requests, so an exact fit can be off by a few ulps after many binds and releases;
 * 1e-9 of a vCPU or GiB is far below any meaningful request. Kubernetes avoids the issue by counting
 * integer millicores and bytes.
 */
export const FIT_EPSILON = 1e-9;

/**
 * A chunk of candidate hosts being filtered: `hosts[p]` is the host at position p; the positions
 * still passing are `pos[0 .. n)`; a filter that rejects position p sets `failFilter[p]` (its
 * pipeline index) and `failReason[p]`, and drops p from `pos`.
 */
export interface FilterBatch {
  readonly hosts: Int32Array;
  readonly pos: Int32Array;
  n: number;
  readonly failFilter: Int8Array;
  readonly failReason: Array<string | null>;
}

/** A filter with Kubernetes' PreFilter hook and a batch form. */
export interface SchedulerFilter extends FilterPlugin {
  /** Prepares per-request state; false when this filter cannot reject any host for `req` (skip it). */
  preFilter(ctx: SchedulingContext, req: InstanceRequest): boolean;
  /** `filter` over a chunk (after `preFilter` for the same request); `index` is its pipeline position. */
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void;
  /** Drops the per-request state. */
  reset(): void;
}

export const REASON_UNAVAILABLE = 'host unavailable';
export const REASON_CPU = 'insufficient cpu';
export const REASON_MEMORY = 'insufficient memory';
export const REASON_GPU = 'insufficient gpu';
export const REASON_ZONE = 'wrong zone';
export const REASON_DEDICATED = 'dedicated to another tenant';
export const REASON_AFFINITY = 'affinity not satisfied';
export const REASON_ANTI_AFFINITY = 'anti-affinity conflict';

const taintReasons = new Map<string, string>();
/** "untolerated taint {key}", one string per key (no allocation on the hot path). */
export function taintReason(key: string): string {
  let r = taintReasons.get(key);
  if (r === undefined) {
    r = `untolerated taint ${key}`;
    taintReasons.set(key, r);
  }
  return r;
}

const spreadReasons = new Map<number, string>();
/** "topology spread (max skew N)". */
export function spreadReason(maxSkew: number): string {
  let r = spreadReasons.get(maxSkew);
  if (r === undefined) {
    r = `topology spread (max skew ${maxSkew})`;
    spreadReasons.set(maxSkew, r);
  }
  return r;
}

// ------------------------------------------------------------------ NodeUnschedulable

/** Kubernetes NodeUnschedulable: a host that is down, powered off or cordoned takes nothing. */
export class NodeUnschedulable implements SchedulerFilter {
  readonly name = 'NodeUnschedulable';
  preFilter(): boolean {
    return true;
  }
  reset(): void {}
  filter(ctx: SchedulingContext, _req: InstanceRequest, host: number): string | null {
    return ctx.hosts.schedulable[host] === 1 ? null : REASON_UNAVAILABLE;
  }
  filterMany(ctx: SchedulingContext, _req: InstanceRequest, b: FilterBatch, index: number): void {
    const sched = ctx.hosts.schedulable;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      if (sched[hosts[p]!] === 1) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = REASON_UNAVAILABLE;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ NodeResourcesFit

/**
 * Which resource a request lacks on a host: the first of cpu, memory, gpu whose allocation plus the
 * request exceeds allocatable capacity (capacity already includes overcommit), or null when it fits.
 */
export function lackingResource(t: HostTable, host: number, cpu: number, mem: number, gpu: number): string | null {
  if (t.cpuAlloc[host]! + cpu > t.cpuCap[host]! + FIT_EPSILON) return REASON_CPU;
  if (t.memAlloc[host]! + mem > t.memCap[host]! + FIT_EPSILON) return REASON_MEMORY;
  if (gpu > 0 && t.gpuAlloc[host]! + gpu > t.gpuCap[host]! + FIT_EPSILON) return REASON_GPU;
  return null;
}

/** Kubernetes NodeResourcesFit (filter part): requests must fit in what is left; reports cpu, then memory, then gpu. */
export class NodeResourcesFit implements SchedulerFilter {
  readonly name = 'NodeResourcesFit';
  preFilter(): boolean {
    return true;
  }
  reset(): void {}
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    return lackingResource(ctx.hosts, host, req.cpu, req.mem, req.gpu);
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    const t = ctx.hosts;
    const { cpuAlloc, cpuCap, memAlloc, memCap, gpuAlloc, gpuCap } = t;
    const { cpu, mem, gpu } = req;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      const h = hosts[p]!;
      let r: string | null = null;
      // The same comparisons as lackingResource.
      if (cpuAlloc[h]! + cpu > cpuCap[h]! + FIT_EPSILON) r = REASON_CPU;
      else if (memAlloc[h]! + mem > memCap[h]! + FIT_EPSILON) r = REASON_MEMORY;
      else if (gpu > 0 && gpuAlloc[h]! + gpu > gpuCap[h]! + FIT_EPSILON) r = REASON_GPU;
      if (r === null) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = r;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ ZoneFilter

/** Zones the request may use (Kubernetes: a required node affinity on topology.kubernetes.io/zone). */
export class ZoneFilter implements SchedulerFilter {
  readonly name = 'ZoneFilter';
  preFilter(_ctx: SchedulingContext, req: InstanceRequest): boolean {
    return req.zones !== null;
  }
  reset(): void {}
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    return req.zones === null || req.zones.indexOf(ctx.hosts.zone[host]!) >= 0 ? null : REASON_ZONE;
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    const zones = req.zones;
    if (zones === null) return;
    const zone = ctx.hosts.zone;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      if (zones.indexOf(zone[hosts[p]!]!) >= 0) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = REASON_ZONE;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ TaintToleration

/**
 * Whether one toleration matches a taint, as Kubernetes' `Toleration.ToleratesTaint`:
 * - key: must equal the taint's key; an empty key matches every key (Kubernetes' empty key with
 *   operator Exists);
 * - value: absent means operator Exists (any value); present means operator Equal, compared with the
 *   taint's value (an absent taint value is the empty string);
 * - effect: absent matches every effect, else it must equal the taint's effect.
 */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect !== undefined && tol.effect !== taint.effect) return false;
  if (tol.key !== '' && tol.key !== taint.key) return false;
  if (tol.value !== undefined && tol.value !== (taint.value ?? '')) return false;
  return true;
}

/** Whether any of the tolerations matches the taint. */
export function isTolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true;
  return false;
}

/** The first NoSchedule or NoExecute taint of a pool that the tolerations do not match, as a reason. */
function poolTaintReason(taints: readonly Taint[], tolerations: readonly Toleration[]): string | null {
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i]!;
    if (t.effect === 'PreferNoSchedule') continue;
    if (!isTolerated(tolerations, t)) return taintReason(t.key);
  }
  return null;
}

/** Untolerated PreferNoSchedule taints of a pool (the TaintToleration score counts these). */
export function untoleratedPreferCount(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i]!;
    if (t.effect === 'PreferNoSchedule' && !isTolerated(tolerations, t)) n++;
  }
  return n;
}

/**
 * Kubernetes TaintToleration (filter part): every NoSchedule and NoExecute taint of the host's pool
 * must be tolerated (MODELS.md: "NoSchedule blocks, PreferNoSchedule is soft, NoExecute evicts unless
 * tolerated"; an untolerated NoExecute taint also keeps new instances off). PreferNoSchedule never
 * filters. Reason: "untolerated taint {key}" for the first offending taint of the pool.
 */
export class TaintToleration implements SchedulerFilter {
  readonly name = 'TaintToleration';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private poolReason: Array<string | null> = [];

  preFilter(ctx: SchedulingContext, req: InstanceRequest): boolean {
    const t = ctx.hosts;
    const pools = t.poolTaints.length;
    this.poolReason.length = pools;
    let any = false;
    for (let p = 0; p < pools; p++) {
      const r = poolTaintReason(t.poolTaints[p]!, req.tolerations);
      this.poolReason[p] = r;
      if (r !== null) any = true;
    }
    this.req = req;
    this.hosts = t;
    return any;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
  }
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    const p = ctx.hosts.pool[host]!;
    if (this.req === req && this.hosts === ctx.hosts) return this.poolReason[p] ?? null;
    return poolTaintReason(ctx.hosts.poolTaints[p] ?? [], req.tolerations);
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    if (this.req !== req || this.hosts !== ctx.hosts) this.preFilter(ctx, req);
    const reasons = this.poolReason;
    const pool = ctx.hosts.pool;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      const r = reasons[pool[hosts[p]!]!] ?? null;
      if (r === null) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = r;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ DedicatedHost

/** Whether a pool refuses a tenant: a dedicated pool takes only its tenant; shared pools take anyone. */
function poolRefuses(t: HostTable, pool: number, tenant: string | null): boolean {
  const d = t.poolDedicatedTo[pool] ?? null;
  return d !== null && d !== tenant;
}

/**
 * Dedicated hosts (EC2 Dedicated Hosts, sole-tenant nodes): a pool dedicated to a tenant takes only
 * that tenant's instances ("dedicated to another tenant"); an instance with a tenant may still use
 * shared pools, and one without a tenant only shared pools.
 */
export class DedicatedHost implements SchedulerFilter {
  readonly name = 'DedicatedHost';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private refuses: Uint8Array = new Uint8Array(0);

  preFilter(ctx: SchedulingContext, req: InstanceRequest): boolean {
    const t = ctx.hosts;
    const pools = t.poolDedicatedTo.length;
    if (this.refuses.length < pools) this.refuses = new Uint8Array(pools);
    let any = false;
    for (let p = 0; p < pools; p++) {
      const r = poolRefuses(t, p, req.tenant);
      this.refuses[p] = r ? 1 : 0;
      if (r) any = true;
    }
    this.req = req;
    this.hosts = t;
    return any;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
  }
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    const p = ctx.hosts.pool[host]!;
    const refuses = this.req === req && this.hosts === ctx.hosts ? this.refuses[p] === 1 : poolRefuses(ctx.hosts, p, req.tenant);
    return refuses ? REASON_DEDICATED : null;
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    if (this.req !== req || this.hosts !== ctx.hosts) this.preFilter(ctx, req);
    const refuses = this.refuses;
    const pool = ctx.hosts.pool;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      if (refuses[pool[hosts[p]!]!] !== 1) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = REASON_DEDICATED;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ InterPodAffinity

/** Instances of a group in the whole cluster. */
function groupTotal(t: HostTable, group: number): number {
  const z = t.groupZoneCount(group);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += z[i]!;
  return s;
}

/**
 * Kubernetes' exception for the first replica of a self-affine group (interpodaffinity/filtering.go,
 * `satisfyPodAffinity`): when no instance anywhere matches any required affinity term and the
 * request matches all its terms itself (every affinity group is its own group), affinity is satisfied.
 */
function affinityExempt(t: HostTable, req: InstanceRequest): boolean {
  const a = req.affinity;
  if (a.length === 0 || req.group < 0) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== req.group) return false;
  for (let i = 0; i < a.length; i++) if (groupTotal(t, a[i]!) > 0) return false;
  return true;
}

function affinityReason(t: HostTable, req: InstanceRequest, host: number, exempt: boolean): string | null {
  const anti = req.antiAffinity;
  for (let i = 0; i < anti.length; i++) if (t.groupCount(host, anti[i]!) > 0) return REASON_ANTI_AFFINITY;
  if (exempt) return null;
  const aff = req.affinity;
  for (let i = 0; i < aff.length; i++) if (t.groupCount(host, aff[i]!) <= 0) return REASON_AFFINITY;
  return null;
}

/**
 * Kubernetes InterPodAffinity (filter part, required terms, topology key = the host): with
 * anti-affinity the host must run no instance of those groups ("anti-affinity conflict"); with
 * affinity it must already run an instance of each of those groups ("affinity not satisfied").
 * Anti-affinity is checked first, as Kubernetes does. Not modelled: the symmetric check of existing
 * instances' own anti-affinity towards the incoming one (the host table does not carry it).
 */
export class InterPodAffinity implements SchedulerFilter {
  readonly name = 'InterPodAffinity';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private exempt = false;

  preFilter(ctx: SchedulingContext, req: InstanceRequest): boolean {
    if (req.affinity.length === 0 && req.antiAffinity.length === 0) return false;
    this.req = req;
    this.hosts = ctx.hosts;
    this.exempt = affinityExempt(ctx.hosts, req);
    return true;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
  }
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    const exempt = this.req === req && this.hosts === ctx.hosts ? this.exempt : affinityExempt(ctx.hosts, req);
    return affinityReason(ctx.hosts, req, host, exempt);
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    const t = ctx.hosts;
    const exempt = this.req === req && this.hosts === t ? this.exempt : affinityExempt(t, req);
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      const r = affinityReason(t, req, hosts[p]!, exempt);
      if (r === null) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = r;
      }
    }
    b.n = m;
  }
}

// ------------------------------------------------------------------ PodTopologySpread (hard)

/**
 * Kubernetes PodTopologySpread with whenUnsatisfiable DoNotSchedule, topology key = zone (MODELS.md:
 * "skew = pods in a domain − minimum over domains, kept ≤ maxSkew"). Placing on a host in zone z
 * is allowed when count(group, z) + 1 − min ≤ maxSkew (podtopologyspread/filtering.go:
 * `matchNum + selfMatchNum − minMatchNum > maxSkew` fails).
 *
 * The minimum is over the eligible zones of `eligibleZoneMin`: the zones the request may use (its
 * zone list, like Kubernetes' default nodeAffinityPolicy Honor) that have at least one schedulable
 * host. Kubernetes (default nodeTaintsPolicy Ignore) would also keep a zone whose nodes are all
 * cordoned or down; leaving such zones out keeps a lost zone from freezing every later placement.
 * Resource fit and taints do not make a zone ineligible (as in Kubernetes). A request without a
 * group (−1) has nothing to count and is never filtered.
 */
export class PodTopologySpread implements SchedulerFilter {
  readonly name = 'PodTopologySpread';
  private req: InstanceRequest | null = null;
  private hosts: HostTable | null = null;
  private min = 0;
  private counts: Int32Array = new Int32Array(0);

  preFilter(ctx: SchedulingContext, req: InstanceRequest): boolean {
    if (req.spread === null || !req.spread.hard || req.group < 0) return false;
    this.req = req;
    this.hosts = ctx.hosts;
    this.counts = ctx.hosts.groupZoneCount(req.group);
    this.min = eligibleZoneMin(ctx.hosts, req.zones, this.counts);
    return true;
  }
  reset(): void {
    this.req = null;
    this.hosts = null;
    this.counts = new Int32Array(0);
  }
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    const s = req.spread;
    if (s === null || !s.hard || req.group < 0) return null;
    let counts: Int32Array;
    let min: number;
    if (this.req === req && this.hosts === ctx.hosts) {
      counts = this.counts;
      min = this.min;
    } else {
      counts = ctx.hosts.groupZoneCount(req.group);
      min = eligibleZoneMin(ctx.hosts, req.zones, counts);
    }
    const skew = (counts[ctx.hosts.zone[host]!] ?? 0) + 1 - min;
    return skew > s.maxSkew ? spreadReason(s.maxSkew) : null;
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    const s = req.spread;
    if (s === null || !s.hard || req.group < 0) return;
    if (this.req !== req || this.hosts !== ctx.hosts) this.preFilter(ctx, req);
    const counts = this.counts;
    // count + 1 − min > maxSkew  ⇔  count > limit
    const limit = s.maxSkew + this.min - 1;
    const reason = spreadReason(s.maxSkew);
    const zone = ctx.hosts.zone;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      if ((counts[zone[hosts[p]!]!] ?? 0) <= limit) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = reason;
      }
    }
    b.n = m;
  }
}

/** The filter pipeline in its fixed order. */
/**
 * Kubernetes' default filter order (NodeUnschedulable, TaintToleration, NodeAffinity, …,
 * NodeResourcesFit, …, PodTopologySpread, InterPodAffinity): placement rules before resources, so a
 * host in the wrong zone is reported as "wrong zone", not as short of memory.
 */
export function defaultFilters(): SchedulerFilter[] {
  return [new NodeUnschedulable(), new TaintToleration(), new ZoneFilter(), new DedicatedHost(), new TenantIsolation(), new NodeResourcesFit(), new PodTopologySpread(), new InterPodAffinity()];
}
