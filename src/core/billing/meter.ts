/**
 * Metering: what instances and hosts were billable, and when, heard from the compute model's
 * events (never estimated). The compute model calls `instanceChanged` and `hostChanged` after every
 * change (see MeteringListener in compute.ts); this keeps, per instance, the segments during which
 * it held a host with a given type and size, and per host the episodes during which it was billed.
 *
 * Metering rules:
 * - An instance is metered while it holds a host: from the moment the scheduler binds it (its VM
 *   boots or its container starts at once: EC2 bills from the instance's start, which includes the
 *   boot, and Fargate from the image pull) until it is terminated, fails, is preempted or
 *   interrupted. A live migration or a resize starts a new segment; the instance's start does not
 *   change (one start, one 60-second minimum).
 * - A host of a pool billed per host is metered while it exists: private datacenter hosts while
 *   provisioned (failed, powered off or idle alike); public hosts from the start of their boot
 *   until they are deprovisioned or powered down.
 *
 * Spot: instances placed with `pricing: spot` on pools billed per instance are watched. At every
 * price step, and when one starts, an instance whose spot price exceeds its maximum gets an
 * interruption notice (compute.interruptSpot), as it does at a Poisson rate per instance-hour
 * (`spot.interruptionRate`) for capacity reclaims; the compute model logs the notice, terminates
 * the instance when it runs out and replaces it if its policy says so. Billing stops at the
 * termination. These events exist only when the scenario places something on spot, so a scenario
 * without spot runs exactly the events it ran before billing existed.
 */
import type { ComputeModel, Instance, MeteringListener } from '../compute/compute';
import { reasonText, say, type Reason } from '../compute/said';
import { ln } from '../engine/detmath';
import type { Kernel } from '../engine/kernel';
import { RandomStream } from '../engine/random';
import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import { PriceCatalogue, type PricingModel } from './catalogue';
import { EgressMeter, type EgressUsage } from './egress';
import { computeBill, type BillingRecord, type BillingSummary, type RunContext } from './invoice';

/** A stretch of time during which an instance held one host with one type and size. */
export interface UsageSegment {
  start: number;
  end: number;
  host: number;
  pool: number;
  region: string;
  type: string;
  cpu: number;
  mem: number;
  gpu: number;
}

export interface InstanceUsage {
  index: number;
  name: string;
  group: string;
  tenant: string;
  pricing: PricingModel;
  /** Spot: the most paid per hour (null: the on-demand price). */
  maxPrice: number | null;
  segments: UsageSegment[];
  /** When it stopped holding a host for good (null: still holds one). */
  end: number | null;
  /** Ended by a spot interruption (no minimum charge: the provider ended it). */
  interrupted: boolean;
}

export interface HostEpisode {
  host: number;
  id: string;
  pool: number;
  start: number;
  end: number | null;
}

export interface SpotNotice {
  t: number;
  instance: string;
  reason: string;
  terminateAt: number;
}

/** Everything metered up to a time: plain data, the input of the (pure) bill computation. */
export interface MeteredUsage {
  now: number;
  instances: InstanceUsage[];
  hosts: HostEpisode[];
  notices: SpotNotice[];
  /** Data egress per route and clock hour, from the run's calls and responses up to `now` (absent: none metered). */
  egress?: EgressUsage[];
  /** Serverless functions' billed requests and GB-seconds per clock hour, up to `now` (absent: no serverless block). */
  functions?: FunctionUsage[];
}

/** One function's billed usage per bin of `binSeconds` (index = bin, by when each invocation ended; a bin ending at t holds those that ended in (t − binSeconds, t]) and its prices. */
export interface FunctionUsage {
  id: string;
  /** Who pays ("shared" when the function names no tenant). */
  tenant: string;
  region: string;
  memoryMb: number;
  /** Width of a bin, seconds (a divisor of an hour: the invoice sums bins per clock hour). */
  binSeconds: number;
  requests: number[];
  gbSeconds: number[];
  /** USD per request and per GB-second. */
  perRequest: number;
  perGbSecond: number;
}

/** An instance's usage as it stood at `now` (none if it had not started by then). */
function cutInstance(u: InstanceUsage, now: number): InstanceUsage[] {
  const segments = u.segments.filter((s) => s.start <= now).map((s) => (s.end > now ? { ...s, end: now } : s));
  if (segments.length === 0) return [];
  const ended = u.end !== null && u.end <= now;
  return [{ ...u, segments, end: ended ? u.end : null, interrupted: ended && u.interrupted }];
}

/** Group ids of scenario groups by compute group index (services first, then instance groups). */
function placementOf(scenario: Scenario, group: number) {
  const S = scenario.services.length;
  if (group < S) return scenario.services[group]!.placement;
  return scenario.instances[group - S]?.placement;
}

export class BillingModel implements MeteringListener {
  readonly catalogue: PriceCatalogue;
  private readonly usage: InstanceUsage[] = [];
  private readonly byIndex = new Map<number, InstanceUsage>();
  private readonly open = new Map<number, UsageSegment>();
  private readonly hostEpisodes: HostEpisode[] = [];
  private readonly hostOpen = new Map<number, HostEpisode>();
  private readonly notices: SpotNotice[] = [];
  private readonly noticeEnd = new Map<number, number>();
  /** Spot instances holding a host on a pool billed per instance, in the order they started. */
  private readonly spotLive = new Set<number>();
  private readonly spotWanted: boolean;
  private readonly stepKind: number = -1;
  private readonly reclaimKind: number = -1;
  private readonly endTime: number;
  /** Data egress, metered as calls and responses move (null: no service lists a message size). */
  readonly egress: EgressMeter | null;
  /** Where the serverless block's function usage up to a time is read from (null: none). */
  private functionUsage: ((upTo: number) => FunctionUsage[]) | null = null;

  constructor(
    readonly scenario: Scenario,
    private readonly kernel: Kernel,
    private readonly seed: number,
    private readonly compute: ComputeModel,
  ) {
    this.catalogue = new PriceCatalogue(scenario, seed);
    this.endTime = durationSeconds(scenario.duration);
    this.egress = EgressMeter.create(scenario, this.catalogue, kernel);
    this.spotWanted = [...scenario.services.map((x) => x.placement), ...scenario.instances.map((x) => x.placement)].some((p) => p?.pricing === 'spot');
    if (this.spotWanted) {
      this.stepKind = kernel.register('spot-price-step', (k) => this.onPriceStep(k));
      this.reclaimKind = kernel.register('spot-reclaim', (i) => this.onReclaim(i));
      const step = this.catalogue.spot.settings.step;
      if (step <= this.endTime) kernel.scheduleAt(step, this.stepKind, 1);
    }
    // What already exists (the t = 0 fleet and hosts), then everything that happens.
    for (let h = 0; h < compute.hosts.count; h++) this.hostChanged(h);
    for (const inst of compute.instances) this.instanceChanged(inst);
    compute.setMeter(this);
  }

  // ------------------------------------------------------------------ listener

  instanceChanged(inst: Instance): void {
    const now = this.kernel.now;
    const seg = this.open.get(inst.index);
    const bound = inst.host >= 0;
    if (seg && bound && seg.host === inst.host && seg.type === inst.type && seg.cpu === inst.cpu && seg.mem === inst.mem && seg.gpu === inst.gpu) return;
    if (seg) {
      seg.end = now;
      this.open.delete(inst.index);
    }
    let u = this.byIndex.get(inst.index);
    if (bound) {
      const pool = this.compute.hosts.pool[inst.host]!;
      const next: UsageSegment = {
        start: now,
        end: now,
        host: inst.host,
        pool,
        region: this.compute.hosts.regionNames[this.compute.hosts.region[inst.host]!]!,
        type: inst.type,
        cpu: inst.cpu,
        mem: inst.mem,
        gpu: inst.gpu,
      };
      if (!u) {
        const pl = placementOf(this.scenario, inst.group);
        u = {
          index: inst.index,
          name: inst.name,
          group: inst.groupId,
          tenant: inst.req.tenant ?? 'shared',
          pricing: pl?.pricing ?? 'on-demand',
          maxPrice: pl?.spotMaxPrice ?? null,
          segments: [],
          end: null,
          interrupted: false,
        };
        this.usage.push(u);
        this.byIndex.set(inst.index, u);
      }
      u.segments.push(next);
      this.open.set(inst.index, next);
      if (u.pricing === 'spot') this.watchSpot(u, next);
    } else if (u && seg) {
      u.end = now;
      const due = this.noticeEnd.get(inst.index);
      u.interrupted = due !== undefined && Math.abs(due - now) < 1e-9;
      this.spotLive.delete(inst.index);
    }
  }

  hostChanged(h: number): void {
    const c = this.compute;
    const pool = c.hosts.pool[h]!;
    const p = this.catalogue.pools[pool]!;
    if (p.billing !== 'hosts') return;
    const stage = c.hostProvisioning(h);
    const billed = stage === 'booting' || (c.hosts.provisioned[h] === 1 && (p.fixed || c.hosts.poweredOn[h] === 1));
    const ep = this.hostOpen.get(h);
    if (billed && !ep) {
      const e: HostEpisode = { host: h, id: c.hosts.id[h]!, pool, start: this.kernel.now, end: null };
      this.hostEpisodes.push(e);
      this.hostOpen.set(h, e);
    } else if (!billed && ep) {
      ep.end = this.kernel.now;
      this.hostOpen.delete(h);
    }
  }

  // ------------------------------------------------------------------ spot

  private maxPrice(u: InstanceUsage, seg: UsageSegment): number {
    return u.maxPrice ?? this.catalogue.onDemand(seg.region, seg.type);
  }

  private watchSpot(u: InstanceUsage, seg: UsageSegment): void {
    if (this.catalogue.pools[seg.pool]!.billing !== 'instances') {
      this.spotLive.delete(u.index);
      return;
    }
    const first = !this.spotLive.has(u.index) && u.segments.length === 1;
    this.spotLive.add(u.index);
    const price = this.catalogue.spotPrice(seg.region, seg.type, this.kernel.now);
    const max = this.maxPrice(u, seg);
    if (price > max) this.interrupt(u.index, say('spotPriceAbove', { price: price.toFixed(4), max: max.toFixed(4) }));
    const rate = this.catalogue.spot.settings.interruptionRate;
    if (first && rate > 0 && this.reclaimKind >= 0) {
      const rng = RandomStream.forEntity(this.seed, `billing/spot-reclaim/${u.name}`);
      this.kernel.schedule((-ln(rng.nextOpen()) / rate) * 3600, this.reclaimKind, u.index);
    }
  }

  private interrupt(index: number, said: Reason): void {
    const reason = reasonText(said);
    const notice = this.catalogue.spot.settings.notice;
    if (!this.compute.interruptSpot(index, notice, said)) return;
    const now = this.kernel.now;
    this.noticeEnd.set(index, now + notice);
    if (this.notices.length < 10_000) this.notices.push({ t: now, instance: this.compute.instances[index]!.name, reason, terminateAt: now + notice });
  }

  private onPriceStep(k: number): void {
    const now = this.kernel.now;
    for (const i of this.spotLive) {
      const seg = this.open.get(i);
      const u = this.byIndex.get(i);
      if (!seg || !u) continue;
      const price = this.catalogue.spotPrice(seg.region, seg.type, now);
      const max = this.maxPrice(u, seg);
      if (price > max) this.interrupt(i, `spot price $${price.toFixed(4)}/h above the maximum $${max.toFixed(4)}/h`);
    }
    const next = (k + 1) * this.catalogue.spot.settings.step;
    if (next <= this.endTime) this.kernel.scheduleAt(next, this.stepKind, k + 1);
  }

  private onReclaim(i: number): void {
    if (this.spotLive.has(i)) this.interrupt(i, say('spotCapacityReclaimed'));
  }

  // ------------------------------------------------------------------ reading

  /**
   * Everything metered up to `now` (open segments and episodes end at `now`), as plain data. At an
   * earlier time than the kernel's, what happened after `now` is left out: segments and episodes are
   * cut at `now` (an instance or host still running then is open), later starts and notices dropped.
   */
  metered(now = this.kernel.now): MeteredUsage {
    const past = now < this.kernel.now;
    const instances = this.usage.map((u) => ({
      ...u,
      segments: u.segments.map((s) => ({ ...s, end: this.open.get(u.index) === s ? now : s.end })),
    }));
    return {
      now,
      instances: past ? instances.flatMap((u) => cutInstance(u, now)) : instances,
      hosts: past ? this.hostEpisodes.filter((e) => e.start <= now).map((e) => ({ ...e, end: e.end !== null && e.end > now ? null : e.end })) : this.hostEpisodes.map((e) => ({ ...e })),
      notices: this.notices.filter((n) => !past || n.t <= now).map((n) => ({ ...n })),
      // Egress and functions are kept in minute bins (cutbins.ts): at an earlier time, what the run had metered by then, exact at every minute.
      ...(this.egress ? { egress: this.egress.usage(past ? now : Infinity) } : {}),
      ...(this.functionUsage ? { functions: this.functionUsage(past ? now : Infinity) } : {}),
    };
  }

  /** The serverless block's functions are billed from this source (their usage up to a time, Infinity: all so far). */
  meterFunctions(source: (upTo: number) => FunctionUsage[]): void {
    this.functionUsage = source;
  }

  /** The bill up to now: every record, and the summary (invoices, series, budgets, recommendations). */
  bill(run?: RunContext, now = this.kernel.now): { records: BillingRecord[]; summary: BillingSummary } {
    return computeBill(this.scenario, this.catalogue, this.metered(now), run);
  }

  summary(run?: RunContext, now = this.kernel.now): BillingSummary {
    return this.bill(run, now).summary;
  }
}
