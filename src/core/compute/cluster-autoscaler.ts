/**
 * The cluster autoscaler, after kubernetes/autoscaler's cluster-autoscaler (FAQ.md; MODELS.md,
 * "Cluster Autoscaler"). Every `scanInterval`:
 *
 * Scale-up. The pending instances the scheduler could not place (tried and failed) are first
 * simulated on the hosts already being provisioned (each a fresh host of its pool); those that fit
 * wait for them. The rest are simulated on each autoscaled pool's template, a fresh empty host of
 * the pool's shape, taints, zone and dedication, through the scheduler's own filters (resources,
 * taints, zones, dedicated hosts, topology spread, affinity), bin-packed first-fit decreasing (by
 * the instance's share of a host's cpu plus its share of memory, as the Kubernetes binpacking
 * estimator) onto as many new hosts as the pool's room allows (maxCount minus provisioned and booting
 * hosts). Each pool that fits at least one instance is an option; the expander picks one:
 * - `random`: uniformly, from the autoscaler's own seeded stream;
 * - `least-waste`: the least idle share after placing, (idle cpu share + idle memory share) / 2 of
 *   the new hosts (Kubernetes sums the two; the order is the same);
 * - `cheapest`: the lowest price per instance placed (new hosts × pricePerHour / instances).
 * Ties go to the pool listed first (Kubernetes breaks ties at random; a fixed rule keeps runs
 * replayable without spending random numbers). The chosen pool grows by the hosts the estimate
 * needs, each taking `provisioningTime` before it takes instances. One pool grows per scan; what
 * is left is considered again at the next scan.
 *
 * Scale-down (not in a scan that scaled up, and not within `scaleDownDelayAfterAdd` of the last
 * scale-up, though unneeded time keeps being tracked meanwhile). A provisioned, schedulable host of
 * an autoscaled pool is unneeded when its cpu and its memory requests are each below
 * `scaleDownUtilizationThreshold` of allocatable, every instance on it may be moved (see
 * `AutoscaledCluster.unmovable`), and every one that is not already leaving can be placed on the
 * other hosts (a first-fit scheduler without preemption, with the host cordoned and each placement
 * counted before the next). A host unneeded for `scaleDownUnneededTime` is removed, never taking a
 * pool below minCount: empty hosts together (at most MAX_EMPTY_BULK per scan), else one non-empty
 * host, and no other non-empty host while one is being emptied. How a host is emptied and
 * deprovisioned is the compute model's part (ComputeModel.removeHost).
 *
 * Decisions are recorded (`decisions`) with their reason, and each is written to the compute log
 * too. "no-scale-up" and "no-scale-down" are recorded when their reason changes (not at every
 * scan); a scale action resets that.
 */
import { makeSampler, type DistributionSpec, type Sampler } from '../engine/distributions';
import { RandomStream } from '../engine/random';
import { durationSeconds, formatDuration } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import type { Instance } from './compute';
import type { Hosts } from './hosts';
import { defaultFilters, type SchedulerFilter } from './scheduler/filters';
import { Scheduler } from './scheduler/scheduler';
import type { InstanceRequest, SchedulingContext } from './types';
import { reasonText, say, type ComputeTextCode, type Reason, type Said, type SaidParams } from './said';

export type ClusterAutoscalerAction = 'scale-up' | 'scale-down' | 'no-scale-up' | 'no-scale-down';
export type ClusterAutoscalerExpander = 'random' | 'least-waste' | 'cheapest';

/** One decision of the cluster autoscaler. */
export interface ClusterAutoscalerDecision {
  t: number;
  action: ClusterAutoscalerAction;
  /** The pool it concerns, or null (a decision about no pool in particular). */
  pool: string | null;
  /** Hosts added (positive) or removed (negative); 0 for no-scale-up / no-scale-down. */
  delta: number;
  reason: string;
  /** The reason's structure (see said.ts), for a console in another language. */
  code?: ComputeTextCode;
  params?: SaidParams;
}

export interface ClusterAutoscalerConfig {
  expander: ClusterAutoscalerExpander;
  scanInterval: number;
  threshold: number;
  unneededTime: number;
  delayAfterAdd: number;
  /** Boot time of a new host, seconds. */
  provisioning: Sampler;
}

/** Empty hosts removed in one scan at most (Kubernetes' --max-empty-bulk-delete). */
export const MAX_EMPTY_BULK = 10;

/** The configuration of a scenario's cluster autoscaler, or null when it has none or it is disabled. */
export function clusterAutoscalerConfig(scenario: Scenario): ClusterAutoscalerConfig | null {
  const ca = scenario.clusterAutoscaler;
  if (ca === undefined || !ca.enabled) return null;
  const p = ca.provisioningTime;
  const spec: DistributionSpec = typeof p === 'object' ? (p as DistributionSpec) : { type: 'constant', value: durationSeconds(p) };
  return {
    expander: ca.expander,
    scanInterval: durationSeconds(ca.scanInterval),
    threshold: ca.scaleDownUtilizationThreshold,
    unneededTime: durationSeconds(ca.scaleDownUnneededTime),
    delayAfterAdd: durationSeconds(ca.scaleDownDelayAfterAdd),
    provisioning: makeSampler(spec),
  };
}

/** What the autoscaler sees of the compute model, and the actions it asks of it. */
export interface AutoscaledCluster {
  readonly hosts: Hosts;
  readonly ctx: SchedulingContext;
  now(): number;
  /** Pending instances the scheduler tried and failed to place, in scheduling order. */
  unschedulable(): Instance[];
  /** Instances bound to a host. */
  instancesOn(host: number): readonly Instance[];
  /** A host slot being provisioned (booting). */
  isBooting(host: number): boolean;
  /** A host being emptied for removal. */
  isRemoving(host: number): boolean;
  /** Non-empty hosts being emptied for removal. */
  removalsInProgress(): number;
  zoneIsDown(zone: number): boolean;
  /** Why the autoscaler may not move an instance off its host, or null when it may. */
  unmovable(inst: Instance): Reason | null;
  /** An instance already on its way off its host (migrating away, draining). */
  leaving(inst: Instance): boolean;
  /** Starts provisioning these slots of one pool. */
  provision(hosts: readonly number[], delay: (host: number) => number): void;
  /** Cordons a host and empties it (or removes it at once when empty). False when it could not start. */
  removeHost(host: number, reason: Reason): boolean;
  /** Writes a decision to the compute log. */
  log(decision: ClusterAutoscalerDecision): void;
}

interface ScaleUpOption {
  pool: number;
  hosts: number[];
  fitted: number;
  /** (idle cpu share + idle memory share) / 2 of the new hosts once the fitted instances are on them. */
  waste: number;
  /** New hosts × price per hour / instances fitted. */
  pricePerInstance: number;
}

/**
 * Temporary changes to the host table for what-if placements (templates opened as fresh hosts, a host
 * cordoned, instances bound), undone exactly in reverse order: every change saves the host's
 * capacities, allocations and schedulability first, and undoing writes them back.
 */
class Sandbox {
  private readonly ops: Array<{ host: number; bind: Instance | null; saved: number[] }> = [];

  constructor(private readonly t: Hosts) {}

  get mark(): number {
    return this.ops.length;
  }

  private save(host: number, bind: Instance | null): void {
    const t = this.t;
    this.ops.push({ host, bind, saved: [t.cpuCap[host]!, t.memCap[host]!, t.gpuCap[host]!, t.cpuAlloc[host]!, t.memAlloc[host]!, t.gpuAlloc[host]!, t.schedulable[host]!] });
  }

  /** A slot (or a booting host) as a fresh host of its pool. */
  open(host: number): void {
    const t = this.t;
    const p = t.pool[host]!;
    this.save(host, null);
    t.cpuCap[host] = t.poolCpuCap[p]!;
    t.memCap[host] = t.poolMemCap[p]!;
    t.gpuCap[host] = t.poolGpuCap[p]!;
    t.schedulable[host] = 1;
  }

  cordon(host: number): void {
    this.save(host, null);
    this.t.schedulable[host] = 0;
  }

  bind(host: number, inst: Instance): void {
    this.save(host, inst);
    this.t.apply(host, inst.cpu, inst.mem, inst.gpu, inst.group, 1, inst.req.tenant);
  }

  rollback(mark = 0): void {
    const t = this.t;
    while (this.ops.length > mark) {
      const { host, bind, saved } = this.ops.pop()!;
      if (bind) t.apply(host, bind.cpu, bind.mem, bind.gpu, bind.group, -1, bind.req.tenant);
      t.cpuCap[host] = saved[0]!;
      t.memCap[host] = saved[1]!;
      t.gpuCap[host] = saved[2]!;
      t.cpuAlloc[host] = saved[3]!;
      t.memAlloc[host] = saved[4]!;
      t.gpuAlloc[host] = saved[5]!;
      t.schedulable[host] = saved[6]!;
    }
  }
}

export class ClusterAutoscaler {
  readonly decisions: ClusterAutoscalerDecision[] = [];
  scaleUps = 0;
  scaleDowns = 0;
  /** Hosts provisioned by scale-ups (counted when decided). */
  hostsAdded = 0;
  private readonly rng: RandomStream;
  private readonly bootRng: RandomStream;
  private readonly filters: SchedulerFilter[] = defaultFilters();
  /** Places what-if moves off a host: first fit, never preempting. */
  private readonly packer = new Scheduler({ strategy: 'first-fit', percentageOfNodesToScore: 100, preemption: false });
  private readonly unneededSince = new Map<number, number>();
  private lastScaleUp = -Infinity;
  private lastNoUp = '';
  private lastNoDown = '';

  constructor(
    readonly config: ClusterAutoscalerConfig,
    private readonly cluster: AutoscaledCluster,
    seed: number,
  ) {
    this.rng = RandomStream.forEntity(seed, 'compute/cluster-autoscaler');
    this.bootRng = RandomStream.forEntity(seed, 'compute/cluster-autoscaler/provisioning');
  }

  /** Since when a host has been unneeded (for the console), or null. */
  unneededAt(host: number): number | null {
    return this.unneededSince.get(host) ?? null;
  }

  /** Records a decision made elsewhere (an abandoned scale-down). */
  record(action: ClusterAutoscalerAction, pool: string | null, delta: number, reason: Reason): void {
    const d: ClusterAutoscalerDecision = { t: this.cluster.now(), action, pool, delta, reason: reasonText(reason) };
    if (typeof reason !== 'string') {
      d.code = reason.code;
      if (reason.params) d.params = reason.params;
    }
    this.decisions.push(d);
    this.cluster.log(d);
  }

  /** One scan: scale up for unschedulable instances, else look for hosts to remove. */
  scan(): void {
    const pending = this.cluster.unschedulable();
    const scaledUp = pending.length > 0 && this.scaleUp(pending);
    if (!scaledUp) this.scaleDown();
  }

  // ---------------------------------------------------------------- scale-up

  /** The first filter that rejects the request on the host, or null when it fits. */
  private reject(req: InstanceRequest, host: number): string | null {
    const ctx = this.cluster.ctx;
    for (const f of this.filters) {
      const r = f.preFilter(ctx, req) ? f.filter(ctx, req, host) : null;
      f.reset();
      if (r !== null) return r;
    }
    return null;
  }

  private scaleUp(pending: Instance[]): boolean {
    const c = this.cluster;
    const h = c.hosts;
    const sb = new Sandbox(h);
    const pools = h.poolNames.length;
    // Hosts being provisioned take what fits on them first.
    const upcoming: number[] = [];
    for (let p = 0; p < pools; p++) for (const x of h.poolHosts[p]!) if (c.isBooting(x)) upcoming.push(x);
    for (const x of upcoming) sb.open(x);
    const remaining: Instance[] = [];
    for (const inst of pending) {
      const x = upcoming.find((u) => this.reject(inst.req, u) === null);
      if (x === undefined) remaining.push(inst);
      else sb.bind(x, inst);
    }
    const waiting = pending.length - remaining.length;
    const waitNote: Said | '' = waiting > 0 ? say('caWaitNote', { n: waiting, hosts: upcoming.length }) : '';
    if (remaining.length === 0) {
      sb.rollback();
      this.noScaleUp(say('caWaitBooting', { n: pending.length, hosts: upcoming.length }));
      return false;
    }
    const options: ScaleUpOption[] = [];
    const refusals: Said[] = [];
    for (let p = 0; p < pools; p++) {
      if (h.poolMin[p]! >= h.poolMax[p]!) continue; // not autoscaled (its size is fixed)
      const name = h.poolNames[p]!;
      const templates = h.poolHosts[p]!.filter((x) => h.provisioned[x] === 0 && !c.isBooting(x));
      if (c.zoneIsDown(h.poolZone[p]!)) {
        refusals.push(say('caPoolZoneDown', { pool: name, zone: h.zoneNames[h.poolZone[p]!]! }));
        continue;
      }
      if (templates.length === 0) {
        refusals.push(say('caPoolAtMax', { pool: name, max: h.poolMax[p]! }));
        continue;
      }
      const option = this.simulatePool(sb, p, templates, remaining);
      if (option.fitted > 0) options.push(option);
      else refusals.push(say('caPoolRefused', { pool: name, reasons: option.refusal }));
    }
    sb.rollback();
    if (options.length === 0) {
      this.noScaleUp(say('caFitsNoPool', { n: remaining.length, why: refusals.length > 0 ? joined(refusals) : say('caNoPoolAutoscaled'), note: waitNote }));
      return false;
    }
    const chosen = this.expand(options);
    const name = h.poolNames[chosen.pool]!;
    const how =
      this.config.expander === 'random'
        ? say('caHowRandom', { n: options.length })
        : this.config.expander === 'cheapest'
          ? say('caHowCheapest', { price: formatPrice(chosen.pricePerInstance) })
          : say('caHowLeastWaste', { n: options.length });
    const reason = say('caScaleUp', {
      pool: name,
      hosts: chosen.hosts.length,
      expander: this.config.expander,
      n: chosen.fitted,
      waste: Math.round(chosen.waste * 100),
      how,
      note: waitNote,
    });
    this.lastScaleUp = c.now();
    this.scaleUps++;
    this.hostsAdded += chosen.hosts.length;
    this.lastNoUp = '';
    this.lastNoDown = '';
    this.record('scale-up', name, chosen.hosts.length, reason);
    c.provision(chosen.hosts, () => {
      const d = this.config.provisioning.sample(this.bootRng);
      return d > 0 ? d : 0;
    });
    return true;
  }

  /** Bin-packs the instances onto fresh hosts of pool p (what-if; undone before returning). */
  private simulatePool(sb: Sandbox, p: number, templates: readonly number[], instances: readonly Instance[]): ScaleUpOption & { refusal: Said[] } {
    const h = this.cluster.hosts;
    const cpuCap = h.poolCpuCap[p]!;
    const memCap = h.poolMemCap[p]!;
    const size = (i: Instance) => (cpuCap > 0 ? i.cpu / cpuCap : 0) + (memCap > 0 ? i.mem / memCap : 0);
    // First fit decreasing; equal sizes keep the scheduling order.
    const order = instances.map((inst, k) => ({ inst, k, s: size(inst) })).sort((a, b) => b.s - a.s || a.k - b.k);
    const mark = sb.mark;
    const used: number[] = [];
    let opened = 0;
    let fitted = 0;
    let cpu = 0;
    let mem = 0;
    let full = 0;
    const reasons = new Map<string, number>();
    for (const { inst } of order) {
      let target = used.find((x) => this.reject(inst.req, x) === null) ?? -1;
      if (target < 0) {
        if (used.length < templates.length) {
          const fresh = templates[used.length]!;
          if (opened === used.length) {
            sb.open(fresh);
            opened++;
          }
          const r = this.reject(inst.req, fresh);
          if (r === null) {
            target = fresh;
            used.push(fresh);
          } else reasons.set(r, (reasons.get(r) ?? 0) + 1);
        } else full++;
      }
      if (target >= 0) {
        sb.bind(target, inst);
        fitted++;
        cpu += inst.cpu;
        mem += inst.mem;
      }
    }
    sb.rollback(mark);
    const n = used.length;
    const waste = n === 0 ? 1 : ((n * cpuCap - cpu) / (n * cpuCap) + (n * memCap - mem) / (n * memCap)) / 2;
    const parts = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([r, k]) => say('caCountedReason', { n: k, reason: r }));
    if (full > 0) parts.push(say('caBeyondMax', { n: full, max: h.poolMax[p]! }));
    return { pool: p, hosts: used.slice(), fitted, waste, pricePerInstance: fitted > 0 ? (n * h.poolPrice[p]!) / fitted : Infinity, refusal: parts };
  }

  private expand(options: ScaleUpOption[]): ScaleUpOption {
    switch (this.config.expander) {
      case 'random': {
        let k = Math.floor(this.rng.next() * options.length);
        if (k >= options.length) k = options.length - 1;
        return options[k]!;
      }
      case 'least-waste':
        return options.reduce((best, o) => (o.waste < best.waste ? o : best));
      case 'cheapest':
        return options.reduce((best, o) => (o.pricePerInstance < best.pricePerInstance ? o : best));
    }
  }

  private noScaleUp(reason: Said): void {
    const said = say('caNoScaleUp', { reason });
    if (said.text === this.lastNoUp) return;
    this.lastNoUp = said.text;
    this.record('no-scale-up', null, 0, said);
  }

  // ---------------------------------------------------------------- scale-down

  /** Why a host cannot be emptied now (an instance may not move, or fits nowhere else), or null. */
  private cannotEmpty(host: number): Said | null {
    const c = this.cluster;
    const list = c.instancesOn(host);
    for (const inst of list) {
      const why = c.unmovable(inst);
      if (why !== null) return say('caCannotMove', { name: inst.name, why });
    }
    const sb = new Sandbox(c.hosts);
    sb.cordon(host);
    try {
      for (const inst of list) {
        if (c.leaving(inst)) continue;
        const res = this.packer.schedule(c.ctx, inst.req, c.now(), false);
        if (res.host < 0) return say('caFitsNowhere', { name: inst.name, summary: res.explanation.said });
        sb.bind(res.host, inst);
      }
      return null;
    } finally {
      sb.rollback();
    }
  }

  private scaleDown(): void {
    const c = this.cluster;
    const h = c.hosts;
    const now = c.now();
    const threshold = this.config.threshold;
    const blocked: Said[] = [];
    const candidates: number[] = [];
    const use = (x: number) => Math.max(h.cpuCap[x]! > 0 ? h.cpuAlloc[x]! / h.cpuCap[x]! : 0, h.memCap[x]! > 0 ? h.memAlloc[x]! / h.memCap[x]! : 0);
    for (let p = 0; p < h.poolNames.length; p++) {
      if (h.poolMin[p]! >= h.poolMax[p]!) continue; // the pool cannot shrink
      for (const x of h.poolHosts[p]!) {
        if (h.provisioned[x] === 0 || h.schedulable[x] === 0 || c.isRemoving(x)) {
          this.unneededSince.delete(x);
          continue;
        }
        const cpuShare = h.cpuAlloc[x]! / h.cpuCap[x]!;
        const memShare = h.memAlloc[x]! / h.memCap[x]!;
        if (!(cpuShare < threshold && memShare < threshold)) {
          this.unneededSince.delete(x);
          continue;
        }
        const why = this.cannotEmpty(x);
        if (why !== null) {
          this.unneededSince.delete(x);
          blocked.push(say('caBlocked', { host: h.id[x]!, why }));
          continue;
        }
        if (!this.unneededSince.has(x)) this.unneededSince.set(x, now);
        candidates.push(x);
      }
    }
    const blockedNote: Said | '' =
      blocked.length === 0
        ? ''
        : blocked.length > 3
          ? say('caBlockedNoteMore', { list: joined(blocked.slice(0, 3)), n: blocked.length - 3 })
          : say('caBlockedNote', { list: joined(blocked) });
    if (candidates.length === 0) {
      if (blocked.length > 0) this.noScaleDown(say('caUnderused', { n: blocked.length, note: blockedNote }));
      return;
    }
    const resume = this.lastScaleUp + this.config.delayAfterAdd;
    if (now < resume) {
      this.noScaleDown(say('caKept', { n: candidates.length, at: formatDuration(resume), delay: formatDuration(this.config.delayAfterAdd) }));
      return;
    }
    const ready = candidates.filter((x) => now - this.unneededSince.get(x)! >= this.config.unneededTime);
    if (ready.length === 0) return; // still waiting out the unneeded time
    // How many hosts each pool may still lose.
    const allowance = h.poolNames.map((_, p) => {
      let n = 0;
      for (const x of h.poolHosts[p]!) if (h.provisioned[x] === 1 && !c.isRemoving(x)) n++;
      return n - h.poolMin[p]!;
    });
    const atMin: number[] = [];
    const empties: number[] = [];
    for (const x of ready) {
      if (h.instances[x] !== 0 || empties.length >= MAX_EMPTY_BULK) continue;
      const p = h.pool[x]!;
      if (allowance[p]! <= 0) {
        atMin.push(x);
        continue;
      }
      allowance[p]!--;
      empties.push(x);
    }
    const since = (x: number) => formatDuration(now - this.unneededSince.get(x)!);
    if (empties.length > 0) {
      for (let p = 0; p < h.poolNames.length; p++) {
        const mine = empties.filter((x) => h.pool[x] === p);
        if (mine.length === 0) continue;
        const ids = mine.map((x) => h.id[x]!).join(', ');
        this.record('scale-down', h.poolNames[p]!, -mine.length, say('caScaleDownEmpty', { pool: h.poolNames[p]!, n: mine.length, hosts: ids, since: since(mine[0]!) }));
        this.scaleDowns++;
        for (const x of mine) {
          this.unneededSince.delete(x);
          c.removeHost(x, say('caEmptyUnneeded'));
        }
      }
      this.lastNoDown = '';
      return;
    }
    if (c.removalsInProgress() > 0) return; // non-empty hosts go one at a time
    const busy = ready.filter((x) => h.instances[x]! > 0).sort((a, b) => use(a) - use(b) || a - b);
    for (const x of busy) {
      const p = h.pool[x]!;
      if (allowance[p]! <= 0) {
        atMin.push(x);
        continue;
      }
      const pool = h.poolNames[p]!;
      const what = say('caScaleDownMove', {
        pool,
        n: h.instances[x]!,
        host: h.id[x]!,
        cpu: Math.round((100 * h.cpuAlloc[x]!) / h.cpuCap[x]!),
        mem: Math.round((100 * h.memAlloc[x]!) / h.memCap[x]!),
        since: since(x),
      });
      this.record('scale-down', pool, -1, what);
      this.scaleDowns++;
      this.lastNoDown = '';
      const reason = say('caUnneededFor', { since: since(x) });
      this.unneededSince.delete(x);
      c.removeHost(x, reason);
      return;
    }
    if (atMin.length > 0) {
      const pools = [...new Set(atMin.map((x) => h.pool[x]!))].map((p) => say('caAtMinCount', { pool: h.poolNames[p]!, min: h.poolMin[p]! }));
      this.noScaleDown(say('caAtMin', { hosts: atMin.map((x) => h.id[x]!).join(', '), pools, note: blockedNote }));
    }
  }

  private noScaleDown(reason: Said): void {
    const said = say('caNoScaleDown', { reason });
    if (said.text === this.lastNoDown) return;
    this.lastNoDown = said.text;
    this.record('no-scale-down', null, 0, said);
  }
}

/** Reasons joined by "; " (as nested sayings, so each stays translatable). */
function joined(list: readonly Said[]): Said {
  let out = list[list.length - 1]!;
  for (let i = list.length - 2; i >= 0; i--) out = say('caJoin', { a: list[i]!, b: out });
  return out;
}

function formatPrice(x: number): string {
  return x >= 1 ? x.toFixed(2) : x.toPrecision(2);
}
