/**
 * Horizontal autoscaling of one service inside a run: reads the service's metrics at every sync,
 * asks its autoscaler plug-in (elasticity/autoscaler.ts) for a count through a read-only view, and
 * applies the answer by starting or draining replica slots. Keeps the decisions (the decision log).
 *
 * A new replica takes real time: for a service placed on hosts, its instance goes through the
 * compute model (pending → scheduled → provisioning → running); otherwise the `provisioning`
 * distribution stands for the machine's boot. Either way the application then needs `startup`
 * seconds before the replica joins the balancer. Scale-down drains: the replica leaves the
 * rotation, finishes every request it holds, and only then is removed (its instance terminated).
 * Replicas still starting are given up first, newest first; then ready ones, highest slot first.
 */
import { distributionMean, makeSampler, type DistributionSpec, type Sampler } from '../engine/distributions';
import type { Kernel } from '../engine/kernel';
import type { RandomStream } from '../engine/random';
import type { PodMetric } from '../elasticity/hpa';
import { makeAutoscaler, type Autoscaler, type AutoscalerMetric, type ScalingDecision, type ScalingView } from '../elasticity/autoscaler';
import { SLOT_ABSENT, SLOT_DRAINING, SLOT_READY, SLOT_STARTING, type ServiceRuntime } from '../model/service';
import { durationSeconds } from '../scenario/duration';
import type { AutoscalerSpec } from '../scenario/schema';
import { say, type Reason } from '../compute/said';

/** The machines behind a placed service's replicas (the compute model). */
export interface ReplicaMachines {
  /** false: refused (a tenant quota); nothing was created. */
  addReplica(service: number, slot: number): boolean | void;
  removeReplica(service: number, slot: number, reason: Reason): void;
}

/** Event kinds the controllers share (registered once by the simulation). */
export interface ScalingKinds {
  sync: number;
  ready: number;
  bucket: number;
}

export class ServiceScaling implements ScalingView {
  autoscaler: Autoscaler;
  private startup: number;
  private provisioning: Sampler;
  private readonly bootMean: number;
  private bucketsScheduled = false;
  /** Per slot: when its pending ready event is due (NaN: none), and since when it is ready. */
  private readonly readyAt: Float64Array;
  private readonly readySince: Float64Array;
  // The last sync's readings.
  private lastSync = 0;
  private readonly lastBusy: Float64Array;
  private readonly busyNow: Float64Array;
  private lastArrivals = 0;
  private lastArea = 0;
  // Demand history per bucket (predictive).
  readonly bucketSeconds: number;
  private readonly demandRps: number[] = [];
  private readonly demandCpu: number[] = [];
  private bucketArrivals = 0;
  private bucketBusy = 0;
  /** The latest decision (null before the first sync). */
  last: ScalingDecision | null = null;
  /** Replica-seconds in the set (starting + ready + draining): what the replicas cost. */
  private setArea = 0;
  private setChange = 0;
  private setCount: number;
  peakReplicas: number;
  minReplicasSeen: number;

  /** Where the demand history starts (0, or when a predictive policy was switched on). */
  private bucketOffset = 0;
  /** When the service was taken down for good (service:delete), or null: no sync scales it again. */
  deletedAt: number | null = null;

  constructor(
    readonly index: number,
    public spec: AutoscalerSpec,
    private readonly svc: ServiceRuntime,
    private readonly kernel: Kernel,
    private readonly kinds: ScalingKinds,
    private readonly rng: RandomStream,
    private readonly machines: ReplicaMachines | null,
    machineBootMean: number,
    private readonly log: (d: ScalingDecision) => void,
    endTime: number,
  ) {
    this.startup = durationSeconds(spec.startup);
    this.provisioning = makeSampler(spec.provisioning as DistributionSpec);
    this.bootMean = machineBootMean;
    this.autoscaler = this.make(spec);
    const n = svc.size;
    this.readyAt = new Float64Array(n).fill(NaN);
    this.readySince = new Float64Array(n);
    this.lastBusy = new Float64Array(n);
    this.busyNow = new Float64Array(n);
    this.bucketSeconds = durationSeconds(spec.forecast.bucket);
    this.setCount = svc.activeCount;
    this.peakReplicas = this.setCount;
    this.minReplicasSeen = this.setCount;
    kernel.scheduleAt(Math.min(this.autoscaler.period, endTime), kinds.sync, index);
    if (spec.policy === 'predictive') {
      kernel.scheduleAt(Math.min(this.bucketSeconds, endTime), kinds.bucket, index);
      this.bucketsScheduled = true;
    }
  }

  private make(spec: AutoscalerSpec): Autoscaler {
    const boot = this.machines ? this.bootMean : distributionMean(spec.provisioning as DistributionSpec);
    return makeAutoscaler(spec, this.svc.cfg.id, this.svc.activeCount, Math.max(0, boot) + durationSeconds(spec.startup));
  }

  /**
   * Another autoscaler from now on (the console's policy picker). The replicas stay; the new policy
   * starts with no memory (a fresh HPA records the current count first, as Kubernetes does). Its
   * sync period applies after the sync already due. The demand history is kept; its bucket length
   * cannot change during a run.
   */
  replace(spec: AutoscalerSpec, endTime: number): void {
    const now = this.kernel.now;
    const from = this.autoscaler.policy;
    this.spec = spec;
    this.startup = durationSeconds(spec.startup);
    this.provisioning = makeSampler(spec.provisioning as DistributionSpec);
    this.autoscaler = this.make(spec);
    if (spec.policy === 'predictive' && !this.bucketsScheduled && now < endTime) {
      // The history starts now (earlier demand was not recorded).
      const s = this.svc;
      this.bucketArrivals = s.arrivals[0]! + s.arrivals[1]!;
      this.bucketBusy = s.busyTotal(now);
      this.bucketOffset = now;
      this.kernel.scheduleAt(Math.min(now + this.bucketSeconds, endTime), this.kinds.bucket, this.index);
      this.bucketsScheduled = true;
    }
    const n = this.svc.activeCount;
    const d: ScalingDecision = {
      time: now,
      service: this.svc.cfg.id,
      policy: spec.policy,
      metric: spec.policy === 'scheduled' ? null : spec.metric,
      value: null,
      target: this.autoscaler.target,
      current: n,
      desired: n,
      replicas: n,
      capped: null,
      forecast: null,
      reason: `policy changed from ${from} to ${spec.policy} (min ${spec.minReplicas}, max ${spec.maxReplicas}${this.autoscaler.target !== null ? `, target ${this.autoscaler.target}` : ''}); the next sync decides`,
      why: { kind: 'policy-changed', from, to: spec.policy, min: spec.minReplicas, max: spec.maxReplicas, target: this.autoscaler.target },
    };
    this.last = d;
    this.log(d);
  }

  // ---------------------------------------------------------------- ScalingView

  get now(): number {
    return this.kernel.now;
  }
  get current(): number {
    return this.svc.activeCount;
  }
  get ready(): number {
    return this.svc.readyCount;
  }

  pods(metric: AutoscalerMetric): readonly PodMetric[] {
    const s = this.svc;
    const now = this.kernel.now;
    const out: PodMetric[] = [];
    const shared = metric === 'cpu' ? null : this.value(metric);
    for (let r = 0; r < s.size; r++) {
      const st = s.slot[r];
      if (st === SLOT_STARTING) out.push({ value: null, ready: false });
      else if (st === SLOT_READY) {
        if (metric === 'cpu') {
          const from = Math.max(this.lastSync, this.readySince[r]!);
          const dt = now - from;
          out.push({ value: dt > 0 && s.down[r] === 0 ? Math.min(1, (this.busyNow[r]! - this.lastBusy[r]!) / (s.cfg.concurrency * dt)) : null, ready: s.down[r] === 0 });
        } else out.push({ value: shared, ready: true });
      }
    }
    return out;
  }

  value(metric: AutoscalerMetric): number | null {
    const s = this.svc;
    const now = this.kernel.now;
    const dt = now - this.lastSync;
    const ready = s.readyCount;
    switch (metric) {
      case 'cpu': {
        let sum = 0;
        let n = 0;
        for (let r = 0; r < s.size; r++) {
          if (s.slot[r] !== SLOT_READY || s.down[r] === 1) continue;
          const from = Math.max(this.lastSync, this.readySince[r]!);
          const d = now - from;
          if (!(d > 0)) continue;
          sum += Math.min(1, (this.busyNow[r]! - this.lastBusy[r]!) / (s.cfg.concurrency * d));
          n++;
        }
        return n > 0 ? sum / n : null;
      }
      case 'rps':
        return ready > 0 && dt > 0 ? (s.arrivals[0]! + s.arrivals[1]! - this.lastArrivals) / dt / ready : null;
      case 'concurrency':
        return ready > 0 && dt > 0 ? (s.inSystemArea(now) - this.lastArea) / dt / ready : null;
      case 'queue':
        return ready > 0 ? s.queuedCount / ready : null;
      case 'p95-latency':
        return s.syncLatency.count > 0 ? s.syncLatency.quantile(0.95) : null;
    }
  }

  demand(kind: 'rps' | 'cpu'): readonly number[] {
    return kind === 'rps' ? this.demandRps : this.demandCpu;
  }

  get demandStart(): number {
    return this.bucketOffset;
  }

  // ---------------------------------------------------------------- events

  /** The sync event: decide, apply, and take the readings for the next period. */
  sync(endTime: number): void {
    if (this.deletedAt !== null) return; // taken down: no more syncs
    const now = this.kernel.now;
    const s = this.svc;
    s.replicaBusy(now, this.busyNow);
    const d = this.autoscaler.decide(this);
    this.last = d;
    this.log(d);
    this.apply(d.replicas, say('byAutoscaler', { policy: d.policy }));
    // Next period's baseline.
    this.lastSync = now;
    this.lastBusy.set(this.busyNow);
    this.lastArrivals = s.arrivals[0]! + s.arrivals[1]!;
    this.lastArea = s.inSystemArea(now);
    s.syncLatency.reset();
    if (now < endTime) this.kernel.scheduleAt(Math.min(now + this.autoscaler.period, endTime), this.kinds.sync, this.index);
  }

  /** The demand bucket event (predictive): close a bucket of the history. */
  bucket(endTime: number): void {
    const now = this.kernel.now;
    const s = this.svc;
    const arrivals = s.arrivals[0]! + s.arrivals[1]!;
    const busy = s.busyTotal(now);
    this.demandRps.push((arrivals - this.bucketArrivals) / this.bucketSeconds);
    this.demandCpu.push((busy - this.bucketBusy) / (s.cfg.concurrency * this.bucketSeconds));
    this.bucketArrivals = arrivals;
    this.bucketBusy = busy;
    const next = now + this.bucketSeconds;
    if (next <= endTime) this.kernel.scheduleAt(next, this.kinds.bucket, this.index);
  }

  /** A starting replica's start-up is over (ignored if it was given up meanwhile). */
  onReady(slot: number): void {
    const now = this.kernel.now;
    if (this.svc.slot[slot] !== SLOT_STARTING || this.readyAt[slot] !== now) return;
    this.readyAt[slot] = NaN;
    this.readySince[slot] = now;
    this.svc.makeReady(slot, now);
  }

  /** The compute model says a placed replica's instance runs: start the application. */
  machineUp(slot: number): void {
    const s = this.svc;
    const now = this.kernel.now;
    s.recover(slot, now);
    if (s.slot[slot] === SLOT_STARTING && Number.isNaN(this.readyAt[slot]!)) this.scheduleReady(slot, this.startup);
  }

  /** A draining replica finished its last request: it leaves, and its machine goes. */
  drained(slot: number): void {
    const now = this.kernel.now;
    this.svc.releaseSlot(slot, now);
    this.changeSet(now);
    this.machines?.removeReplica(this.index, slot, say('scaledDownDrained'));
  }

  // ---------------------------------------------------------------- applying a count

  private scheduleReady(slot: number, delay: number): void {
    const at = this.kernel.now + delay;
    this.readyAt[slot] = at;
    this.kernel.scheduleAt(at, this.kinds.ready, this.index, slot);
  }

  private changeSet(now: number): void {
    this.setArea += this.setCount * (now - this.setChange);
    this.setChange = now;
    const s = this.svc;
    this.setCount = s.activeCount + s.draining;
  }

  /** Replica-seconds of the set (starting + ready + draining) up to now: the capacity paid for. */
  replicaSeconds(now: number): number {
    return this.setArea + this.setCount * (now - this.setChange);
  }

  /**
   * Takes the service down for good (a running simulation cannot remove a service from the graph):
   * every replica goes (ready ones drain their requests first), no sync scales it up again, and its
   * requests fail from now on as they do when no replica is up.
   */
  takeDown(why: string): void {
    if (this.deletedAt !== null) return;
    this.deletedAt = this.kernel.now;
    this.apply(0, why === 'service deleted' ? say('serviceDeleted') : why);
    this.svc.close(this.kernel.now);
  }

  /** Moves the set to `target` replicas (starting + ready); `why` is logged with the replicas removed. */
  apply(target: number, why: Reason): void {
    const s = this.svc;
    const now = this.kernel.now;
    let current = s.activeCount;
    while (current < target) {
      // Take a draining replica back first (it is warm), else start a free slot.
      let r = -1;
      for (let i = 0; i < s.size && r < 0; i++) if (s.slot[i] === SLOT_DRAINING && s.down[i] === 0) r = i;
      if (r >= 0) {
        s.makeReady(r, now);
        this.readySince[r] = now;
      } else {
        for (let i = 0; i < s.size && r < 0; i++) if (s.slot[i] === SLOT_ABSENT) r = i;
        if (r < 0) break; // every slot is in use (draining ones that are down)
        // A tenant quota may refuse the instance (logged by the compute model): the slot stays free.
        if (this.machines && this.machines.addReplica(this.index, r) === false) {
          if (this.last && this.last.time === now && !this.last.reason.includes('tenant quota')) this.last.reason += '; a new replica was refused by the tenant quota';
          break;
        }
        s.startSlot(r, now);
        if (this.machines) {
          s.crash(r, now); // no machine yet: down until its instance runs
        } else {
          const boot = this.provisioning.sample(this.rng);
          this.scheduleReady(r, (boot > 0 ? boot : 0) + this.startup);
        }
      }
      current++;
    }
    while (current > target) {
      let r = -1;
      for (let i = s.size - 1; i >= 0 && r < 0; i--) if (s.slot[i] === SLOT_STARTING) r = i;
      if (r >= 0) {
        s.cancelSlot(r, now);
        this.readyAt[r] = NaN;
        this.machines?.removeReplica(this.index, r, say('scaledDownBeforeReady', { why }));
      } else {
        for (let i = s.size - 1; i >= 0 && r < 0; i--) if (s.slot[i] === SLOT_READY) r = i;
        if (r < 0) break;
        if (s.drainSlot(r, now)) {
          s.releaseSlot(r, now);
          this.machines?.removeReplica(this.index, r, say('scaledDown', { why }));
        }
      }
      current--;
    }
    this.changeSet(now);
    if (this.setCount > this.peakReplicas) this.peakReplicas = this.setCount;
    if (s.activeCount < this.minReplicasSeen) this.minReplicasSeen = s.activeCount;
  }
}
