import { makeSampler } from '../engine/distributions';
import { Kernel } from '../engine/kernel';
import { RandomStream } from '../engine/random';
import { SeriesStore } from '../metrics/series';
import { RequestPool } from '../model/requests';
import { ServiceRuntime } from '../model/service';
import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import { makeArrivalProcess, type ArrivalProcess } from '../traffic/arrivals';
import { BALANCERS } from '../traffic/balancers';
import type { DistributionSpec } from '../engine/distributions';

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
}

export interface LatencySummary {
  count: number;
  mean: number | null;
  /** 95 % confidence interval of the mean, by batch means over the measured period. */
  ci95: { low: number; high: number } | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  min: number | null;
  max: number | null;
}

export interface ServiceResults {
  id: string;
  replicas: number;
  arrivals: number;
  completed: number;
  dropped: number;
  timedOut: number;
  inFlight: number;
  /** Successful requests per second over the measured period. */
  throughput: number;
  /** Busy fraction of all replica slots over the measured period. */
  utilization: number;
  latency: LatencySummary;
  wait: { mean: number | null; ci95: { low: number; high: number } | null };
}

/** What a run produced: plain JSON, identical for the same scenario and seed on every engine. */
export interface SimulationResults {
  format: 'cumulo-results';
  version: 1;
  scenario: string;
  seed: number;
  duration: number;
  warmup: number;
  simulatedTime: number;
  finished: boolean;
  eventsProcessed: number;
  requests: { arrivals: number; completed: number; dropped: number; timedOut: number };
  services: ServiceResults[];
}

export interface LiveService {
  id: string;
  replicas: number;
  arrivals: number;
  completed: number;
  dropped: number;
  timedOut: number;
  inSystem: number;
  queued: number;
  utilization: number;
  latency: { mean: number; p50: number; p95: number; p99: number };
}

export interface LiveMetrics {
  services: LiveService[];
  series: SeriesStore;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * One run of a scenario. Built from a validated scenario; owns the kernel, the services, the
 * workloads and the metrics. Components talk through the kernel's events only.
 */
export class Simulation {
  readonly kernel = new Kernel();
  readonly endTime: number;
  readonly warmup: number;
  readonly seed: number;
  readonly services: ServiceRuntime[] = [];
  private readonly pool = new RequestPool(1024);
  private readonly arrivals: ArrivalProcess[] = [];
  private readonly workloadTarget: Int32Array;
  readonly series = new SeriesStore();
  private readonly interval: number;
  private seriesCols: { throughput: number; p95: number; utilization: number; queued: number; dropped: number }[] = [];
  private lastBusy: Float64Array;
  private warmupBusy: Float64Array;
  private readonly arrivalKind: number;
  private readonly completeKind: number;
  private readonly sampleKind: number;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.endTime = durationSeconds(scenario.duration);
    this.warmup = durationSeconds(scenario.warmup);
    this.interval = durationSeconds(scenario.metricsInterval);
    const measured = this.endTime - this.warmup;
    const k = this.kernel;
    this.arrivalKind = k.register('arrival', (w) => this.onArrival(w));
    this.completeKind = k.register('complete', (req, svc) => this.services[svc]!.complete(req, k.now));
    const sampleKind = k.register('sample', () => this.onSample());
    const warmupKind = k.register('warmup-end', () => this.onWarmupEnd());

    const serviceIndex = new Map<string, number>();
    scenario.services.forEach((spec, index) => {
      serviceIndex.set(spec.id, index);
      const timeout = spec.timeout === undefined ? Infinity : durationSeconds(spec.timeout);
      const work = spec.work.type === 'normal' && spec.work.min === undefined ? { ...spec.work, min: 0 } : spec.work;
      const svc = new ServiceRuntime(
        {
          id: spec.id,
          index,
          replicas: spec.replicas,
          concurrency: spec.concurrency,
          queueLimit: spec.queueLimit,
          shared: spec.queue === 'shared',
          timeout,
          warmup: this.warmup,
          measuredLength: measured,
        },
        k,
        this.pool,
        makeSampler(work as DistributionSpec),
        RandomStream.forEntity(this.seed, `service/${spec.id}/work`),
        BALANCERS[spec.loadBalancer.policy](RandomStream.forEntity(this.seed, `service/${spec.id}/balancer`)),
        this.completeKind,
      );
      this.services.push(svc);
      this.seriesCols.push({
        throughput: this.series.addColumn(`${spec.id}.throughput`),
        p95: this.series.addColumn(`${spec.id}.p95`),
        utilization: this.series.addColumn(`${spec.id}.utilization`),
        queued: this.series.addColumn(`${spec.id}.queued`),
        dropped: this.series.addColumn(`${spec.id}.dropped`),
      });
    });
    this.lastBusy = new Float64Array(this.services.length);
    this.warmupBusy = new Float64Array(this.services.length);

    this.workloadTarget = new Int32Array(scenario.workloads.length);
    scenario.workloads.forEach((w, i) => {
      this.workloadTarget[i] = serviceIndex.get(w.target)!;
      const proc = makeArrivalProcess(w.arrival, RandomStream.forEntity(this.seed, `workload/${w.id}/arrivals`));
      this.arrivals.push(proc);
      const first = proc.next(0);
      if (first <= this.endTime) k.scheduleAt(first, this.arrivalKind, i);
    });
    if (this.warmup > 0) k.scheduleAt(this.warmup, warmupKind);
    k.scheduleAt(Math.min(this.interval, this.endTime), sampleKind);
    this.sampleKind = sampleKind;
  }

  get now(): number {
    return this.kernel.now;
  }
  get eventsProcessed(): number {
    return this.kernel.eventsProcessed;
  }
  get finished(): boolean {
    return this.kernel.now >= this.endTime;
  }

  private onArrival(w: number): void {
    const k = this.kernel;
    const now = k.now;
    this.services[this.workloadTarget[w]!]!.arrive(now);
    const next = this.arrivals[w]!.next(now);
    if (next <= this.endTime) k.scheduleAt(next, this.arrivalKind, w);
  }

  private onWarmupEnd(): void {
    const now = this.kernel.now;
    this.services.forEach((s, i) => (this.warmupBusy[i] = s.busyTotal(now)));
  }

  private onSample(): void {
    const k = this.kernel;
    const now = k.now;
    const row = this.series.beginRow(now);
    const prevT = row > 0 ? this.series.time[row - 1]! : 0;
    const dt = now - prevT;
    this.services.forEach((s, i) => {
      const cols = this.seriesCols[i]!;
      const busy = s.busyTotal(now);
      const slots = s.size * s.cfg.concurrency;
      this.series.set(cols.throughput, row, dt > 0 ? s.windowCompleted / dt : 0);
      this.series.set(cols.p95, row, s.windowLatency.count > 0 ? s.windowLatency.quantile(0.95) : NaN);
      this.series.set(cols.utilization, row, dt > 0 ? (busy - this.lastBusy[i]!) / (slots * dt) : 0);
      this.series.set(cols.queued, row, s.queuedCount);
      this.series.set(cols.dropped, row, dt > 0 ? s.windowDropped / dt : 0);
      this.lastBusy[i] = busy;
      s.resetWindow();
    });
    if (now < this.endTime) k.scheduleAt(Math.min(now + this.interval, this.endTime), this.sampleKind);
  }

  /** Processes one event (not past the end). Returns false when none is left before the end. */
  step(): boolean {
    if (this.kernel.step(this.endTime)) return true;
    this.kernel.runUntil(this.endTime);
    return false;
  }

  /** Runs to min(t, end), stopping early after maxEvents. Returns the events processed. */
  runUntil(t: number, maxEvents = Infinity): number {
    return this.kernel.runUntil(Math.min(t, this.endTime), maxEvents);
  }

  /** Runs to the end of the scenario. */
  runToEnd(): SimulationResults {
    this.runUntil(this.endTime);
    return this.results();
  }

  live(): LiveMetrics {
    const now = this.kernel.now;
    return {
      services: this.services.map((s) => {
        const h = s.latencyAll;
        const slots = s.size * s.cfg.concurrency;
        return {
          id: s.cfg.id,
          replicas: s.size,
          arrivals: s.arrivals[0]! + s.arrivals[1]!,
          completed: s.completed[0]! + s.completed[1]!,
          dropped: s.dropped[0]! + s.dropped[1]!,
          timedOut: s.timedOut[0]! + s.timedOut[1]!,
          inSystem: s.inSystem,
          queued: s.queuedCount,
          utilization: now > 0 ? s.busyTotal(now) / (slots * now) : 0,
          latency: { mean: h.mean, p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99) },
        };
      }),
      series: this.series,
    };
  }

  results(): SimulationResults {
    const now = this.kernel.now;
    const measured = Math.max(0, now - this.warmup);
    const totals = { arrivals: 0, completed: 0, dropped: 0, timedOut: 0 };
    const services = this.services.map((s, i): ServiceResults => {
      const h = s.latency;
      const lat = s.latencyBatches.interval();
      const wait = s.waitBatches.interval();
      const slots = s.size * s.cfg.concurrency;
      const busy = now > this.warmup ? s.busyTotal(now) - this.warmupBusy[i]! : 0;
      totals.arrivals += s.arrivals[1]!;
      totals.completed += s.completed[1]!;
      totals.dropped += s.dropped[1]!;
      totals.timedOut += s.timedOut[1]!;
      const ci = (m: { mean: number; halfWidth: number | null }) =>
        m.halfWidth === null || !Number.isFinite(m.mean) ? null : { low: m.mean - m.halfWidth, high: m.mean + m.halfWidth };
      return {
        id: s.cfg.id,
        replicas: s.size,
        arrivals: s.arrivals[1]!,
        completed: s.completed[1]!,
        dropped: s.dropped[1]!,
        timedOut: s.timedOut[1]!,
        inFlight: s.inSystem,
        throughput: measured > 0 ? s.completed[1]! / measured : 0,
        utilization: measured > 0 ? busy / (slots * measured) : 0,
        latency: {
          count: h.count,
          mean: num(h.mean),
          ci95: ci(lat),
          p50: num(h.quantile(0.5)),
          p95: num(h.quantile(0.95)),
          p99: num(h.quantile(0.99)),
          p999: num(h.quantile(0.999)),
          min: num(h.min),
          max: num(h.max),
        },
        wait: { mean: num(s.waitCount > 0 ? s.waitSum / s.waitCount : NaN), ci95: ci(wait) },
      };
    });
    return {
      format: 'cumulo-results',
      version: 1,
      scenario: this.scenario.name,
      seed: this.seed,
      duration: this.endTime,
      warmup: this.warmup,
      simulatedTime: now,
      finished: this.finished,
      eventsProcessed: this.kernel.eventsProcessed,
      requests: totals,
      services,
    };
  }
}

export function createSimulation(scenario: Scenario, options?: SimulationOptions): Simulation {
  return new Simulation(scenario, options);
}
