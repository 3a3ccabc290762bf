import type { Sampler } from '../engine/distributions';
import type { Kernel } from '../engine/kernel';
import type { RandomStream } from '../engine/random';
import { Histogram } from '../metrics/histogram';
import { BatchMeans } from '../metrics/series';
import type { LoadBalancer, ReplicaView } from '../traffic/balancers';
import type { RequestPool } from './requests';
import { RingQueue } from './ring-queue';

export interface ServiceConfig {
  id: string;
  index: number;
  /** Replicas at the start (slots 0 .. replicas − 1). */
  replicas: number;
  /** Replica slots (the autoscaler's maximum; `replicas` without one). */
  capacity: number;
  concurrency: number;
  queueLimit: number;
  shared: boolean;
  timeout: number; // Infinity when none
  warmup: number;
  measuredLength: number;
  /** Per-replica weights (all 1 when the scenario gives none). */
  weights: Float64Array;
  /** Smoothing factor of the per-replica response-time moving average. */
  alpha: number;
  /** Health checks: null when the service has none (every replica stays in rotation). */
  health: { unhealthyThreshold: number; healthyThreshold: number; maxQueue: number } | null;
  /** Whether requests call other services after their own work. */
  hasCalls: boolean;
  /** Latency objective threshold in seconds (Infinity when the service has none). */
  sloThreshold: number;
  /** Record latencies for an autoscaler's sync period (`syncLatency`). */
  trackSyncLatency?: boolean;
}

/** Replica slot states (autoscaling): not in the set, starting (not yet taking traffic), ready, draining. */
export const SLOT_ABSENT = 0;
export const SLOT_STARTING = 1;
export const SLOT_READY = 2;
export const SLOT_DRAINING = 3;

/** How a request left a service. */
export const OK = 0;
export const DROPPED = 1;
export const TIMED_OUT = 2;
export const FAILED = 3;
export type Outcome = typeof OK | typeof DROPPED | typeof TIMED_OUT | typeof FAILED;

/**
 * What a service needs from the simulation around it: the downstream calls of a request, and
 * hearing that a request has left (so a caller or the client can be answered).
 */
export interface ServiceHost {
  /** The request's own work is done; start its downstream calls. False when there is nothing to call. */
  startCalls(svc: ServiceRuntime, req: number, now: number): boolean;
  /** The request leaves the service with this outcome (called just before its id is released). */
  requestDone(svc: ServiceRuntime, req: number, outcome: Outcome, now: number): void;
  /** A draining replica has finished its last request (autoscaling scale-down). */
  slotDrained?(svc: ServiceRuntime, slot: number, now: number): void;
}

/**
 * A request-serving service: replicas with `concurrency` slots each, FIFO waiting lines (one per
 * replica, or one shared by all), a queue limit beyond which arrivals are dropped, a client
 * timeout, crashes, health checks, and synchronous downstream calls (the slot is held while the
 * request waits for the services it calls, as a thread-per-request server does).
 *
 * Timeouts are detected lazily, without an event per request: a waiting request whose client has
 * already given up is discarded (counted as timed out, no work done) when it reaches the head of
 * the line; a request answered too late is counted as timed out when it completes (the server did
 * the work, the client had gone). The counts are exact; only the moment they are recorded differs.
 */
export class ServiceRuntime implements ReplicaView {
  /** Slots in use per replica. */
  readonly inService: Int32Array;
  readonly queues: RingQueue[];
  /** Taken down for good (see close). */
  private closed = false;
  /** With a shared queue: replicas with a free slot, longest idle first (one entry per free slot). */
  private readonly freeSlots: RingQueue;
  private readonly busyArea: Float64Array;
  private readonly lastChange: Float64Array;
  /** Replica is crashed (1) or up (0). */
  readonly down: Uint8Array;
  /** Speed of a request starting on a slot relative to its nominal work (CPU contention, limits); null: always 1. */
  private speedOf: ((slot: number) => number) | null = null;
  /** The replica's last pause (a live migration's stop-and-copy): work in it stands still. */
  private readonly pauseStart: Float64Array;
  private readonly pauseEnd: Float64Array;
  /** Bumped at every crash: requests started in an older epoch died with the replica. */
  private readonly epoch: Int32Array;
  /** Slot state: SLOT_ABSENT, SLOT_STARTING, SLOT_READY or SLOT_DRAINING. */
  readonly slot: Uint8Array;
  /** Ready slots (taking traffic), and ready + draining + starting ones. */
  readyCount = 0;
  private drainingCount = 0;
  private startingCount = 0;
  /** ∫ (ready + draining replicas) dt: the replica-seconds able to serve (utilization's denominator). */
  private servingArea = 0;
  private servingChange = 0;
  /** In the balancer's rotation (health checks); only ready slots are. */
  readonly inRotation: Uint8Array;
  private readonly passStreak: Int32Array;
  private readonly failStreak: Int32Array;
  private rotationCount: number;
  /** Moving average of each replica's response times (NaN before the first). */
  private readonly rtAvg: Float64Array;
  private queuedTotal = 0;
  /** Requests in the service (waiting, or in a slot), and its time integral (Little's law). */
  inSystem = 0;
  private areaInSystem = 0;
  private lastInSystemChange = 0;

  // Counters by phase (0 = arrived during warm-up, 1 = measured).
  readonly arrivals = new Float64Array(2);
  readonly completed = new Float64Array(2);
  readonly dropped = new Float64Array(2);
  readonly timedOut = new Float64Array(2);
  /** Requests that failed: their replica crashed, they were sent to a dead replica, or a call they made failed. */
  readonly errors = new Float64Array(2);

  /** Latency of successful requests that arrived during the warm-up, and of measured ones (results). */
  readonly warmupLatency = new Histogram();
  readonly latency = new Histogram();
  /** Scratch for live figures over both phases. */
  private readonly latencyBoth = new Histogram();
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
  windowErrors = 0;
  /** Latency since the autoscaler's last sync (only when cfg.trackSyncLatency). */
  readonly syncLatency = new Histogram();
  private readonly trackSync: boolean;
  /** Objective tracking: counts since the last objective window, and measured totals. */
  readonly sloLatency = new Histogram();
  sloGood = 0;
  sloBad = 0;
  sloSlow = 0;
  readonly slowTotal = new Float64Array(2);

  readonly size: number;

  constructor(
    readonly cfg: ServiceConfig,
    private readonly kernel: Kernel,
    private readonly pool: RequestPool,
    private readonly work: Sampler,
    private readonly workRng: RandomStream,
    private balancer: LoadBalancer,
    private readonly completeKind: number,
    private readonly host: ServiceHost,
  ) {
    this.trackSync = cfg.trackSyncLatency === true;
    const n = cfg.capacity;
    const initial = cfg.replicas;
    if (!(initial >= 0 && initial <= n)) throw new RangeError(`service ${cfg.id}: ${initial} initial replicas do not fit ${n} slots`);
    this.size = n;
    this.inService = new Int32Array(n);
    this.busyArea = new Float64Array(n);
    this.lastChange = new Float64Array(n);
    this.down = new Uint8Array(n);
    this.epoch = new Int32Array(n);
    this.pauseStart = new Float64Array(n);
    this.pauseEnd = new Float64Array(n);
    this.slot = new Uint8Array(n);
    this.slot.fill(SLOT_READY, 0, initial);
    this.readyCount = initial;
    this.inRotation = new Uint8Array(n);
    this.inRotation.fill(1, 0, initial);
    this.passStreak = new Int32Array(n);
    this.failStreak = new Int32Array(n);
    this.rotationCount = initial;
    this.rtAvg = new Float64Array(n).fill(NaN);
    this.queues = [];
    if (cfg.shared) {
      this.queues.push(new RingQueue(64));
      this.freeSlots = new RingQueue(n * cfg.concurrency);
      for (let c = 0; c < cfg.concurrency; c++) for (let r = 0; r < initial; r++) this.freeSlots.push(r);
    } else {
      for (let r = 0; r < n; r++) this.queues.push(new RingQueue(16));
      this.freeSlots = new RingQueue(2);
    }
    this.latencyBatches = new BatchMeans(cfg.warmup, cfg.measuredLength);
    this.waitBatches = new BatchMeans(cfg.warmup, cfg.measuredLength);
  }

  // ---- ReplicaView, for balancers
  active(i: number): number {
    return this.inService[i]!;
  }
  queued(i: number): number {
    return this.cfg.shared ? 0 : this.queues[i]!.length;
  }
  weight(i: number): number {
    return this.cfg.weights[i]!;
  }
  /** Ready and in rotation; when health checks have taken every ready replica out, all ready ones are used (Envoy's panic mode). */
  healthy(i: number): boolean {
    return this.inRotation[i] === 1 || (this.rotationCount === 0 && this.slot[i] === SLOT_READY);
  }
  responseTime(i: number): number {
    return this.rtAvg[i]!;
  }

  /** Latency of every successful request so far, warm-up included (for live figures). */
  latencySoFar(): Histogram {
    if (this.warmupLatency.count === 0) return this.latency;
    if (this.latency.count === 0) return this.warmupLatency;
    this.latencyBoth.reset();
    this.latencyBoth.add(this.warmupLatency);
    this.latencyBoth.add(this.latency);
    return this.latencyBoth;
  }

  get queuedCount(): number {
    return this.queuedTotal;
  }

  /**
   * Taken down for good (service:delete): requests waiting in the shared queue fail now, and every
   * later arrival fails at once (with a queue per replica, each draining replica serves its own).
   */
  close(now: number): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.cfg.shared) return;
    const q = this.queues[0]!;
    while (q.length > 0) {
      const req = q.shift();
      this.queuedTotal--;
      this.leave(req, FAILED, now);
    }
  }

  /** A request arrives at the service now; `parent` is the calling request (−1 for a client's), `origin` its workload. */
  arrive(now: number, key: number, parent: number, origin: number): void {
    const phase = now >= this.cfg.warmup ? 1 : 0;
    this.arrivals[phase]!++;
    this.windowArrivals++;
    const w = this.work.sample(this.workRng);
    const pool = this.pool;
    const req = pool.alloc(now, w > 0 ? w : 0, this.cfg.index, parent, origin, key);
    this.changeInSystem(1, now);
    if (this.closed) {
      this.leave(req, FAILED, now);
      return;
    }
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
      if (this.readyCount === 0) {
        // No endpoint: every replica is starting, draining or gone (scaled to zero).
        this.leave(req, FAILED, now);
        return;
      }
      const r = this.balancer.pick(this, key);
      if (this.down[r] === 1) {
        // Connection refused: the balancer still sends to a dead replica until health checks notice.
        this.leave(req, FAILED, now);
        return;
      }
      if (this.inService[r]! < this.cfg.concurrency) {
        this.begin(req, r, now);
        return;
      }
      const q = this.queues[r]!;
      if (q.length < this.cfg.queueLimit) {
        pool.replica[req] = r;
        q.push(req);
        this.queuedTotal++;
        return;
      }
    }
    this.leave(req, DROPPED, now);
  }

  /** Counts a request's outcome, tells the host, and releases it. Does not touch replica slots. */
  private leave(req: number, outcome: Outcome, now: number): void {
    const pool = this.pool;
    const arrival = pool.arrival[req]!;
    const phase = arrival >= this.cfg.warmup ? 1 : 0;
    switch (outcome) {
      case OK: {
        const rt = now - arrival;
        this.completed[phase]!++;
        this.windowCompleted++;
        this.windowLatency.record(rt);
        if (phase === 1) {
          this.latency.record(rt);
          this.latencyBatches.add(arrival, rt);
        } else this.warmupLatency.record(rt);
        this.sloGood++;
        this.sloLatency.record(rt);
        if (this.trackSync) this.syncLatency.record(rt);
        if (rt > this.cfg.sloThreshold) {
          this.sloSlow++;
          this.slowTotal[phase]!++;
        }
        break;
      }
      case DROPPED:
        this.dropped[phase]!++;
        this.windowDropped++;
        break;
      case TIMED_OUT:
        this.timedOut[phase]!++;
        this.windowTimedOut++;
        break;
      default:
        this.errors[phase]!++;
        this.windowErrors++;
    }
    if (outcome !== OK) this.sloBad++;
    this.changeInSystem(-1, now);
    this.host.requestDone(this, req, outcome, now);
    pool.release(req);
  }

  private changeInSystem(delta: number, now: number): void {
    this.areaInSystem += this.inSystem * (now - this.lastInSystemChange);
    this.lastInSystemChange = now;
    this.inSystem += delta;
  }

  /** ∫ inSystem dt from the start to now. */
  inSystemArea(now: number): number {
    return this.areaInSystem + this.inSystem * (now - this.lastInSystemChange);
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
    pool.epoch[req] = this.epoch[r]!;
    const arrival = pool.arrival[req]!;
    if (arrival >= this.cfg.warmup) {
      const wait = now - arrival;
      this.waitSum += wait;
      this.waitCount++;
      this.waitBatches.add(arrival, wait);
    }
    const speed = this.speedOf === null ? 1 : this.speedOf(r);
    this.kernel.schedule(speed === 1 ? pool.work[req]! : pool.work[req]! / speed, this.completeKind, req, this.cfg.index);
  }

  /** Installs the speed of requests by slot (see sim/contention.ts). */
  setSpeed(fn: ((slot: number) => number) | null): void {
    this.speedOf = fn;
  }

  /** Whether the request died with its replica (a crash since it started). */
  dead(req: number): boolean {
    return this.pool.epoch[req] !== this.epoch[this.pool.replica[req]!];
  }

  /**
   * A request that died in a crash (already counted as an error then) reaches its next event: its
   * caller hears of the failure now, and its id is freed. (The caller learns at the moment the
   * request would have answered, not at the crash itself: a simplification.)
   */
  private releaseDead(req: number, now: number): void {
    this.host.requestDone(this, req, FAILED, now);
    this.pool.release(req);
  }

  /**
   * The replica's machine stops for `seconds` from now (live migration): requests in service, and
   * those that start meanwhile, make no progress until it resumes; their completions move later by
   * the overlap. (Requests waiting on downstream calls are not held back.)
   */
  pause(r: number, now: number, seconds: number): void {
    this.pauseStart[r] = now;
    this.pauseEnd[r] = now + seconds;
    this.everPaused = true;
  }

  /** Whether any replica has ever paused (the completion path skips the check until then). */
  private everPaused = false;

  /** The request's own work is done now: it calls downstream services, or it answers. */
  workDone(req: number, now: number): void {
    if (this.dead(req)) {
      this.releaseDead(req, now);
      return;
    }
    if (this.everPaused && this.heldByPause(req, now)) return;
    if (this.cfg.hasCalls && this.host.startCalls(this, req, now)) return;
    this.finish(req, now);
  }

  /**
   * Whether the request's work overlapped its replica's last pause [a, end): then what was left
   * when the pause began resumes at its end, and the completion is rescheduled (true).
   */
  private heldByPause(req: number, now: number): boolean {
    const pool = this.pool;
    const r = pool.replica[req]!;
    const end = this.pauseEnd[r]!;
    const start = pool.start[req]!;
    const a = this.pauseStart[r]!;
    if (!(end > start && a < now)) return false;
    const done = start < a ? a - start : 0;
    const finish = end + (now - start - done);
    pool.start[req] = end; // counted once
    if (!(finish > now)) return false;
    this.kernel.schedule(finish - now, this.completeKind, req, this.cfg.index);
    return true;
  }

  /**
   * The request answers now (its calls, if any, are over): success, a late answer (timeout), or a
   * failure when one of its calls failed. Its slot takes the next request from the line.
   */
  finish(req: number, now: number): void {
    const pool = this.pool;
    if (this.dead(req)) {
      this.releaseDead(req, now); // its replica crashed while it waited for downstream calls
      return;
    }
    const r = pool.replica[req]!;
    const rt = now - pool.arrival[req]!;
    const avg = this.rtAvg[r]!;
    this.rtAvg[r] = avg === avg ? avg + this.cfg.alpha * (rt - avg) : rt;
    this.leave(req, pool.failed[req] === 1 ? FAILED : rt > this.cfg.timeout ? TIMED_OUT : OK, now);
    this.touch(r, now);
    this.inService[r]!--;
    this.takeNext(r, now);
  }

  /** A free slot on replica r takes the next live request from its line, or becomes idle. */
  private takeNext(r: number, now: number): boolean {
    if (this.cfg.shared && this.slot[r] !== SLOT_READY) {
      this.checkDrained(r, now);
      return false;
    }
    const q = this.cfg.shared ? this.queues[0]! : this.queues[r]!;
    while (q.length > 0) {
      const next = q.shift();
      this.queuedTotal--;
      if (now - this.pool.arrival[next]! > this.cfg.timeout) {
        this.leave(next, TIMED_OUT, now);
        continue;
      }
      this.begin(next, r, now);
      return true;
    }
    if (this.cfg.shared) this.freeSlots.push(r);
    else if (this.drainingCount > 0) this.checkDrained(r, now);
    return false;
  }

  /** A draining replica with nothing left to do is done: the host hears of it. */
  private checkDrained(r: number, now: number): void {
    if (this.slot[r] !== SLOT_DRAINING || this.inService[r]! > 0) return;
    if (!this.cfg.shared && this.queues[r]!.length > 0) return;
    this.host.slotDrained?.(this, r, now);
  }

  // ---- the replica set (autoscaling)

  /** Replicas in the set: starting + ready (what an autoscaler calls the current count). */
  get activeCount(): number {
    return this.startingCount + this.readyCount;
  }
  get starting(): number {
    return this.startingCount;
  }
  get draining(): number {
    return this.drainingCount;
  }

  private touchServing(now: number): void {
    this.servingArea += (this.readyCount + this.drainingCount) * (now - this.servingChange);
    this.servingChange = now;
  }

  /** ∫ (ready + draining replicas) dt up to now (a pure read). */
  servingSeconds(now: number): number {
    return this.servingArea + (this.readyCount + this.drainingCount) * (now - this.servingChange);
  }

  /** An absent slot joins the set, starting: it takes no traffic until `makeReady`. */
  startSlot(r: number, now: number): void {
    if (this.slot[r] !== SLOT_ABSENT) throw new Error(`service ${this.cfg.id}: slot ${r} is not free`);
    this.touchServing(now);
    this.slot[r] = SLOT_STARTING;
    this.startingCount++;
  }

  /** A starting slot is ready (or a draining one is taken back): it enters the rotation. */
  makeReady(r: number, now: number): void {
    const st = this.slot[r];
    if (st !== SLOT_STARTING && st !== SLOT_DRAINING) throw new Error(`service ${this.cfg.id}: slot ${r} is not starting or draining`);
    this.touchServing(now);
    if (st === SLOT_STARTING) this.startingCount--;
    else this.drainingCount--;
    this.slot[r] = SLOT_READY;
    this.readyCount++;
    this.inRotation[r] = 1;
    this.rotationCount++;
    this.passStreak[r] = 0;
    this.failStreak[r] = 0;
    this.balancer.membershipChanged?.(this);
    if (this.cfg.shared && this.down[r] === 0) {
      // Its free slots (minus those already busy with leftovers) start on the shared line.
      for (let c = this.inService[r]!; c < this.cfg.concurrency; c++) this.takeNext(r, now);
    }
  }

  /** A starting slot is given up before it took traffic: absent again. */
  cancelSlot(r: number, now: number): void {
    if (this.slot[r] !== SLOT_STARTING) throw new Error(`service ${this.cfg.id}: slot ${r} is not starting`);
    this.touchServing(now);
    this.slot[r] = SLOT_ABSENT;
    this.startingCount--;
  }

  /**
   * A ready slot leaves the rotation and finishes what it holds. Returns true when it holds
   * nothing (drained at once; the host is not called back then).
   */
  drainSlot(r: number, now: number): boolean {
    if (this.slot[r] !== SLOT_READY) throw new Error(`service ${this.cfg.id}: slot ${r} is not ready`);
    this.touchServing(now);
    this.slot[r] = SLOT_DRAINING;
    this.readyCount--;
    this.drainingCount++;
    if (this.inRotation[r] === 1) {
      this.inRotation[r] = 0;
      this.rotationCount--;
    }
    if (this.cfg.shared) this.removeFreeSlots(r);
    this.balancer.membershipChanged?.(this);
    return this.inService[r] === 0 && (this.cfg.shared || this.queues[r]!.length === 0);
  }

  /** A drained slot leaves the set. */
  releaseSlot(r: number, now: number): void {
    if (this.slot[r] !== SLOT_DRAINING) throw new Error(`service ${this.cfg.id}: slot ${r} is not draining`);
    if (this.inService[r]! > 0 || (!this.cfg.shared && this.queues[r]!.length > 0)) throw new Error(`service ${this.cfg.id}: slot ${r} still holds requests`);
    this.touchServing(now);
    this.slot[r] = SLOT_ABSENT;
    this.drainingCount--;
  }

  private removeFreeSlots(r: number): void {
    const keep: number[] = [];
    while (this.freeSlots.length > 0) {
      const x = this.freeSlots.shift();
      if (x !== r) keep.push(x);
    }
    for (const x of keep) this.freeSlots.push(x);
  }

  /**
   * Busy slot-seconds of all replicas up to `now`. A pure read: observing a run (the console
   * polls this) must never change its arithmetic, or a watched run would differ in the last bits
   * from an unwatched one.
   */
  busyTotal(now: number): number {
    let total = 0;
    for (let r = 0; r < this.size; r++) total += this.busyArea[r]! + this.inService[r]! * (now - this.lastChange[r]!);
    return total;
  }

  /** Busy slot-seconds of each replica up to now (a pure read, like busyTotal). */
  replicaBusy(now: number, out: Float64Array): void {
    for (let r = 0; r < this.size; r++) out[r] = this.busyArea[r]! + this.inService[r]! * (now - this.lastChange[r]!);
  }

  /**
   * The replica crashes now: the requests it was serving (or holding while they wait for their
   * calls) fail, its waiting line fails, and it takes no work until it recovers. Requests in
   * service keep their ids until their pending completion (or last call) arrives, then are released.
   */
  crash(r: number, now: number): void {
    if (this.down[r] === 1) return;
    this.touch(r, now);
    const lost = this.inService[r]!;
    this.epoch[r]!++;
    this.inService[r] = 0;
    this.down[r] = 1;
    // Those in service are counted now; their ids are released when their events arrive.
    this.changeInSystem(-lost, now);
    const phase = now >= this.cfg.warmup ? 1 : 0;
    this.errors[phase]! += lost;
    this.windowErrors += lost;
    this.sloBad += lost;
    if (this.cfg.shared) this.removeFreeSlots(r);
    else {
      const q = this.queues[r]!;
      while (q.length > 0) {
        const req = q.shift();
        this.queuedTotal--;
        this.leave(req, FAILED, now);
      }
    }
    this.checkDrained(r, now);
  }

  /** The replica is back, empty; with a shared queue it starts on waiting requests at once. */
  recover(r: number, now: number): void {
    if (this.down[r] === 0) return;
    this.touch(r, now);
    this.down[r] = 0;
    if (this.cfg.shared && this.slot[r] === SLOT_READY) for (let c = 0; c < this.cfg.concurrency; c++) this.takeNext(r, now);
  }

  /**
   * One round of health checks. A replica fails its check when it is down, or when more requests
   * wait at it than `maxQueue` (overloaded). After `unhealthyThreshold` consecutive failures it
   * leaves the rotation; after `healthyThreshold` consecutive passes it returns. Returns whether
   * the rotation changed (the balancer is told).
   */
  healthCheck(): boolean {
    const h = this.cfg.health;
    if (!h) return false;
    let changed = false;
    for (let r = 0; r < this.size; r++) {
      if (this.slot[r] !== SLOT_READY) continue;
      const ok = this.down[r] === 0 && (this.cfg.shared || this.queues[r]!.length <= h.maxQueue);
      if (ok) {
        this.failStreak[r] = 0;
        this.passStreak[r]!++;
        if (this.inRotation[r] === 0 && this.passStreak[r]! >= h.healthyThreshold) {
          this.inRotation[r] = 1;
          this.rotationCount++;
          changed = true;
        }
      } else {
        this.passStreak[r] = 0;
        this.failStreak[r]!++;
        if (this.inRotation[r] === 1 && this.failStreak[r]! >= h.unhealthyThreshold) {
          this.inRotation[r] = 0;
          this.rotationCount--;
          changed = true;
        }
      }
    }
    if (changed) this.balancer.membershipChanged?.(this);
    return changed;
  }

  /** Swaps the load-balancing policy while running (the console's inspector). */
  setBalancer(balancer: LoadBalancer): void {
    this.balancer = balancer;
    balancer.membershipChanged?.(this);
  }

  resetWindow(): void {
    this.windowLatency.reset();
    this.windowCompleted = 0;
    this.windowDropped = 0;
    this.windowTimedOut = 0;
    this.windowArrivals = 0;
    this.windowErrors = 0;
  }
}
