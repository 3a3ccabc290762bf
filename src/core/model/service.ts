import type { Kernel } from '../engine/kernel';
import type { Sampler } from '../engine/distributions';
import type { RandomStream } from '../engine/random';
import { BatchMeans } from '../metrics/series';
import { Histogram } from '../metrics/histogram';
import type { LoadBalancer, ReplicaView } from '../traffic/balancers';
import type { RequestPool } from './requests';
import { RingQueue } from './ring-queue';

/** Counters split by phase: index 0 = warm-up, 1 = measured (by the request's arrival time). */
export type PhaseCounters = Float64Array;

export interface ServiceConfig {
  id: string;
  index: number;
  replicas: number;
  concurrency: number;
  queueLimit: number;
  shared: boolean;
  timeout: number; // Infinity when none
  warmup: number;
  measuredLength: number;
}

/**
 * A request-serving service: replicas with `concurrency` slots each, FIFO waiting lines (one per
 * replica, or one shared by all), a queue limit beyond which arrivals are dropped, and a client
 * timeout.
 *
 * Timeouts are detected lazily, without an event per request: a waiting request whose client has
 * already given up is discarded (counted as timed out, no work done) when it reaches the head of
 * the line; a request served too late is counted as timed out when it completes (the server did
 * the work, the client had gone). The counts are exact; only the moment they are recorded differs.
 */
export class ServiceRuntime implements ReplicaView {
  /** Slots in use per replica. */
  readonly inService: Int32Array;
  readonly queues: RingQueue[];
  /** With a shared queue: replicas with a free slot, longest idle first (one entry per free slot). */
  private readonly freeSlots: RingQueue;
  private readonly busyArea: Float64Array;
  private readonly lastChange: Float64Array;
  private queuedTotal = 0;
  inSystem = 0;

  // Counters by phase (0 warm-up, 1 measured).
  readonly arrivals = new Float64Array(2);
  readonly completed = new Float64Array(2);
  readonly dropped = new Float64Array(2);
  readonly timedOut = new Float64Array(2);

  /** Latency of every successful request (all phases), for live figures. */
  readonly latencyAll = new Histogram();
  /** Latency of measured requests, for results. */
  readonly latency = new Histogram();
  readonly latencyBatches: BatchMeans;
  readonly waitBatches: BatchMeans;
  waitSum = 0;
  waitCount = 0;
  /** Window figures, reset at every metrics sample. */
  readonly windowLatency = new Histogram();
  windowCompleted = 0;
  windowDropped = 0;
  windowTimedOut = 0;
  windowArrivals = 0;

  readonly size: number;
  private readonly completeKind: number;

  constructor(
    readonly cfg: ServiceConfig,
    private readonly kernel: Kernel,
    private readonly pool: RequestPool,
    private readonly work: Sampler,
    private readonly workRng: RandomStream,
    private readonly balancer: LoadBalancer,
    completeKind: number,
  ) {
    const n = cfg.replicas;
    this.size = n;
    this.inService = new Int32Array(n);
    this.busyArea = new Float64Array(n);
    this.lastChange = new Float64Array(n);
    this.completeKind = completeKind;
    this.queues = [];
    if (cfg.shared) {
      this.queues.push(new RingQueue(64));
      this.freeSlots = new RingQueue(n * cfg.concurrency);
      for (let c = 0; c < cfg.concurrency; c++) for (let r = 0; r < n; r++) this.freeSlots.push(r);
    } else {
      for (let r = 0; r < n; r++) this.queues.push(new RingQueue(16));
      this.freeSlots = new RingQueue(2);
    }
    this.latencyBatches = new BatchMeans(cfg.warmup, cfg.measuredLength);
    this.waitBatches = new BatchMeans(cfg.warmup, cfg.measuredLength);
  }

  // ReplicaView for balancers.
  active(i: number): number {
    return this.inService[i]!;
  }
  queued(i: number): number {
    return this.cfg.shared ? 0 : this.queues[i]!.length;
  }

  get queuedCount(): number {
    return this.queuedTotal;
  }

  /** A new request arrives at the service now. */
  arrive(now: number): void {
    const phase = now >= this.cfg.warmup ? 1 : 0;
    this.arrivals[phase]!++;
    this.windowArrivals++;
    const w = this.work.sample(this.workRng);
    const req = this.pool.alloc(now, w > 0 ? w : 0);
    this.inSystem++;
    const conc = this.cfg.concurrency;
    if (this.cfg.shared) {
      if (this.freeSlots.length > 0) {
        this.begin(req, this.freeSlots.shift(), now);
        return;
      }
      const q = this.queues[0]!;
      if (q.length < this.cfg.queueLimit) {
        q.push(req);
        this.queuedTotal++;
        return;
      }
    } else {
      const r = this.balancer.pick(this);
      if (this.inService[r]! < conc) {
        this.begin(req, r, now);
        return;
      }
      const q = this.queues[r]!;
      if (q.length < this.cfg.queueLimit) {
        this.pool.replica[req] = r;
        q.push(req);
        this.queuedTotal++;
        return;
      }
    }
    this.dropped[phase]!++;
    this.windowDropped++;
    this.inSystem--;
    this.pool.release(req);
  }

  private touch(r: number, now: number): void {
    this.busyArea[r]! += this.inService[r]! * (now - this.lastChange[r]!);
    this.lastChange[r] = now;
  }

  private begin(req: number, r: number, now: number): void {
    this.touch(r, now);
    this.inService[r]!++;
    const pool = this.pool;
    pool.replica[req] = r;
    pool.start[req] = now;
    const arrival = pool.arrival[req]!;
    if (arrival >= this.cfg.warmup) {
      const wait = now - arrival;
      this.waitSum += wait;
      this.waitCount++;
      this.waitBatches.add(arrival, wait);
    }
    this.kernel.schedule(pool.work[req]!, this.completeKind, req, this.cfg.index);
  }

  /** The request `req` finishes its work now. */
  complete(req: number, now: number): void {
    const pool = this.pool;
    const r = pool.replica[req]!;
    const arrival = pool.arrival[req]!;
    const phase = arrival >= this.cfg.warmup ? 1 : 0;
    const rt = now - arrival;
    if (rt > this.cfg.timeout) {
      this.timedOut[phase]!++;
      this.windowTimedOut++;
    } else {
      this.completed[phase]!++;
      this.windowCompleted++;
      this.latencyAll.record(rt);
      this.windowLatency.record(rt);
      if (phase === 1) {
        this.latency.record(rt);
        this.latencyBatches.add(arrival, rt);
      }
    }
    pool.release(req);
    this.inSystem--;
    this.touch(r, now);
    this.inService[r]!--;
    // The freed slot takes the next live request from its line.
    const q = this.cfg.shared ? this.queues[0]! : this.queues[r]!;
    while (q.length > 0) {
      const next = q.shift();
      this.queuedTotal--;
      const arr = pool.arrival[next]!;
      if (now - arr > this.cfg.timeout) {
        const ph = arr >= this.cfg.warmup ? 1 : 0;
        this.timedOut[ph]!++;
        this.windowTimedOut++;
        this.inSystem--;
        pool.release(next);
        continue;
      }
      this.begin(next, r, now);
      return;
    }
    if (this.cfg.shared) this.freeSlots.push(r);
  }

  /** Busy slot-seconds of all replicas up to `now`. */
  busyTotal(now: number): number {
    let total = 0;
    for (let r = 0; r < this.size; r++) {
      this.touch(r, now);
      total += this.busyArea[r]!;
    }
    return total;
  }

  /** Busy fraction of each replica up to now (for snapshots). */
  replicaBusy(now: number, out: Float64Array): void {
    for (let r = 0; r < this.size; r++) {
      this.touch(r, now);
      out[r] = this.busyArea[r]!;
    }
  }

  resetWindow(): void {
    this.windowLatency.reset();
    this.windowCompleted = 0;
    this.windowDropped = 0;
    this.windowTimedOut = 0;
    this.windowArrivals = 0;
  }
}
